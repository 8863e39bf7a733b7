"""The map shows everyone: each structure of the listing is on the map or in the list of those
without a location, whatever the filters, in a fixed number of queries."""

import json
import re

import pytest

from annuaire.models import Address, Structure

from .conftest import bulk_structures


@pytest.fixture(autouse=True)
def long_pages(settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_PER_PAGE": 5000}


def listed_ids(client, url):
    text = client.get(url).text
    return [int(i) for i in re.findall(r'class="rc-result__title"><a href="[^"]*/(\d+)/"', text)]


def map_of(client, url):
    """(ids of the markers' structures, ids of the "without a location" list, page text)."""
    response = client.get(url)
    assert response.status_code == 200
    text = response.text
    data = re.search(r'id="an-map-markers"[^>]*>(.*?)</script>', text, re.S).group(1)
    markers = json.loads(data)
    block = re.search(r'<ul class="an-map-unlocated"[^>]*>(.*?)</ul>', text, re.S)
    unlocated = [int(i) for i in re.findall(r"structure/(\d+)/", block.group(1))] if block else []
    return markers, unlocated, text


QUERIES = ["", "?type=centre-de-ressources", "?q=rennes", "?type=collectivite", "?q=introuvable"]


@pytest.mark.parametrize("query", QUERIES)
def test_every_listed_structure_is_on_the_map_or_listed_without_a_location(annuaire, client, query):
    listed = listed_ids(client, annuaire.url + query)
    markers, unlocated, text = map_of(client, annuaire.url + "carte/" + query)
    on_map = {m["id"] for m in markers}
    assert on_map.isdisjoint(unlocated)
    assert sorted(on_map | set(unlocated)) == sorted(listed)
    located = Address.objects.filter(latitude__isnull=False)
    assert on_map == set(located.filter(structure__in=listed).values_list("structure", flat=True))
    assert all(isinstance(m["lat"], float) and isinstance(m["lon"], float) for m in markers)
    # The two counts the visitor reads add up to the listing's count.
    shown = re.search(r"(\d+) structures? sur la carte", text)
    assert int(shown.group(1)) == len(on_map)
    without = re.search(r"Sans localisation : (\d+) structures?", text)
    assert (int(without.group(1)) if without else 0) == len(unlocated)


def test_the_demo_structure_without_coordinates_is_listed_under_the_map(annuaire, client):
    markers, unlocated, text = map_of(client, annuaire.url + "carte/")
    blosne = Structure.objects.get(name="Ville de Rennes, antenne du Blosne")
    assert unlocated == [blosne.pk]
    assert blosne.pk not in {m["id"] for m in markers}
    assert "Sans localisation : 1 structure" in text
    assert (
        f'href="{annuaire.url}structure/{blosne.pk}/">Ville de Rennes, antenne du Blosne</a>'
        in text
    )
    # The six Rennes structures share one position: all six are markers (the map clusters them).
    rennes = [m for m in markers if (m["lat"], m["lon"]) == (48.1173, -1.6778)]
    assert len(rennes) == 6


def test_the_map_page_loads_the_vendored_cluster_plugin(annuaire, client):
    text = client.get(annuaire.url + "carte/").text
    for path in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
    ):
        assert path in text
    config = json.loads(re.search(r'id="an-map-config"[^>]*>(.*?)</script>', text, re.S).group(1))
    assert config["cluster"] == "{count} structures à cet endroit ou à côté : les afficher"


def test_the_vendored_plugin_matches_the_shipped_leaflet():
    from pathlib import Path

    import annuaire

    vendor = Path(annuaire.__file__).parent / "static" / "annuaire" / "vendor"
    plugin = (vendor / "leaflet.markercluster" / "README.txt").read_text()
    leaflet = (vendor / "leaflet" / "leaflet.js").read_text()[:200]
    assert "Leaflet 1.9.4" in leaflet and "Leaflet ^1.3.1" in plugin  # 1.9.4 satisfies ^1.3.1
    assert "MIT" in (vendor / "leaflet.markercluster" / "LICENSE").read_text()
    code = (vendor / "leaflet.markercluster" / "leaflet.markercluster.js").read_text()
    assert "sourceMappingURL" not in code  # the map file is not shipped


def test_the_map_runs_a_fixed_number_of_queries(annuaire, client, count_queries):
    url = annuaire.url + "carte/?q=structure"
    client.get(url)  # warm the caches (site, page)
    located = bulk_structures(5, prefix="Structure située")
    Address.objects.filter(structure__in=located).update(latitude=48.1, longitude=-1.6)
    bulk_structures(5, prefix="Structure sans position")
    small, response = count_queries(client.get, url)
    markers, unlocated, _text = map_of(client, url)
    assert (len(markers), len(unlocated)) == (5, 5)
    located = bulk_structures(300, prefix="Autre structure située")
    Address.objects.filter(structure__in=located).update(latitude=48.1, longitude=-1.6)
    bulk_structures(300, prefix="Autre structure sans position")
    large, response = count_queries(client.get, url)
    markers, unlocated, text = map_of(client, url)
    assert (len(markers), len(unlocated)) == (305, 305)
    assert "Sans localisation : 305 structures" in text
    assert small == large


def test_over_the_limit_both_lists_say_they_are_cut(annuaire, client, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_MAP_MAX_MARKERS": 3, "ANNUAIRE_PER_PAGE": 100}
    bulk_structures(5, prefix="Structure sans position")
    markers, unlocated, text = map_of(client, annuaire.url + "carte/?q=position")
    assert len(unlocated) == 3
    assert "Sans localisation : 5 structures" in text  # the count stays the true one
    assert "Seules les premières structures sont affichées" in text


@pytest.mark.parametrize(
    "query",
    ["?type=%00", "?territoire=abc&territoire=-1", "?q=" + "é" * 3000, "?lettre=%FF", "?page=x"],
)
def test_garbage_parameters_give_a_page_not_an_error(annuaire, client, query):
    response = client.get(annuaire.url + "carte/" + query)
    assert response.status_code == 200
    assert "an-map-markers" in response.text
