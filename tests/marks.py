"""Marks shared by several test modules."""

import os

import pytest

# Building and installing the wheel, or running a subset of the suite in its own process with an
# in-memory database, touches no test database: with DATABASE_URL set (CI's PostgreSQL pass) these
# tests would only repeat what the SQLite pass has checked.
sqlite_pass = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="does not depend on the database; checked in the SQLite pass",
)
packaging = sqlite_pass


def _installed(label):
    from django.apps import apps

    return apps.is_installed(label)


def with_apps(*labels):
    """For a test of the link between two apps: skipped when one of them is not installed (the
    runs with one feature app alone, tests/core/test_app_subsets.py)."""
    return pytest.mark.skipif(
        not all(_installed(label) for label in labels),
        reason=f"needs {', '.join(labels)} installed",
    )


def _default_page_fields():
    from resource_centre.compat import get_page_model

    return any(f.name == "search_description" for f in get_page_model()._meta.get_fields())


# For a test about Wagtail's default page fields (search_description…), which a host's swapped
# base page model may leave out (tests/core/test_custom_page_model.py).
with_default_page_fields = pytest.mark.skipif(
    not _default_page_fields(), reason="the base page model has no search_description"
)


def without_apps(*labels):
    """For a test of an app working alone: run only when those apps are not installed."""
    return pytest.mark.skipif(
        any(_installed(label) for label in labels),
        reason=f"checks the suite without {', '.join(labels)}",
    )


def module_needs_apps(*labels):
    """Call at the top of a test module that imports another feature app."""
    missing = [label for label in labels if not _installed(label)]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} installed", allow_module_level=True)
