"""The normalised public text of annuaire entries, which the keyword box searches (see
resource_centre/search.py).

Only what the annuaire shows publicly goes in: never a person's own e-mail or phone. The text is
kept by the entries' save() and refreshed when something it copies changes elsewhere (an address
saved on its own, a structure or job renamed), so that a search stays one condition per word.
"""

from resource_centre.search import normalise


def structure_text(structure):
    cities = [address.city for address in structure.addresses.all()] if structure.pk else []
    return normalise(structure.name, structure.sigle, structure.description, *cities)


def person_text(person):
    structures = [m.structure for m in person.memberships.all()] if person.pk else []
    return normalise(
        person.first_name,
        person.last_name,
        person.fonction,
        person.metier.name if person.metier_id else "",
        *(part for s in structures for part in (s.name, s.sigle)),
    )


def refresh(entries):
    """Recompute the text of `entries` (a queryset of structures or of people) in a few queries."""
    model = entries.model
    if hasattr(model, "addresses"):
        entries = entries.prefetch_related("addresses")
    else:
        entries = entries.select_related("metier").prefetch_related("memberships__structure")
    rows = list(entries)
    for entry in rows:
        entry.search_text = entry.compute_search_text()
    model._default_manager.bulk_update(rows, ["search_text"], batch_size=500)
