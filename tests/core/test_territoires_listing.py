"""Filtering a listing by a commune or a QPV, with the demo's territoires and with all of France."""

import re

import pytest

from tests.marks import module_needs_apps

module_needs_apps("annuaire")

from annuaire.models import AnnuaireIndexPage, Structure  # noqa: E402
from resource_centre import territoires  # noqa: E402
from resource_centre.models import Territoire  # noqa: E402

pytestmark = pytest.mark.django_db


def names(response):
    return set(re.findall(r'class="rc-result__title"><a href="[^"]+">([^<]+)</a>', response.text))


@pytest.fixture
def annuaire(demo_site):
    return AnnuaireIndexPage.objects.get()


def test_filtering_by_a_commune_or_a_qpv_finds_what_is_tagged_below_it(annuaire, client):
    rennes = Territoire.objects.get(kind="commune", code="35238")
    maurepas = Territoire.objects.get(kind="qpv", name="Maurepas")
    assert maurepas.parent == rennes and maurepas.code
    by_commune = names(client.get(annuaire.url, {"territoire": rennes.pk}))
    by_qpv = names(client.get(annuaire.url, {"territoire": maurepas.pk}))
    assert "Centre social de Maurepas" in by_qpv  # tagged with the QPV
    assert by_qpv < by_commune  # the commune finds its QPV's entries and its own
    assert "Ville de Rennes, mission politique de la ville" in by_commune - by_qpv


def test_a_renamed_then_merged_commune_still_shows_and_filters(annuaire, client, tmp_path):
    from tests.core.test_territoires import dataset

    old = ["99001", "Vieux-Bourg", "99", "200000001", "219900010", "99100", 1000, ""]
    new = ["99002", "Bourg-Neuf", "99", "200000001", "219900028", "99200", 2000, ""]
    territoires.load_france(path=dataset(tmp_path, [old, new]))
    structure = Structure.objects.get(name="Profession Banlieue")
    structure.territoires.set([Territoire.objects.get(kind="commune", code="99001")])
    renamed = [old[0], "Vieux-Bourg-sur-Mer", *old[2:]]
    territoires.load_france(path=dataset(tmp_path, [renamed, new]))
    territoires.load_france(path=dataset(tmp_path, [[*new[:7], "99001"]]))
    page = client.get(annuaire.url + annuaire.reverse_subpage("structure", args=[structure.pk]))
    assert "Vieux-Bourg-sur-Mer" in page.text
    bourg_neuf = Territoire.objects.get(kind="commune", code="99002")
    vieux_bourg = Territoire.objects.get(kind="commune", code="99001")
    for territoire in (bourg_neuf, vieux_bourg, bourg_neuf.parent, bourg_neuf.parent.parent):
        assert "Profession Banlieue" in names(
            client.get(annuaire.url, {"territoire": territoire.pk})
        ), territoire


def test_the_territoire_filter_runs_the_same_queries_with_40000_territoires(
    annuaire, client, count_queries
):
    rennes = Territoire.objects.get(kind="commune", code="35238")
    maurepas = Territoire.objects.get(kind="qpv", name="Maurepas")

    def queries():
        return [
            count_queries(client.get, annuaire.url, query)[0]
            for query in (
                {"territoire": rennes.pk},
                {"territoire": maurepas.pk},
                # The picker: a search, and a browse one level down.
                {"territoire": maurepas.pk, "territoire_q": "rennes"},
                {"territoire_dans": rennes.parent_id},
            )
        ]

    few = queries()
    territoires.load_france()
    # Up to 40,000 nodes: QPV under Rennes (paths as the importer writes them).
    missing = 40_000 - Territoire.objects.count()
    top = Territoire.objects.order_by("-pk").first().pk
    Territoire.objects.bulk_create(
        [
            Territoire(
                pk=top + i,
                kind="qpv",
                name=f"Quartier {i}",
                parent=rennes,
                path=f"{rennes.path}{top + i}/",
            )
            for i in range(1, missing + 1)
        ],
        batch_size=1000,
    )
    assert Territoire.objects.count() >= 40_000
    assert queries() == few
