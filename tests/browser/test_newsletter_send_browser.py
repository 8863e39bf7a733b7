"""A member of the "Éditeurs" role sends the lettre from its editor: a test first, then the real
send, confirmed with the number of readers, and the progress page reaches "terminé" by itself."""

import pytest
from playwright.sync_api import expect

from newsletter import sending, worker
from newsletter.models import NewsletterIndexPage, Publication, Send
from tests.newsletter.conftest import add_subscribers, after_each_recorded_message, make_lettre

from .axe import assert_accessible as axe_check
from .signin import sign_in_as_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    """axe's check once Wagtail's messages have faded in (half-faded, they lack contrast)."""
    page.wait_for_function(
        """() => document.getAnimations().every(
            (a) => a.playState !== "running" || !a.effect.target?.closest(".messages")
        )"""
    )
    axe_check(page)


@pytest.fixture
def lettre(db):
    from wagtail.models import Locale, Page, Site

    site = Site.objects.filter(is_default_site=True).first()  # gone once a test flushed it
    if site is None:
        Locale.objects.get_or_create(language_code="fr")
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=Page(title="Accueil", slug="accueil"))
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    home = site.root_page
    publication = Publication.objects.create(
        name="Lettre mensuelle",
        slug="lettre-mensuelle",
        sender_name="RésO Villes",
        sender_email="lettre@resovilles.example",
    )
    archive = home.add_child(
        instance=NewsletterIndexPage(title="La lettre", slug="la-lettre", publication=publication)
    )
    return make_lettre(archive, publication)


def test_an_editor_tests_then_sends_the_lettre_and_watches_it_finish(
    lettre, live_server, page, settings, smtp_server, django_user_model, monkeypatch
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    readers = add_subscribers(lettre.publication, 3)
    smtp_server.refuse = {readers[2].email}
    editor = sign_in_as_editor(page, live_server, django_user_model)

    # In the lettre's editor, the "…" menu offers the test.
    page.goto(f"{live_server.url}/admin/pages/{lettre.pk}/edit/")
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role("button").click()
    page.get_by_role("link", name="Envoyer un test").click()
    expect(page).to_have_title("Envoyer un test de « Lettre n° 42 — mars 2008 » - Wagtail")
    addresses = page.get_by_label("Adresses de test")
    expect(addresses).to_have_value(editor.email)  # the editor's own address
    page.get_by_role("button", name="Envoyer le test").click()
    expect(page.get_by_text(f"Test envoyé à {editor.email}.")).to_be_visible()
    with smtp_server.lock:
        ((to, test),) = smtp_server.messages
    assert to == [editor.email] and test["Subject"] == "[TEST] Lettre n° 42 — mars 2008"

    # The send page: the test first, then the lists and their readers.
    expect(page).to_have_title("Envoyer « Lettre n° 42 — mars 2008 » - Wagtail")
    expect(page.get_by_label("Lettre mensuelle — 3 lecteurs actifs")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer…").click()

    # Nothing goes before the confirmation naming the count.
    expect(page.get_by_role("heading", name="Envoyer à 3 lecteurs ?")).to_be_visible()
    assert_accessible(page)
    assert not Send.objects.exists()
    # The worker runs below, in this thread. The page's updates are fetched from this thread too
    # (Playwright runs route handlers in the test's thread), so that they never meet the worker
    # on the live server's one database connection.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    polls = []

    def poll_from_this_thread(route):
        polls.append(route.request.url)
        route.fulfill(response=route.fetch())

    page.route("**/progression/", poll_from_this_thread)
    page.get_by_role("button", name="Oui, envoyer à 3 lecteurs").click()

    status = page.locator("#send-status")
    expect(status).to_have_text("programmé")
    expect(page.locator("#send-progress-panel")).to_contain_text(
        "cette page se met à jour toute seule"
    )
    send = Send.objects.get()

    page.locator("#send-progress-panel").evaluate("(panel) => { panel.dataset.interval = 300; }")
    sending.start_send(send.pk)
    expect(status).to_have_text("en cours d’envoi")
    expect(page.locator('[data-count="pending"]')).to_have_text("3")

    # Midway, the figures move while the focus stays where the editor put it.
    pause = page.get_by_role("button", name="Mettre en pause")
    pause.focus()
    midway = []

    def look_at_the_page(delivery_id):
        if not midway:
            midway.append(delivery_id)
            expect(page.locator('[data-count="sent"]')).to_have_text("1")
            expect(page.locator('[data-count="pending"]')).to_have_text("2")
            expect(pause).to_be_focused()

    after_each_recorded_message(monkeypatch, look_at_the_page)
    worker.run_worker(send.pk)
    assert midway
    expect(status).to_have_text("terminé")
    expect(page.locator('[data-count="sent"]')).to_have_text("2")
    expect(page.locator('[data-count="failed"]')).to_have_text("1")
    expect(page.locator('[data-count="pending"]')).to_have_text("0")
    failures = page.get_by_role("table")
    expect(failures).to_contain_text(readers[2].email)
    expect(failures).to_contain_text("550 5.1.1 Utilisateur inconnu")
    assert_accessible(page)
    assert sorted(smtp_server.recipients()[1:]) == [r.email for r in readers[:2]]
    # Updated by the page itself: no reload, and it stopped asking once the send was done.
    assert page.url == f"{live_server.url}/admin/newsletter/envois/{send.pk}/"
    asked = len(polls)
    assert asked >= 2
    page.wait_for_timeout(700)
    assert len(polls) == asked
