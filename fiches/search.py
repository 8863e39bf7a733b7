"""The normalised public text of a fiche, which the index's keyword box searches, like every
listing of the suite (resource_centre/search.py): its title first (`titled`, so that the index
ranks matches in titles first), then its other searched fields and the names of its terms.

A fiche's save() keeps it, so that publishing any revision recomputes it from that revision;
renaming or deleting a term (thématique, public, territoire, type of porteur) refreshes the
fiches tagged with it (`follow_terms`, connected in apps.py), in their text and in the site
search's index, which holds the terms' names too.
"""

from wagtail.search.backends import get_search_backends

from resource_centre.search import refresh as write_texts
from resource_centre.search import titled


def fiche_text(fiche):
    return titled([fiche.title], *fiche.searched_texts(skip={"title"}))


def refresh(fiches):
    """Recompute the text of `fiches` (a queryset), and their entries in the site search's
    index, without saving anything else (no revision)."""
    rows = write_texts(
        fiches.select_related("porteur_type").prefetch_related(
            "thematiques", "publics", "territoires"
        ),
        fiche_text,
    )
    if rows:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(type(rows[0]), rows)


def tagged_fiches(term):
    return [term.fiches.all()]
