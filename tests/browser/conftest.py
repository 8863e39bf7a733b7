"""Playwright driving Debian's Chromium, and the shared accessibility check (axe-core)."""

import os
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from .axe import AXE

CHROMIUM = "/usr/bin/chromium"

# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, running one request at a time. On SQLite in memory its threads share one
    connection, and the Wagtail editor sends requests side by side: two statements at once on one
    connection fail ("cannot open savepoint - SQL statements in progress")."""

    def set_app(self, application):
        lock = threading.Lock()

        def serialised(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(serialised)


LiveServerThread.server_class = OneRequestAtATime


def pytest_configure(config):
    # As long as the page's own timeout: on a loaded CI machine the editor's publish, behind its
    # autosave, takes more than the default 5 s.
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(config, items):
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()]
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Browser tests need {', '.join(missing)}; .ci/run installs them.")
    skip = pytest.mark.skip(reason=f"missing {', '.join(missing)}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
