"""Test settings: the demo site, with fast hashing and a throw-away media folder."""

import os
import tempfile
from pathlib import Path

# A fixed key for the tests, so that they write no key file into var/ (tests/core/test_demo_settings.py
# checks the demo's own key).
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-any-site")

from demo.settings import *  # noqa: E402, F403

DEBUG = False
# The demo of the tests loads a few régions' communes, not all of France (demo/content/core.py).
DEMO_ALL_TERRITOIRES = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# media/ and the suite's private/ folder beside it, in a folder of this test process's own.
MEDIA_ROOT = str(Path(tempfile.mkdtemp(prefix="rc-test-")) / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests run background work in-process; those about queueing pick another backend themselves.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
