"""What a new site needs before its first fiche (``manage.py setup_resource_centre``)."""

from django.utils.translation import gettext_lazy as _

from resource_centre.setup import create_missing

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

# What the "Éditeurs" role may do here (resource_centre.roles), beside editing the fiches: keep
# the porteur types, and read and write the porteur's contact, without which they could not
# send a fiche to its porteur for validation nor see whom the link went to.
EDITOR_PERMISSIONS = [
    "fiches.add_porteurtype",
    "fiches.change_porteurtype",
    "fiches.view_porteurtype",
    "fiches.view_porteur_contact",
]


def setup():
    """Create the types of porteur a site lacks (by slug); returns [(what, created)]."""
    from .models import PorteurType

    rows = [{"name": name} for name in PORTEUR_TYPES]
    return [(_("types of project holder"), create_missing(PorteurType, rows))]
