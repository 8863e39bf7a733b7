from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FichesConfig(AppConfig):
    name = "fiches"
    label = "fiches"
    verbose_name = _("Experience sheets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from resource_centre.models import PublicVise, Territoire, Thematique

        from .models import PorteurType
        from .search import term_saved

        for model in (Thematique, PublicVise, Territoire, PorteurType):
            post_save.connect(term_saved, sender=model, dispatch_uid=f"fiches-text-{model}")
