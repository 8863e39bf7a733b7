from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    label = "annuaire"
    verbose_name = _("Directory of actors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete

        from resource_centre.models import Thematique
        from resource_centre.search import follow_terms

        # bilan registers the annuaire's part of the bilan d'activité.
        from . import bilan, search  # noqa: F401
        from .models import Metier, Person, RemovedEntry, Structure

        for model in (Structure, Person):
            post_delete.connect(RemovedEntry.record, sender=model, dispatch_uid=f"removed-{model}")
            m2m_changed.connect(
                search.themes_changed,
                sender=model.thematiques.through,
                dispatch_uid=f"annuaire-themes-{model}",
            )
        # Names copied into the entries' search text (annuaire/search.py).
        follow_terms(Thematique, search.tagged_entries, search.refresh)
        follow_terms(Metier, search.people_in_job, search.refresh)
        follow_terms(Structure, search.members, search.refresh, fields=("name", "sigle"))
