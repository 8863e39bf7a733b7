"""Structures and people filtered by where they are ("Située à", the commune of their address)
apart from where they work ("Intervient sur", the territoires they are tagged with); the number
beside every option of every facet is what choosing it gives."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from annuaire.models import Address, Membership, Person, Structure
from annuaire.views.listing import filtered
from resource_centre.models import Territoire

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(annuaire):
    get = Territoire.objects.get
    nantes, rennes = get(kind="commune", code="44109"), get(kind="commune", code="35238")
    bretagne, loire_atlantique = get(kind="region", code="53"), get(kind="departement", code="44")
    in_nantes = Structure.objects.create(name="Maison des habitants de Nantes Nord")
    in_nantes.territoires.add(bretagne)  # works in Brittany, sits in Nantes
    Address.objects.create(structure=in_nantes, postcode="44300", city="NANTES")
    in_rennes = Structure.objects.create(name="Collectif rennais")
    in_rennes.territoires.add(loire_atlantique)
    Address.objects.create(structure=in_rennes, postcode="35000", city="Rennes")
    person = Person.objects.create(first_name="Awa", last_name="Testeuse")
    Membership.objects.create(person=person, structure=in_nantes)
    return dict(
        nantes=nantes,
        rennes=rennes,
        bretagne=bretagne,
        loire_atlantique=loire_atlantique,
        in_nantes=in_nantes,
        in_rennes=in_rennes,
        person=person,
    )


def _listing(kind, query):
    request = RequestFactory().get("/", QueryDict(query))
    filterset, results = filtered(kind, request)
    return filterset, list(results)


def test_an_address_knows_its_commune_whatever_the_spelling(places):
    assert places["in_nantes"].addresses.get().commune == places["nantes"]
    assert places["in_rennes"].addresses.get().commune == places["rennes"]


def test_located_in_and_works_on_are_two_filters(places):
    _fs, located = _listing("structures", f"situee={places['loire_atlantique'].pk}")
    assert places["in_nantes"] in located and places["in_rennes"] not in located
    _fs, working = _listing("structures", f"territoire={places['loire_atlantique'].pk}")
    assert places["in_rennes"] in working and places["in_nantes"] not in working
    _fs, people = _listing("personnes", f"situee={places['nantes'].pk}")
    assert places["person"] in people


@pytest.mark.parametrize("kind", ["structures", "personnes"])
def test_two_addresses_in_one_commune_count_once(places, kind):
    """A structure with two offices in Nantes and one in Rennes is one result wherever it is
    looked for, and so is the person working there: the counts say so too."""
    Address.objects.create(structure=places["in_nantes"], postcode="44000", city="Nantes")
    Address.objects.create(structure=places["in_nantes"], postcode="35000", city="Rennes")
    # A ParentalKey: memberships.create() would only add it to the unsaved cluster.
    Membership.objects.create(person=places["person"], structure=places["in_rennes"])
    filterset, _results = _listing(kind, "")
    counts = filterset.facet_counts()["situee"]
    pays_de_la_loire = Territoire.path_ids(places["nantes"].path)[0]
    looked_in = [places[p].pk for p in ("nantes", "loire_atlantique", "rennes", "bretagne")]
    for pk in [*looked_in, pays_de_la_loire]:
        _fs, results = _listing(kind, f"situee={pk}")
        assert counts[pk] == len(results) == len(set(results)) >= 1, pk


@pytest.mark.parametrize("kind", ["structures", "personnes"])
@pytest.mark.parametrize("selected", ["", "thematique", "situee"])
def test_every_option_count_is_what_choosing_it_gives(places, kind, selected):
    """For each facet and each option offered, the count shown equals the number of results
    once the option is added to the current selection (with another facet chosen or not)."""
    base = ""
    if selected == "situee":
        base = f"situee={places['bretagne'].pk}"
    elif selected == "thematique":
        filterset, _results = _listing(kind, "")
        counts = filterset.facet_counts()["thematique"]
        theme = max(counts, key=counts.get) if counts else None
        slug = filterset.form.fields["thematique"].queryset.get(pk=theme).slug if theme else ""
        base = f"thematique={slug}" if slug else ""
    filterset, _results = _listing(kind, base)
    assert _check_every_option(kind, base, filterset) > 10


def _check_every_option(kind, base, filterset):
    """Assert that each option's count beside `base` is what choosing it gives; return how many
    options were tried."""
    counts = filterset.add_counts_to_options()
    checked = 0
    for facet, by_pk in counts.items():
        field = filterset.form.fields[facet]
        key = field.to_field_name or "pk"  # slugs for the term lists, ids for territoires
        options = list(field.queryset)
        if getattr(field, "picker", None):
            # Every territoire counted, and what the picker shows first (the régions).
            options = list(field.queryset.filter(pk__in=list(by_pk))) + field.picker.options()
        # Every option that counts some results, and some that count none.
        tried = [t for t in options if by_pk.get(t.pk)] + [
            t for t in options if not by_pk.get(t.pk)
        ][:8]
        for term in tried:
            kept = "&".join(q for q in base.split("&") if q and not q.startswith(f"{facet}="))
            query = "&".join(q for q in (kept, f"{facet}={getattr(term, key)}") if q)
            _fs, results = _listing(kind, query)
            assert by_pk.get(term.pk, 0) == len(results), (facet, str(term), query)
            checked += 1
    return checked


@pytest.mark.parametrize("kind", ["structures", "personnes"])
def test_a_word_in_nearly_every_entry_counts_what_choosing_gives(
    places, kind, monkeypatch, annuaire, client
):
    """« camille » in all but a few entries: the facets count every entry less the few the word
    leaves out (annuaire/filters.py). The counts are still what choosing gives, and the list is
    the one found by the matches' ids."""
    from annuaire import filters
    from annuaire.search import refresh

    from .conftest import bulk_people, bulk_structures

    structures = bulk_structures(30, prefix="Collectif Camille")
    refresh(Structure.objects.filter(pk__in=[s.pk for s in structures]))
    refresh(Person.objects.filter(pk__in=[p.pk for p in bulk_people(30, structures)]))
    model = Structure if kind == "structures" else Person
    (stem,) = filters.query_stems("camille")
    left_out = model.objects.exclude(search_text__contains=stem).count()
    assert model.objects.count() - left_out > left_out > 0
    by_ids = _listing(kind, "q=camille")[1]
    monkeypatch.setattr(filters, "MAX_MATCHES", left_out)  # too many matches, few left out
    filterset, results = _listing(kind, "q=camille")
    assert len(filterset._left_out()) == left_out
    assert results == by_ids and len(results) == model.objects.count() - left_out
    # The page says as many, counted without reading them all.
    url = annuaire.url + ("personnes/" if kind == "personnes" else "")
    page = client.get(url, {"q": "camille"})
    noun = "personnes" if kind == "personnes" else "structures"
    assert f'<p class="an-count" role="status">{len(results)} {noun}</p>' in page.text
    assert _check_every_option(kind, "q=camille", filterset) > 10
    # With another facet chosen, the usual way.
    filterset, _results = _listing(kind, "q=camille&thematique=sante")
    assert _check_every_option(kind, "q=camille&thematique=sante", filterset) > 5


def test_a_person_in_two_structures_of_one_type_counts_once_there(places):
    from annuaire.models import StructureType

    association = StructureType.objects.get(slug="association")
    for structure in (places["in_nantes"], places["in_rennes"]):
        structure.type = association
        structure.save()
    # A ParentalKey: memberships.create() would only add it to the unsaved cluster.
    Membership.objects.create(person=places["person"], structure=places["in_rennes"])
    filterset, _results = _listing("personnes", "")
    _fs, results = _listing("personnes", "type=association")
    assert places["person"] in results
    assert filterset.facet_counts()["type"][association.pk] == len(results) == len(set(results))
