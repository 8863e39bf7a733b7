"""Validation by the porteur de projet: the workflow task, the signed link, the decision."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, WorkflowTask

from fiches.models import FichePage, PorteurValidationTaskState

pytestmark = pytest.mark.django_db


def link_in(message):
    return re.search(r"http://testserver(/fiches/validation/[^/\s]+/)", message.body).group(1)


def to_porteur():
    return [m for m in mail.outbox if m.to == ["awa.diallo@example.org"]]


def last_link():
    return link_in(to_porteur()[-1])


def notices():
    """What the editors are told about the porteur's decisions."""
    return [m for m in mail.outbox if m.subject.startswith("Le porteur de projet")]


def state_of(fiche):
    return PorteurValidationTaskState.objects.filter(
        workflow_state__object_id=str(fiche.pk)
    ).latest("pk")


def test_the_task_type_can_be_added_to_any_workflow(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_workflows:select_task_type"))
    assert "Validation par le porteur de projet" in response.content.decode()


def test_the_porteur_receives_a_link_and_approves_the_submitted_version(
    client, submitted_fiche, editor
):
    fiche = submitted_fiche()
    assert len(to_porteur()) == 1
    message = to_porteur()[0]
    assert message.to == ["awa.diallo@example.org"]
    assert (
        message.subject == "Merci de valider la fiche expérience « Jardin partagé de Kervénanec »"
    )
    assert "RésO Villes a rédigé une fiche expérience" in message.body  # the centre is named
    assert "Ce lien est valable 30 jours" in message.body
    url = link_in(message)

    # The link shows exactly the submitted revision, without the site around it.
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jardin partagé de Kervénanec" in html
    assert "Créer du lien entre voisins." in html
    assert "awa.diallo@example.org" in html  # the porteur checks their own contact
    assert "Menu principal" not in html and "Rechercher sur le site" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    state = state_of(fiche)
    assert state.link_opened_at is not None

    # The editor sees that the link was opened, in the workflow history.
    client.force_login(editor)
    history = client.get(
        reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[fiche.pk, state.workflow_state_id]
        )
    ).content.decode()
    assert "Lien envoyé à awa.diallo@example.org le" in history and "ouvert le" in history
    client.logout()

    response = client.post(url, {"decision": "approve", "comment": "Parfait, merci !"})
    assert response.status_code == 200
    assert "Vous avez validé la fiche « Jardin partagé de Kervénanec »" in response.content.decode()

    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.comment == "Parfait, merci !"
    assert state.finished_at is not None
    fiche = FichePage.objects.get(pk=fiche.pk)
    assert fiche.live  # the workflow's only task is done: published
    assert fiche.validated_at is not None
    assert "Validée par le porteur le" in client.get(fiche.url).content.decode()

    # The editor is told, and the decision appears in the workflow history.
    notice = notices()[-1]
    assert notice.to == ["documentaliste@resovilles.example"]
    assert notice.subject == "Le porteur de projet a validé « Jardin partagé de Kervénanec »"
    assert "Parfait, merci !" in notice.body
    client.force_login(editor)
    history = client.get(
        reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[fiche.pk, state.workflow_state_id]
        )
    ).content.decode()
    assert "Validée par le porteur de projet (awa.diallo@example.org" in history
    assert "Parfait, merci !" in history


def test_approval_moves_the_workflow_on_to_the_next_task(client, submitted_fiche, porteur_workflow):
    director = GroupApprovalTask.objects.create(name="Relecture par la directrice")
    WorkflowTask.objects.create(workflow=porteur_workflow, task=director, sort_order=1)
    fiche = submitted_fiche()
    client.post(last_link(), {"decision": "approve", "comment": ""})
    fiche = FichePage.objects.get(pk=fiche.pk)
    assert not fiche.live
    assert fiche.current_workflow_task.pk == director.pk


