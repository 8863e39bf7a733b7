"""The fiches' search ignores case, accents and singular/plural, on SQLite and PostgreSQL alike
(resource_centre/search.py: each fiche keeps its normalised text, the query is normalised)."""

import html
import re

import pytest

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
    return {fiche.title for fiche in response.context["fiches"]}


@pytest.fixture
def zephyr(make_fiche, fiches_site):
    make_fiche(
        "Zéphyr : médiateurs de santé",
        chapo="Des chargées de mission accompagnent les habitants.",
    )
    make_fiche("Zéphyr : prévention", chapo="Avec RésO Villes et une médiatrice.")
    return fiches_site


@pytest.mark.parametrize("word", VARIANTS)
def test_every_spelling_finds_the_same_fiches(client, zephyr, word):
    found = [titles(client.get(zephyr.url, {"q": v})) for v in VARIANTS[word]]
    assert any("Zéphyr" in title for title in found[0]), f"nothing found for {word}"
    assert all(f == found[0] for f in found), dict(zip(VARIANTS[word], found, strict=True))


def test_what_each_word_finds(client, zephyr):
    def search(q):
        return titles(client.get(zephyr.url, {"q": q + " zephyr"}))

    assert search("mediatrices") == {"Zéphyr : médiateurs de santé", "Zéphyr : prévention"}
    assert search("habitant") == {"Zéphyr : médiateurs de santé"}
    assert search("chargés de mission") == {"Zéphyr : médiateurs de santé"}
    assert search("préventions") == {"Zéphyr : prévention"}
    assert search("reso ville") == {"Zéphyr : prévention"}


def test_the_words_found_are_marked_in_each_fiche_s_standfirst(client, zephyr):
    response = client.get(zephyr.url, {"q": "habitant chargee"})
    text = response.content.decode()
    assert "Des <mark>chargées</mark> de mission accompagnent les <mark>habitants</mark>." in text
    assert "<mark>" not in client.get(zephyr.url).content.decode()
    # And in the titles, as in every listing.
    text = client.get(zephyr.url, {"q": "mediatrice"}).content.decode()
    assert ">Zéphyr : <mark>médiateurs</mark> de santé</a>" in text


def test_a_word_found_in_a_fiche_s_porteur_place_or_tags_is_marked_there(
    client, zephyr, make_fiche
):
    """A fiche found by its porteur, territoire or thématique shows why."""
    from resource_centre.models import Territoire, Thematique

    place = Territoire.objects.get(kind="commune", code="35238")  # Rennes
    theme = Thematique.objects.create(name="Vélos partagés")
    make_fiche(
        "Zéphyr : atelier",
        chapo="Un atelier.",
        porteur_name="Régie de quartier du Blosne",
        territoires=[place],
        thematiques=[theme],
    )
    text = client.get(zephyr.url, {"q": "blosne velo rennes zephyr"}).content.decode()
    assert "Régie de quartier du <mark>Blosne</mark>" in text
    assert "<span><mark>Rennes</mark></span>" in text
    assert "<li><mark>Vélos</mark> partagés</li>" in text


def test_fiches_with_the_words_in_their_title_come_first(client, zephyr, make_fiche):
    make_fiche("Zéphyr : jardins partagés", chapo="Un potager au pied des tours.")
    make_fiche("Zéphyr : fête de quartier", chapo="Avec le jardin partagé du quartier.")
    found = [f.title for f in client.get(zephyr.url, {"q": "jardin zephyr"}).context["fiches"]]
    # The newer fiche has the word in its standfirst only: it comes second.
    assert found == ["Zéphyr : jardins partagés", "Zéphyr : fête de quartier"]


def test_a_draft_s_words_are_searched_once_it_is_published(client, zephyr, make_fiche):
    fiche = make_fiche("Zéphyr : boîte à livres", chapo="Des livres en libre accès.")
    fiche.chapo = "Des livres et des xylophones en libre accès."
    revision = fiche.save_revision()
    assert titles(client.get(zephyr.url, {"q": "xylophone"})) == set()
    revision.publish()
    assert titles(client.get(zephyr.url, {"q": "xylophone"})) == {"Zéphyr : boîte à livres"}


def site_search(client, q):
    response = client.get("/recherche/", {"q": q})
    assert response.status_code == 200
    return "Zéphyr : atelier" in html.unescape(re.sub("</?mark>", "", response.text))


def test_a_term_renamed_or_deleted_is_followed_by_the_fiches_tagged_with_it(
    client, zephyr, make_fiche
):
    """In the index's keyword box and in the site search (whose index holds the terms' names)."""
    from fiches.models import PorteurType
    from resource_centre.models import Thematique

    theme = Thematique.objects.create(name="Vélos partagés")
    porteur = PorteurType.objects.create(name="Régie de quartier")
    make_fiche("Zéphyr : atelier", chapo="Un atelier.", thematiques=[theme], porteur_type=porteur)
    assert titles(client.get(zephyr.url, {"q": "velo zephyr"})) == {"Zéphyr : atelier"}
    assert site_search(client, "vélos zéphyr")
    theme.name = "Bicyclettes solidaires"
    theme.save()
    assert titles(client.get(zephyr.url, {"q": "bicyclette zephyr"})) == {"Zéphyr : atelier"}
    assert titles(client.get(zephyr.url, {"q": "velo zephyr"})) == set()
    assert site_search(client, "bicyclettes zéphyr")
    assert not site_search(client, "vélos zéphyr")

    # Deleted: the fiche is no longer found by the term's name, and still by its own words.
    theme.delete()
    assert titles(client.get(zephyr.url, {"q": "bicyclette zephyr"})) == set()
    assert not site_search(client, "bicyclettes zéphyr")
    assert titles(client.get(zephyr.url, {"q": "regie zephyr"})) == {"Zéphyr : atelier"}
    porteur.delete()  # the fiches keep no type of porteur (SET_NULL)
    assert titles(client.get(zephyr.url, {"q": "regie zephyr"})) == set()
    assert not site_search(client, "régie zéphyr")
    assert titles(client.get(zephyr.url, {"q": "atelier zephyr"})) == {"Zéphyr : atelier"}


def test_a_commune_renamed_by_load_territoires_is_followed_by_its_fiches(
    client, zephyr, make_fiche, tmp_path
):
    from resource_centre import territoires
    from resource_centre.models import Territoire
    from tests.core.test_territoires import dataset

    old = ["99001", "Vieux-Bourg", "99", "200000001", "219900010", "99100", 1000, ""]
    territoires.load_france(path=dataset(tmp_path, [old]))
    commune = Territoire.objects.get(kind="commune", code="99001")
    make_fiche("Zéphyr : atelier", chapo="Un atelier.", territoires=[commune])
    territoires.load_france(path=dataset(tmp_path, [[old[0], "Vieux-Bourg-sur-Mer", *old[2:]]]))
    assert titles(client.get(zephyr.url, {"q": "sur mer zephyr"})) == {"Zéphyr : atelier"}
    assert site_search(client, "vieux-bourg-sur-mer zéphyr")
    # Its former name still finds it (kept among the commune's other names).
    assert titles(client.get(zephyr.url, {"q": "vieux bourg zephyr"})) == {"Zéphyr : atelier"}
