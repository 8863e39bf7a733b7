from django.urls import path

from .views.validation import validation_view

app_name = "fiches"

urlpatterns = [
    path("fiches/validation/<str:token>/", validation_view, name="validation"),
]
