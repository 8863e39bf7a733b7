"""What a new site needs before its first event (``manage.py setup_resource_centre``)."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

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


def setup():
    """Create the standard event formats a site lacks (by slug); returns [(what, created)]."""
    from .models import EventFormat

    existing = set(EventFormat.objects.values_list("slug", flat=True))
    created = 0
    for order, name in enumerate(FORMATS):
        if slugify(name) not in existing:
            EventFormat.objects.create(name=name, sort_order=order)
            created += 1
    return [(_("event formats"), created)]
