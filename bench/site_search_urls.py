"""URLs of bench/site_search.py: the core (its search), the bare baseline view and the pages."""

from django.urls import include, path
from site_search import bare_view
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include("resource_centre.urls")),
    path("bare/", bare_view),
    path("", include(wagtail_urls)),
]
