"""The agenda's territory filter is where the séance takes place (its venue's commune), not
where its event is meant for: an atelier for Rennes meeting in Nantes is found under
Loire-Atlantique for that séance; an online séance is found by its event's territories."""

import datetime

import pytest
from django.http import QueryDict

from agenda.filters import SeanceFilterSet
from agenda.models import Seance
from resource_centre.models import Territoire

from .factories import make_event

pytestmark = pytest.mark.django_db


def _where(query):
    filterset = SeanceFilterSet(QueryDict(query), queryset=Seance.objects.all())
    return {(s.event.title, s.venue.city if s.venue else "en ligne") for s in filterset.qs}


def test_a_seance_is_found_where_it_takes_place(events, venues, index, today):
    assert venues["nantes"].commune.code == "44109"
    assert venues["rennes"].commune.code == "35238"
    get = Territoire.objects.get
    bretagne = get(kind="region", code="53")
    ille, loire = get(kind="departement", code="35"), get(kind="departement", code="44")
    webinaire = make_event(
        index,
        "Webinaire sur la participation",
        [
            dict(
                date=today + datetime.timedelta(days=7), online=True, online_url="https://v.example"
            )
        ],
        territoires=[bretagne],
    )
    atelier = events["atelier"].title
    found = _where(f"territoire={ille.pk}")
    assert (atelier, "Rennes") in found and (atelier, "Nantes") not in found
    found = _where(f"territoire={loire.pk}")
    assert (atelier, "Nantes") in found and (atelier, "Rennes") not in found
    assert (webinaire.title, "en ligne") in _where(f"territoire={bretagne.pk}")
    assert (webinaire.title, "en ligne") not in _where(f"territoire={loire.pk}")


def test_the_listing_says_what_the_filter_is(client, events, index):
    page = client.get(index.url).content.decode()
    assert "Lieu de la séance" in page
