"""A visitor and an editor reach the demo site in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_search_and_admin_login(demo_site, live_server, page, django_user_model):
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("RésO Villes"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_attached()
    expect(page.get_by_role("navigation", name="Menu principal")).to_contain_text(
        "Le centre de ressources"
    )
    assert_accessible(page)

    # Search from the header form, as a visitor would.
    page.get_by_role("searchbox", name="Rechercher sur le site").fill("Cooper'Villes")
    page.get_by_role("searchbox", name="Rechercher sur le site").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recherche")
    expect(page.locator(".rc-results")).to_contain_text("Le centre de ressources")
    assert_accessible(page)

    page.get_by_label("Mots recherchés").fill("xyzzy introuvable")
    page.get_by_role("button", name="Rechercher").last.click()
    expect(page.get_by_role("status")).to_contain_text("Aucun résultat")

    # The editor signs in to the French admin.
    django_user_model.objects.create_superuser("editrice", "e@example.org", "motdepasse-long")
    page.goto(live_server.url + "/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("S'identifier")
    page.get_by_label("Nom d’utilisateur").fill("editrice")
    page.locator("input[name=password]").fill("motdepasse-long")
    page.get_by_role("button", name="S'identifier").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(live_server.url + "/admin/snippets/resource_centre/territoire/?q=Rennes")
    expect(page.locator("main")).to_contain_text("Rennes Métropole")


def test_layout_is_usable_on_a_phone(demo_site, live_server, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 740})
    phone = context.new_page()
    phone.goto(live_server.url + "/le-centre/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Le centre de ressources")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    assert_accessible(phone)
    context.close()
