from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "demo.home"
    label = "home"
    verbose_name = "Démo"
    default_auto_field = "django.db.models.BigAutoField"
