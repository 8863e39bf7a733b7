"""Settings of bench/fiches_index.py: the demo settings with the core and the fiches only,
on an in-memory SQLite database, or PostgreSQL with --postgres (bench/database.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import database  # noqa: E402

from demo.settings import *  # noqa: E402, F403

# The demo's few régions, as the tests load them: the figures stay comparable between runs.
DEMO_ALL_TERRITOIRES = False

DEBUG = False
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in {"agenda", "annuaire", "newsletter"}]  # noqa: F405
DATABASES = {"default": database.settings("fiches")}
WAGTAILSEARCH_BACKENDS = database.search_backends()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "fiches_urls"
# Benchmarks run background work (search indexing) in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
