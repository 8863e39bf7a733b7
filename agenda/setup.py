"""What a new site needs before its first event (``manage.py setup_resource_centre``)."""

from django.utils.translation import gettext_lazy as _

from resource_centre.setup import create_missing

# The formats of the centres' programmes (shared/DESIGN.md, glossary), in the order editors see.
FORMATS = [
    "Atelier",
    "Réunion de réseau",
    "Cooper'Villes",
    "Journée thématique / séminaire",
    "Cycle de qualification",
    "Petit-déjeuner",
    "Samedi des élus",
    "Rencontre",
    "Étude en débat",
    "Formation",
    "Forum",
]

INDEX_PAGE = ("agenda.AgendaIndexPage", "Agenda", "agenda")

# What the "Éditeurs" role may do here (resource_centre.roles): run registrations, venues, formats.
EDITOR_PERMISSIONS = [
    "agenda.view_registration",
    "agenda.add_registration",
    "agenda.change_registration",
    "agenda.add_venue",
    "agenda.change_venue",
    "agenda.view_venue",
    "agenda.add_eventformat",
    "agenda.change_eventformat",
    "agenda.add_questionnaire",
    "agenda.change_questionnaire",
    "agenda.view_evaluation",
]


def setup():
    """Create the standard event formats a site lacks (by slug); returns [(what, created)]."""
    from .models import EventFormat

    rows = [{"name": name, "sort_order": order} for order, name in enumerate(FORMATS)]
    return [(_("event formats"), create_missing(EventFormat, rows))]
