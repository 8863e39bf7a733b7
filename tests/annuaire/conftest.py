"""Fixtures of the annuaire tests: the demo annuaire, and bulk data for query-count tests."""

import pytest

from annuaire.models import (
    Address,
    AnnuaireIndexPage,
    Membership,
    Metier,
    Person,
    Reseau,
    Structure,
    StructureType,
)
from resource_centre.models import Territoire, Thematique


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limits count in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def annuaire(demo_site):
    return AnnuaireIndexPage.objects.get()


def bulk_structures(count, prefix="Structure de test", city="Rennes"):
    """`count` structures of type "Association" attached to Rennes, with a theme, a network and
    an address, created with bulk queries."""
    association = StructureType.objects.get(name="Association")
    new = Structure.objects.bulk_create(
        [
            Structure(name=f"{prefix} {i:05d}", type=association, email=f"s{i}@example.org")
            for i in range(count)
        ]
    )
    Address.objects.bulk_create([Address(structure=s, city=city, postcode="35000") for s in new])
    rennes = Territoire.objects.get(kind="commune", code="35238")
    theme = Thematique.objects.get(name="Santé")
    reseau = Reseau.objects.first()
    links = (
        ("territoires", "territoire", rennes),
        ("thematiques", "thematique", theme),
        ("reseaux", "reseau", reseau),
    )
    for field, key, term in links:
        through = getattr(Structure, field).through
        through.objects.bulk_create([through(structure=s, **{key: term}) for s in new])
    return new


def bulk_people(count, structures, consent=False):
    metier = Metier.objects.get(name="Adulte relais")
    people = Person.objects.bulk_create(
        [
            Person(
                first_name="Camille",
                last_name=f"Test{i:05d}",
                metier=metier,
                email=f"camille{i}@perso.example",
                phone="06 11 22 33 44",
            )
            for i in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(person=p, structure=structures[i % len(structures)])
            for i, p in enumerate(people)
        ]
    )
    rennes = Territoire.objects.get(kind="commune", code="35238")
    Person.territoires.through.objects.bulk_create(
        [Person.territoires.through(person=p, territoire=rennes) for p in people]
    )
    return people
