"""A territory typed by a person is recognised when it names one reference territoire, whatever
its case, and made more precise by a neighbourhood after a dash; ambiguous or unknown names,
and garbage, stay unrecognised."""

import pytest

from resource_centre.models import Territoire
from resource_centre.territoire_names import resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(home):
    get = Territoire.objects.get
    return {
        "rennes": get(kind="commune", code="35238"),
        "maurepas": get(kind="qpv", name="Maurepas"),
        "ille": get(kind="departement", code="35"),
        "bretagne": get(kind="region", code="53"),
        "rennes_metropole": get(kind="epci", name="Rennes Métropole"),
    }


def test_names_are_recognised_whatever_their_case_and_spacing(places):
    found = resolve(["Rennes", "RENNES", "  rennes ", "Ille-et-Vilaine", "Bretagne"])
    assert found["Rennes"] == found["RENNES"] == found["  rennes "] == places["rennes"]
    assert found["Ille-et-Vilaine"] == places["ille"]
    assert found["Bretagne"] == places["bretagne"]
    assert resolve(["Rennes Métropole"])["Rennes Métropole"] == places["rennes_metropole"]


def test_a_neighbourhood_after_a_dash_makes_it_more_precise_only_inside_the_place(places):
    found = resolve(["Rennes – Maurepas", "Rennes - Le Blosne", "Brest – Maurepas", "Rennes, 35"])
    assert found["Rennes – Maurepas"] == places["maurepas"]
    assert found["Rennes - Le Blosne"].name == "Le Blosne"
    assert found["Brest – Maurepas"].code == "29019"  # Maurepas is not in Brest: Brest it is
    assert found["Rennes, 35"] == places["rennes"]


def test_a_name_several_places_share_is_not_guessed(places):
    for code in ("35999", "44999"):
        Territoire.objects.create(
            kind="commune",
            name="Saint-Homonyme",
            code=code,
            parent=Territoire.objects.get(kind="departement", code=code[:2]),
        )
    assert resolve(["Saint-Homonyme"]) == {"Saint-Homonyme": None}


@pytest.mark.parametrize("text", ["Nulle-Part", "\x00", "é" * 500, "–", "(", "' OR 1=1 --"])
def test_unknown_names_and_garbage_stay_unrecognised(places, text):
    assert resolve([text]).get(text) is None


def test_one_query_for_many_names(places, django_assert_num_queries):
    names = [f"Lieu {n}" for n in range(500)] + ["Rennes"]
    with django_assert_num_queries(1):
        found = resolve(names)
    assert found["Rennes"] == places["rennes"]
