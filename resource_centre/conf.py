"""Every setting of the suite with its default, read at call time (never at import time).

A host site overrides any of them in a single dict::

    RESOURCE_CENTRE = {"BASE_TEMPLATE": "mysite/base.html"}
"""

from django.conf import settings

DEFAULTS = {
    # The layout the suite's public pages render inside: the suite's own, or the host's
    # (e.g. "base.html" of a `wagtail start` site). See resource_centre/layout.py.
    "BASE_TEMPLATE": "resource_centre/base.html",
    # That layout's blocks for the page title, stylesheets (in <head>), content and scripts (end of
    # <body>); the defaults are those of `wagtail start`. None for a block the layout lacks: the
    # stylesheets and scripts then come with the content.
    "BASE_BLOCKS": {
        "title": "title",
        "extra_css": "extra_css",
        "content": "content",
        "extra_js": "extra_js",
    },
    # What the suite adds around its content in a host's layout, among "section_menu", "search",
    # "messages" and "legal_notice"; None for all of them (none in the suite's own layout, which
    # has them). Leave out those your layout places itself with the suite's tags.
    "LAYOUT_PARTS": None,
    # Results per page of the site search.
    "SEARCH_RESULTS_PER_PAGE": 20,
    # Longest search query accepted; longer ones are cut, not rejected.
    "SEARCH_MAX_QUERY_LENGTH": 200,
    # On SQLite, the site search ranks its pages by relevance when there are at most this many
    # matches, newest first beyond (SQLite's full-text ranking reruns the query for each match).
    "SEARCH_RELEVANCE_LIMIT": 200,
    # Reverse proxies in front of the site (addresses or networks, e.g. ["127.0.0.1",
    # "10.0.0.0/8"]), whose X-Forwarded-For is believed. Empty: REMOTE_ADDR is the visitor's.
    "TRUSTED_PROXIES": [],
}


def get(name):
    """Return the setting `name`, from settings.RESOURCE_CENTRE or its default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown resource_centre setting: {name}")
    return getattr(settings, "RESOURCE_CENTRE", {}).get(name, DEFAULTS[name])
