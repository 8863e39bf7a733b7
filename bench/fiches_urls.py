"""URLs of bench/fiches_index.py: the core, the fiches and the bare baseline view."""

from django.urls import include, path
from fiches_index import bare_view
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include("resource_centre.urls")),
    path("bare/", bare_view),
    path("", include(wagtail_urls)),
]
