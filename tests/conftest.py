"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.management import call_command

from . import snapshot

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


def pytest_collection_modifyitems(items):
    for item in items:
        names = getattr(item, "fixturenames", [])
        for name in snapshot.FIXTURES:
            if name in names:
                names.remove(name)
                names.insert(0, name)


def _load_demo():
    call_command("load_demo", stdout=open(os.devnull, "w"))


def _load_core():
    from demo.content import core

    core.load()


def _load_fiches():
    from demo.content import core, fiches

    core.load()
    fiches.load()


_demo_rows = snapshot.rows_fixture(_load_demo)
_core_rows = snapshot.rows_fixture(_load_core)
_fiches_rows = snapshot.rows_fixture(_load_fiches)


@pytest.fixture
def demo_site(db, _demo_rows):
    """The demo content of every installed app, as the README's demo command loads it."""
    snapshot.restore(_demo_rows)
    from demo.home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def count_queries():
    """`count_queries(client.get, url)` → (number of SQL queries it ran, its response)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run(func, *args, **kwargs):
        with CaptureQueriesContext(connection) as context:
            result = func(*args, **kwargs)
        return len(context.captured_queries), result

    return run
