"""The demo agenda comes from the seed documents and loads twice without duplicates."""

import pytest
from django.utils import timezone

from agenda.models import EventFormat, EventPage, ReseauPage, Seance, Venue

pytestmark = pytest.mark.django_db


def test_demo_agenda_is_complete_and_idempotent(demo_site, client):
    from demo.content import agenda

    counts = (EventPage.objects.count(), Seance.objects.count(), Venue.objects.count())
    agenda.load()
    assert (EventPage.objects.count(), Seance.objects.count(), Venue.objects.count()) == counts

    assert set(EventFormat.objects.values_list("name", flat=True)) >= {
        "Atelier",
        "Réunion de réseau",
        "Cooper'Villes",
        "Journée thématique / séminaire",
        "Cycle de qualification",
        "Petit-déjeuner",
        "Samedi des élus",
        "Rencontre",
        "Étude en débat",
        "Formation",
        "Forum",
    }
    today = timezone.localdate()
    assert Seance.objects.filter(date__lt=today).exists()
    assert Seance.objects.filter(date__gte=today).count() >= 15
    assert Seance.objects.filter(status="cancelled").count() == 1
    assert Seance.objects.filter(status="full").count() >= 2
    assert ReseauPage.objects.count() == 2
    html = client.get("/agenda/reseau-adultes-relais-bretagne/").text
    assert "Réunion du réseau des adultes relais" in html
    html = client.get("/agenda/").text
    assert "Les conditions de réussite du projet urbain et social" in html
    assert "Annulée" in html or "Annulée" in client.get("/agenda/?page=2").text


def test_a_demo_event_page_says_its_lead_once(demo_site, client):
    from html import unescape

    for event in EventPage.objects.live():
        html = client.get(event.url).content.decode()
        # What the visitor reads: the page's main content, without its JSON-LD.
        main = html[html.index("<main") : html.index("</main>")]
        if "<script" in main:
            main = main[: main.index("<script")] + main[main.index("</script>") :]
        assert unescape(main).count(event.chapo) == 1, event.title
