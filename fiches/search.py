"""The normalised public text of a fiche, which the index's keyword box searches, like every
listing of the suite (resource_centre/search.py): its title first (`titled`, so that the index
ranks matches in titles first), then its other searched fields and the names of its terms.

A fiche's save() keeps it, so that publishing any revision recomputes it from that revision;
renaming a term (thématique, public, territoire, type of porteur) refreshes the fiches tagged
with it (`term_saved`, connected in apps.py).
"""

from resource_centre.search import refresh as write_texts
from resource_centre.search import titled

NAMED = {"name", "alternative_names"}


def fiche_text(fiche):
    return titled([fiche.title], *fiche.searched_texts(skip={"title"}))


def refresh(fiches):
    """Recompute the text of `fiches` (a queryset) without saving anything else (no revision)."""
    write_texts(
        fiches.select_related("porteur_type").prefetch_related(
            "thematiques", "publics", "territoires"
        ),
        fiche_text,
    )


def term_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A term's name is in the text of the fiches tagged with it."""
    if created or (update_fields is not None and not NAMED & set(update_fields)):
        return
    refresh(instance.fiches.all())
