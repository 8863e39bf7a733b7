"""The lettre's "prochains rendez-vous" block tells the truth about the agenda: a postponed
séance at its new date (saying it moved), cancelled séances left out."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from newsletter import automatic, sending
from newsletter.models import LettrePage
from tests.marks import with_apps

from .conftest import add_subscribers, make_lettre

# The link between the lettre and the agenda: left out where the newsletter is installed alone.
pytestmark = [pytest.mark.django_db, with_apps("agenda")]

DAY = datetime.timedelta(days=1)


def _seance(date, **fields):
    return dict(date=date, online=True, **fields)


@pytest.fixture
def agenda(site_home):
    """Four events: one whose first séance is cancelled, one postponed later, one postponed from
    the past to the future, one with its only séance cancelled."""
    from tests.agenda.factories import agenda_index, make_event

    today = timezone.localdate()
    index = agenda_index(site_home)
    return {
        "atelier": make_event(
            index,
            "Atelier santé",
            [_seance(today + 5 * DAY, status="cancelled"), _seance(today + 30 * DAY)],
        ),
        "reseau": make_event(
            index,
            "Réseau adultes relais",
            [_seance(today + 2 * DAY, status="postponed", new_date=today + 20 * DAY)],
        ),
        "rattrapage": make_event(
            index,
            "Petit-déjeuner des élus",
            [_seance(today - 3 * DAY, status="postponed", new_date=today + 8 * DAY)],
        ),
        "annule": make_event(
            index, "Cooper'Villes annulé", [_seance(today + 4 * DAY, status="cancelled")]
        ),
    }


def _french(date):
    with override("fr"):
        return date_format(date, "j F Y")


def test_upcoming_events_at_their_real_date_without_the_cancelled(agenda):
    today = timezone.localdate()
    with override("fr"):
        items = automatic.items_for({"source": "events", "count": 10})

    assert [(item["title"], item["date"]) for item in items] == [
        ("Petit-déjeuner des élus", today + 8 * DAY),
        ("Réseau adultes relais", today + 20 * DAY),
        ("Atelier santé", today + 30 * DAY),
    ]
    notes = {item["title"]: item["summary"] for item in items}
    assert notes["Réseau adultes relais"].startswith(
        f"Date reportée (initialement le {_french(today + 2 * DAY)})."
    )
    assert notes["Petit-déjeuner des élus"].startswith("Date reportée (initialement le ")
    assert not notes["Atelier santé"].startswith("Date reportée")


def test_the_sent_lettre_carries_the_new_date_and_not_the_cancelled(agenda, archive, publication):
    today = timezone.localdate()
    lettre = make_lettre(
        archive,
        publication,
        number=61,
        body=[("automatic", {"heading": "Prochains rendez-vous", "source": "events", "count": 5})],
    )
    add_subscribers(publication, 1)

    sending.create_send(lettre, [publication])

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "Prochains rendez-vous" in html
    assert f"{_french(today + 20 * DAY)}</strong> — " in html
    assert "Réseau adultes relais" in html and "Date reportée (initialement le" in html
    assert _french(today + 2 * DAY) + "</strong>" not in html  # never at its old date
    assert "Cooper" not in html and "Cooper" not in message.body
    assert _french(today + 5 * DAY) not in html  # the atelier's cancelled séance
    # The items stay in the lettre, as sent, for its web version and later sends.
    items = LettrePage.objects.get(pk=lettre.pk).body[0].value["items"]
    assert [item["title"] for item in items] == [
        "Petit-déjeuner des élus",
        "Réseau adultes relais",
        "Atelier santé",
    ]


def test_a_source_that_does_not_fit_its_model_gives_no_items(agenda, settings):
    settings.RESOURCE_CENTRE = {
        "NEWSLETTER_AUTOMATIC_SOURCES": {
            "events": {
                "model": "agenda.Seance",
                "date_field": "jour_inexistant",
                "page_field": "event",
                "upcoming": True,
            }
        }
    }
    assert automatic.items_for({"source": "events", "count": 5}) == []
    settings.RESOURCE_CENTRE = {
        "NEWSLETTER_AUTOMATIC_SOURCES": {
            "events": {
                "model": "agenda.Seance",
                "date_field": "day",
                "page_field": "event",
                "upcoming": True,
                "exclude": {"statut": "cancelled"},
            }
        }
    }
    assert automatic.items_for({"source": "events", "count": 5}) == []
