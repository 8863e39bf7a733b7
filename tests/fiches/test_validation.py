"""Validation by the porteur de projet: the workflow task, the signed link, the decision."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
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


def to_editor():
    """The e-mails the editor gets about decisions (not Wagtail's notice of the submission)."""
    return [
        m
        for m in mail.outbox
        if m.to == ["documentaliste@resovilles.example"] and "a été soumise" not in m.subject
    ]


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
    # Opening the link (as a mail scanner does) records nothing.
    assert state.status == TaskState.STATUS_IN_PROGRESS and state.comment == ""

    # The editor sees that the link waits for its answer, in the workflow history.
    client.force_login(editor)
    history = client.get(
        reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[fiche.pk, state.workflow_state_id]
        )
    ).content.decode()
    assert "awa.diallo@example.org" not in history  # the contact is behind its own permission
    assert "Lien envoyé à a…@example.org le" in history and "pas encore de réponse" in history
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
    assert fiche.validated_on() is not None
    assert "Validée par le porteur le" in client.get(fiche.url).content.decode()

    # The editor is told once (by Wagtail: the workflow ended with the publication), and the
    # decision appears in the workflow history.
    (notice,) = to_editor()
    assert "a été approuvée" in notice.body and "Jardin partagé de Kervénanec" in notice.body
    client.force_login(editor)
    history = client.get(
        reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[fiche.pk, state.workflow_state_id]
        )
    ).content.decode()
    assert "Validée par le porteur de projet (a…@example.org" in history
    assert "Parfait, merci !" in history


def test_approval_moves_the_workflow_on_to_the_next_task(client, submitted_fiche, porteur_workflow):
    director = GroupApprovalTask.objects.create(name="Relecture par la directrice")
    WorkflowTask.objects.create(workflow=porteur_workflow, task=director, sort_order=1)
    fiche = submitted_fiche()
    client.post(last_link(), {"decision": "approve", "comment": ""})
    fiche = FichePage.objects.get(pk=fiche.pk)
    assert not fiche.live
    assert fiche.current_workflow_task.pk == director.pk
    # Wagtail says nothing until the workflow ends: the editor gets the fiches notice, once.
    (notice,) = to_editor()
    assert notice.subject == "Le porteur de projet a validé « Jardin partagé de Kervénanec »"
    assert "passe à l’étape suivante" in notice.body


def test_the_porteur_asks_for_changes_with_a_comment(client, submitted_fiche):
    fiche = submitted_fiche()
    url = last_link()
    response = client.post(url, {"decision": "changes", "comment": "  "})
    assert response.status_code == 400
    assert "Indiquez les modifications que vous demandez." in response.content.decode()
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS
    # A comment too long is said to be too long, not also to be missing; it stays in the box.
    long_comment = "Le budget. " * 400
    response = client.post(url, {"decision": "changes", "comment": long_comment})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Votre commentaire est trop long (4000 caractères au plus)." in html
    assert "Indiquez les modifications que vous demandez." not in html
    assert long_comment.strip() in html
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS

    response = client.post(url, {"decision": "changes", "comment": "Le budget est de 12 000 €."})
    assert response.status_code == 200
    assert "Vous avez demandé des modifications" in response.content.decode()
    state = state_of(fiche)
    assert state.status == TaskState.STATUS_REJECTED
    assert state.workflow_state.status == state.workflow_state.STATUS_NEEDS_CHANGES
    assert not FichePage.objects.get(pk=fiche.pk).live
    # One e-mail to the editor: Wagtail's, which quotes the comment.
    (notice,) = to_editor()
    assert "rejetée" in notice.body and "Validation par le porteur de projet" in notice.body
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
    # A revoked link is not offered for revoking again; sending a new one is.
    edit_form = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])).content.decode()
    assert "Révoquer le lien du porteur de projet" not in edit_form
    assert "Renvoyer le lien au porteur de projet" in edit_form
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
    # Nothing to send, nothing to revoke: only the porteur's answer recorded by the team.
    client.force_login(editor)
    edit_form = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])).content.decode()
    assert "Renvoyer le lien au porteur de projet" not in edit_form
    assert "Révoquer le lien du porteur de projet" not in edit_form
    assert "Enregistrer la validation du porteur de projet" in edit_form
    client.logout()
    assert state.get_comment() == "Aucun lien envoyé : la fiche n’a pas d’e-mail de contact."


