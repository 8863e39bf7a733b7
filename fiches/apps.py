from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FichesConfig(AppConfig):
    name = "fiches"
    label = "fiches"
    verbose_name = _("Experience sheets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from resource_centre.models import PublicVise, Territoire, Thematique
        from resource_centre.search import follow_terms

        from .models import PorteurType
        from .search import refresh, tagged_fiches

        for model in (Thematique, PublicVise, Territoire, PorteurType):
            follow_terms(model, tagged_fiches, refresh, fields=("name", "alternative_names"))
