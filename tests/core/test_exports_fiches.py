"""The fiches' exports hold exactly what the listing shows for the same query (filters, words),
in its order, under the centre's licence; garbage in the query is ignored as the listing does."""

import pytest
from django.test import override_settings

from tests.marks import module_needs_apps

module_needs_apps("fiches")

from resource_centre.models import CentreSettings, Territoire, Thematique  # noqa: E402
from tests.core.test_exports import (  # noqa: E402
    ETALAB,
    about,
    body,
    licence_url,
    read_csv,
    read_json,
    read_xlsx,
)
from tests.fiches.helpers import bulk_fiches  # noqa: E402


def read_fiches_csv(response):
    """The rows of the fiches' CSV by the keys of its columns (those of the JSON)."""
    from fiches.exports import COLUMNS

    return [{key: row[str(label)] for key, label in COLUMNS} for row in read_csv(response)]


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("all_on_one_page"),
]


@pytest.fixture
def all_on_one_page():
    with override_settings(RESOURCE_CENTRE={"FICHES_CENTRE_SLUG": "rv", "FICHES_PER_PAGE": 500}):
        yield


def lorient_area():
    return Territoire.objects.get(kind="commune", code="56121").parent


def queries():
    return [
        {"thematique": "observation-et-evaluation"},
        {"thematique": ["participation-des-habitants"], "territoire": [lorient_area().pk]},
        {"q": "habitant"},  # a search: relevance order
        {"thematique": ["santé", "nope"], "territoire": ["abc", "99999999999999999999"]},
    ]


def listed_ids(client, index, query):
    response = client.get(index.url, query)
    assert response.status_code == 200
    return [f"rv--{fiche.pk}" for fiche in response.context["fiches"]]


def test_each_export_holds_the_listings_fiches_in_its_order(client, fiches_site):
    total = len(listed_ids(client, fiches_site, {}))
    for query in queries():
        expected = listed_ids(client, fiches_site, query)
        assert expected, query
        csv_rows = read_fiches_csv(client.get(fiches_site.url + "export/csv/", query))
        assert [row["id"] for row in csv_rows] == expected, query
        data = read_json(client.get(fiches_site.url + "export/json/", query))
        assert [fiche["id"] for fiche in data["fiches"]] == expected, query
        assert data["count"] == len(expected)
    assert len(listed_ids(client, fiches_site, queries()[1])) < total  # the filters do filter


def test_garbage_filters_are_ignored_like_the_listing_does(client, fiches_site):
    everything = listed_ids(client, fiches_site, {})
    garbage = {
        "thematique": ["\x00", "x" * 300],
        "territoire": ["-1", "1e9", "²"],
        "annee": ["deux-mille"],
        "porteur_type": "<script>",
        "page": "abc",
    }
    for suffix in ("export/csv/", "export/json/"):
        response = client.get(fiches_site.url + suffix, garbage)
        assert response.status_code == 200
    assert [
        r["id"] for r in read_fiches_csv(client.get(fiches_site.url + "export/csv/", garbage))
    ] == (everything)


def test_the_listing_links_its_exports_with_its_query_and_names_the_licence(client, fiches_site):
    html = client.get(fiches_site.url, {"thematique": "sante", "page": "1"}).content.decode()
    assert 'href="/fiches-experiences/export/csv/?thematique=sante"' in html
    assert 'href="/fiches-experiences/export/json/?thematique=sante"' in html
    assert f'<a href="{ETALAB}" rel="license">Licence Ouverte 2.0 (Etalab)</a>' in html


def test_the_exports_carry_the_centres_licence(client, fiches_site):
    csv_response = client.get(fiches_site.url + "export/csv/")
    assert licence_url(csv_response) == ETALAB
    data = read_json(client.get(fiches_site.url + "export/json/"))
    assert data["licence"]["url"] == ETALAB and data["centre"] == "rv"
    settings = CentreSettings.objects.get()
    settings.licence = "cc-by-4.0"
    settings.save()
    response = client.get(fiches_site.url + "export/json/", {"thematique": "sante"})
    assert licence_url(response) == "https://creativecommons.org/licenses/by/4.0/"
    assert read_json(response)["licence"]["name"].endswith("(CC BY 4.0)")
    assert "(CC BY 4.0)" in client.get(fiches_site.url).content.decode()


def test_dates_are_iso_and_lists_share_the_suites_separator(client, fiches_site):
    header = list(read_csv(client.get(fiches_site.url + "export/csv/"))[0])
    # In French, as every export of the suite; the JSON keeps the keys the network's tools read.
    assert header[:6] == [
        "Identifiant",
        "Page",
        "Titre",
        "Résumé",
        "Porteur de projet",
        "Type de porteur",
    ]
    rows = read_fiches_csv(client.get(fiches_site.url + "export/csv/"))
    lorient = next(r for r in rows if r["title"].startswith("Formation Acteurs"))
    assert lorient["themes"] == "Participation des habitants | Rénovation urbaine"
    assert lorient["validated_by_project_holder_on"] == "2016-09-05"
    first = lorient["first_published_at"]
    assert len(first) == len("2025-03-14T09:30:05+01:00") and first[10] == "T"
    data = read_json(client.get(fiches_site.url + "export/json/"))
    fiche = next(f for f in data["fiches"] if f["title"].startswith("Formation Acteurs"))
    assert fiche["themes"] == ["Participation des habitants", "Rénovation urbaine"]
    assert fiche["first_published_at"] == first


def test_xlsx_holds_the_same_fiches_and_says_its_filters_and_licence(client, fiches_site):
    query = queries()[1]
    expected = listed_ids(client, fiches_site, query)
    sheets = read_xlsx(client.get(fiches_site.url + "export/xlsx/", query))
    data, info = sheets["Fiches expériences"], about(sheets)
    assert [row[0] for row in data[1:]] == expected
    assert info["Licence"] == "Licence Ouverte 2.0 (Etalab)"
    assert info["Adresse de la licence"] == ETALAB
    assert "Thématique : Participation des habitants" in info["Filtres"]
    assert info["Source"].startswith("http://testserver/fiches-experiences/export/xlsx/?")


def test_filtered_exports_run_a_fixed_number_of_queries(client, fiches_site, count_queries):
    theme = Thematique.objects.get(slug="jeunesse")
    query = {"thematique": "jeunesse", "territoire": lorient_area().pk}
    urls = [fiches_site.url + f"export/{fmt}/" for fmt in ("csv", "xlsx", "json")]

    def fetch(url, params):
        response = client.get(url, params)
        assert response.status_code == 200
        return body(response)

    def counts(params):
        return [count_queries(fetch, url, params)[0] for url in urls]

    bulk_fiches(fiches_site, 10, thematiques=[theme], territoires=[lorient_area()])
    counts(query)
    small = counts(query), counts({"q": "quartier"})
    bulk_fiches(fiches_site, 300, thematiques=[theme], territoires=[lorient_area()])
    large = counts(query), counts({"q": "quartier"})
    assert small == large, (small, large)
    assert len(read_csv(client.get(urls[0], query))) >= 310
