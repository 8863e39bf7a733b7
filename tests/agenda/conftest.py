import datetime

import pytest
from django.utils import timezone

from agenda.models import Venue
from resource_centre.models import PublicVise, Territoire, Thematique

from .factories import agenda_index, make_event


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def index(home):
    return agenda_index(home)


@pytest.fixture
def venues(db):
    return {
        "rennes": Venue.objects.create(
            name="Maison de quartier du Blosne",
            address="7 boulevard de Yougoslavie",
            postcode="35200",
            city="Rennes",
            latitude="48.086300",
            longitude="-1.659600",
            accessibility="Plain-pied",
        ),
        "nantes": Venue.objects.create(name="Salle Bellamy", postcode="44000", city="Nantes"),
        "sarcelles": Venue.objects.create(name="Le Cristal", postcode="95200", city="Sarcelles"),
    }


@pytest.fixture
def events(index, venues, today):
    """A small agenda: an atelier in two cities, a réseau meeting, a cancelled Cooper'Villes…"""
    day = datetime.timedelta(days=1)
    rennes = Territoire.objects.get(kind="commune", code="35238")
    val_d_oise = Territoire.objects.get(kind="departement", code="95")
    atelier = make_event(
        index,
        "Atelier projet urbain et social",
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
    cooper = make_event(
        index,
        "Cooper'Villes des médiateurs",
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
    petit_dej = make_event(
        index,
        "Petit-déjeuner sur la monoparentalité précaire",
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
    return {"atelier": atelier, "cooper": cooper, "petit_dej": petit_dej}
