"""URLs of bench/agenda_listing.py: the core, the bare baseline views and the Wagtail pages (the
agenda)."""

from agenda_listing import bare_ical, bare_listing, bare_month
from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include("resource_centre.urls")),
    path("bare/", bare_listing),
    path("bare/mois/", bare_month),
    path("bare/ical/", bare_ical),
    path("", include(wagtail_urls)),
]
