"""Animateurs and intervenants chosen from the annuaire appear on the event page, linked."""

import pytest
from django.utils.html import escape

from tests.marks import module_needs_apps

module_needs_apps("annuaire")

from agenda.models import EventPage  # noqa: E402
from annuaire.models import AnnuaireIndexPage, Person  # noqa: E402

pytestmark = pytest.mark.django_db


def test_people_from_the_annuaire_are_shown_with_a_link_to_their_entry(demo_site, client):
    event = EventPage.objects.live().first()
    facilitator, speaker = Person.objects.order_by("pk")[:2]
    event.annuaire_people = [
        ("person", {"person": facilitator, "role": "animateur"}),
        ("person", {"person": speaker, "role": "intervenant"}),
    ]
    event.save_revision().publish()

    html = client.get(event.url).content.decode()
    annuaire = AnnuaireIndexPage.objects.live().first()
    assert (
        f'<a href="{annuaire.person_url(facilitator)}">{escape(facilitator.full_name)}</a>' in html
    )
    assert f'<a href="{annuaire.person_url(speaker)}">{escape(speaker.full_name)}</a>' in html
    # The event shows names only: no personal contact, with or without consent.
    for person in (facilitator, speaker):
        assert not person.email or person.email not in html


def test_a_person_removed_from_the_annuaire_disappears_from_the_event(demo_site, client):
    from resource_centre.rgpd import erase

    event = EventPage.objects.live().first()
    person = Person.objects.order_by("pk").first()
    name = person.full_name
    event.annuaire_people = [("person", {"person": person, "role": "intervenant"})]
    event.save_revision().publish()
    erase(person)

    response = client.get(event.url)
    assert response.status_code == 200
    assert escape(name) not in response.content.decode()
