"""Choosing territoires in the admin with all of France loaded: a type-to-search field."""

import pytest
from django import forms
from django.http import QueryDict

from resource_centre import territoires
from resource_centre.models import Territoire
from resource_centre.territoire_chooser import TerritoiresChooser
from tests.fiches.fixtures import make_fiche  # noqa: F401 - a fixture (F811 below)
from tests.marks import with_apps

pytestmark = pytest.mark.django_db

URL = "/admin/resource-centre/territoires/recherche/"


@pytest.fixture
def bretagne():
    territoires.load_france(["53"])


@pytest.fixture
def admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("a", "a@example.org", "x"))
    return client


def labels(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return [item["label"] for item in response.json()["results"]]


def test_the_search_finds_a_territoire_by_name_code_or_postal_code_whatever_the_accents(
    bretagne, admin
):
    assert labels(admin, "quimperle")[0] == "Quimperlé — commune, Finistère (29)"
    assert "Quimperlé — commune, Finistère (29)" in labels(admin, "29300")
    assert labels(admin, "QUIMP")[:2] == [
        "Quimper — commune, Finistère (29)",
        "Quimperlé — commune, Finistère (29)",
    ]
    # Régions and départements first, then the largest.
    assert labels(admin, "bretagne")[0] == "Bretagne — région"
    assert labels(admin, "ille vilaine")[0] == "Ille-et-Vilaine (35) — département"
    assert len(labels(admin, "saint")) == 20
    # "St" and "Ste" abbreviate Saint and Sainte, as on road signs.
    assert labels(admin, "St Malo")[0] == "Saint-Malo — commune, Ille-et-Vilaine (35)"
    assert labels(admin, "st. malo") == labels(admin, "saint-malo")
    assert labels(admin, "Ste-Anne Auray")[0].startswith("Sainte-Anne-d")
    # An elision typed without its apostrophe, as people type on a phone.
    assert labels(admin, "sainte anne d auray")[0] == "Sainte-Anne-d'Auray — commune, Morbihan (56)"
    assert labels(admin, "d auray")[:2] == labels(admin, "auray")[:2]


@pytest.mark.parametrize("garbage", ["", "a", "\x00", "'; DROP TABLE x; --", "é" * 5000, "()*"])
def test_garbage_searches_answer_an_empty_list(bretagne, admin, garbage):
    response = admin.get(URL, {"q": garbage})
    assert response.status_code == 200 and isinstance(response.json()["results"], list)


def test_the_search_is_for_the_admin_only(client):
    assert client.get(URL, {"q": "rennes"}).status_code == 302


class TagForm(forms.Form):
    territoires = forms.ModelMultipleChoiceField(
        queryset=Territoire.objects.all(), widget=TerritoiresChooser, required=False
    )


def test_the_field_shows_only_the_chosen_territoires_and_reads_the_ticked_ones(
    bretagne, django_assert_num_queries
):
    rennes = Territoire.objects.get(kind="commune", code="35238")
    brest = Territoire.objects.get(kind="commune", code="29019")
    with django_assert_num_queries(2):  # the chosen territoires, then their départements
        html = str(TagForm(initial={"territoires": [rennes.pk, brest.pk]})["territoires"])
    assert html.count('type="checkbox"') == 2
    assert "Rennes — commune, Ille-et-Vilaine (35)" in html and "checked" in html and URL in html
    data = QueryDict(
        f"territoires={brest.pk}&territoires={Territoire.objects.get(code='56121').pk}"
    )
    form = TagForm(data)
    assert form.is_valid(), form.errors
    assert {t.code for t in form.cleaned_data["territoires"]} == {"29019", "56121"}


@with_apps("fiches")
def test_a_fiche_editor_does_not_list_the_40000_territoires(admin, make_fiche):  # noqa: F811
    territoires.load_france()
    lorient = Territoire.objects.get(kind="commune", code="56121")
    fiche = make_fiche("Jardin partagé", territoires=[lorient])
    response = admin.get(f"/admin/pages/{fiche.pk}/edit/")
    assert response.status_code == 200
    assert response.text.count('type="checkbox" name="territoires"') == 1
    assert "Aucun territoire trouvé." in response.text  # the French admin
    assert "Lorient — commune, Morbihan (56)" in response.text
    assert len(response.content) < 1_000_000
