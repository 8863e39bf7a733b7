"""Settings of bench/agenda_listing.py: the test settings with the core and the agenda only,
so that the figures measure the agenda alone (SQLite file, or PostgreSQL with DATABASE_URL)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.settings import *  # noqa: E402, F403

DEBUG = False
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in {"annuaire", "fiches", "newsletter"}]  # noqa: F405
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "agenda_urls"
