"""The annuaire's part of the bilan d'activité, read on the admin page: each figure against a
count the test makes from the rows it created; a fixed number of queries at two sizes."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from annuaire.models import Metier, Person, RemovedEntry, Structure, StructureType
from resource_centre.models import Territoire
from tests.marks import with_apps

from .conftest import bulk_people, bulk_structures

pytestmark = pytest.mark.django_db
URL = "/admin/resource-centre/bilan/"


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def figures(page):
    return {
        key: unescape(value)
        for key, value in re.findall(r'data-figure="annuaire\.(\w+)">([^<]*)<', page)
    }


def table(page, key):
    found = re.search(rf'data-table="annuaire\.{key}">(.*?)</table>', page, re.S)
    rows = {}
    for link, label, cells in re.findall(
        r'<th scope="row">(?:<a href="([^"]*)">)?([^<]*)(?:</a>)?</th>(.*?)</tr>',
        found.group(1),
        re.S,
    ):
        rows[unescape(label)] = (
            [int(v) for v in re.findall(r">(\d+)</td>", cells)],
            unescape(link),
        )
    return rows


def test_annuaire_figures_match_counts_from_the_rows(admin_client, annuaire):
    # Today's demo rows were all written lately: none in 2019.
    assert not Structure.objects.filter(updated_at__year=2019).exists()
    before_structures, before_people = Structure.objects.count(), Person.objects.count()
    bailleur = StructureType.objects.create(name="Bailleur test")
    mediateur = Metier.objects.create(name="Médiateur test")
    qpv = Territoire.objects.filter(kind="qpv").first() or Territoire.objects.first()
    made = [
        # updated, verified, with the territory, created (None: before dates were recorded)
        (datetime.datetime(2019, 3, 1), datetime.date(2019, 3, 1), True, aware(2018, 1, 1)),
        (datetime.datetime(2019, 12, 31, 23), None, True, aware(2019, 4, 1)),
        (datetime.datetime(2018, 5, 1), datetime.date(2019, 1, 2), False, None),
    ]
    created = []
    for n, (updated, verified, placed, since) in enumerate(made):
        structure = Structure.objects.create(name=f"Bailleur {n}", type=bailleur)
        if placed:
            structure.territoires.add(qpv)
        Structure.objects.filter(pk=structure.pk).update(
            updated_at=timezone.make_aware(updated), verified_at=verified, created_at=since
        )
        created.append(structure)
    # Removed structures (created, removed): deleted as the admin deletes them.
    gone = [
        (aware(2018, 2, 1), aware(2019, 6, 1)),
        (aware(2019, 2, 1), aware(2019, 8, 1)),
        (aware(2017, 1, 1), aware(2020, 3, 1)),
    ]
    for n, (since, removed) in enumerate(gone):
        structure = Structure.objects.create(name=f"Ancien bailleur {n}", type=bailleur)
        structure.delete()
        RemovedEntry.objects.filter(pk=RemovedEntry.objects.latest("pk").pk).update(
            created_at=since, removed_at=removed
        )
    assert RemovedEntry.objects.filter(kind="structure", type=bailleur).count() == len(gone)
    people = [
        Person.objects.create(first_name="Awa", last_name=f"N{n}", metier=mediateur)
        for n in range(2)
    ]
    Person.objects.filter(pk=people[0].pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2019, 6, 1))
    )

    page = admin_client.get(URL + "?annee=2019").content.decode()
    got = {key: int(value) for key, value in figures(page).items() if value.isdigit()}
    assert got["structures"] == before_structures + len(made)
    assert got["people"] == before_people + len(people)
    assert got["structures_updated"] == len([m for m in made if m[0].year == 2019])
    assert got["structures_verified"] == len([m for m in made if m[1] and m[1].year == 2019])
    assert got["people_updated"] == 1
    start, end = aware(2019, 1, 1), aware(2020, 1, 1)

    def there(moment):
        return len([m for m in made if m[3] is None or m[3] < moment]) + len(
            [g for g in gone if g[0] < moment <= g[1]]
        )

    assert got["structures_start"] == there(start) == 4
    assert got["structures_end"] == there(end) == 4
    new = [m for m in made if m[3] and start <= m[3] < end] + [g for g in gone if g[0].year == 2019]
    assert got["structures_new"] == len(new) == 2
    assert got["structures_removed"] == len([g for g in gone if g[1].year == 2019]) == 2
    assert got["people_start"] == 0 and got["people_new"] == 0  # created today, not in 2019
    assert "1 entrée figurait dans l’annuaire avant" in unescape(page)
    # The new and updated structures' figures lead to the listing of exactly those.
    for label, expected in (
        ("Nouvelles structures sur la période", {"Bailleur 1"}),
        ("Structures mises à jour sur la période", {"Bailleur 0", "Bailleur 1"}),
    ):
        link = re.search(rf'<a href="([^"]+)">{label}</a>', page).group(1)
        listing = unescape(admin_client.get(unescape(link)).content.decode())
        assert {name for name in re.findall(r"Bailleur \d", listing)} == expected, label
    counts, link = table(page, "types")["Bailleur test"]
    assert counts == [len(made), len(new), 2]
    assert link == f"/admin/snippets/annuaire/structure/?type={bailleur.pk}"
    # The link gives the listing of exactly these structures.
    listing = admin_client.get(link).content.decode()
    assert all(s.name in listing for s in created)
    assert table(page, "metiers")["Médiateur test"][0] == [len(people)]
    assert table(page, "territoires")[qpv.name][0][0] >= len([m for m in made if m[2]])
    # Today's size has no previous period to compare with; what is not recorded is said.
    assert re.search(r'data-figure="annuaire\.structures">[^<]*</td>\s*<td[^>]*>–<', page)


def test_the_annuaire_section_runs_a_fixed_number_of_queries(admin_client, annuaire, count_queries):
    structures = bulk_structures(10)
    bulk_people(10, structures)
    small, response = count_queries(admin_client.get, URL)
    assert response.status_code == 200
    structures = bulk_structures(200, prefix="Autre")
    bulk_people(150, structures)
    large, response = count_queries(admin_client.get, URL)
    assert (
        int(
            figures(response.content.decode())["structures"]
            .replace("\u202f", "")
            .replace("\xa0", "")
        )
        >= 210
    )
    assert small == large


@with_apps("agenda")
def test_participants_are_counted_by_the_type_of_their_structure(admin_client, annuaire):
    """With the agenda installed, the organisations participants typed are found in the annuaire
    (whatever the case and accents) and counted by their type; the others are said apart."""
    from agenda.models import EventFormat, EventPage, Registration, Seance

    bailleur = StructureType.objects.create(name="Bailleur test")
    mairie = StructureType.objects.create(name="Commune test")
    Structure.objects.create(name="Habitat Rennais", type=bailleur)
    Structure.objects.create(name="Mairie d'Écouen", type=mairie)
    Structure.objects.create(name="Double", type=bailleur)
    Structure.objects.create(name="double", type=mairie)  # one name, two types: not guessed
    event = EventPage.objects.live().first() or pytest.skip("the demo has no event")
    EventFormat.objects.get_or_create(name="Atelier")
    seance = Seance.objects.create(event=event, date=datetime.date(2019, 5, 1))
    typed = [
        ("habitat rennais", True),
        ("HABITAT RENNAIS", True),
        ("Mairie d'Ecouen", True),
        ("Mairie d'Écouen", False),  # absent: not counted
        ("Double", True),
        ("Inconnue", True),
        ("", True),
    ]
    for n, (structure, attended) in enumerate(typed):
        Registration.objects.create(
            event=event,
            seance=seance,
            name=f"P{n}",
            email=f"p{n}@example.org",
            structure=structure,
            status="confirmed",
            attended=attended,
        )
    page = admin_client.get(URL + "?annee=2019").content.decode()
    rows = {label: counts for label, (counts, _link) in table(page, "participants_types").items()}
    assert rows == {
        "Bailleur test": [2],
        "Commune test": [1],
        "Organisation non renseignée ou absente de l’annuaire": [3],
    }
