"""The agenda's keyword box ignores case, accents and singular/plural, in the events' and the
séances' public text (resource_centre/search.py, agenda/search.py)."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from agenda.models import AgendaIndexPage, EventFormat, Venue
from tests import snapshot
from tests.conftest import load_core

from .factories import agenda_index, make_event

pytestmark = pytest.mark.django_db

VARIANTS = {
    "santé": ["santé", "sante", "Santés", "SANTE"],
    "médiateurs": ["médiateurs", "mediateurs", "médiateur", "mediateur", "médiatrice"],
    "chargée de mission": ["chargée de mission", "chargee de mission", "chargés de mission"],
    "habitants": ["habitant", "habitants", "Habitant"],
    "prévention": ["prévention", "prevention", "PREVENTIONS"],
    "RésO": ["RésO", "reso", "RESO"],
}


def titles(response):
    assert response.status_code == 200
    # A séance with a title is listed as "event – séance": the event is what counts here.
    found = re.findall(r'class="ag-seance__title"><a href="[^"]*">(.*?)</a>', response.text)
    # The words found are marked in the titles.
    found = [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in found]
    return {t.split(" – ")[0] for t in found if "Zéphyr" in t}


def _create_zephyr():
    """Three events whose words come in every spelling (published once per test process)."""
    index = agenda_index(load_core())
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    venue = Venue.objects.create(name="Maison des habitants", city="Saint-Brieuc")
    make_event(
        index,
        "Zéphyr : réseau des médiateurs",
        [dict(date=today + 3 * day, venue=venue, title="Séance prévention")],
        chapo="Avec les chargées de mission santé de RésO Villes.",
    )
    make_event(
        index,
        "Zéphyr : atelier santé ville",
        [dict(date=today + 5 * day, title="Les habitants et la prévention")],
    )
    make_event(index, "Zéphyr : petit-déjeuner", [dict(date=today + 6 * day)], fmt="Médiation")


_zephyr_rows, zephyr = snapshot.fixtures(
    "zephyr",
    _create_zephyr,
    AgendaIndexPage.objects.get,
    _create_zephyr.__doc__,
    valid_for=timezone.localdate,
)


@pytest.mark.parametrize("word", VARIANTS)
def test_every_spelling_finds_the_same_events(client, zephyr, word):
    found = [titles(client.get(zephyr.url, {"q": v})) for v in VARIANTS[word]]
    assert found[0], f"nothing found for {word}"
    assert all(f == found[0] for f in found), dict(zip(VARIANTS[word], found, strict=True))


def test_what_each_word_finds(client, zephyr):
    def search(q):
        return titles(client.get(zephyr.url, {"q": q}))

    everything = {
        "Zéphyr : réseau des médiateurs",
        "Zéphyr : atelier santé ville",
        "Zéphyr : petit-déjeuner",
    }
    assert search("zephyr") == everything
    assert search("mediateur") == {"Zéphyr : réseau des médiateurs"}  # title
    assert search("chargee de mission") == {"Zéphyr : réseau des médiateurs"}  # standfirst
    assert search("SANTES") == {"Zéphyr : réseau des médiateurs", "Zéphyr : atelier santé ville"}
    assert search("habitant") == everything - {"Zéphyr : petit-déjeuner"}  # venue, séance
    assert search("brieuc") == {"Zéphyr : réseau des médiateurs"}  # city
    assert search("mediation zephyr") == {"Zéphyr : petit-déjeuner"}  # format


def test_renaming_a_venue_or_a_format_is_searched_at_once(client, zephyr):
    venue = Venue.objects.get(city="Saint-Brieuc")
    venue.city = "Lannion"
    venue.save()
    assert titles(client.get(zephyr.url, {"q": "lannion"})) == {"Zéphyr : réseau des médiateurs"}
    fmt = EventFormat.objects.get(name="Médiation")
    fmt.name = "Cooper'Villes"
    fmt.save()
    assert titles(client.get(zephyr.url, {"q": "cooper zephyr"})) == {"Zéphyr : petit-déjeuner"}


def test_a_thematique_finds_the_events_on_it_renamed_or_deleted(client, zephyr, index, today):
    """ "santé" finds the events tagged Santé, as it finds the fiches and the annuaire's entries;
    the name follows a rename and leaves with a deletion."""
    from resource_centre.models import Thematique

    theme = Thematique.objects.create(name="Vélos partagés")
    make_event(
        index,
        "Zéphyr : balade",
        [dict(date=today + datetime.timedelta(days=4))],
        thematiques=[theme],
    )
    assert titles(client.get(zephyr.url, {"q": "velo zephyr"})) == {"Zéphyr : balade"}
    theme.name = "Bicyclettes solidaires"
    theme.save()
    assert titles(client.get(zephyr.url, {"q": "bicyclette zephyr"})) == {"Zéphyr : balade"}
    assert titles(client.get(zephyr.url, {"q": "velo zephyr"})) == set()
    theme.delete()
    assert titles(client.get(zephyr.url, {"q": "bicyclette zephyr"})) == set()
    assert titles(client.get(zephyr.url, {"q": "balade zephyr"})) == {"Zéphyr : balade"}


def test_a_draft_does_not_change_what_the_live_event_is_found_by(client, zephyr):
    from agenda.models import EventPage

    event = EventPage.objects.get(title="Zéphyr : petit-déjeuner")
    event.title = "Zéphyr : brouillon secret"
    event.save_revision()
    assert not titles(client.get(zephyr.url, {"q": "brouillon"}))
    assert titles(client.get(zephyr.url, {"q": "petit dejeuner"})) == {"Zéphyr : petit-déjeuner"}


def site_search(client, q):
    from django.urls import reverse

    response = client.get(reverse("resource_centre:search"), {"q": q})
    assert response.status_code == 200
    return re.sub("</?mark>", "", response.text)  # the words found are marked


def test_the_site_search_lists_upcoming_seances(client, zephyr, today):
    text = site_search(client, "préventions zéphyr")
    assert "Prochaines séances" in text
    assert "Zéphyr : réseau des médiateurs – Séance prévention" in text
    assert "Zéphyr : atelier santé ville – Les habitants et la prévention" in text
    assert "Saint-Brieuc" in text
    assert "petit-déjeuner" not in text


def test_the_site_search_says_which_seances_are_cancelled_or_postponed(client, index, today):
    """As the agenda marks them: a cancelled séance found by the site search is not planned."""
    from agenda.models import Seance, Venue

    venue = Venue.objects.create(name="Salle", city="Lannion")
    soon = today + datetime.timedelta(days=5)
    make_event(
        index,
        "Zéphyr annulé",
        [dict(date=soon, venue=venue, status=Seance.Status.CANCELLED)],
    )
    make_event(index, "Zéphyr maintenu", [dict(date=soon, venue=venue)])
    text = " ".join(re.sub(r"<[^>]+>", " ", site_search(client, "zephyr")).split())
    assert re.search(r"Zéphyr annulé [^Z]*Lannion · Atelier · Annulée", text), text
    assert re.search(r"Zéphyr maintenu [^Z]*Lannion · Atelier(?! · Annulée)", text), text


def test_past_seances_are_not_upcoming(client, index, today):
    make_event(
        index,
        "Zéphyr passé",
        [dict(date=today - datetime.timedelta(days=3))],
    )
    assert "Prochaines séances" not in site_search(client, "zephyr passe")


def test_the_site_search_runs_the_same_queries_at_two_sizes(client, zephyr, count_queries):
    from django.urls import reverse

    from .factories import bulk_events

    url = reverse("resource_centre:search")
    client.get(url, {"q": "evenement"})  # warm the caches
    bulk_events(zephyr, 3)
    small, _response = count_queries(client.get, url, {"q": "événements"})
    bulk_events(zephyr, 200)
    large, response = count_queries(client.get, url, {"q": "événements"})
    assert "(203)" in response.text
    assert small == large


def test_publishing_an_older_revision_brings_back_what_it_is_found_by(client, zephyr):
    from agenda.models import EventPage

    event = EventPage.objects.get(title="Zéphyr : petit-déjeuner")
    first = event.latest_revision
    event.title = "Zéphyr : nouvel intitulé"
    event.save_revision().publish()
    assert titles(client.get(zephyr.url, {"q": "intitules"})) == {"Zéphyr : nouvel intitulé"}
    first.publish()
    assert not titles(client.get(zephyr.url, {"q": "intitules"}))
    assert titles(client.get(zephyr.url, {"q": "petits dejeuners"})) == {"Zéphyr : petit-déjeuner"}


def test_the_migration_fills_the_text_of_existing_events_and_seances(client, zephyr):
    import importlib

    from django.apps import apps

    from agenda.models import EventPage, Seance

    migration = importlib.import_module("agenda.migrations.0006_events_and_seances_search_text")
    EventPage.objects.update(search_text="")
    Seance.objects.update(search_text="")
    migration.fill_search_text(apps, None)
    assert titles(client.get(zephyr.url, {"q": "brieuc mediateurs"})) == {
        "Zéphyr : réseau des médiateurs"
    }
