"""Settings of bench/agenda_listing.py: the test settings with the core and the agenda only,
so that the figures measure the agenda alone (a SQLite file, or PostgreSQL with --postgres:
bench/database.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import database  # noqa: E402

from tests.settings import *  # noqa: E402, F403

DEBUG = False
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in {"annuaire", "fiches", "newsletter"}]  # noqa: F405
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "agenda_urls"
# bench/agenda_listing.py names the SQLite file.
DATABASES = {"default": database.settings("agenda", sqlite_name="")}
WAGTAILSEARCH_BACKENDS = database.search_backends()
