"""Settings of the fiches app with their defaults, read at call time.

Override any of them in the suite's single dict::

    RESOURCE_CENTRE = {"FICHES_VALIDATION_LINK_MAX_AGE": 7 * 24 * 3600}
"""

from django.conf import settings

DEFAULTS = {
    # Fiches per page of the index.
    "FICHES_PER_PAGE": 12,
    # How long (seconds) the porteur's validation link stays valid.
    "FICHES_VALIDATION_LINK_MAX_AGE": 30 * 24 * 3600,
    # Slug of the centre in the ids of the exports (`<centre>--<id>`); when empty, the slug of
    # the name in the centre's settings, or of the site's hostname.
    "FICHES_CENTRE_SLUG": "",
    # Items of the RSS/Atom feed.
    "FICHES_FEED_ITEMS": 20,
}


def get(name):
    if name not in DEFAULTS:
        raise KeyError(f"Unknown fiches setting: {name}")
    return getattr(settings, "RESOURCE_CENTRE", {}).get(name, DEFAULTS[name])
