"""A visitor narrows the annuaire: tabs, A–Z, filters with counts, garbage, fixed query count."""

import html
import re

import pytest

from annuaire.models import Person, Structure
from annuaire.models.directory import sort_key
from resource_centre.models import Territoire
from tests.marks import with_apps

from .conftest import bulk_people, bulk_structures


def names(response):
    found = re.findall(r'class="rc-result__title"><a href="[^"]+">([^<]+)</a>', response.text)
    return [html.unescape(n) for n in found]


@pytest.fixture(autouse=True)
def long_pages(settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_PER_PAGE": 100}


def option_label(response, name, value):
    """The text of the option `value` of the filter `name` (checkbox label or select option)."""
    html = response.text
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    match = re.search(
        rf'name="{name}" value="{re.escape(value)}" id="((?:id_{name}_|{name}-)\d+)"', html
    ) or re.search(
        rf'<option value="{re.escape(value)}"[^>]*>([^<]*)</option>',
        select.group(1) if select else "",
    )
    assert match, f"no option {value} for {name}"
    if match.re.pattern.startswith("<option"):
        return match.group(1).strip()
    return re.search(rf'<label for="{match.group(1)}">([^<]*)</label>', html).group(1)


def test_lists_structures_a_to_z_with_tabs_and_update_date(annuaire, client):
    response = client.get(annuaire.url)
    assert response.status_code == 200
    listed = names(response)
    assert "RésO Villes" in listed and "Villes au Carré ((villes)²)" in listed
    assert listed == sorted(listed, key=sort_key)  # without case or accents
    assert len(re.findall(r"Mis à jour le \d\d/\d\d/\d{4}", response.text)) == len(listed)
    assert 'aria-current="page">Structures</a>' in response.text
    people = client.get(annuaire.url + "personnes/")
    assert "Brigitte Maltet" in names(people)
    assert 'aria-current="page">Personnes</a>' in people.text


def test_letter_index(annuaire, client):
    response = client.get(annuaire.url + "?lettre=V")
    assert names(response) == ["Ville de Lorient, direction de la cohésion sociale"] + [
        n for n in names(response) if n != "Ville de Lorient, direction de la cohésion sociale"
    ]
    assert all(n.startswith("V") for n in names(response))
    assert "RésO Villes" not in names(response)


def test_accented_initials_sort_and_file_with_their_letter(annuaire, client):
    for name in ("Épicerie solidaire de Maurepas", "Ecole de la deuxième chance", "Zone libre"):
        Structure.objects.create(name=name)
    Structure.objects.bulk_create([Structure(name="Élan créateur"), Structure(name="Eau vive")])
    listed = names(client.get(annuaire.url))
    assert listed.index("Eau vive") < listed.index("Ecole de la deuxième chance")
    assert listed.index("Ecole de la deuxième chance") < listed.index("Élan créateur")
    assert listed.index("Élan créateur") < listed.index("Épicerie solidaire de Maurepas")
    assert listed.index("Épicerie solidaire de Maurepas") < listed.index("Zone libre")
    under_e = names(client.get(annuaire.url + "?lettre=E"))
    assert {"Élan créateur", "Épicerie solidaire de Maurepas", "Eau vive"} <= set(under_e)
    assert all(sort_key(n).startswith("e") for n in under_e)

    Person.objects.create(first_name="Hélène", last_name="Édouard")
    Person.objects.create(first_name="Paul", last_name="Zola")
    people = names(client.get(annuaire.url + "personnes/?lettre=E"))
    assert "Hélène Édouard" in people and "Paul Zola" not in people


def test_or_within_a_facet_and_across_facets(annuaire, client):
    one = names(client.get(annuaire.url + "?type=bailleur-social"))
    assert one == ["Union sociale pour l'habitat Centre (USH)"]
    both = names(client.get(annuaire.url + "?type=bailleur-social&type=organisme-de-formation"))
    assert (
        len(both) == 3
        and "Association nationale pour la formation professionnelle des adultes (AFPA)" in both
    )
    narrowed = names(
        client.get(
            annuaire.url
            + "?type=bailleur-social&type=organisme-de-formation&thematique=habitat-et-peuplement"
        )
    )
    assert narrowed == ["Union sociale pour l'habitat Centre (USH)"]


def test_a_departement_finds_what_is_attached_to_its_communes_and_qpv(annuaire, client):
    ille_et_vilaine = Territoire.objects.get(kind="departement", code="35")
    listed = names(client.get(annuaire.url + f"?territoire={ille_et_vilaine.pk}"))
    assert "Centre social de Maurepas" in listed  # attached to the QPV Maurepas
    assert "Ville de Rennes, mission politique de la ville" in listed  # to the commune
    assert "Profession Banlieue" not in listed
    # …and so does the région above it.
    bretagne = Territoire.objects.get(kind="region", code="53")
    assert "Centre social de Maurepas" in names(
        client.get(annuaire.url + f"?territoire={bretagne.pk}")
    )


def test_a_region_narrows_by_a_subquery_without_reading_its_territoires(
    annuaire, django_assert_num_queries
):
    from annuaire.filters import StructureFilterSet

    bretagne = Territoire.objects.get(kind="region", code="53")
    filterset = StructureFilterSet({"territoire": [str(bretagne.pk)]}, queryset=Structure.objects)
    # The région chosen is looked up, then the ids of the structures under it are read; the
    # territoires under it (1,300 in France's data) stay in the database, in a subquery: they
    # were read each time the filter applied.
    with django_assert_num_queries(2) as captured:
        queryset = filterset.qs
    assert captured.captured_queries[1]["sql"].startswith('SELECT "annuaire_structure"."id"')
    with django_assert_num_queries(1):
        listed = {structure.name for structure in queryset}
    assert "Centre social de Maurepas" in listed and "Profession Banlieue" not in listed


def test_the_listed_entries_are_filtered_once_for_the_list_and_the_facets(
    annuaire, client, django_assert_max_num_queries
):
    bretagne = Territoire.objects.get(kind="region", code="53")
    with django_assert_max_num_queries(40) as captured:
        response = client.get(annuaire.url, {"territoire": bretagne.pk, "type": "collectivite"})
    # A condition on the territoires' paths: a prefix (LIKE), or its range on SQLite.
    under = re.compile(r'"path"(::text)? (LIKE|>=) ')
    under_region = [q["sql"] for q in captured.captured_queries if under.search(q["sql"])]
    # Once to read the listed structures' ids (the list, its count, its rows and the facets not
    # selected narrow by them), once for the type facet, counted without its own selection.
    assert len(under_region) == 2, under_region
    assert response.status_code == 200
    listed = set(names(response))
    assert listed == {
        "Ville de Lorient, direction de la cohésion sociale",
        "Ville de Rennes, antenne du Blosne",
        "Ville de Rennes, mission politique de la ville",
    }
    # The facets not selected count these three only; the type facet counts all of Bretagne.
    assert option_label(response, "thematique", "participation-des-habitants").endswith("(3)")
    assert option_label(response, "thematique", "sante").endswith("(1)")
    assert option_label(response, "type", "etablissement-public").endswith("(2)")


def test_each_option_shows_the_count_with_the_other_selections(annuaire, client):
    response = client.get(annuaire.url + "?thematique=habitat-et-peuplement")
    # Types are counted among the structures about habitat; the thème facet itself ignores
    # its own selection (OR within the facet).
    assert option_label(response, "type", "bailleur-social") == "Bailleur social (1)"
    assert option_label(response, "type", "centre-de-ressources") == "Centre de ressources (1)"
    assert option_label(response, "type", "mjc") == "MJC (0)"
    total = Structure.objects.count()
    jeunesse = Structure.objects.filter(thematiques__slug="jeunesse").count()
    assert option_label(response, "thematique", "jeunesse") == f"Jeunesse ({jeunesse})"
    assert total > jeunesse
    ille_et_vilaine = Territoire.objects.get(kind="departement", code="35")
    found = client.get(annuaire.url, {"territoire_q": "Ille-et-Vilaine"})
    label = option_label(found, "territoire", str(ille_et_vilaine.pk))
    expected = (
        Structure.objects.filter(territoires__in=Territoire.objects.covering([ille_et_vilaine]))
        .distinct()
        .count()
    )
    assert label.endswith(f"({expected})") and expected >= 3


def test_an_entry_attached_twice_below_a_territoire_is_counted_once(annuaire, client):
    rennes = Territoire.objects.get(kind="commune", code="35238")
    maurepas = Territoire.objects.get(kind="qpv", name="Maurepas")
    ille_et_vilaine = Territoire.objects.get(kind="departement", code="35")
    structure = Structure.objects.get(name="Profession Banlieue")
    search = {"territoire_q": "Ille-et-Vilaine"}
    before = option_label(client.get(annuaire.url, search), "territoire", str(ille_et_vilaine.pk))
    structure.territoires.set([rennes, maurepas])
    after = option_label(client.get(annuaire.url, search), "territoire", str(ille_et_vilaine.pk))
    number = lambda label: int(re.search(r"\((\d+)\)$", label).group(1))  # noqa: E731
    assert number(after) == number(before) + 1
    below_rennes = Territoire.objects.covering([rennes])
    expected = Structure.objects.filter(territoires__in=below_rennes).distinct().count()
    response = client.get(annuaire.url, {"territoire_q": "rennes"})
    assert number(option_label(response, "territoire", str(rennes.pk))) == expected


def test_empty_result_is_stated_and_filters_can_be_removed(annuaire, client):
    response = client.get(annuaire.url + "?q=introuvablexyz")
    assert "Aucune entrée ne correspond à ces filtres" in response.text
    assert "Retirer tous les filtres" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "type=inexistant",
        "territoire=abc",
        "territoire=99999999999999999999999",
        "thematique=%00",
        "lettre=%C3%A9%C3%A9",
        "page=-3",
        "page=abc",
        "q=" + "x" * 500,
        "reseau=1' OR 1=1 --",
        "metier=x&metier=y",
    ],
)
def test_garbage_is_ignored_with_a_french_message(annuaire, client, query):
    for url in (annuaire.url, annuaire.url + "personnes/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
    response = client.get(f"{annuaire.url}?{query}")
    if not query.startswith("page") and not query.startswith("metier"):
        assert (
            "n’ont pas été reconnues" in response.text or "n'ont pas été reconnues" in response.text
        )


def test_pagination_and_shareable_url(annuaire, client, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_PER_PAGE": 5}
    first = client.get(annuaire.url + "?thematique=participation-des-habitants")
    assert "Page 1 sur" in first.text
    assert "thematique=participation-des-habitants&amp;page=2" in first.text
    second = client.get(annuaire.url + "?thematique=participation-des-habitants&page=2")
    assert set(names(first)).isdisjoint(names(second))


def test_a_search_counts_its_matches_and_pages_through_them(annuaire, client, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_PER_PAGE": 5}
    bulk_structures(12, prefix="Zorglub")

    def page(number):
        response = client.get(annuaire.url, {"q": "zorglubs", "page": number})
        assert response.status_code == 200 and "12 structures" in response.text
        titles = re.findall(r'class="rc-result__title"><a href="[^"]+">(.*?)</a>', response.text)
        return [re.sub("<[^>]+>", "", title) for title in titles]  # without the highlights

    first, second, third = page("1"), page("2"), page("3")
    assert len(first) == len(second) == 5 and len(third) == 2
    assert sorted(first + second + third) == [f"Zorglub {i:05d}" for i in range(12)]
    # Too far (even past the database's integers), or below the first: the last page.
    assert page("99") == page("0") == page("99999999999999999999999") == third
    assert page("abc") == first


@pytest.mark.parametrize("kind", ["structures", "personnes"])
def test_listing_runs_the_same_queries_at_two_sizes(annuaire, client, count_queries, kind):
    suffix = "" if kind == "structures" else "personnes/"
    ille_et_vilaine = Territoire.objects.get(kind="departement", code="35")
    facet = "thematique=sante" if kind == "structures" else "metier=adulte-relais"
    query = f"?territoire={ille_et_vilaine.pk}&{facet}&type=association&q=test"
    url = annuaire.url + suffix + query
    structures = bulk_structures(10)
    bulk_people(10, structures)
    client.get(url)  # warm the caches (site, page)
    small, response = count_queries(client.get, url)
    assert response.status_code == 200
    more = bulk_structures(1000, prefix="Autre structure de test")
    bulk_people(1000, more)
    large, response = count_queries(client.get, url)
    assert response.status_code == 200
    assert "1010" in response.text  # the filtered count grew…
    assert small == large  # …not the number of queries


def test_map_of_the_filtered_structures_with_a_list_fallback(annuaire, client, count_queries):
    import json

    response = client.get(annuaire.url + "carte/?type=centre-de-ressources")
    assert response.status_code == 200
    text = response.content.decode()
    assert "vendor/leaflet/leaflet.js" in text and "unpkg" not in text and "cdn" not in text
    markers = json.loads(re.search(r'id="an-map-markers"[^>]*>(.*?)</script>', text, re.S).group(1))
    assert {m["name"] for m in markers} >= {"RésO Villes", "Profession Banlieue"}
    assert "Union sociale pour l'habitat Centre" not in {m["name"] for m in markers}
    assert all(isinstance(m["lat"], float) for m in markers)
    config = json.loads(re.search(r'id="an-map-config"[^>]*>(.*?)</script>', text, re.S).group(1))
    # Leaflet's controls and the tiles' credit, in French.
    assert (config["zoomIn"], config["zoomOut"]) == ("Zoom avant", "Zoom arrière")
    assert config["attribution"] == "© les contributeurs d’OpenStreetMap"
    assert "cartes interactives" in config["leafletTitle"]
    assert "Profession Banlieue</a> — Saint-Denis" in text  # the list beside the map
    assert (
        "carte/?type=centre-de-ressources"
        in client.get(annuaire.url + "?type=centre-de-ressources").content.decode()
    )
    small, _ = count_queries(client.get, annuaire.url + "carte/")
    structures = bulk_structures(200)
    from annuaire.models import Address

    Address.objects.filter(structure__in=structures).update(latitude=48.1, longitude=-1.6)
    large, response = count_queries(client.get, annuaire.url + "carte/")
    assert small == large
    assert response.content.decode().count("Structure de test") >= 200


def test_the_map_can_be_turned_off(annuaire, client, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_MAP_TILES_URL": ""}
    assert "leaflet.js" not in client.get(annuaire.url + "carte/").content.decode()
    assert "carte/" not in client.get(annuaire.url).content.decode()


@with_apps("agenda")
def test_filtering_by_a_network_links_to_its_agenda_page(annuaire, client):
    from agenda.models import ReseauPage
    from annuaire.models import Reseau

    reseau = Reseau.objects.get(name="Réseau national des centres de ressources")
    agenda_page = ReseauPage.objects.live().first()
    reseau.agenda_page = agenda_page
    reseau.save()
    response = client.get(f"{annuaire.url}?reseau={reseau.slug}")
    assert f'href="{agenda_page.url}"' in response.text
    assert "RésO Villes" in names(response)  # its members, on the annuaire side
    assert f'href="{agenda_page.url}"' not in client.get(annuaire.url).text


def test_a_word_found_in_too_many_entries_to_pass_by_id_lists_and_counts_the_same(
    annuaire, client, monkeypatch
):
    from annuaire import filters

    few = client.get(annuaire.url, {"q": "rennes"})
    monkeypatch.setattr(filters, "MAX_MATCHES", 1)  # the matches are scanned by text instead
    many = client.get(annuaire.url, {"q": "rennes"})
    assert names(few) == names(many) and len(names(few)) > 1
    for value in ("collectivite", "centre-social"):
        assert option_label(few, "type", value) == option_label(many, "type", value)
