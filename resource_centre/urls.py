"""The one include a host site adds: the core's pages and those of the installed feature apps.

The feature apps' account-less pages (the porteur's validation link, the lettre's subscription
and unsubscribe pages) come with it, for whichever of them the site installed, each in its own
namespace ("resource_centre:", "fiches:", "newsletter:").
"""

from django.apps import apps
from django.urls import URLResolver, include, path

from .language import in_site_language

FEATURE_URLS = {"fiches": "", "newsletter": "infolettre/"}


def _in_site_language(patterns):
    """These pages belong to no page of the tree: they speak the language of the site."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _in_site_language(pattern.url_patterns)
        elif not getattr(pattern.callback, "speaks_site_language", False):
            pattern.callback = in_site_language(pattern.callback)
            pattern.callback.speaks_site_language = True
    return patterns


urlpatterns = _in_site_language(
    [path("", include("resource_centre.core_urls"))]
    + [
        path(prefix, include(f"{app}.urls"))
        for app, prefix in FEATURE_URLS.items()
        if apps.is_installed(app)
    ]
)
