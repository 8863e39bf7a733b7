from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    label = "annuaire"
    verbose_name = _("Directory of actors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import bilan  # noqa: F401  (registers the annuaire's part of the bilan d'activité)
