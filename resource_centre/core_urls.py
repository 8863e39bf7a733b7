from django.urls import path

from . import views

app_name = "resource_centre"

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
]
