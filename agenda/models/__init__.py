from .evaluations import Evaluation, EvaluationAnswer, EvaluationInvitation, Questionnaire
from .notices import AnnouncedSeance
from .pages import AgendaIndexPage, EventPage, ReseauPage, Seance
from .registrations import Attendance, Registration
from .snippets import EventFormat, Venue

__all__ = [
    "AnnouncedSeance",
    "Attendance",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationInvitation",
    "Questionnaire",
    "AgendaIndexPage",
    "EventFormat",
    "EventPage",
    "Registration",
    "ReseauPage",
    "Seance",
    "Venue",
]