def test_garbage_in_the_decision_form_is_refused_in_french(client, submitted_fiche):
    fiche = submitted_fiche()
    url = last_link()
    for data, message in (
        ({}, "Indiquez si vous validez"),
        ({"decision": "peut-être"}, "Indiquez si vous validez"),
        ({"decision": "approve", "comment": "x" * 5000}, "trop long"),
        ({"decision": "changes", "comment": "Corriger\x1b[2J la date"}, "caractères de contrôle"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert message in response.content.decode(), data
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
    notified = [
        tos
        for tos, msg in smtp_server.messages
        if tos != ["awa.diallo@example.org"] and "soumise" not in msg["Subject"]
    ]
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


def export_of(client, fiche):
    index = fiche.get_parent().specific
    data = client.get(index.url + index.reverse_subpage("export_json")).json()
    return next(f for f in data["fiches"] if f["title"] == fiche.title)


def test_the_label_belongs_to_the_validated_revision_only(client, submitted_fiche, editor):
    fiche = submitted_fiche()
    client.post(last_link(), {"decision": "approve"})
    fiche = FichePage.objects.get(pk=fiche.pk)
    today = timezone.localdate().isoformat()
    assert "Validée par le porteur le" in client.get(fiche.url).content.decode()
    assert export_of(client, fiche)["validated_by_project_holder_on"] == today

    # A draft the porteur never saw changes nothing on the published fiche, nor in its preview.
    draft = fiche.get_latest_revision_as_object()
    draft.chapo = "Un résumé que le porteur n'a jamais lu."
    revision = draft.save_revision(user=editor)
    assert "Validée par le porteur le" in client.get(fiche.url).content.decode()
    client.force_login(editor)
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[fiche.pk]))
    assert "Un résumé que le porteur" in preview.content.decode()
    assert "Validée par le porteur" not in preview.content.decode()
    client.logout()

    # Once that content is published, neither the page nor the exports claim a validation.
    revision.publish()
    html = client.get(fiche.url).content.decode()
    assert "Un résumé que le porteur" in html and "Validée par le porteur" not in html
    assert export_of(client, fiche)["validated_by_project_holder_on"] is None


def test_an_approval_writes_nothing_on_the_live_page(client, make_fiche, porteur_workflow, editor):
    director = GroupApprovalTask.objects.create(name="Relecture par la directrice")
    WorkflowTask.objects.create(workflow=porteur_workflow, task=director, sort_order=1)
    fiche = make_fiche(
        title="Jardin partagé",
        chapo="Ancienne version publiée.",
        owner=editor,
        contact_email="awa.diallo@example.org",
    )
    draft = fiche.get_latest_revision_as_object()
    draft.chapo = "Version soumise au porteur."
    draft.save_revision(user=editor)
    porteur_workflow.start(fiche, editor)
    client.post(last_link(), {"decision": "approve"})
    # The old content is still live (the director has not approved): it shows no validation.
    html = client.get(fiche.url).content.decode()
    assert "Ancienne version publiée" in html and "Validée par le porteur" not in html
    assert FichePage.objects.get(pk=fiche.pk).validated_on() is None


def test_the_porteur_is_written_to_in_french_whatever_the_editors_language(
    submitted_fiche, settings
):
    from django.utils import translation
    from wagtail.models import Site

    settings.WAGTAILADMIN_BASE_URL = ""
    with translation.override("en"):  # the submitting editor's admin language
        submitted_fiche()
    (message,) = to_porteur()
    assert message.subject.startswith("Merci de valider la fiche expérience")
    assert "Bonjour" in message.body and "Hello" not in message.body
    root = Site.objects.get(is_default_site=True).root_url
    assert f"{root}/fiches/validation/" in message.body  # absolute without the admin base URL


