"""The annuaire's keyword box ignores case, accents and singular/plural, on its own public text
(resource_centre/search.py, annuaire/search.py)."""

import html
import re

import pytest

from annuaire.models import Address, Membership, Metier, Person, Structure

pytestmark = pytest.mark.django_db

VARIANTS = {
    "santé": ["santé", "sante", "Santés", "SANTE"],
    "médiateurs": ["médiateurs", "mediateurs", "médiateur", "mediateur", "médiatrice"],
    "chargée de mission": ["chargée de mission", "chargee de mission", "chargés de mission"],
    "habitants": ["habitant", "habitants", "Habitant"],
    "prévention": ["prévention", "prevention", "PREVENTIONS"],
    "RésO": ["RésO", "reso", "RESO"],
}


def names(response):
    assert response.status_code == 200
    found = re.findall(r'class="rc-result__title"><a href="[^"]+">(.*?)</a>', response.text)
    # The words found are marked in the names.
    return {html.unescape(re.sub(r"<[^>]+>", "", n)) for n in found}


@pytest.fixture
def entries(annuaire, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_PER_PAGE": 200}
    maison = Structure.objects.create(
        name="Maison de la santé Zéphyr", description="Accueil des habitants, prévention."
    )
    Address.objects.create(structure=maison, city="Rennes")
    reso = Structure.objects.create(name="Zéphyr RésO", sigle="ZR")
    ines = Person.objects.create(
        first_name="Inès",
        last_name="Zéphyrin",
        fonction="Chargée de mission prévention",
        metier=Metier.objects.get_or_create(name="Médiateur", defaults={"slug": "mediateur-z"})[0],
        email="ines@perso.example",
    )
    Membership.objects.create(person=ines, structure=maison)
    paul = Person.objects.create(first_name="Paul", last_name="Zéphyrus", fonction="Médiatrice")
    Membership.objects.create(person=paul, structure=reso)
    return annuaire


@pytest.mark.parametrize("word", VARIANTS)
def test_every_spelling_finds_the_same_entries(entries, client, word):
    everything = set()
    for tab in ("", "personnes/"):
        found = [names(client.get(entries.url + tab, {"q": v})) for v in VARIANTS[word]]
        assert all(f == found[0] for f in found), dict(zip(VARIANTS[word], found, strict=True))
        everything |= found[0]
    assert any("Zéphyr" in name for name in everything), f"nothing found for {word}"


def test_what_each_word_finds(entries, client):
    def search(q, tab=""):
        return names(client.get(entries.url + tab, {"q": q + " zephyr"}))

    assert search("santes") == {"Maison de la santé Zéphyr"}
    assert search("habitant") == {"Maison de la santé Zéphyr"}  # in its description
    assert search("rennes") == {"Maison de la santé Zéphyr"}  # its city
    assert search("reso") == {"Zéphyr RésO (ZR)"}
    assert search("mediateurs", "personnes/") == {"Inès Zéphyrin", "Paul Zéphyrus"}
    assert search("chargés de mission prevention", "personnes/") == {"Inès Zéphyrin"}
    assert search("sante", "personnes/") == {"Inès Zéphyrin"}  # her structure's name
    assert search("ZR", "personnes/") == {"Paul Zéphyrus"}  # his structure's acronym


def test_a_person_s_own_contact_is_never_searched(entries, client):
    assert not names(client.get(entries.url + "personnes/", {"q": "ines@perso.example"}))


def test_renaming_a_structure_or_job_or_moving_an_address_is_searched_at_once(entries, client):
    def people(q):
        return names(client.get(entries.url + "personnes/", {"q": q}))

    structure = Structure.objects.get(sigle="ZR")
    structure.name = "Observatoire des écoles"
    structure.save()
    assert people("ecole zephyrus") == {"Paul Zéphyrus"}
    metier = Metier.objects.get(people__last_name="Zéphyrin")
    metier.name = "Adulte relais bénévole"
    metier.save()
    assert people("benevoles zephyrin") == {"Inès Zéphyrin"}
    address = Address.objects.get(city="Rennes", structure__name__contains="Zéphyr")
    address.city = "Saint-Brieuc"
    address.save()
    assert names(client.get(entries.url, {"q": "brieuc zephyr"})) == {"Maison de la santé Zéphyr"}


def test_a_deleted_structure_job_or_thématique_no_longer_finds_the_entries(entries, client):
    """Their names leave the entries' text: a cascade or a SET_NULL saves nothing."""
    from resource_centre.models import Thematique

    def people(q):
        return names(client.get(entries.url + "personnes/", {"q": q}))

    theme = Thematique.objects.create(name="Vélos partagés")
    maison = Structure.objects.get(name="Maison de la santé Zéphyr")
    maison.thematiques.add(theme)
    Person.objects.get(last_name="Zéphyrus").thematiques.add(theme)
    assert names(client.get(entries.url, {"q": "velo zephyr"})) == {"Maison de la santé Zéphyr"}
    assert people("velo zephyr") == {"Paul Zéphyrus"}
    theme.delete()
    assert names(client.get(entries.url, {"q": "velo zephyr"})) == set()
    assert people("velo zephyr") == set()

    assert people("mediateur zephyrin") == {"Inès Zéphyrin"}  # her job (and her fonction)
    Metier.objects.get(people__last_name="Zéphyrin").delete()
    assert people("mediateur zephyrin") == set()  # "Chargée de mission prévention" is left
    assert people("prevention zephyrin") == {"Inès Zéphyrin"}

    assert people("reso zephyrus") == {"Paul Zéphyrus"}  # his structure's name
    Structure.objects.get(sigle="ZR").delete()
    assert people("reso zephyrus") == set()
    assert people("zephyrus") == {"Paul Zéphyrus"}


def site_search(client, q):
    from django.urls import reverse

    response = client.get(reverse("resource_centre:search"), {"q": q})
    assert response.status_code == 200
    return re.sub("</?mark>", "", response.text)  # the words found are marked


def test_the_site_search_lists_structures_and_people_by_their_public_text(entries, client):
    text = site_search(client, "médiatrices zéphyr")
    assert "Personnes de l’annuaire" in text or "Personnes de l'annuaire" in text
    assert "Inès Zéphyrin" in text and "Paul Zéphyrus" in text
    assert "ines@perso.example" not in text  # a person's own contact is never shown or searched
    assert "Maison de la santé Zéphyr" not in text
    text = site_search(client, "sante zephyr")
    assert "Structures de l’annuaire" in text or "Structures de l'annuaire" in text
    assert f'href="{entries.url}structure/' in text
    assert "Maison de la santé Zéphyr" in text
    assert not names_in(site_search(client, "ines@perso.example"))


def names_in(text):
    return re.findall(r"Zéphyr\w*", text)


def test_the_site_search_links_to_every_match_in_the_annuaire(entries, client):
    from .conftest import bulk_structures

    bulk_structures(12, prefix="Zéphyr santé")
    text = site_search(client, "zephyr sante")
    assert "(13)" in text  # 12 + the Maison de la santé
    assert "Voir les 13 résultats" in text
    assert html.escape(f"{entries.url}?q=zephyr+sante") in text


def test_the_site_search_runs_the_same_queries_at_two_sizes(entries, client, count_queries):
    from django.urls import reverse

    from .conftest import bulk_people, bulk_structures

    url = reverse("resource_centre:search")
    structures = bulk_structures(3, prefix="Zéphyr")
    bulk_people(3, structures)
    client.get(url, {"q": "camille"})  # warm the caches
    small, _response = count_queries(client.get, url, {"q": "camille test"})
    structures = bulk_structures(300, prefix="Zéphyr bis")
    bulk_people(300, structures)
    large, response = count_queries(client.get, url, {"q": "camille test"})
    assert "(303)" in response.text
    assert small == large


def test_the_migration_fills_the_text_of_existing_entries(entries, client):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("annuaire.migrations.0003_entries_search_text")
    Structure.objects.update(search_text="")
    Person.objects.update(search_text="")
    migration.fill_search_text(apps, None)
    assert names(client.get(entries.url, {"q": "rennes sante zephyr"})) == {
        "Maison de la santé Zéphyr"
    }
    assert names(client.get(entries.url + "personnes/", {"q": "ZR mediatrice"})) == {
        "Paul Zéphyrus"
    }


def test_a_thematique_finds_the_entries_working_on_it(entries, client):
    """ "santé" finds the structures and people working on health, as it finds the fiches: their
    text holds the names of their thématiques, kept when they are chosen, removed or renamed."""
    from resource_centre.models import Thematique

    sante = Thematique.objects.get(slug="sante")
    tagged = names(client.get(entries.url, {"thematique": "sante"}))
    assert tagged and tagged <= names(client.get(entries.url, {"q": "sante"}))
    site_search = html.unescape(client.get("/recherche/", {"q": "santés"}).text)
    assert all(name in site_search for name in tagged), tagged

    reso = Structure.objects.get(name="Zéphyr RésO")
    paul = Person.objects.get(last_name="Zéphyrus")
    assert "Zéphyr RésO (ZR)" not in names(client.get(entries.url, {"q": "zephyr sante"}))
    reso.thematiques.add(sante)
    paul.thematiques.set([sante])
    assert "Zéphyr RésO (ZR)" in names(client.get(entries.url, {"q": "zephyr sante"}))
    people = entries.url + "personnes/"
    assert "Paul Zéphyrus" in names(client.get(people, {"q": "zephyr santes"}))

    sante.name = "Santé et bien-être"
    sante.save()
    assert "Zéphyr RésO (ZR)" in names(client.get(entries.url, {"q": "zephyr bien etre"}))
    assert "Paul Zéphyrus" in names(client.get(people, {"q": "zephyr bien etre"}))

    reso.thematiques.remove(sante)
    paul.thematiques.clear()
    assert "Zéphyr RésO (ZR)" not in names(client.get(entries.url, {"q": "zephyr bien etre"}))
    assert "Paul Zéphyrus" not in names(client.get(people, {"q": "zephyr bien etre"}))