def test_the_porteur_asks_for_changes_with_a_comment(client, submitted_fiche):
    fiche = submitted_fiche()
    url = last_link()
    response = client.post(url, {"decision": "changes", "comment": "  "})
    assert response.status_code == 400
    assert "Indiquez les modifications que vous demandez." in response.content.decode()
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS

    response = client.post(url, {"decision": "changes", "comment": "Le budget est de 12 000 €."})
    assert response.status_code == 200
    assert "Vous avez demandé des modifications" in response.content.decode()
    state = state_of(fiche)
    assert state.status == TaskState.STATUS_REJECTED
    assert state.workflow_state.status == state.workflow_state.STATUS_NEEDS_CHANGES
    assert not FichePage.objects.get(pk=fiche.pk).live
    notice = notices()[-1]
    assert "demande des modifications" in notice.subject
    assert "Le budget est de 12 000 €." in notice.body


def test_a_second_decision_or_a_replayed_approval_changes_nothing(client, submitted_fiche):
    fiche = submitted_fiche()
    url = last_link()
    client.post(url, {"decision": "changes", "comment": "Corriger la date."})
    sent = len(mail.outbox)
    for data in ({"decision": "approve"}, {"decision": "changes", "comment": "Autre chose"}):
        response = client.post(url, data)
        html = response.content.decode()
        assert response.status_code == 409
        assert "Votre réponse a déjà été enregistrée" in html
        assert "Vous avez demandé des modifications le" in html
    response = client.get(url)
    assert response.status_code == 409
    state = state_of(fiche)
    assert state.status == TaskState.STATUS_REJECTED and state.comment == "Corriger la date."
    assert len(mail.outbox) == sent
    assert not FichePage.objects.get(pk=fiche.pk).live


@pytest.mark.parametrize(
    "token",
    [
        "abc",
        "x" * 3000,
        "%00",
        "eyJ0cyI6MX0:1abcde:forged",
        ".eJyrVkrOz0nNyy9KTcm3UrJSMjQwMDFU0lFKTc7PS8ksSk0uLVGqBQCZcQlD",
    ],
)
def test_a_forged_link_gives_a_french_page_and_changes_nothing(client, submitted_fiche, token):
    fiche = submitted_fiche()
    for response in (
        client.get(f"/fiches/validation/{token}/"),
        client.post(f"/fiches/validation/{token}/", {"decision": "approve"}),
    ):
        assert response.status_code in (403, 404)
        if response.status_code == 403:
            assert "Ce lien n’est pas valide" in response.content.decode()
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS
    assert state_of(fiche).link_opened_at is None


def test_a_token_made_for_something_else_opens_nothing(client, submitted_fiche):
    from resource_centre.tokens import make_token

    fiche = submitted_fiche()
    state = state_of(fiche)
    token = make_token(
        "annuaire.update", {"ts": state.pk, "v": state.link_version, "r": state.revision_id}
    )
    response = client.post(f"/fiches/validation/{token}/", {"decision": "approve"})
    assert response.status_code == 403
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS


def test_an_expired_link_says_so(client, submitted_fiche):
    fiche = submitted_fiche()
    url = last_link()
    with override_settings(RESOURCE_CENTRE={"FICHES_VALIDATION_LINK_MAX_AGE": -1}):
        response = client.post(url, {"decision": "approve"})
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS


def test_a_new_revision_invalidates_the_link_and_the_editor_can_resend_it(
    client, submitted_fiche, editor
):
    fiche = submitted_fiche()
    old_url = last_link()
    draft = fiche.get_latest_revision_as_object()
    draft.chapo = "Version corrigée par la documentaliste."
    draft.save_revision(user=editor)
    response = client.get(old_url)
    assert response.status_code == 410
    assert "Cette fiche a été modifiée depuis l’envoi de ce lien" in response.content.decode()

    # The editor sends the link again from the workflow actions of the page.
    client.force_login(editor)
    edit_form = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])).content.decode()
    assert "Renvoyer le lien au porteur de projet" in edit_form
    assert "Révoquer le lien du porteur de projet" in edit_form
    state = state_of(fiche)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[fiche.pk, "resend", state.pk])
    )
    assert response.status_code == 302
    client.logout()
    new_url = last_link()
    assert new_url != old_url
    assert len(to_porteur()) == 2
    response = client.get(new_url)
    assert "Version corrigée par la documentaliste." in response.content.decode()
    assert client.get(old_url).status_code == 410
    client.post(new_url, {"decision": "approve"})
    fiche = FichePage.objects.get(pk=fiche.pk)
    assert fiche.live and fiche.chapo == "Version corrigée par la documentaliste."


