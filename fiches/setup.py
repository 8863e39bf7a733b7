"""What a new site needs before its first fiche (``manage.py setup_resource_centre``)."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

PORTEUR_TYPES = [
    "Association",
    "Bailleur social",
    "Centre de ressources",
    "Centre social",
    "Collectivité",
    "EPCI",
    "Organisme de formation",
    "Service de l'État",
]

INDEX_PAGE = ("fiches.FicheIndexPage", "Fiches expériences", "fiches-experiences")


def setup():
    """Create the types of porteur a site lacks (by slug); returns [(what, created)]."""
    from .models import PorteurType

    existing = set(PorteurType.objects.values_list("slug", flat=True))
    created = 0
    for name in PORTEUR_TYPES:
        if slugify(name)[:100] not in existing:
            PorteurType.objects.create(name=name, slug=slugify(name)[:100])
            created += 1
    return [(_("types of project holder"), created)]
