import datetime

import pytest
from django.utils import timezone

from agenda.models import EventPage, Venue
from resource_centre.models import PublicVise, Territoire, Thematique
from tests import snapshot
from tests.conftest import load_core

from .factories import agenda_index, make_event


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def index(home):
    """The agenda page on the demo home page (the one of `events` when the test has them: their
    rows are put back after `home`'s, tests/snapshot.py)."""
    return agenda_index(home)


VENUES = {
    "rennes": dict(
        name="Maison de quartier du Blosne",
        address="7 boulevard de Yougoslavie",
        postcode="35200",
        city="Rennes",
        latitude="48.086300",
        longitude="-1.659600",
        accessibility="Plain-pied",
    ),
    "nantes": dict(name="Salle Bellamy", postcode="44000", city="Nantes"),
    "sarcelles": dict(name="Le Cristal", postcode="95200", city="Sarcelles"),
}


@pytest.fixture
def venues(db, request):
    """Three venues: those of `events` when the test has them."""
    if "events" in request.fixturenames:
        return {key: Venue.objects.get(name=fields["name"]) for key, fields in VENUES.items()}
    return _create_venues()


def _create_venues():
    return {key: Venue.objects.create(**fields) for key, fields in VENUES.items()}


EVENTS = {
    "atelier": "Atelier projet urbain et social",
    "cooper": "Cooper'Villes des médiateurs",
    "petit_dej": "Petit-déjeuner sur la monoparentalité précaire",
}


def _create_events():
    """A small agenda: an atelier in two cities, a réseau meeting, a cancelled Cooper'Villes…
    published as an editor would (over a second per page, hence kept once per test process)."""
    index = agenda_index(load_core())
    venues = _create_venues()
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    rennes = Territoire.objects.get(kind="commune", code="35238")
    val_d_oise = Territoire.objects.get(kind="departement", code="95")
    make_event(
        index,
        EVENTS["atelier"],
        [
            dict(
                date=today + 3 * day,
                start_time=datetime.time(9, 30),
                end_time=datetime.time(16, 30),
                venue=venues["rennes"],
                title="Le relogement",
            ),
            dict(
                date=today + 40 * day,
                start_time=datetime.time(9, 30),
                end_time=datetime.time(16, 30),
                venue=venues["nantes"],
                status="full",
            ),
            dict(date=today - 30 * day, start_time=datetime.time(9, 30), venue=venues["nantes"]),
        ],
        chapo="Un atelier d'un an sur la cohérence entre projet urbain et projet social.",
        thematiques=[Thematique.objects.get(slug="renovation-urbaine")],
        publics=[PublicVise.objects.get(slug="elus")],
        territoires=[rennes],
        intervenants="Renaud Epstein",
    )
    make_event(
        index,
        EVENTS["cooper"],
        [
            dict(
                date=today + 10 * day,
                start_time=datetime.time(14),
                venue=venues["rennes"],
                status="cancelled",
            ),
            dict(
                date=today + 20 * day,
                start_time=datetime.time(14),
                end_time=datetime.time(17),
                venue=venues["rennes"],
                status="postponed",
                new_date=today + 50 * day,
            ),
        ],
        fmt="Cooper'Villes",
        thematiques=[Thematique.objects.get(slug="mediation-sociale")],
    )
    make_event(
        index,
        EVENTS["petit_dej"],
        [
            dict(
                date=today + 5 * day,
                start_time=datetime.time(8, 30),
                end_time=datetime.time(10, 30),
                venue=venues["sarcelles"],
                online=True,
                online_url="https://visio.example/secret-room",
            )
        ],
        fmt="Petit-déjeuner",
        territoires=[val_d_oise],
        publics=[PublicVise.objects.get(slug="associations")],
    )


def _events():
    return {key: EventPage.objects.get(title=title) for key, title in EVENTS.items()}


_events_rows, events = snapshot.fixtures(
    "events", _create_events, _events, _create_events.__doc__, valid_for=timezone.localdate
)
