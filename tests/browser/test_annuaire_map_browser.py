"""The map of the annuaire shows everyone, in a real browser: markers sharing a position are
clustered and spread out on click, each popup opens, and the structure without coordinates is
listed under the map."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def names_at_rennes():
    """The demo structures sharing the Rennes coordinate (six of them)."""
    from annuaire.models import Structure

    located = Structure.objects.filter(
        addresses__latitude="48.117300", addresses__longitude="-1.677800"
    )
    return sorted(located.values_list("name", flat=True))


def open_map(page, url):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())  # no network here
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des structures")
    expect(page.locator(".leaflet-marker-pane > *").first).to_be_visible()
    expect(page.locator(".leaflet-cluster-anim")).to_have_count(0)  # no marker still moving


def cluster_counts(page):
    """The number each cluster on screen draws."""
    return [int(t) for t in page.locator(".marker-cluster span[aria-hidden]").all_inner_texts()]


def test_nothing_on_the_map_is_hidden_under_another_marker(demo_site, live_server, page):
    from annuaire.models import Address

    open_map(page, live_server.url + "/annuaire/carte/")
    located = Address.objects.filter(latitude__isnull=False).count()
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)").count()
    assert single + sum(cluster_counts(page)) == located
    expect(page.get_by_role("heading", name="Sans localisation : 1 structure")).to_be_visible()
    page.locator(".an-map-unlocated").get_by_role(
        "link", name="Ville de Rennes, antenne du Blosne"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ville de Rennes, antenne du Blosne")


def test_the_six_structures_sharing_a_position_each_open(demo_site, live_server, page):
    names = names_at_rennes()
    assert len(names) == 6
    # A visitor who asked for less motion: the markers spread out at once, with no animation
    # for a click to race against (the other tests keep Leaflet's animations).
    page.emulate_media(reduced_motion="reduce")
    open_map(page, live_server.url + "/annuaire/carte/?q=rennes")
    cluster = page.get_by_role("button", name="6 structures à cet endroit ou à côté : les afficher")
    expect(cluster).to_be_visible()
    assert page.locator(".leaflet-marker-icon:not(.marker-cluster)").count() == 0
    assert_accessible(page)

    cluster.click()  # one position: the markers are spread out around it
    expect(page.locator(".leaflet-cluster-anim")).to_have_count(0)  # none moves
    for name in names:
        marker = page.locator(f'.leaflet-marker-icon[title="{name}"]')
        expect(marker).to_be_visible()
        marker.click()
        popup = page.locator(".leaflet-popup-content")
        expect(popup.get_by_role("link", name=name, exact=True)).to_be_visible()
        expect(popup).to_contain_text("— Rennes")
        expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
        assert_accessible(page)
        # Named in French (Leaflet says « Close popup »).
        page.get_by_role("button", name="Fermer cette bulle", exact=True).click()
        expect(popup).to_have_count(0)

    # The last one's link leads to its page.
    page.locator(f'.leaflet-marker-icon[title="{names[-1]}"]').click()
    page.locator(".leaflet-popup-content").get_by_role("link", name=names[-1]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(names[-1])


def test_a_keyboard_user_spreads_the_cluster_with_enter(demo_site, live_server, page):
    open_map(page, live_server.url + "/annuaire/carte/?q=rennes")
    cluster = page.locator(".marker-cluster")
    cluster.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-marker-icon:not(.marker-cluster)")).to_have_count(6)
    marker = page.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content a")).to_have_text(
        re.compile("|".join(re.escape(n) for n in names_at_rennes()))
    )
