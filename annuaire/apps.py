from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    label = "annuaire"
    verbose_name = _("Directory of actors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete

        from . import bilan  # noqa: F401  (registers the annuaire's part of the bilan d'activité)
        from .models import Person, RemovedEntry, Structure

        for model in (Structure, Person):
            post_delete.connect(RemovedEntry.record, sender=model, dispatch_uid=f"removed-{model}")
