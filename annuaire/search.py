"""The normalised public text of annuaire entries, which the keyword box searches (see
resource_centre/search.py).

Only what the annuaire shows publicly goes in: never a person's own e-mail or phone. The text is
kept by the entries' save() and refreshed when something it copies changes elsewhere (an address
or a membership saved on its own, the thématiques chosen; a structure, job or thématique renamed
or deleted: `follow_terms`, connected in apps.py), so that a search stays one condition per word.
The entry's name comes first (`titled`), so that the listing ranks matches in names first.
"""

from resource_centre.search import query_stems, relevance, titled
from resource_centre.search import refresh as write_texts


def _themes(entry):
    # The thématiques' names: "santé" finds the structures working on health, as in the fiches.
    return [theme.name for theme in entry.thematiques.all()] if entry.pk else []


def structure_text(structure):
    cities = [address.city for address in structure.addresses.all()] if structure.pk else []
    return titled(
        [structure.name, structure.sigle], structure.description, *cities, *_themes(structure)
    )


def person_text(person):
    structures = [m.structure for m in person.memberships.all()] if person.pk else []
    return titled(
        [person.first_name, person.last_name],
        person.fonction,
        person.metier.name if person.metier_id else "",
        *(part for s in structures for part in (s.name, s.sigle)),
        *_themes(person),
    )


def refresh(entries):
    """Recompute the text of `entries` (a queryset of structures or of people) in a few queries."""
    if hasattr(entries.model, "addresses"):
        entries = entries.prefetch_related("addresses", "thematiques")
    else:
        entries = entries.select_related("metier").prefetch_related(
            "memberships__structure", "thematiques"
        )
    write_texts(entries, lambda entry: entry.compute_search_text())


def themes_changed(sender, instance, action, reverse, **kwargs):
    """m2m_changed of an entry's thématiques, which the admin saves after the entry itself."""
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        refresh(type(instance).objects.filter(pk=instance.pk))


def tagged_entries(thematique):
    from .models import Person, Structure

    return [model.objects.filter(thematiques=thematique) for model in (Structure, Person)]


def members(structure):
    from .models import Person

    return [Person.objects.filter(memberships__structure=structure).distinct()]


def people_in_job(metier):
    return [metier.people.all()]


def search_query(filterset):
    """The visitor's keywords in a listing's filterset (for the marked names), else ""."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return ""
    return filterset.form.cleaned_data.get("q") or ""


def ranked(filterset, results):
    """`results` of a listing in its order: A to Z, and when the visitor searches, the entries
    with their words in their names first (resource_centre/search.py), in the same query."""
    words = query_stems(search_query(filterset))
    if not words:
        return results.order_by("sort_name", "pk")
    return results.annotate(search_rank=relevance(words)).order_by(
        "-search_rank", "sort_name", "pk"
    )
