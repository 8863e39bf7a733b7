"""The test settings on a host that swaps Wagtail's page model (Wagtail 8's WAGTAIL_PAGE_MODEL),
with Wagtail's own reference app for it: the suite's page types then subclass `basepage.BasePage`,
and every page foreign key points to it (tests/core/test_custom_page_model.py)."""

from tests.settings import *  # noqa: F403

# The app that defines the base page model comes before the suite, as the README asks.
INSTALLED_APPS = ["wagtail.test.basepage", *INSTALLED_APPS]  # noqa: F405
WAGTAIL_PAGE_MODEL = "basepage.BasePage"
