"""The normalised public text of a fiche, which the index's keyword box searches, like every
listing of the suite (resource_centre/search.py): its title first (`titled`, so that the index
ranks matches in titles first), then its other searched fields and the names of its terms.

A fiche's save() keeps it, so that publishing any revision recomputes it from that revision.
"""

from resource_centre.search import titled


def fiche_text(fiche):
    return titled([fiche.title], *fiche.searched_texts(skip={"title"}))
