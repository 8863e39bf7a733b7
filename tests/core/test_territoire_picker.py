"""The visitors' territoire picker, without JavaScript: search by name, postal or INSEE code, browse
région › département › EPCI › commune › QPV by links, tick and apply; garbage never breaks it."""

import re
from html import unescape

import pytest

from tests.marks import module_needs_apps

module_needs_apps("annuaire", "agenda", "fiches")

from agenda.models import AgendaIndexPage  # noqa: E402
from annuaire.models import AnnuaireIndexPage  # noqa: E402
from fiches.models import FicheIndexPage  # noqa: E402
from resource_centre.models import Territoire  # noqa: E402
from resource_centre.search import sort_key  # noqa: E402

pytestmark = pytest.mark.django_db


def picker(response, name="territoire"):
    """(ticked labels, other labels, {browse link text: href}) of one picker on the page."""
    html = response.content.decode()
    start = html.index(f'data-territoire-picker="{name}"')
    block = html[start : html.index("</fieldset>", start)]
    chosen, _sep, found = block.partition("data-found")
    label = r'<input type="checkbox" name="{}" value="(\d+)" id="[^"]+"( checked)?><label for="[^"]+">([^<]+)</label>'
    ticked = [unescape(m[2]) for m in re.findall(label.format(name), chosen)]
    others = [unescape(m[2]) for m in re.findall(label.format(name), found)]
    links = {
        unescape(re.sub("<[^>]+>", "", text)).strip(): unescape(href)
        for href, text in re.findall(r'<a [^>]*href="([^"]+)" data-browse="\d*">(.*?)</a>', found)
    }
    return ticked, others, links


def titles(response):
    return set(re.findall(r'class="rc-result__title"><a href="[^"]+">([^<]+)</a>', response.text))


@pytest.fixture
def annuaire(demo_site):
    return AnnuaireIndexPage.objects.get().url


def test_a_visitor_searches_a_commune_by_name_postal_or_insee_code_without_accents(
    annuaire, client
):
    for typed in ("quimperle", "QUIMPERLÉ", "29300", "29233"):
        _ticked, others, _links = picker(client.get(annuaire, {"territoire_q": typed}))
        assert others[0].startswith("Quimperlé — commune, Finistère (29)"), (typed, others)
    response = client.get(annuaire, {"territoire_q": "rennes"})
    assert "territoires trouvés pour « rennes »" in response.text
    _ticked, others, _links = picker(response)
    # Rennes the commune before Rennes Métropole, each with where it lies and its count.
    assert others[0].startswith("Rennes — commune, Ille-et-Vilaine (35) ("), others
    assert any(o.startswith("Rennes Métropole — EPCI, Ille-et-Vilaine (35)") for o in others)


def test_a_search_or_a_browse_reloads_the_page_with_the_filters_unfolded(annuaire, client):
    """Without JavaScript, "Rechercher" and "Parcourir" reload the page: on a phone the folded
    filters would hide what the picker found."""
    folded = '<details class="rc-filter-block">'
    unfolded = '<details class="rc-filter-block" open>'
    assert folded in client.get(annuaire).text
    assert folded in client.get(annuaire, {"q": "rennes"}).text
    bretagne = Territoire.objects.get(kind="region", code="53").pk
    for query in ({"territoire_q": "rennes"}, {"territoire_dans": bretagne}):
        assert unfolded in client.get(annuaire, query).text, query
    for garbage in ({"territoire_q": "\x00  "}, {"territoire_dans": "abc"}):
        assert folded in client.get(annuaire, garbage).text, garbage


def test_namesakes_tell_where_they_lie(annuaire, client):
    _ticked, others, _links = picker(client.get(annuaire, {"territoire_q": "saint denis"}))
    denis = [o for o in others if o.startswith("Saint-Denis — commune")]
    assert "Saint-Denis — commune, Seine-Saint-Denis (93) (0)" not in denis  # not loaded
    assert len(set(denis)) == len(denis)


