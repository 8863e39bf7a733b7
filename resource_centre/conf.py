"""Every setting of the suite with its default, read at call time (never at import time).

A host site overrides any of them in a single dict::

    RESOURCE_CENTRE = {"BASE_TEMPLATE": "mysite/base.html"}
"""

from django.conf import settings

DEFAULTS = {
    # The layout every public template of the suite extends.
    "BASE_TEMPLATE": "resource_centre/base.html",
    # Results per page of the site search.
    "SEARCH_RESULTS_PER_PAGE": 20,
    # Longest search query accepted; longer ones are cut, not rejected.
    "SEARCH_MAX_QUERY_LENGTH": 200,
}


def get(name):
    """Return the setting `name`, from settings.RESOURCE_CENTRE or its default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown resource_centre setting: {name}")
    return getattr(settings, "RESOURCE_CENTRE", {}).get(name, DEFAULTS[name])
