"""A visitor and an editor reach the demo site in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible
from .signin import sign_in_as_superuser

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
    expect(page.locator("ol.rc-results")).to_contain_text("Le centre de ressources")  # the pages
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


def test_the_editor_opens_every_suite_menu_with_the_mouse(
    demo_site, live_server, page, django_user_model
):
    """One top-level entry, "Centre de ressources"; each app's submenu opens on its own (none is
    opened by a sibling's click) and leads to its records and tools."""
    sign_in_as_superuser(page, live_server, django_user_model)
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="Centre de ressources").click()
    for group, entry in [
        ("Taxonomies", "Territoires"),
        ("Fiches expériences", "Types de porteur"),
        ("Agenda", "Formats d’événement"),
        ("Annuaire", "Entrées à vérifier"),
        ("Lettre d’information", "Envois de la lettre"),
    ]:
        button = sidebar.get_by_role("button", name=group, exact=True)
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        # The other groups stay closed.
        expect(sidebar.locator("button.sidebar-menu-item__link[aria-expanded=true]")).to_have_count(
            2
        )
        sidebar.get_by_role("link", name=entry, exact=True).click()
        expect(page).to_have_title(re.compile(re.escape(entry)))
        suite = sidebar.get_by_role("button", name="Centre de ressources")
        if suite.get_attribute("aria-expanded") != "true":
            suite.click()


def test_a_new_record_s_slug_follows_its_name_until_the_editor_changes_it(
    demo_site, live_server, page, django_user_model
):
    sign_in_as_superuser(page, live_server, django_user_model)
    for url in (
        "/admin/snippets/newsletter/publication/add/",
        "/admin/snippets/agenda/eventformat/add/",
        "/admin/snippets/resource_centre/thematique/add/",
    ):
        page.goto(live_server.url + url)
        page.locator("input[name=name]").press_sequentially("Revue de presse Élus & Quartiers")
        expect(page.locator("input[name=slug]")).to_have_value("revue-de-presse-elus-quartiers")
    # A slug the editor wrote stays as written. The name's own sync, on leaving it, is debounced:
    # on a loaded machine it would land after the editor's typing, so let it land first.
    page.locator("input[name=name]").blur()
    page.wait_for_timeout(500)
    slug = page.locator("input[name=slug]")
    slug.fill("revue")
    slug.blur()  # as an editor leaves the field: Wagtail keeps the slug once it is checked
    expect(slug).to_have_value("revue")
    page.locator("input[name=name]").fill("")
    page.locator("input[name=name]").press_sequentially("Revue de presse des élus")
    expect(page.locator("input[name=slug]")).to_have_value("revue")
    page.get_by_role("button", name="Enregistrer").first.click()
    expect(page.locator(".messages")).to_contain_text("créé")
    from resource_centre.models import Thematique

    assert Thematique.objects.get(slug="revue").name == "Revue de presse des élus"


def test_layout_is_usable_on_a_phone(demo_site, live_server, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 740})
    phone = context.new_page()
    phone.goto(live_server.url + "/le-centre/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Le centre de ressources")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    assert_accessible(phone)
    context.close()
