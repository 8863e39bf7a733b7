"""Exports of the current filtered listing (CSV, XLSX, JSON) through the core writer.

People's personal contacts are exported only with their consent: the export uses the same
`public_contact()` as the pages. The structures are open data, under the centre's licence; the
people are not (their contacts are personal data, published with consent for this site).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre.exports import Column, Export, centre_licence

from ..columns import PERSON_COLUMNS, STRUCTURE_COLUMNS, STRUCTURE_EXPORT_ONLY
from .listing import filtered


def _names(related):
    return [t.name for t in related.all()]


def _address(part):
    def value(structure):
        address = structure.first_address
        return getattr(address, part) if address else ""

    return value


STRUCTURE_VALUES = {
    "nom": lambda s: s.name,
    "sigle": lambda s: s.sigle,
    "type": lambda s: s.type.name if s.type else "",
    "siret": lambda s: s.siret,
    "adresse": _address("street"),
    "code_postal": _address("postcode"),
    "ville": _address("city"),
    "site_web": lambda s: s.website,
    "email": lambda s: s.email,
    "telephone": lambda s: s.phone,
    "thematiques": lambda s: _names(s.thematiques),
    "description": lambda s: s.description,
    "mis_a_jour": lambda s: s.last_update,
}


def _contact(person):
    # One call per person for its three columns.
    if getattr(person, "_contact", None) is None:
        person._contact = person.public_contact()
    return person._contact


def _whose(person):
    email, phone, personal = _contact(person)
    if not (email or phone):
        return ""
    return _("the person (consent recorded)") if personal else _("the structure")


PERSON_VALUES = {
    "prenom": lambda p: p.first_name,
    "nom": lambda p: p.last_name,
    "metier": lambda p: p.metier.name if p.metier else "",
    "fonction": lambda p: p.fonction,
    "structures": lambda p: [s.name for s in p.structures],
    "email": lambda p: _contact(p)[0],
    "telephone": lambda p: _contact(p)[1],
    "contact": _whose,
    "thematiques": lambda p: _names(p.thematiques),
    "mis_a_jour": lambda p: p.last_update,
}

STRUCTURE_EXPORT = [
    Column(key, label, STRUCTURE_VALUES[key])
    for key, label in STRUCTURE_COLUMNS + STRUCTURE_EXPORT_ONLY
]
PERSON_EXPORT = [Column(key, label, PERSON_VALUES[key]) for key, label in PERSON_COLUMNS]


def export(page, request, kind, fmt):
    filterset, results = filtered(kind, request)
    rows = results.prefetch_related("thematiques").iterator(chunk_size=2000)
    structures = kind == "structures"
    return Export(
        f"annuaire-{kind}-{timezone.localdate():%Y-%m-%d}",
        STRUCTURE_EXPORT if structures else PERSON_EXPORT,
        rows,
        title=_("Structures") if structures else _("People"),
        items_key="structures" if structures else "people",
        licence=centre_licence(request) if structures else None,
        request=request,
        filterset=filterset,
    ).response(fmt)
