"""No input makes the suite answer 500.

The public fuzz crawls the demo as a visitor would, then sends garbage in every field of every
form it found (GET and POST) and in every query parameter of every link; the admin fuzz gives
every URL of the suite that takes an id an id no database can hold.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db(transaction=False)

GARBAGE = [
    "99999999999999999999999",
    "-1",
    "1e309",
    '"',
    '"santé',
    "a OR (b",
    "NEAR(a b) * ^ : -",
    "\x00",
    "%",
    "\\",
    "🙂\u202e",
    "<script>alert(1)</script>",
    "2026-13-45",
    "x" * 5000,
]
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
MAX_PAGES = 120


class _Page(HTMLParser):
    """The links and forms of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links, self.forms = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.forms.append({"action": attrs.get("action"), "method": method, "fields": {}})
        elif tag in ("input", "select", "textarea", "button") and self.forms:
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken":
                self.forms[-1]["fields"].setdefault(name, attrs.get("value") or "1")


def _local(href, base):
    parts = urlsplit(href)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES):
        return None
    return path, parts.query


def _crawl(client):
    """Every public page reachable from the home page (up to MAX_PAGES), with its forms and the
    query parameters its links use."""
    seen, queue, pages = set(), deque(["/"]), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code < 500, path
        if "text/html" not in response.get("Content-Type", ""):
            pages[path] = {"forms": [], "params": {}}
            continue
        parser = _Page()
        parser.feed(response.content.decode())
        params = {}
        for href in parser.links:
            local = _local(href, path)
            if local is None:
                continue
            target, query = local
            if target == path:
                params.update(parse_qsl(query))
            if target not in seen:
                seen.add(target)
                queue.append(target)
        pages[path] = {"forms": parser.forms, "params": params}
    return pages


class _Failures(list):
    """Every 5xx of a fuzz run, so that one run lists them all."""

    def check(self, response, what):
        if response.status_code >= 500:
            self.append(f"{what} → {response.status_code}")


def test_no_public_page_form_or_parameter_answers_500(demo_site, client):
    client.raise_request_exception = False
    failures = _Failures()
    pages = _crawl(client)
    assert len(pages) > 30  # the crawl reached the apps' pages, not just the home page
    forms = sum(len(page["forms"]) for page in pages.values())
    assert forms > 10
    for path, page in pages.items():
        for junk in GARBAGE:
            if page["params"]:
                query = urlencode({name: junk for name in page["params"]})
                failures.check(client.get(f"{path}?{query}"), f"GET {path}?{query[:80]}")
            for form in page["forms"]:
                action = _local(form["action"] or path, path)
                if action is None or not form["fields"]:
                    continue
                data = {name: junk for name in form["fields"]}
                if form["method"] == "post":
                    response = client.post(action[0], data)
                else:
                    response = client.get(action[0], data)
                failures.check(response, f"{form['method']} {action[0]} {junk[:20]!r}")
    assert not failures, "\n".join(failures)


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


SUITE_APPS = ("agenda", "annuaire", "fiches", "newsletter", "resource-centre", "resource_centre")


@pytest.mark.parametrize("huge", ["99999999999999999999999", "9223372036854775808"])
def test_no_admin_url_of_the_suite_answers_500_to_a_huge_id(demo_site, admin_client, huge):
    admin_client.raise_request_exception = False
    failures = _Failures()
    routes = [
        route
        for route in _patterns(get_resolver())
        if route.startswith("admin/")
        and ("<int:" in route or "<id:" in route)
        and any(app in route for app in SUITE_APPS)
    ]
    assert len(routes) > 5
    for route in routes:
        path = "/" + re.sub(r"<(?:int|id):\w+>", huge, route)
        path = re.sub(r"<(?:str|slug):\w+>", "x", path).replace("^", "").replace("$", "")
        if "<" in path:
            continue
        failures.check(admin_client.get(path), f"GET {path}")
        failures.check(admin_client.post(path, {"id": huge}), f"POST {path}")
    assert not failures, "\n".join(failures)
