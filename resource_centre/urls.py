"""The one include a host site adds: the core's pages and those of the installed feature apps.

The feature apps' account-less pages (the porteur's validation link, the lettre's subscription
and unsubscribe pages) come with it, for whichever of them the site installed, each in its own
namespace ("resource_centre:", "fiches:", "newsletter:").
"""

from django.apps import apps
from django.urls import include, path

FEATURE_URLS = {"fiches": "", "newsletter": "infolettre/"}

urlpatterns = [path("", include("resource_centre.core_urls"))] + [
    path(prefix, include(f"{app}.urls"))
    for app, prefix in FEATURE_URLS.items()
    if apps.is_installed(app)
]
