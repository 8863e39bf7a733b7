"""Settings of bench/annuaire_listing.py: the demo settings with the core and the annuaire only,
on an in-memory SQLite database (PostgreSQL in production)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.settings import *  # noqa: E402, F403

DEBUG = False
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in {"agenda", "fiches", "newsletter"}]  # noqa: F405
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "annuaire_urls"
# Benchmarks run background work (search indexing) in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