def test_a_visitor_browses_from_the_regions_down_to_a_qpv_then_ticks_it(annuaire, client):
    response = client.get(annuaire)
    ticked, regions, links = picker(response)
    france = sorted(Territoire.objects.filter(kind="region"), key=lambda t: sort_key(t.name))
    assert ticked == []
    assert f"{len(france)} régions et collectivités d’outre-mer" in unescape(response.text)
    names = [r.split(" — ")[0] for r in regions]
    assert names == [r.name for r in france]
    # As people sort them: Île-de-France under I, not after Wallis et Futuna (SQLite's order).
    assert names.index("Hauts-de-France") < names.index("Île-de-France") < names.index("Normandie")
    level = client.get(annuaire + links["Parcourir Bretagne"])
    _ticked, options, links = picker(level)
    assert options[0].startswith("Bretagne — région")
    assert {o.split(" — ")[0] for o in options[1:]} == {
        "Côtes-d'Armor (22)",
        "Finistère (29)",
        "Ille-et-Vilaine (35)",
        "Morbihan (56)",
    }
    for step in ("Ille-et-Vilaine (35)", "Rennes Métropole", "Rennes"):
        level = client.get(annuaire + links[f"Parcourir {step}"])
        _ticked, options, links = picker(level)
        assert options[0].startswith(step), (step, options)
    assert 'aria-current="location">Rennes</span>' in level.text
    maurepas = next(o for o in options if o.startswith("Maurepas — quartier"))
    assert maurepas.endswith("Rennes (1)")
    qpv = Territoire.objects.get(kind="qpv", name="Maurepas")
    # Ticking and applying keeps the browse where it was (the form's hidden field).
    assert f'name="territoire_dans" value="{qpv.parent_id}"' in level.text
    result = client.get(annuaire, {"territoire": qpv.pk, "territoire_dans": qpv.parent_id})
    assert titles(result) == {"Centre social de Maurepas"}
    ticked, _others, _links = picker(result)
    assert ticked == ["Maurepas — quartier prioritaire (QPV), Rennes (1)"]


def test_the_agenda_and_the_fiches_pick_territoires_the_same_way(demo_site, client):
    for url in (AgendaIndexPage.objects.get().url, FicheIndexPage.objects.get().url):
        _ticked, others, _links = picker(client.get(url, {"territoire_q": "nantes"}))
        assert others[0] == "Nantes — commune, Loire-Atlantique (44)", (url, others)
        _ticked, regions, _links = picker(client.get(url))
        assert "Bretagne — région" in regions, (url, regions)
        # The collectivités d'outre-mer sit beside the régions, under their own name.
        assert "Saint-Martin — collectivité d’outre-mer" in regions, (url, regions)


@pytest.mark.parametrize(
    "query",
    [
        {"territoire_q": "\x00"},
        {"territoire_q": "x" * 10_000},
        {"territoire_q": "%_'\"<script>"},
        {"territoire_q": "zzzzzz"},
        {"territoire_dans": "abc"},
        {"territoire_dans": "-1"},
        {"territoire_dans": "99999999999999999999999"},
        {"territoire_dans": "999999"},
        {"territoire_dans": ["1", "2"], "territoire_q": ["a", "b"]},
        {"situee_dans": "\x00", "situee_q": "   "},
    ],
)
def test_garbage_in_the_picker_shows_the_page_with_a_clear_message(annuaire, client, query):
    response = client.get(annuaire, query)
    assert response.status_code == 200
    assert "<script>" not in response.text.split("rc-picker", 1)[1].split("</fieldset>")[0]
    _ticked, others, _links = picker(response)
    if query.get("territoire_q") in ("zzzzzz", "%_'\"<script>"):
        assert others == [] and "0 territoire trouvé pour" in response.text
    elif "territoire_q" not in query or query["territoire_q"] == "\x00":
        assert "Bretagne — région (" in " ".join(others)  # the browse, from France


def test_a_long_search_shows_the_first_results_and_says_so(annuaire, client):
    response = client.get(annuaire, {"territoire_q": "saint"})
    _ticked, others, _links = picker(response)
    assert len(others) == 20
    assert "Seuls les 20 premiers sont affichés" in response.text
