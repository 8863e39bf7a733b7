from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    label = "annuaire"
    verbose_name = _("Directory of actors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete

        from resource_centre import generations
        from resource_centre.models import Territoire, Thematique
        from resource_centre.search import follow_terms

        # bilan registers the annuaire's part of the bilan d'activité.
        from . import bilan, search  # noqa: F401
        from .models import (
            Address,
            Membership,
            Metier,
            Person,
            RemovedEntry,
            Reseau,
            Structure,
            StructureType,
        )

        for model in (Structure, Person):
            post_delete.connect(RemovedEntry.record, sender=model, dispatch_uid=f"removed-{model}")
            m2m_changed.connect(
                search.themes_changed,
                sender=model.thematiques.through,
                dispatch_uid=f"annuaire-themes-{model}",
            )
        # What the facet counts read (annuaire/filters.py keeps those of every entry).
        generations.follow(
            "annuaire",
            Structure,
            Person,
            Membership,
            Address,
            StructureType,
            Metier,
            Reseau,
            Thematique,
            Territoire,
        )
        # Names copied into the entries' search text (annuaire/search.py).
        follow_terms(Thematique, search.tagged_entries, search.refresh)
        follow_terms(Metier, search.people_in_job, search.refresh)
        follow_terms(Structure, search.members, search.refresh, fields=("name", "sigle"))
