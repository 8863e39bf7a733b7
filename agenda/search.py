"""The normalised public text of events and séances, which the agenda's keyword box searches
(see resource_centre/search.py).

An event's text (title, standfirst, format, thématiques) is kept by its save(), so that
publishing any revision recomputes it from that revision's fields; a séance's (its title, venue
and city) by the séance's save(). Renaming or deleting a format, a thématique or a venue
refreshes what copies its name (`follow_terms`, connected in apps.py). The event's and the
séance's titles come first (`titled`), so that the listing ranks matches in them first.
"""

from resource_centre.search import refresh as write_texts
from resource_centre.search import titled


def event_text(event):
    # Its thématiques' names: "santé" finds the events on health, as it finds the fiches.
    themes = [theme.name for theme in event.thematiques.all()]
    return titled([event.title], event.chapo, event.format.name if event.format_id else "", *themes)


def seance_text(seance):
    venue = seance.venue if seance.venue_id else None
    return titled([seance.title], venue.name if venue else "", venue.city if venue else "")


def refresh_events(events):
    """Recompute the text of `events` (a queryset) without saving anything else (no revision)."""
    write_texts(events.select_related("format").prefetch_related("thematiques"), event_text)


def refresh_seances(seances):
    write_texts(seances.select_related("venue"), seance_text)


def events_of_format(event_format):
    return [event_format.events.all()]


def events_of_thematique(thematique):
    from .models import EventPage

    return [EventPage.objects.filter(thematiques=thematique)]


def seances_at_venue(venue):
    return [venue.seances.all()]
