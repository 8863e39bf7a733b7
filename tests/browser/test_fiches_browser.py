"""Fiches in a real browser: an editor writes one, the porteur validates it, visitors read them."""

import itertools
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.fiches.fixtures import *  # noqa: F403 - the fiches fixtures

from .axe import assert_accessible
from .signin import sign_in as login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def validation_link(live_server):
    message = [m for m in mail.outbox if m.to == ["awa.diallo@example.org"]][-1]
    path = re.search(r"http://testserver(/fiches/validation/[^/\s]+/)", message.body).group(1)
    return live_server.url + path


def test_visitors_filter_the_index_and_read_an_accessible_fiche(fiches_site, live_server, page):
    page.goto(live_server.url + fiches_site.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiches expériences")
    expect(page.locator(".fi-results__count")).to_contain_text("4 fiches expériences")
    assert_accessible(page)

    page.get_by_label("Médiation sociale").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"thematique=mediation-sociale"))
    expect(page.locator(".fi-results__count")).to_contain_text("1 fiche expérience")
    page.get_by_role("link", name="Mesurer les coûts évités par la médiation sociale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mesurer les coûts évités par la médiation sociale"
    )
    expect(page.get_by_role("heading", name="Moyens")).to_be_visible()
    assert_accessible(page)

    # Printed, the fiche is one clean document: no header, menu, footer nor print button.
    page.emulate_media(media="print")
    expect(page.locator(".rc-header")).to_be_hidden()
    expect(page.locator(".rc-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Imprimer cette fiche")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_an_editor_creates_a_fiche_in_the_wagtail_editor(fiches_site, live_server, page, editor):
    from fiches.models import FichePage

    login(page, live_server, editor)
    page.goto(live_server.url + f"/admin/pages/add/fiches/fichepage/{fiches_site.pk}/")
    page.locator("#id_title").fill("Jardin partagé de Kervénanec")
    page.locator("#id_chapo").fill("Des habitants cultivent ensemble un terrain.")
    page.locator("#id_porteur_name").fill("Centre social de Kervénanec")
    page.get_by_label("Participation des habitants").check()
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text("Jardin partagé de Kervénanec")
    fiche = FichePage.objects.get(title="Jardin partagé de Kervénanec")
    draft = fiche.get_latest_revision_as_object()
    assert draft.porteur_name == "Centre social de Kervénanec"
    assert [t.name for t in draft.thematiques.all()] == ["Participation des habitants"]
    assert not fiche.live
    page.goto("about:blank")  # stop the editor's background pings before the server stops


def test_the_porteur_opens_the_link_and_approves(submitted_fiche, live_server, page):
    from fiches.models import FichePage

    fiche = submitted_fiche()
    page.goto(validation_link(live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Jardin partagé de Kervénanec")
    expect(page.get_by_role("navigation")).to_have_count(0)  # nothing else of the site
    assert_accessible(page)
    # The answer reads top to bottom: its heading, the choice, the comment, the button.
    boxes = [
        page.get_by_role("heading", name="Votre réponse").bounding_box(),
        page.get_by_role("group", name="Votre décision").bounding_box(),
        page.get_by_label("Commentaire").bounding_box(),
        page.get_by_role("button", name="Envoyer ma réponse").bounding_box(),
    ]
    for above, below in itertools.pairwise(boxes):
        assert above["y"] + above["height"] <= below["y"], boxes
    page.get_by_label("Je valide cette fiche").check()
    page.get_by_label("Commentaire").fill("Très bien, merci.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre réponse a été enregistrée"
    )
    assert FichePage.objects.get(pk=fiche.pk).live
    page.go_back()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Votre réponse a déjà été enregistrée"
    )


def test_on_a_phone_the_porteur_sees_what_is_missing_in_their_answer(
    submitted_fiche, live_server, page
):
    """Sent without a decision, the page comes back at the form's error, not at the top of a
    long fiche where nothing seems to change."""
    submitted_fiche()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(validation_link(live_server))
    page.get_by_role("button", name="Envoyer ma réponse").click()
    error = page.get_by_role("alert").filter(has_text="Indiquez si vous validez")
    expect(error).to_be_in_viewport()
    expect(page.get_by_role("heading", level=1)).not_to_be_in_viewport()


def test_the_porteur_opens_the_link_and_asks_for_changes(submitted_fiche, live_server, page):
    from fiches.models import FichePage, PorteurValidationTaskState

    fiche = submitted_fiche()
    page.goto(validation_link(live_server))
    page.get_by_label("Je demande des modifications").check()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Indiquez les modifications que vous demandez."
    )
    page.get_by_label("Commentaire").fill("Le partenaire principal est la mairie de quartier.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("status")).to_contain_text("Vous avez demandé des modifications")
    state = PorteurValidationTaskState.objects.get(workflow_state__object_id=str(fiche.pk))
    assert state.status == "rejected"
    assert state.comment == "Le partenaire principal est la mairie de quartier."
    assert not FichePage.objects.get(pk=fiche.pk).live


def wait_for_message(smtp_server, to, subject_part, timeout=15):
    """The first message to `to` whose subject contains `subject_part`, once it arrived."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with smtp_server.lock:
            for tos, message in smtp_server.messages:
                if tos == [to] and subject_part in " ".join(message["Subject"].split()):
                    return message
        time.sleep(0.2)
    subjects = [(tos, m["Subject"]) for tos, m in smtp_server.messages]
    raise AssertionError(f"no message to {to} about {subject_part!r}: {subjects}")


def submit_from_the_editor(page, live_server, editor, fiche):
    """The editor submits the fiche with Wagtail's own "Soumettre à …" action."""
    login(page, live_server, editor)
    page.goto(live_server.url + f"/admin/pages/{fiche.pk}/edit/")
    page.locator("footer").get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Soumettre à Validation des fiches").click()
    expect(page.locator(".messages")).to_contain_text("soumise")


def porteur_opens_the_link(browser, smtp_server):
    message = wait_for_message(smtp_server, "awa.diallo@example.org", "Merci de valider")
    body = message.get_body(preferencelist=("plain",)).get_content()
    url = re.search(r"(http://\S+/fiches/validation/[^/\s]+/)", body).group(1)
    context = browser.new_context(locale="fr-FR")  # the porteur: no session, no account
    porteur = context.new_page()
    porteur.set_default_timeout(15_000)
    porteur.goto(url)
    expect(porteur.get_by_role("heading", level=1)).to_have_text("Jardin partagé de Kervénanec")
    return context, porteur


def workflow_history(page, live_server, fiche):
    from django.urls import reverse
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.filter(object_id=str(fiche.pk)).latest("pk")
    url = reverse("wagtailadmin_pages:workflow_history_detail", args=[fiche.pk, state.pk])
    page.goto(live_server.url + url)
    return page.locator("main")


@pytest.fixture
def draft_fiche(make_fiche, porteur_workflow, editor, settings, live_server):
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the links in the e-mails are real
    return make_fiche(
        title="Jardin partagé de Kervénanec",
        publish=False,
        owner=editor,
        porteur_name="Centre social de Kervénanec",
        contact_name="Awa Diallo",
        contact_email="awa.diallo@example.org",
        objectifs="<p>Créer du lien entre voisins.</p>",
    )


def test_a_fiche_submitted_without_contact_e_mail_warns_its_editor(
    make_fiche, porteur_workflow, editor, smtp_server, live_server, page
):
    """Nobody can be asked: the editor is told on submitting, and nothing is sent."""
    fiche = make_fiche(
        title="Jardin partagé de Kervénanec", publish=False, owner=editor, contact_email=""
    )
    submit_from_the_editor(page, live_server, editor, fiche)
    expect(page.locator(".messages")).to_contain_text(
        "Aucun lien n’a été envoyé au porteur de projet : la fiche n’a pas d’e-mail de "
        "contact. Ajoutez-en un puis renvoyez le lien, ou enregistrez vous-même sa réponse."
    )
    # Wagtail tells the moderators (the editor here) of the submission; no link goes out.
    assert all(to == [editor.email] for to, _message in smtp_server.messages)
    # Saved again without submitting: the warning was said once, on submitting.
    page.goto(live_server.url + f"/admin/pages/{fiche.pk}/edit/")
    page.locator("footer").get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text("mise à jour")
    expect(page.locator(".messages")).not_to_contain_text("Aucun lien")


def test_end_to_end_the_porteur_approves_from_the_e_mail(
    draft_fiche, editor, smtp_server, live_server, page, browser
):
    from fiches.models import FichePage

    submit_from_the_editor(page, live_server, editor, draft_fiche)
    context, porteur = porteur_opens_the_link(browser, smtp_server)
    expect(porteur.get_by_text("Créer du lien entre voisins.")).to_be_visible()
    porteur.get_by_label("Je valide cette fiche").check()
    porteur.get_by_label("Commentaire").fill("Très bien, merci.")
    porteur.get_by_role("button", name="Envoyer ma réponse").click()
    expect(porteur.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre réponse a été enregistrée"
    )
    context.close()

    # The editor is told (the workflow ended: published), and the history holds the decision.
    notice = wait_for_message(smtp_server, editor.email, "approuvée")
    assert "Jardin partagé de Kervénanec" in notice["Subject"]
    assert FichePage.objects.get(pk=draft_fiche.pk).live
    history = workflow_history(page, live_server, draft_fiche)
    expect(history).to_contain_text("Validée par le porteur de projet (a…@example.org")
    expect(history).to_contain_text("Très bien, merci.")
    page.goto(live_server.url + FichePage.objects.get(pk=draft_fiche.pk).url)
    expect(page.locator(".fi-validated")).to_contain_text("Validée par le porteur le")


def test_end_to_end_the_porteur_asks_for_changes_from_the_e_mail(
    draft_fiche, editor, smtp_server, live_server, page, browser
):
    from fiches.models import FichePage

    submit_from_the_editor(page, live_server, editor, draft_fiche)
    context, porteur = porteur_opens_the_link(browser, smtp_server)
    porteur.get_by_label("Je demande des modifications").check()
    porteur.get_by_label("Commentaire").fill("Le partenaire principal est la mairie de quartier.")
    porteur.get_by_role("button", name="Envoyer ma réponse").click()
    expect(porteur.get_by_role("status")).to_contain_text("Vous avez demandé des modifications")
    context.close()

    notice = wait_for_message(smtp_server, editor.email, "a été rejeté")
    body = notice.get_body(preferencelist=("plain",)).get_content()
    assert "Le partenaire principal est la mairie de quartier." in body
    assert not FichePage.objects.get(pk=draft_fiche.pk).live
    history = workflow_history(page, live_server, draft_fiche)
    expect(history).to_contain_text("Modifications demandées par le porteur de projet")
    expect(history).to_contain_text("Le partenaire principal est la mairie de quartier.")
