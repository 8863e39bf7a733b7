"""A visitor narrows the annuaire with three filters, then opens an entry, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_narrows_the_annuaire_with_three_filters(demo_site, live_server, page):
    from resource_centre.models import Territoire

    ille_et_vilaine = Territoire.objects.get(kind="departement", code="35")

    page.goto(live_server.url + "/annuaire/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des acteurs")
    expect(page.get_by_role("link", name="Structures", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert_accessible(page)

    # Three facets: a type, a theme and a territory (the département of Rennes).
    page.get_by_label(re.compile(r"^Collectivité \(\d+\)$")).check()
    # Past the first six themes, behind "Voir plus".
    page.get_by_role("group", name="Thématique").get_by_text(re.compile(r"^Voir plus")).click()
    page.get_by_label(re.compile(r"^Participation des habitants \(\d+\)$")).check()
    # The territoire: typed, found without reloading the page, ticked.
    works_on = page.get_by_role("group", name="Intervient sur")
    before = page.url
    works_on.get_by_label("Chercher un territoire").fill("ille et vil")
    option = works_on.get_by_label(re.compile(r"^Ille-et-Vilaine \(35\) — département \(\d+\)$"))
    option.check()
    assert page.url == before  # searched in place: the ticked boxes above are kept
    expect(page.get_by_label(re.compile(r"^Collectivité \(\d+\)$"))).to_be_checked()
    # Browsing in place too: Ille-et-Vilaine's EPCI, keeping the ticked département.
    works_on.get_by_role("link", name="Parcourir les territoires plutôt").click()
    works_on.get_by_role("link", name="Parcourir Bretagne").click()
    expect(works_on.get_by_role("link", name="Parcourir Ille-et-Vilaine (35)")).to_be_visible()
    expect(
        works_on.get_by_label(re.compile(r"^Ille-et-Vilaine \(35\) — département"))
    ).to_be_checked()
    assert page.url == before
    page.get_by_role("button", name="Appliquer les filtres").click()

    expect(page).to_have_url(re.compile(r"type=collectivite"))
    assert "thematique=participation-des-habitants" in page.url
    assert f"territoire={ille_et_vilaine.pk}" in page.url
    results = page.locator(".rc-results")
    expect(results).to_contain_text("Ville de Rennes, mission politique de la ville")
    expect(results).to_contain_text("Ville de Rennes, antenne du Blosne")  # attached to a QPV
    expect(results).not_to_contain_text("Ville de Lorient")  # another département
    expect(results).not_to_contain_text("Centre social de Maurepas")  # another type
    expect(page.get_by_role("status").first).to_have_text("2 structures")
    # The counts beside the options follow the other selections.
    expect(page.get_by_label(re.compile(r"^Collectivité \(2\)$"))).to_be_checked()
    expect(
        page.get_by_role("link", name=re.compile("Retirer le filtre Type de structure"))
    ).to_be_visible()
    assert_accessible(page)

    # An empty result is stated.
    page.get_by_label("Mots-clés").fill("introuvable")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.locator(".rc-empty")).to_contain_text("Aucune entrée ne correspond")

    # Back to the narrowed list, then the entry page.
    page.go_back()
    page.get_by_role("link", name="Ville de Rennes, mission politique de la ville").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ville de Rennes, mission politique de la ville"
    )
    expect(page.locator("main")).to_contain_text("Mis à jour le")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_accessible(page)


def test_person_page_and_people_tab_are_accessible(demo_site, live_server, page):
    page.goto(live_server.url + "/annuaire/personnes/")
    page.get_by_role("group", name="Métier").get_by_text(re.compile(r"^Voir plus")).click()
    page.get_by_label(re.compile(r"^Documentaliste \(\d+\)$")).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.get_by_role("link", name="Soazig Barré").click()
    expect(page.locator("main")).to_contain_text("s.barre@resovilles.example")
    assert_accessible(page)


def test_map_of_the_filtered_structures(demo_site, live_server, page):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())  # no network here
    page.goto(live_server.url + "/annuaire/?type=centre-de-ressources")
    page.get_by_role("link", name="Voir ces structures sur une carte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des structures")
    markers = page.locator(".leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    # The seven centres de ressources: a marker each, or counted in the cluster of those close
    # together (tests/browser/test_annuaire_map_browser.py opens clusters).
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)").count()
    clustered = page.locator(".marker-cluster span[aria-hidden]").all_inner_texts()
    assert single + sum(int(count) for count in clustered) == 7
    expect(page.locator(".an-map-list")).to_contain_text("Profession Banlieue")
    assert_accessible(page)
