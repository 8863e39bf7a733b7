"""Settings of bench/newsletter_send.py: the demo settings on a throw-away SQLite file (WAL)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.settings import *  # noqa: E402, F403

# The demo's few régions, as the tests load them: the figures stay comparable between runs.
DEMO_ALL_TERRITOIRES = False

DEBUG = False
# The newsletter alone on the core: it depends on no other feature app.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in {"agenda", "fiches", "annuaire"}]  # noqa: F405
ROOT_URLCONF = "newsletter_urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("NL_BENCH_DB", ""),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 60,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
if os.environ.get("NL_BENCH_DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["NL_BENCH_DATABASE_URL"])}
MEDIA_ROOT = os.environ.get("NL_BENCH_MEDIA", "/tmp/nl-bench-media")
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("NL_BENCH_SMTP_PORT", "0") or 0)
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILADMIN_BASE_URL = "https://resovilles.example"
RESOURCE_CENTRE = {
    "NEWSLETTER_BATCH_SIZE": 100,
    # NL_BENCH_TRANSPORT=django measures the plain default transport instead of the fast path.
    "NEWSLETTER_TRANSPORT": {
        "django": "newsletter.transports.DjangoTransport",
        "pipelined": "newsletter.transports.PipelinedSMTPTransport",
    }[os.environ.get("NL_BENCH_TRANSPORT", "pipelined")],
}
