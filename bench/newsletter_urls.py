"""URLs of bench/newsletter_send.py: the newsletter on the core alone."""

from django.urls import include, path

urlpatterns = [
    path("", include("resource_centre.urls")),
    path("", include("wagtail.urls")),
]
