from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FichesConfig(AppConfig):
    name = "fiches"
    label = "fiches"
    verbose_name = _("Experience sheets")
    default_auto_field = "django.db.models.BigAutoField"
