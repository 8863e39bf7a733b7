"""A host that swaps Wagtail's page model (WAGTAIL_PAGE_MODEL, Wagtail 8 only): the suite's page
types subclass the host's base page, every page foreign key points to it, and the suite's page
tests pass on it (tests/settings_custom_page.py: Wagtail's own reference base page, which has
none of the default page's menu and SEO fields)."""

import pytest
import wagtail.models

from tests.core.test_app_subsets import run

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not wagtail.models.Page._meta.swappable, reason="Wagtail 7.4 has no swappable page"
    ),
]

SETTINGS = "tests.settings_custom_page"
# The tests that create, render, list, edit and link every page type of the suite (the whole
# suite on this host would run it a third time, serially, for little more).
PAGE_TESTS = [
    "tests/core/test_pages_and_search.py",
    "tests/core/test_host_layout.py",
    "tests/core/test_admin_smoke.py",
    "tests/fiches/test_index.py",
    "tests/fiches/test_fiche_and_exports.py",
    "tests/agenda/test_event_page_and_feeds.py",
    "tests/agenda/test_agenda_listing.py",
    "tests/annuaire/test_listing.py",
    "tests/newsletter/test_pages.py",
]


def test_the_suite_s_pages_subclass_the_host_s_base_page():
    probe = (
        "import django; django.setup()\n"
        "from django.apps import apps\n"
        "from wagtail.models import get_page_models\n"
        "from resource_centre.models.pages import SuitePage\n"
        "base = apps.get_model('basepage', 'BasePage')\n"
        "suite = [m for m in get_page_models() if issubclass(m, SuitePage)]\n"
        "assert len(suite) >= 10 and all(issubclass(m, base) for m in suite), suite\n"
        "for model in apps.get_models():\n"
        "    for field in model._meta.get_fields():\n"
        "        target = getattr(field, 'related_model', None)\n"
        "        assert target is None or target._meta.label != 'wagtailcore.Page', field\n"
        "print('OK')\n"
    )
    result = run(["-c", probe], settings=SETTINGS)
    assert "OK" in result.stdout, result.stdout + result.stderr


def test_check_and_migrations_are_clean():
    check = run(["-m", "django", "check", "--fail-level", "WARNING"], settings=SETTINGS)
    assert check.returncode == 0, check.stdout + check.stderr
    migrations = run(["-m", "django", "makemigrations", "--check", "--dry-run"], settings=SETTINGS)
    assert "No changes detected" in migrations.stdout, migrations.stdout + migrations.stderr


def test_the_suite_s_page_tests_pass_on_the_host_s_base_page():
    result = run(
        ["-m", "pytest", "-q", "-p", "no:xdist", "-m", "not browser"] + PAGE_TESTS,
        settings=SETTINGS,
        timeout=900,
    )
    tail = "\n".join(result.stdout.splitlines()[-30:])
    assert result.returncode == 0, tail + result.stderr[-2000:]
    assert " passed" in tail and " failed" not in tail
