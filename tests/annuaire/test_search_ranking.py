"""The annuaire's keyword box lists the entries with the visitor's words in their names first
(then A to Z), and marks the words found in the names and in an excerpt, safely escaped."""

import html
import re

import pytest

from annuaire.models import Address, Membership, Person, Structure

from .conftest import bulk_people, bulk_structures

pytestmark = pytest.mark.django_db


def listed(response):
    """The names of the listed entries, in order, without their marks."""
    assert response.status_code == 200
    found = re.findall(r'class="rc-result__title"><a href="[^"]+">(.*?)</a>', response.text)
    return [html.unescape(re.sub(r"<[^>]+>", "", n)) for n in found]


@pytest.fixture
def entries(annuaire, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_PER_PAGE": 100}
    abri = Structure.objects.create(name="Abri Zéphyr", description="Accueil de jour.")
    Structure.objects.create(name="Bercail", description="Santé des habitants du quartier Zéphyr.")
    Structure.objects.create(name="Zéphyr santé", description="Maison de santé.")
    Structure.objects.create(name="Zéphyr", description="Prévention santé.")
    Address.objects.create(structure=abri, city="Santenay")
    centre = Structure.objects.create(name="Centre Martin Luther King")
    dupont = Person.objects.create(first_name="Bruno", last_name="Dupont", fonction="Directeur")
    Membership.objects.create(person=dupont, structure=centre)
    Person.objects.create(first_name="Zoé", last_name="Martin", fonction="Médiatrice")
    Person.objects.create(first_name="Alice", last_name="Arnaud", fonction="Chargée de mission")
    return annuaire


def test_the_words_in_a_name_come_first_then_a_to_z(entries, client):
    assert listed(client.get(entries.url, {"q": "zephyr santes"})) == [
        "Zéphyr santé",  # both words in its name
        "Abri Zéphyr",  # one in its name, one in its city (A to Z among equals)
        "Zéphyr",  # one in its name, one in its description
        "Bercail",  # both in its description
    ]
    assert listed(client.get(entries.url + "personnes/", {"q": "Martin"})) == [
        "Zoé Martin",  # her name
        "Bruno Dupont",  # his structure's name
    ]


def test_without_keyword_the_list_is_a_to_z(entries, client):
    response = client.get(entries.url + "personnes/")
    names = listed(response)
    assert names.index("Alice Arnaud") < names.index("Bruno Dupont") < names.index("Zoé Martin")
    assert "<mark>" not in response.text


def test_the_words_found_are_marked_in_names_and_excerpts(entries, client):
    text = client.get(entries.url, {"q": "sante habitant"}).text
    assert '<p class="rc-result__excerpt"><mark>Santé</mark> des <mark>habitants</mark>' in text
    text = client.get(entries.url, {"q": "zephyr"}).text
    assert "Abri <mark>Zéphyr</mark>" in text and "<mark>Zéphyr</mark> santé" in text
    text = client.get(entries.url + "personnes/", {"q": "mediateurs"}).text
    assert '<p class="rc-result__type"><mark>Médiatrice</mark></p>' in text
    text = client.get(entries.url + "personnes/", {"q": "martin"}).text
    assert "Zoé <mark>Martin</mark>" in text
    assert "Directeur · Centre <mark>Martin</mark> Luther King" in text


def test_function_words_neither_find_nor_mark_nor_rank(entries, client):
    """ "de" is in "Denis" and "développement": searched as a substring, it put a Denis above
    the other chargées de mission (a word in his name) and was marked everywhere."""
    Person.objects.create(first_name="Denis", last_name="Zola", fonction="Chargé de mission")
    people = entries.url + "personnes/"
    response = client.get(people, {"q": "chargée de mission"})
    names = listed(response)
    assert names.index("Alice Arnaud") < names.index("Denis Zola")  # A to Z among equals
    assert listed(client.get(people, {"q": "chargee mission"})) == names
    assert "<mark>De</mark>" not in response.text and "<mark>de</mark>" not in response.text
    assert "<mark>Chargée</mark> de <mark>mission</mark>" in response.text
    # Nothing but function words: they are searched, as typed.
    assert "Denis Zola" in listed(client.get(people, {"q": "de"}))


def test_marked_names_and_excerpts_are_escaped(annuaire, client):
    Structure.objects.create(
        name="<script>alert('nom')</script> Zéphyr & co",
        sigle="<b>ZC</b>",
        description='<img src=x onerror="alert(1)"> Le <i>zéphyr</i> souffle',
    )
    person = Person.objects.create(
        first_name="<script>x</script>", last_name="Zéphyrin", fonction="<b>Zéphyr</b> & co"
    )
    assert person.pk
    for url in (annuaire.url, annuaire.url + "personnes/"):
        text = client.get(url, {"q": "zephyr"}).text
        assert "<script>" not in text and "<img src=x" not in text
        assert "<b>" not in text and "<i>zéphyr" not in text
    text = client.get(annuaire.url, {"q": "zephyr"}).text
    assert "<mark>Zéphyr</mark> &amp; co" in text
    assert "Le <mark>zéphyr</mark> souffle" in text
    text = client.get(annuaire.url + "personnes/", {"q": "zephyr"}).text
    assert "<mark>Zéphyrin</mark>" in text and "<mark>Zéphyr</mark> &amp; co" in text


@pytest.mark.parametrize("kind", ["", "personnes/"])
def test_a_keyword_search_runs_the_same_queries_at_two_sizes(annuaire, client, count_queries, kind):
    url = annuaire.url + kind
    params = {"q": "structures tests" if not kind else "camille test"}
    structures = bulk_structures(10)
    bulk_people(10, structures)
    client.get(url, params)  # warm the caches
    small, response = count_queries(client.get, url, params)
    assert "<mark>" in response.text
    more = bulk_structures(500, prefix="Autre structure de test")
    bulk_people(500, more)
    large, response = count_queries(client.get, url, params)
    assert "510" in response.text  # the count grew…
    assert small == large  # …not the number of queries


def test_the_migration_puts_the_names_first_in_existing_text(entries, client):
    import importlib

    from django.apps import apps

    from resource_centre.search import normalise

    migration = importlib.import_module("annuaire.migrations.0005_search_text_names_first")
    for structure in Structure.objects.all():  # as annuaire 0003 wrote it: no name part
        Structure.objects.filter(pk=structure.pk).update(
            search_text=normalise(structure.description, structure.name)
        )
    migration.names_first(apps, None)
    assert listed(client.get(entries.url, {"q": "zephyr santes"}))[0] == "Zéphyr santé"
