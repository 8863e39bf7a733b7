"""The annuaire's counts over every entry, the same for every visitor, are kept until the annuaire
changes (resource_centre/generations.py). Whatever way the suite writes to it, the next visit
shows the new count, and it equals what clicking the option gives."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.models import Person, Structure, StructureType
from resource_centre import generations, territoires
from resource_centre.models import Territoire, Thematique

from .test_importer import GOOD, HEADER, confirm, upload
from .test_listing import names, option_label


@pytest.fixture(autouse=True)
def long_pages(settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_PER_PAGE": 100}


@pytest.fixture(autouse=True)
def kept(annuaire):
    """Counts are kept once the annuaire has a generation, which its first change gives it."""
    generations.bump("annuaire")


def count(client, url, facet, value):
    """The count beside the option, which must be the number of entries clicking it lists."""
    shown = int(re.search(r"\((\d+)\)$", option_label(client.get(url), facet, value)).group(1))
    assert shown == len(names(client.get(url, {facet: value})))
    return shown


def grouped(queries):
    return [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]


@pytest.mark.parametrize("tab, letter", [("", "R"), ("personnes/", "M")])
def test_a_second_visit_reads_the_counts_kept(annuaire, client, tab, letter):
    with CaptureQueriesContext(connection) as first:
        before = client.get(annuaire.url + tab)
    with CaptureQueriesContext(connection) as second:
        again = client.get(annuaire.url + tab)
    assert grouped(first) and not grouped(second)
    assert len(second) < len(first)
    assert option_label(again, "thematique", "sante") == option_label(before, "thematique", "sante")
    # Filtered, the counts are the listed entries' own: counted at each visit.
    with CaptureQueriesContext(connection) as filtered:
        narrowed = client.get(annuaire.url + tab, {"lettre": letter})
    assert names(narrowed) and grouped(filtered)


def _retype(annuaire):
    structure = Structure.objects.exclude(type__slug="mjc").first()
    structure.type = StructureType.objects.get(slug="mjc")
    structure.save()


def _theme_added(annuaire):
    Person.objects.exclude(thematiques__slug="sante").first().thematiques.add(
        Thematique.objects.get(slug="sante")
    )


def _deleted(annuaire):
    Structure.objects.filter(type__slug="centre-de-ressources").first().delete()


CHANGES = {
    "a structure's type saved": (_retype, "", "type", "mjc", +1),
    "a thématique added to a person": (_theme_added, "personnes/", "thematique", "sante", +1),
    "a structure deleted": (_deleted, "", "type", "centre-de-ressources", -1),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_shows_at_the_next_visit(annuaire, client, change):
    make, tab, facet, value, difference = CHANGES[change]
    url = annuaire.url + tab
    before = count(client, url, facet, value)
    make(annuaire)
    assert count(client, url, facet, value) == before + difference


def test_an_import_written_in_bulk_shows_at_the_next_visit(annuaire, client, django_user_model):
    before = count(client, annuaire.url, "type", "association")
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    new_only = HEADER + GOOD.splitlines()[1] + "\n"  # « Maison de quartier… », an association
    confirm(client, upload(client, new_only))
    client.logout()
    assert count(client, annuaire.url, "type", "association") == before + 1


def test_a_territoire_moved_by_a_load_shows_at_the_next_visit(annuaire, client):
    maurepas = Territoire.objects.get(kind="qpv", name="Maurepas")
    rennes = Territoire.objects.get(kind="commune", code="35238")
    brest = Territoire.objects.get(kind="commune", code="29019")
    Structure.objects.get(name="Profession Banlieue").territoires.set([maurepas])

    def under(commune):
        url = annuaire.url + f"?territoire_q={commune.name}"
        label = option_label(client.get(url), "territoire", str(commune.pk))
        return int(re.search(r"\((\d+)\)$", label).group(1))

    in_rennes, in_brest = under(rennes), under(brest)
    tagged = Structure.objects.filter(territoires=maurepas).count()
    # The QPV's reference data now puts it in Brest (bulk writes: no signal).
    territoires.load_nodes(
        [territoires.Node("qpv", maurepas.code, "Maurepas", ("commune", "29019"))]
    )
    assert (under(rennes), under(brest)) == (in_rennes - tagged, in_brest + tagged)


@pytest.mark.real_commit
def test_a_change_renews_the_token_once_committed_without_holding_it(
    annuaire, django_capture_on_commit_callbacks
):
    """Renewed inside the change's transaction, the token's row stayed locked until it ended: a
    long import held every other edit of the annuaire. It is renewed once the change commits."""
    from resource_centre.models import Generation

    def token():
        return Generation.objects.get(name="annuaire").token

    with django_capture_on_commit_callbacks(execute=True):
        generations.bump("annuaire")
    before = token()
    with django_capture_on_commit_callbacks(execute=True) as renewals:
        _retype(annuaire)
        assert token() == before  # nothing written to it while the change is open
    assert renewals and token() != before