def test_the_editor_can_revoke_the_link(client, submitted_fiche, editor):
    fiche = submitted_fiche()
    url = last_link()
    client.force_login(editor)
    state = state_of(fiche)
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[fiche.pk, "revoke", state.pk]))
    client.logout()
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 410
    assert "Ce lien n’est plus valide" in response.content.decode()
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS


def test_an_anonymous_visitor_cannot_use_the_editor_actions(client, submitted_fiche):
    fiche = submitted_fiche()
    state = state_of(fiche)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[fiche.pk, "resend", state.pk])
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert len(to_porteur()) == 1


def test_without_a_contact_e_mail_the_history_says_no_link_was_sent(
    client, submitted_fiche, editor
):
    fiche = submitted_fiche(contact_email="")
    assert to_porteur() == []
    state = state_of(fiche)
    assert state.get_comment() == "Aucun lien envoyé : la fiche n’a pas d’e-mail de contact."


def test_garbage_in_the_decision_form_is_refused_in_french(client, submitted_fiche):
    fiche = submitted_fiche()
    url = last_link()
    for data in ({}, {"decision": "peut-être"}, {"decision": "approve", "comment": "x" * 5000}):
        response = client.post(url, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Indiquez si vous validez" in html or "trop long" in html
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS


def test_the_link_travels_over_real_smtp_and_the_decision_is_notified(
    client, submitted_fiche, smtp_server
):
    fiche = submitted_fiche()
    to_porteur = [msg for tos, msg in smtp_server.messages if tos == ["awa.diallo@example.org"]]
    assert len(to_porteur) == 1
    message = to_porteur[0]
    assert " ".join(message["Subject"].split()) == (
        "Merci de valider la fiche expérience « Jardin partagé de Kervénanec »"
    )
    assert "RésO Villes" in message["From"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    url = re.search(r"http://testserver(/fiches/validation/[^/\s]+/)", body).group(1)
    response = client.post(url, {"decision": "approve", "comment": "D'accord."})
    assert response.status_code == 200
    assert FichePage.objects.get(pk=fiche.pk).live
    notified = [tos for tos, msg in smtp_server.messages if "a validé" in msg["Subject"]]
    assert notified == [["documentaliste@resovilles.example"]]


def test_the_porteur_can_agree_to_publish_the_contact_when_approving(client, submitted_fiche):
    fiche = submitted_fiche()
    url = last_link()
    html = client.get(url).content.decode()
    assert "ne seront publiées qu’avec votre accord" in html
    assert "J’accepte que mes coordonnées" in html
    client.post(url, {"decision": "approve", "consent": "on"})
    fiche = FichePage.objects.get(pk=fiche.pk)
    assert fiche.live and fiche.contact_consent
    assert fiche.contact_consent_date is not None
    assert fiche.contact_consent_source.startswith("Lien de validation, ")
    assert "awa.diallo@example.org" in client.get(fiche.url).content.decode()


def test_without_the_porteurs_agreement_the_contact_stays_private(client, submitted_fiche):
    fiche = submitted_fiche()
    client.post(last_link(), {"decision": "approve"})
    fiche = FichePage.objects.get(pk=fiche.pk)
    assert fiche.live and not fiche.contact_consent
    html = client.get(fiche.url).content.decode()
    assert "awa.diallo@example.org" not in html and "Awa Diallo" not in html
