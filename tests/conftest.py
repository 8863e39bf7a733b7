"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.management import call_command

from . import planner, snapshot

# The real SMTP server every e-mail test sends through.
pytest_plugins = ["tests.smtp"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and Wagtail's cached site roots live in the cache: none may carry over
    from one test to the next (they would, within one xdist worker)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _generations_renewed_at_once(monkeypatch, request):
    """A test's transaction never commits, so a change renews its generation at once here, as it
    does at its commit on a site (resource_centre/generations.py; tests marked
    `real_commit` keep the commit's timing, to test it)."""
    import types

    from resource_centre import generations

    if "real_commit" not in request.keywords:
        monkeypatch.setattr(generations, "transaction", types.SimpleNamespace(on_commit=_now))


def _now(callback, *args, **kwargs):
    callback()


@pytest.fixture(autouse=True)
def _no_geocoder_by_default(monkeypatch):
    """No test reaches the internet: the annuaire's geocoder (by default the public Base Adresse
    Nationale) is off, even in tests that replace RESOURCE_CENTRE, unless a test points it at its
    own local server."""
    from annuaire import conf

    monkeypatch.setitem(conf.DEFAULTS, "ANNUAIRE_GEOCODER_URL", "")


@pytest.fixture(autouse=True)
def _planner_statistics(monkeypatch):
    """Bulk inserts analyse their table on PostgreSQL, as autovacuum would (tests/planner.py)."""
    planner.analysing_bulk_inserts(monkeypatch)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated test database, whose rows each test of the database starts from unless it
    asks for a snapshot (tests/snapshot.py)."""
    with django_db_blocker.unblock():
        snapshot.note_migrated()


@pytest.fixture(autouse=True)
def _database_between_tests(request):
    yield from snapshot.between_tests(request)


def pytest_collection_modifyitems(items):
    snapshot.set_up_first(items, "_database_between_tests")
    _slow_without_database_first(items)


_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def _slow_without_database_first(items):
    """pytest-django puts the tests that use no database last, and the longest of the suite are
    among them (`slow`: part of the suite in its own process, an install): started there, one runs
    on alone after the other worker has finished. They start first instead, the rest running beside
    them (scripts/test's --maxschedchunk=2 keeps xdist from handing them all to one worker). The
    tests of the database keep pytest-django's order (the transactional ones last). This hook runs
    after pytest-django's, which is tryfirst."""

    def slow_without_database(item):
        return (
            item.get_closest_marker("slow") is not None
            and item.get_closest_marker("django_db") is None
            and not _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )

    items.sort(key=lambda item: not slow_without_database(item))  # stable: the rest keep order


def _load_demo():
    call_command("load_demo", stdout=open(os.devnull, "w"))


def load_core():
    from demo.content import core

    return core.load()


def _load_fiches():
    from demo.content import fiches

    load_core()
    fiches.load()


def _home_page():
    from demo.home.models import HomePage

    return HomePage.objects.get()


def _fiche_index():
    from fiches.models import FicheIndexPage

    return FicheIndexPage.objects.get()


_demo_site_rows, demo_site = snapshot.fixtures(
    "demo_site", _load_demo, _home_page, "The demo content of every installed app."
)
_home_rows, home = snapshot.fixtures(
    "home", load_core, _home_page, "The demo home page, pages, settings and core taxonomies."
)
_fiches_site_rows, fiches_site = snapshot.fixtures(
    "fiches_site", _load_fiches, _fiche_index, "The core demo content and the demo fiches."
)


@pytest.fixture
def count_queries():
    """`count_queries(client.get, url)` → (number of SQL queries it ran, its response), with
    nothing kept of the content beforehand: the most that request runs (resource_centre/
    generations.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resource_centre import generations

    def run(func, *args, **kwargs):
        generations.bump_all()
        with CaptureQueriesContext(connection) as context:
            result = func(*args, **kwargs)
        return len(context.captured_queries), result

    return run
