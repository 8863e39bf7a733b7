"""URLs of bench/agenda_listing.py: the core and the Wagtail pages (the agenda)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include("resource_centre.urls")),
    path("", include(wagtail_urls)),
]
