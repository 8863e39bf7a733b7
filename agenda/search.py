"""The normalised public text of events and séances, which the agenda's keyword box searches
(see resource_centre/search.py).

An event's text (title, standfirst, format) is kept by its save(), so that publishing any
revision recomputes it from that revision's fields; a séance's (its title, venue and city) by
the séance's save(). Renaming a format or a venue refreshes what copies its name. The event's
and the séance's titles come first (`titled`), so that the listing ranks matches in them first.
"""

from resource_centre.search import refresh as write_texts
from resource_centre.search import titled


def event_text(event):
    return titled([event.title], event.chapo, event.format.name if event.format_id else "")


def seance_text(seance):
    venue = seance.venue if seance.venue_id else None
    return titled([seance.title], venue.name if venue else "", venue.city if venue else "")


def refresh(rows, compute, related):
    """Recompute the text of `rows` (a queryset) without saving anything else (no revision)."""
    write_texts(rows.select_related(related), compute)
