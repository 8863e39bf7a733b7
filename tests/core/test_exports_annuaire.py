"""The annuaire's exports hold exactly the entries the listing shows for the same query, in its
order; the structures are open data under the centre's licence, the people are not."""

import pytest
from django.test import override_settings

from tests.marks import module_needs_apps

module_needs_apps("annuaire")

from annuaire.models import AnnuaireIndexPage, Metier, Structure, StructureType  # noqa: E402
from resource_centre.models import Territoire  # noqa: E402
from tests.core.test_exports import (  # noqa: E402
    ETALAB,
    about,
    body,
    licence_url,
    read_csv,
    read_json,
    read_xlsx,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("all_on_one_page")]


@pytest.fixture
def all_on_one_page():
    with override_settings(RESOURCE_CENTRE={"ANNUAIRE_PER_PAGE": 1000}):
        yield


@pytest.fixture
def annuaire(demo_site):
    return AnnuaireIndexPage.objects.get()


def structure_queries():
    association = StructureType.objects.get(name="Association")
    themed = Structure.objects.filter(thematiques__isnull=False).first()
    theme = themed.thematiques.first()
    rennes = Territoire.objects.get(kind="commune", code="35238")
    return [
        {"type": association.slug},
        {"thematique": theme.slug, "territoire": rennes.parent_id},
        {"q": "mediateurs", "lettre": "A"},
        {"q": "centre social"},
    ]


def person_queries():
    metier = Metier.objects.filter(people__isnull=False).first()
    return [{"metier": metier.slug}, {"q": "chargee de mission"}, {"lettre": "M"}]


def listed(client, url, query, key):
    response = client.get(url, query)
    assert response.status_code == 200
    return [key(entry) for entry in response.context["entries"]]


def test_structure_exports_hold_the_listings_structures_in_its_order(annuaire, client):
    every = listed(client, annuaire.url, {}, lambda s: s.name)
    seen_some = False
    for query in structure_queries():
        expected = listed(client, annuaire.url, query, lambda s: s.name)
        seen_some |= 0 < len(expected) < len(every)
        url = annuaire.url + "export/structures-{}/"
        assert [r["Nom"] for r in read_csv(client.get(url.format("csv"), query))] == expected
        data = read_json(client.get(url.format("json"), query))
        assert [s["nom"] for s in data["structures"]] == expected, query
        sheets = read_xlsx(client.get(url.format("xlsx"), query))
        assert [row[0] for row in sheets["Structures"][1:]] == expected, query
    assert seen_some


def test_people_exports_hold_the_listings_people_and_no_licence(annuaire, client):
    url = annuaire.url + "export/personnes-{}/"
    for query in person_queries():
        expected = listed(
            client, annuaire.url + "personnes/", query, lambda p: (p.first_name, p.last_name)
        )
        assert expected, query
        rows = read_csv(client.get(url.format("csv"), query))
        assert [(r["Prénom"], r["Nom"]) for r in rows] == expected, query
        response = client.get(url.format("json"), query)
        data = read_json(response)
        assert [(p["prenom"], p["nom"]) for p in data["people"]] == expected
        # Contacts given with consent for this site are no open data.
        assert "licence" not in data and "Link" not in response
    html = client.get(annuaire.url + "personnes/").content.decode()
    assert 'rel="license"' not in html


def test_the_structures_carry_the_licence_and_the_listing_names_it(annuaire, client):
    query = {"type": StructureType.objects.get(name="Association").slug}
    for fmt in ("csv", "xlsx", "json"):
        response = client.get(annuaire.url + f"export/structures-{fmt}/", query)
        assert licence_url(response) == ETALAB
    sheets = read_xlsx(client.get(annuaire.url + "export/structures-xlsx/", query))
    info = about(sheets)
    assert info["Licence"] == "Licence Ouverte 2.0 (Etalab)"
    assert info["Filtres"] == "Type de structure : Association"
    html = client.get(annuaire.url, {**query, "page": "1"}).content.decode()
    assert f'export/structures-json/?type={query["type"]}"' in html
    assert f'<a href="{ETALAB}" rel="license">Licence Ouverte 2.0 (Etalab)</a>' in html


def test_dates_lists_and_delimiter_follow_the_suite(annuaire, client):
    rows = read_csv(client.get(annuaire.url + "export/structures-csv/"))
    dated = [r["Mis à jour le"] for r in rows if r["Mis à jour le"]]
    assert dated and all(len(d) == 10 and d[4] == d[7] == "-" for d in dated)
    several = [r["Thématiques"] for r in rows if " | " in r["Thématiques"]]
    assert several and not any(";" in cell for cell in several)


def test_an_exported_structures_file_imports_back_unchanged_with_its_themes(annuaire, client):
    from annuaire.importer import make_plan, read_table

    structure = next(s for s in Structure.objects.all() if s.thematiques.count() > 1)
    for fmt in ("csv", "xlsx"):
        response = client.get(annuaire.url + f"export/structures-{fmt}/", {"q": structure.name})
        plan = make_plan(*read_table(f"export.{fmt}", body(response)))
        line = next(r for r in plan.rows if r.values.get("nom") == structure.name)
        assert line.action == "unchanged", (fmt, line.reasons, line.changes)
        assert {t.pk for t in line.thematiques} == {t.pk for t in structure.thematiques.all()}


def test_garbage_filters_are_ignored_like_the_listing_does(annuaire, client):
    garbage = {
        "type": ["\x00", "x" * 300],
        "territoire": ["-1", "abc", "99999999999999999999"],
        "lettre": "ZZ",
        "thematique": "<script>",
        "page": "-3",
    }
    expected = listed(client, annuaire.url, garbage, lambda s: s.name)
    for fmt in ("csv", "xlsx", "json"):
        response = client.get(annuaire.url + f"export/structures-{fmt}/", garbage)
        assert response.status_code == 200
    names = [
        r["Nom"] for r in read_csv(client.get(annuaire.url + "export/structures-csv/", garbage))
    ]
    assert names == expected
    assert client.get(annuaire.url + "export/structures-pdf/").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_filtered_structure_exports_run_a_fixed_number_of_queries(
    annuaire, client, count_queries, fmt
):
    from tests.annuaire.conftest import bulk_people, bulk_structures

    query = {"type": StructureType.objects.get(name="Association").slug, "q": "test"}
    url = annuaire.url + f"export/structures-{fmt}/"

    def export():
        response = client.get(url, query)
        assert response.status_code == 200
        return body(response)

    bulk_people(5, bulk_structures(10))
    small, _ = count_queries(export)
    bulk_people(5, bulk_structures(500, prefix="Autre structure de test"))
    large, _ = count_queries(export)
    assert small == large
    assert (
        len(read_json(client.get(annuaire.url + "export/structures-json/", query))["structures"])
        >= 510
    )
