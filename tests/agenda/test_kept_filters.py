"""The agenda's filter block is kept between visits (agenda_index_page.html), one per query
string, and every change to what it offers shows at the next visit."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from agenda.models import AgendaIndexPage, EventFormat, Venue
from resource_centre.models import Territoire, Thematique

from .factories import make_event

pytestmark = pytest.mark.django_db


def filter_block(response):
    page = response.content.decode()
    return page[page.index('<aside class="ag-filters">') : page.index("</aside>")]


def offered(response, name):
    """The labels of the options of filter `name`."""
    found = re.findall(
        rf'<input type="checkbox" name="{name}" value="[^"]*" id="[^"]*"(?: checked)?>'
        r'<label for="[^"]*">([^<]*)</label>',
        filter_block(response),
    )
    return [html.unescape(label) for label in found]


def test_a_second_visit_reads_the_block_kept(client, events, count_queries):
    cold, first = count_queries(client.get, "/agenda/")  # nothing kept: the block is written
    with CaptureQueriesContext(connection) as second:
        response = client.get("/agenda/")
    assert filter_block(response) == filter_block(first)
    # The options of the formats, thématiques, publics and territoires are not read again.
    assert len(second.captured_queries) <= cold - 4
    assert "resource_centre_thematique" not in " ".join(q["sql"] for q in second.captured_queries)


def test_each_query_string_has_its_own_block(client, events):
    chosen = client.get("/agenda/?format=coopervilles")
    assert re.search(r'value="coopervilles" id="[^"]+" checked>', filter_block(chosen))
    assert "Retirer le filtre Format" in filter_block(chosen)
    plain = client.get("/agenda/")
    assert not re.search(r'value="coopervilles" id="[^"]+" checked>', filter_block(plain))
    assert "Retirer le filtre" not in filter_block(plain)
    garbage = client.get("/agenda/?du=pas-une-date")
    assert "pas-une-date" in filter_block(garbage)  # given back as typed, with its notice
    assert "pas-une-date" not in filter_block(client.get("/agenda/"))


def test_a_renamed_format_thematique_and_city_show_at_the_next_visit(client, events):
    response = client.get("/agenda/")
    assert "Cooper'Villes" in offered(response, "format")
    assert "Sarcelles" in offered(response, "ville")

    fmt = EventFormat.objects.get(slug="coopervilles")
    fmt.name = "Cooper'Villes du réseau"
    fmt.save()
    theme = Thematique.objects.get(slug="renovation-urbaine")
    theme.name = "Renouvellement urbain"
    theme.save()
    venue = Venue.objects.get(city="Sarcelles")
    venue.city = "Garges-lès-Gonesse"
    venue.save()

    response = client.get("/agenda/")
    assert "Cooper'Villes du réseau" in offered(response, "format")
    assert "Renouvellement urbain" in offered(response, "thematique")
    assert "Garges-lès-Gonesse" in offered(response, "ville")
    assert "Sarcelles" not in offered(response, "ville")


def test_an_unpublished_event_takes_its_terms_away_at_the_next_visit(client, events):
    assert "Cooper'Villes" in offered(client.get("/agenda/"), "format")
    events["cooper"].unpublish()
    assert "Cooper'Villes" not in offered(client.get("/agenda/"), "format")
    events["cooper"].save_revision().publish()
    assert "Cooper'Villes" in offered(client.get("/agenda/"), "format")


def test_a_format_chosen_is_checked_against_the_terms_kept(client, events):
    client.get("/agenda/")  # keeps the ids of the terms the agenda's events use
    with CaptureQueriesContext(connection) as visit:
        response = client.get("/agenda/?format=coopervilles")
    checked = [q["sql"] for q in visit.captured_queries if 'FROM "agenda_eventformat"' in q["sql"]]
    # The format chosen is looked up among the ids kept, without reading the events again.
    assert checked and not any("agenda_eventpage" in sql for sql in checked), checked
    assert "Retirer le filtre Format : Cooper&#x27;Villes" in response.text
    assert "n’ont pas été reconnues" not in response.text

    events["cooper"].unpublish()  # no published event of that format is left
    response = client.get("/agenda/?format=coopervilles")
    assert "Certaines valeurs du filtre « Format » n’ont pas été reconnues" in response.text
    assert "Cooper&#x27;Villes des médiateurs" not in response.text


def test_an_event_unpublished_as_a_base_page_takes_its_terms_away(client, events):
    # The admin's bulk unpublish and an expiry unpublish base pages, not EventPages.
    assert "Cooper'Villes" in offered(client.get("/agenda/"), "format")
    Page.objects.get(pk=events["cooper"].pk).unpublish()
    assert "Cooper'Villes" not in offered(client.get("/agenda/"), "format")


def test_each_agenda_has_its_own_block_wherever_it_is_served(client, events, today):
    first = AgendaIndexPage.objects.get()
    second = AgendaIndexPage(title="Agenda des visites", slug="visites")
    first.get_parent().add_child(instance=second)
    second.save_revision().publish()
    make_event(second, "Visite du Blosne", [dict(date=today)], fmt="Visite de site")
    assert "Visite de site" not in offered(client.get("/agenda/"), "format")
    assert "Visite de site" in offered(client.get("/visites/"), "format")

    # The editors swap the two agendas' addresses: no event changes.
    for page, slug in ((first, "ancien-agenda"), (second, "agenda")):
        page.slug = slug
        page.save_revision().publish()
    assert "Visite de site" in offered(client.get("/agenda/"), "format")
    assert "Visite de site" not in offered(client.get("/ancien-agenda/"), "format")


def test_a_renamed_territoire_shows_at_the_next_visit(client, events):
    bretagne = Territoire.objects.get(kind="region", code="53")
    assert "Bretagne" in filter_block(client.get("/agenda/"))
    bretagne.name = "Région Bretagne"
    bretagne.save()
    assert "Région Bretagne" in filter_block(client.get("/agenda/"))
