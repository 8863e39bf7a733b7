"""URLs of bench/annuaire_listing.py: the core, the annuaire and the bare baseline view."""

from annuaire_listing import bare_view
from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include("resource_centre.urls")),
    path("bare/", bare_view),
    path("", include(wagtail_urls)),
]
