from .notices import AnnouncedSeance
from .pages import AgendaIndexPage, EventPage, ReseauPage, Seance
from .registrations import Registration
from .snippets import EventFormat, Venue

__all__ = [
    "AnnouncedSeance",
    "AgendaIndexPage",
    "EventFormat",
    "EventPage",
    "Registration",
    "ReseauPage",
    "Seance",
    "Venue",
]
