"""Settings of bench/site_search.py: the demo settings with every app, on an in-memory SQLite
database, or PostgreSQL with --postgres (bench/database.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import database  # noqa: E402

from demo.settings import *  # noqa: E402, F403

# The demo's few régions, as the tests load them: the figures stay comparable between runs.
DEMO_ALL_TERRITOIRES = False

DEBUG = False
DATABASES = {"default": database.settings("site_search")}
WAGTAILSEARCH_BACKENDS = database.search_backends()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "site_search_urls"
# Benchmarks run background work (search indexing) in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
