"""The porteur's answer where a member of the "Éditeurs" role works: the dashboard lists the fiche
waiting for its porteur and sends the link again; once the porteur answered, the fiche's editor
shows the decision and the comment."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.fiches.fixtures import *  # noqa: F403 - the fiches fixtures

from .axe import assert_accessible
from .signin import sign_in_as_editor
from .test_fiches_browser import wait_for_message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTEUR = "awa.diallo@example.org"
HOSTILE_COMMENT = '<img src=x onerror="alert(1)">Le budget est de 12 000 €, pas 1 200 €.'


def messages_to_porteur(smtp_server):
    with smtp_server.lock:
        return [m for tos, m in smtp_server.messages if tos == [PORTEUR]]


def link_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"(http://\S+/fiches/validation/[^/\s]+/)", body).group(1)


def test_an_editor_resends_the_link_from_the_dashboard_and_reads_the_answer_in_the_editor(
    make_fiche,
    porteur_workflow,
    smtp_server,
    live_server,
    page,
    browser,
    settings,
    django_user_model,
):
    from fiches.models import PorteurValidationTaskState

    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the links in the e-mails are real
    user = sign_in_as_editor(page, live_server, django_user_model)
    assert not user.is_superuser
    fiche = make_fiche(
        title="Jardin partagé de Kervénanec",
        publish=False,
        owner=user,
        porteur_name="Centre social de Kervénanec",
        contact_name="Awa Diallo",
        contact_email=PORTEUR,
        objectifs="<p>Créer du lien entre voisins.</p>",
    )
    porteur_workflow.start(fiche, user)
    wait_for_message(smtp_server, PORTEUR, "Merci de valider")
    old_link = link_in(messages_to_porteur(smtp_server)[0])
    # The link went out twelve days ago, and the porteur has not answered.
    PorteurValidationTaskState.objects.filter(workflow_state__object_id=str(fiche.pk)).update(
        link_sent_at=timezone.now() - datetime.timedelta(days=12, hours=2)
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # The dashboard lists the fiche, with the link's age.
    page.goto(live_server.url + "/admin/")
    waiting = page.get_by_role("region", name="Fiches en attente du porteur de projet")
    row = waiting.get_by_role("row").filter(has_text="Jardin partagé de Kervénanec")
    expect(row).to_contain_text("Envoyé il y a 12 jours")
    expect(row).to_contain_text(f"à {PORTEUR}")
    expect(row.get_by_role("link", name="Jardin partagé de Kervénanec")).to_have_attribute(
        "href", f"/admin/pages/{fiche.pk}/edit/"
    )
    assert_accessible(page, "#fiches-waiting-for-porteur-section")

    # Sending the link again: a fresh e-mail, the old link dead.
    row.get_by_role("button", name=re.compile("Renvoyer le lien")).click()
    expect(page.locator(".messages")).to_contain_text(
        "Un nouveau lien de validation a été envoyé au porteur de projet de "
        "« Jardin partagé de Kervénanec » ; l’ancien lien ne fonctionne plus."
    )
    expect(row).to_contain_text("Envoyé à l’instant")
    deadline = timezone.now() + datetime.timedelta(seconds=15)
    while len(messages_to_porteur(smtp_server)) < 2 and timezone.now() < deadline:
        page.wait_for_timeout(200)
    new_link = link_in(messages_to_porteur(smtp_server)[1])
    assert new_link != old_link

    # The porteur, without an account: the old link opens nothing, the new one takes the answer.
    context = browser.new_context(locale="fr-FR")
    porteur = context.new_page()
    porteur.set_default_timeout(15_000)
    porteur.goto(old_link)
    expect(porteur.get_by_role("heading", level=1)).to_have_text("Ce lien n’est plus valide")
    porteur.goto(new_link)
    porteur.get_by_label("Je demande des modifications").check()
    porteur.get_by_label("Commentaire").fill(HOSTILE_COMMENT)
    porteur.get_by_role("button", name="Envoyer ma réponse").click()
    expect(porteur.get_by_role("status")).to_contain_text("Vous avez demandé des modifications")
    context.close()

    # No longer waiting: the dashboard's list is gone.
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_role("region", name="Fiches en attente du porteur de projet")).to_have_count(
        0
    )

    # The fiche's editor shows the answer at the top, the comment as text.
    page.goto(live_server.url + f"/admin/pages/{fiche.pk}/edit/")
    answer = page.locator(".fi-porteur-answer")
    expect(answer).to_contain_text("Modifications demandées")
    expect(answer).to_contain_text(f"par {PORTEUR} via le lien de validation")
    expect(answer.locator(".fi-porteur-answer__comment")).to_have_text(HOSTILE_COMMENT)
    expect(answer.locator("img")).to_have_count(0)
    assert answer.bounding_box()["y"] < page.locator("#id_title").bounding_box()["y"]
    assert dialogs == []
    page.goto("about:blank")  # stop the editor's background pings before the server stops