def history_of(client, fiche, state):
    url = reverse(
        "wagtailadmin_pages:workflow_history_detail", args=[fiche.pk, state.workflow_state_id]
    )
    return client.get(url).content.decode()


def test_the_history_says_when_a_new_revision_made_the_link_out_of_date(
    client, submitted_fiche, editor
):
    fiche = submitted_fiche()
    old_url = last_link()
    draft = fiche.get_latest_revision_as_object()
    draft.chapo = "Version corrigée."
    draft.save_revision(user=editor)
    client.force_login(editor)
    html = history_of(client, fiche, state_of(fiche))
    assert "est périmé : la fiche a été modifiée depuis" in html
    assert "Renvoyez le lien" in html
    client.logout()
    # The porteur is told what happened, and that nothing was recorded.
    html = client.get(old_url).content.decode()
    assert "a modifié la fiche après vous avoir envoyé ce lien" in html
    assert "Rien n’a été enregistré" in html

    state_of(fiche).task.specific.on_action(state_of(fiche), editor, "resend")
    assert "pas encore de réponse" in state_of(fiche).get_comment()


def act(client, fiche, action, **data):
    state = state_of(fiche)
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[fiche.pk, action, state.pk]),
        data,
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def test_an_editor_records_the_approval_of_a_porteur_without_e_mail(
    client, submitted_fiche, editor
):
    fiche = submitted_fiche(contact_email="")
    client.force_login(editor)
    edit_form = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])).content.decode()
    assert "Enregistrer la validation du porteur de projet" in edit_form

    response = act(client, fiche, "approve_for_porteur", comment="Par téléphone le 12 mars.")
    assert response.json()["step"] == "success"
    state = state_of(fiche)
    assert state.status == TaskState.STATUS_APPROVED and state.finished_by == editor
    fiche = FichePage.objects.get(pk=fiche.pk)
    assert fiche.live and fiche.validated_on() is not None
    html = history_of(client, fiche, state)
    assert "Validée par le porteur de projet, enregistrée par documentaliste" in html
    assert "Par téléphone le 12 mars." in html


def test_an_editor_records_the_changes_a_porteur_asked_by_phone(client, submitted_fiche, editor):
    fiche = submitted_fiche()
    url = last_link()
    client.force_login(editor)
    response = act(client, fiche, "changes_for_porteur", comment="  ")
    assert (
        "Indiquez les modifications demandées par le porteur de projet."
        in (response.json()["html"])
    )
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS

    act(client, fiche, "changes_for_porteur", comment="Au téléphone : corriger le budget.")
    state = state_of(fiche)
    assert state.status == TaskState.STATUS_REJECTED and state.finished_by == editor
    assert not FichePage.objects.get(pk=fiche.pk).live
    html = history_of(client, fiche, state)
    assert "Modifications demandées par le porteur de projet, enregistrées par" in html
    assert "Au téléphone : corriger le budget." in html
    client.logout()
    # The link sent earlier records nothing more.
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 409
    assert state_of(fiche).status == TaskState.STATUS_REJECTED


def test_an_editor_who_cannot_publish_cannot_decide_for_the_porteur(
    client, submitted_fiche, django_user_model
):
    from django.contrib.auth.models import Group

    fiche = submitted_fiche()
    writer = django_user_model.objects.create_user(
        "redactrice", "redactrice@example.org", "motdepasse-long"
    )
    writer.groups.add(Group.objects.get(name="Editors"))  # Wagtail's: edit, not publish
    client.force_login(writer)
    response = act(client, fiche, "approve_for_porteur", comment="")
    assert response.status_code == 403
    assert state_of(fiche).status == TaskState.STATUS_IN_PROGRESS
