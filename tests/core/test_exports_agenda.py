"""The agenda's exports hold exactly the séances its list shows for the same filters, in its
order (upcoming ones, or the chosen period), under the centre's licence."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.marks import module_needs_apps

module_needs_apps("agenda")

from agenda.models import AgendaIndexPage, EventFormat  # noqa: E402
from resource_centre.models import Territoire, Thematique  # noqa: E402
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
    with override_settings(RESOURCE_CENTRE={"AGENDA_PER_PAGE": 1000}):
        yield


@pytest.fixture
def agenda(demo_site):
    return AgendaIndexPage.objects.get()


def queries():
    today = timezone.localdate()
    bretagne = Territoire.objects.get(kind="region", code="53")
    used = Thematique.objects.filter(eventpage__isnull=False).first()
    return [
        {"format": EventFormat.objects.filter(events__isnull=False).first().slug},
        {"thematique": used.slug, "territoire": bretagne.pk},
        {"du": (today - datetime.timedelta(days=90)).isoformat(), "au": today.isoformat()},
        {"q": "mediateurs"},
    ]


def listed(client, agenda, query):
    response = client.get(agenda.url, query)
    assert response.status_code == 200
    return [seance.pk for seance in response.context["seances"]]


def test_each_export_holds_the_lists_seances_in_its_order(agenda, client):
    every = listed(client, agenda, {})
    narrower = 0
    for query in queries():
        expected = listed(client, agenda, query)
        narrower += 0 < len(expected) < len(every) or query.get("du") is not None
        csv_rows = read_csv(client.get(agenda.url + "export/csv/", query))
        assert [int(row["Identifiant"]) for row in csv_rows] == expected, query
        data = read_json(client.get(agenda.url + "export/json/", query))
        assert [seance["id"] for seance in data["seances"]] == expected, query
        sheets = read_xlsx(client.get(agenda.url + "export/xlsx/", query))
        assert [row[0] for row in sheets["Agenda"][1:]] == expected, query
    assert narrower >= 3


def test_the_export_is_the_agendas_open_data_under_the_centres_licence(agenda, client):
    query = queries()[0]
    for fmt in ("csv", "xlsx", "json"):
        assert licence_url(client.get(agenda.url + f"export/{fmt}/", query)) == ETALAB
    data = read_json(client.get(agenda.url + "export/json/", query))
    assert data["licence"]["name"] == "Licence Ouverte 2.0 (Etalab)"
    info = about(read_xlsx(client.get(agenda.url + "export/xlsx/", query)))
    assert info["Adresse de la licence"] == ETALAB and info["Filtres"].startswith("Format : ")
    html = client.get(agenda.url, {**query, "page": "1"}).content.decode()
    assert f'href="/agenda/export/csv/?format={query["format"]}"' in html
    assert f'href="/agenda/export/json/?format={query["format"]}"' in html
    assert f'<a href="{ETALAB}" rel="license">Licence Ouverte 2.0 (Etalab)</a>' in html


def test_a_row_says_when_where_and_what_in_iso_dates(agenda, client):
    rows = read_csv(client.get(agenda.url + "export/csv/"))
    assert rows
    for row in rows:
        datetime.date.fromisoformat(row["Date"])
        assert row["Heure de début"] == "" or len(row["Heure de début"]) == 5
        assert row["En ligne"] in ("oui", "non")
        assert row["Page"].startswith("http://")
    postponed = [r for r in rows if r["Reportée du"]]
    for row in postponed:
        assert row["Statut"] == "reportée" and row["Reportée du"] < row["Date"]
    data = read_json(client.get(agenda.url + "export/json/"))
    assert all(isinstance(s["themes"], list) for s in data["seances"])
    assert all(isinstance(s["online"], bool) for s in data["seances"])


def test_garbage_filters_are_ignored_like_the_list_does(agenda, client):
    garbage = {
        "format": ["\x00", "x" * 300],
        "territoire": ["-1", "abc"],
        "du": "31/02/2025",
        "au": "demain",
        "periode": "jamais",
        "page": "zz",
    }
    expected = listed(client, agenda, garbage)
    for fmt in ("csv", "xlsx", "json"):
        assert client.get(agenda.url + f"export/{fmt}/", garbage).status_code == 200
    rows = read_csv(client.get(agenda.url + "export/csv/", garbage))
    assert [int(r["Identifiant"]) for r in rows] == expected
    assert client.get(agenda.url + "export/pdf/").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_filtered_exports_run_a_fixed_number_of_queries(agenda, client, count_queries, fmt):
    from tests.agenda.factories import bulk_events

    fmt_atelier = EventFormat.objects.get_or_create(name="Atelier")[0]
    query = {"format": fmt_atelier.slug}
    url = agenda.url + f"export/{fmt}/"

    def export():
        response = client.get(url, query)
        assert response.status_code == 200
        return body(response)

    bulk_events(agenda, 10, seances_per_event=2, formats=[fmt_atelier])
    small, _ = count_queries(export)
    bulk_events(agenda, 300, seances_per_event=2, formats=[fmt_atelier])
    large, _ = count_queries(export)
    assert small == large
    assert len(read_json(client.get(agenda.url + "export/json/", query))["seances"]) >= 620
