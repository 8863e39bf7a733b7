"""A visitor subscribes to the lettre, confirms by e-mail, then unsubscribes, in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(message, live_server, kind):
    path = re.search(rf"https?://[^/\s]+(/infolettre/{kind}/\S+/)", message).group(1)
    return live_server.url + path


def test_subscribe_confirm_and_unsubscribe(demo_site, live_server, page, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url

    # The web archive, from the main menu.
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="La lettre de RésO Villes"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("La lettre de RésO Villes")
    expect(page.get_by_role("link", name="Lettre n° 42 — mars 2008")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lettre n° 42 — mars 2008").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lettre n° 42 — mars 2008")
    assert_accessible(page)

    # The subscription form: errors in French first, then a valid request.
    page.goto(live_server.url + "/infolettre/inscription/")
    assert_accessible(page)
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="S’abonner").click()
    expect(page.get_by_role("alert")).to_contain_text("Veuillez corriger les erreurs")
    expect(page.locator("main")).to_contain_text("Saisissez une adresse e-mail valide")
    assert_accessible(page)
    page.get_by_label("Prénom et nom").fill("Léa Martin")
    page.get_by_label("Adresse e-mail").fill("lea.martin@exemple.org")
    page.get_by_label("Structure").fill("Ville de Lorient")
    page.get_by_label("Lettre mensuelle de RésO Villes").check()
    page.get_by_label("J’accepte de recevoir par e-mail").check()
    page.get_by_role("button", name="S’abonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    assert_accessible(page)

    # The confirmation e-mail: its link opens a page, and only the button confirms.
    (message,) = [m for m in mail.outbox if m.to == ["lea.martin@exemple.org"]]
    page.goto(_link(message.body, live_server, "confirmer"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre inscription")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscription confirmée")
    assert_accessible(page)

    # The lettre is sent; the footer's unsubscribe link works in one click and a POST.
    from newsletter import sending
    from newsletter.models import LettrePage, Subscriber

    lettre = LettrePage.objects.get(number=42)
    mail.outbox.clear()
    sending.create_send(lettre, [lettre.publication])
    (lettre_mail,) = [m for m in mail.outbox if "lea.martin@exemple.org" in m.to[0]]
    html = lettre_mail.alternatives[0][0]
    page.goto(_link(html, live_server, "desinscription"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Se désinscrire")
    assert_accessible(page)
    page.get_by_role("button", name="Se désinscrire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes désinscrit·e")
    assert_accessible(page)
    assert Subscriber.objects.get(email="lea.martin@exemple.org").status == "unsubscribed"

    # Preferences: back to the lettre.
    page.get_by_role("link", name="Gérer mes abonnements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes abonnements")
    assert_accessible(page)

    # A forged link gets a French message.
    page.goto(live_server.url + "/infolettre/confirmer/faux-jeton/")
    expect(page.get_by_role("alert")).to_contain_text("Ce lien n’est pas valide")
    assert_accessible(page)
