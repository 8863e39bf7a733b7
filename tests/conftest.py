"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.management import call_command

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


@pytest.fixture
def demo_site(db):
    """The demo content of every installed app, loaded as the README's demo command does."""
    call_command("load_demo", stdout=open(os.devnull, "w"))
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
