"""The porteur's answer where the editor works: at the top of the fiche's editor, and the
dashboard's list of the fiches waiting for their porteur, with a button to send the link again."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fiches.models import PorteurValidationTaskState

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><b>Le budget</b> est de 12 000 €.\nDeuxième ligne.'


def link_in(body):
    return re.search(r"http://testserver(/fiches/validation/[^/\s]+/)", body).group(1)


def last_link():
    return link_in([m for m in mail.outbox if m.to == ["awa.diallo@example.org"]][-1].body)


def state_of(fiche):
    return PorteurValidationTaskState.objects.filter(
        workflow_state__object_id=str(fiche.pk)
    ).latest("pk")


def text(html):
    """What a person reads: tags out, entities and non-breaking spaces as plain text."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ").split())


def edit_form(client, fiche):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def team_member(django_user_model):
    """A member of the centre's team: the "Éditeurs" role, not a superuser."""
    from resource_centre.roles import ensure_editors_group

    user = django_user_model.objects.create_user(
        "chargee", "chargee@example.org", "motdepasse-long"
    )
    user.groups.add(ensure_editors_group())
    return user


@pytest.fixture
def writer(django_user_model):
    """Wagtail's "Editors": may edit every page, not see the porteur's contact."""
    user = django_user_model.objects.create_user(
        "redactrice", "redactrice@example.org", "motdepasse-long"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def outsider(django_user_model):
    """Has the admin, and no right on the fiches."""
    user = django_user_model.objects.create_user(
        "stagiaire", "stagiaire@example.org", "motdepasse-long"
    )
    group = Group.objects.create(name="Accès à l'admin seulement")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


# The porteur's answer in the fiche's editor


def test_the_editor_reads_the_changes_asked_at_the_top_of_the_form_escaped(
    client, submitted_fiche, editor
):
    fiche = submitted_fiche()
    client.post(last_link(), {"decision": "changes", "comment": HOSTILE})
    client.force_login(editor)
    html = edit_form(client, fiche)
    assert "Réponse du porteur de projet" in html
    # At the top: before the title field.
    assert html.index("Réponse du porteur de projet") < html.index('id="id_title"')
    panel = html[html.index('class="fi-porteur-answer"') : html.index('id="id_title"')]
    today = timezone.localdate().strftime("%Y")
    assert "Modifications demandées" in text(panel)
    assert re.search(
        rf"Le \d+ \w+ {today} \d+:\d+, par awa\.diallo@example\.org via le lien de validation",
        text(panel),
    )
    # The comment, as typed: shown, never run.
    assert '<script>alert("x")</script>' not in html and "<b>Le budget</b>" not in panel
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Le budget" in panel
    assert "12 000 €.<br>Deuxième ligne." in panel
    assert reverse("wagtailadmin_pages:workflow_history", args=[fiche.pk]) in panel


def test_the_editor_reads_the_approval_and_its_comment(client, submitted_fiche, editor):
    fiche = submitted_fiche()
    client.post(last_link(), {"decision": "approve", "comment": "Parfait, merci !"})
    client.force_login(editor)
    panel = text(edit_form(client, fiche))
    assert "Réponse du porteur de projet Validée — Le " in panel
    assert "Commentaire du porteur de projet : Parfait, merci !" in panel


def test_while_the_link_waits_the_panel_says_so_and_keeps_the_previous_answer(
    client, submitted_fiche, editor
):
    fiche = submitted_fiche()
    client.post(last_link(), {"decision": "changes", "comment": "Corriger le budget."})
    # The editor corrects the fiche and submits it again: a new link goes out.
    fiche.refresh_from_db()
    fiche.current_workflow_state.resume(editor)
    client.force_login(editor)
    panel = text(edit_form(client, fiche))
    assert "Pas encore de réponse — Lien envoyé à awa.diallo@example.org le" in panel
    assert "Réponse précédente : Modifications demandées" in panel
    assert "Corriger le budget." in panel


def test_the_porteurs_address_is_masked_without_the_contact_permission(
    client, submitted_fiche, writer
):
    fiche = submitted_fiche()
    client.force_login(writer)
    html = edit_form(client, fiche)
    assert "Pas encore de réponse" in text(html)
    assert "Lien envoyé à a…@example.org le" in text(html)
    assert "awa.diallo@example.org" not in html


def test_an_answer_recorded_by_an_editor_names_them(client, submitted_fiche, editor):
    from fiches.validation import decide_on_behalf

    fiche = submitted_fiche()
    decide_on_behalf(state_of(fiche), editor, False, "Au téléphone : <i>changer</i> la date.")
    client.force_login(editor)
    html = edit_form(client, fiche)
    assert "Modifications demandées — Le " in text(html)
    assert "enregistrée par documentaliste" in text(html)
    assert "Au téléphone : &lt;i&gt;changer&lt;/i&gt; la date." in html


def test_a_fiche_never_sent_to_its_porteur_has_no_panel(client, make_fiche, editor):
    fiche = make_fiche(title="Fiche sans validation")
    client.force_login(editor)
    assert "Réponse du porteur de projet" not in edit_form(client, fiche)
    # Nor the form of a new fiche.
    index = fiche.get_parent()
    response = client.get(reverse("wagtailadmin_pages:add", args=["fiches", "fichepage", index.pk]))
    assert response.status_code == 200
    assert "Réponse du porteur de projet" not in response.content.decode()


# The dashboard


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def waiting_rows(html):
    return [int(pk) for pk in re.findall(r'data-waiting-fiche="(\d+)"', html)]


def sent_days_ago(fiche, days):
    PorteurValidationTaskState.objects.filter(pk=state_of(fiche).pk).update(
        link_sent_at=timezone.now() - datetime.timedelta(days=days, hours=1)
    )


def test_the_dashboard_lists_exactly_the_fiches_waiting_for_their_porteur(
    client, submitted_fiche, make_fiche, team_member
):
    from fiches.validation import revoke_link

    waiting = submitted_fiche(title="Jardin partagé de Kervénanec")
    sent_days_ago(waiting, 12)
    fresh = submitted_fiche(title="Médiation de nuit")
    answered = submitted_fiche(title="Fête des voisins")
    client.post(last_link(), {"decision": "changes", "comment": "Non."})
    submitted_fiche(title="Sans e-mail", contact_email="")
    revoked = submitted_fiche(title="Lien révoqué")
    revoke_link(state_of(revoked))
    make_fiche(title="Jamais soumise")

    client.force_login(team_member)
    html = dashboard(client)
    assert "Fiches en attente du porteur de projet" in html
    assert waiting_rows(html) == [waiting.pk, fresh.pk]  # the longest waiting first
    panel = text(html[html.index("fiches-waiting-for-porteur") :])
    assert "Jardin partagé de Kervénanec Envoyé il y a 12 jours à awa.diallo@example.org" in panel
    assert "Médiation de nuit Envoyé à l’instant" in panel
    assert answered.title not in panel and "Sans e-mail" not in panel
    assert "Lien révoqué" not in panel and "Jamais soumise" not in panel
    assert reverse("wagtailadmin_pages:edit", args=[waiting.pk]) in html
    assert reverse("fiches_admin:resend_validation_link", args=[state_of(waiting).pk]) in html


def test_the_dashboard_says_when_a_link_expired_or_the_fiche_changed_since(
    client, submitted_fiche, editor, team_member
):
    old = submitted_fiche(title="Ancienne demande")
    sent_days_ago(old, 45)
    changed = submitted_fiche(title="Fiche corrigée")
    draft = changed.get_latest_revision_as_object()
    draft.chapo = "Corrigée après l'envoi."
    draft.save_revision(user=editor)
    client.force_login(team_member)
    panel = text(dashboard(client))
    assert "Ancienne demande Envoyé il y a 45 jours à awa.diallo@example.org Expiré." in panel
    assert "Fiche corrigée Envoyé à l’instant à awa.diallo@example.org Périmé" in panel


def test_the_porteurs_address_is_masked_on_the_dashboard_without_the_permission(
    client, submitted_fiche, writer
):
    submitted_fiche()
    client.force_login(writer)
    html = dashboard(client)
    assert "à a…@example.org" in text(html)
    assert "awa.diallo@example.org" not in html


def test_who_cannot_edit_the_fiches_sees_no_waiting_fiche(client, submitted_fiche, outsider):
    submitted_fiche()
    client.force_login(outsider)
    html = dashboard(client)
    assert "Fiches en attente du porteur de projet" not in html
    assert waiting_rows(html) == []


def test_the_dashboard_runs_the_same_queries_for_one_or_many_waiting_fiches(
    client, submitted_fiche, team_member, count_queries
):
    client.force_login(team_member)
    dashboard(client)  # warm the caches (content types, site root paths)
    submitted_fiche(title="Première fiche")
    one, response = count_queries(client.get, reverse("wagtailadmin_home"))
    assert len(waiting_rows(response.content.decode())) == 1
    for number in range(2, 8):
        submitted_fiche(title=f"Fiche numéro {number}")
    many, response = count_queries(client.get, reverse("wagtailadmin_home"))
    assert len(waiting_rows(response.content.decode())) == 7
    assert many == one


# Sending the link again from the dashboard


def resend_form(html):
    """The action of the first resend button and the CSRF token of its form."""
    form = re.search(
        r'<form method="post" action="([^"]+/renvoyer/)">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    )
    return form.group(1), form.group(2)


def test_resending_from_the_dashboard_sends_a_fresh_link_over_smtp_and_kills_the_old(
    submitted_fiche, team_member, smtp_server
):
    def to_porteur():
        return [m for tos, m in smtp_server.messages if tos == ["awa.diallo@example.org"]]

    fiche = submitted_fiche()
    (first,) = to_porteur()
    old_url = link_in(first.get_body(preferencelist=("plain",)).get_content())

    browser = Client(enforce_csrf_checks=True)  # the form's CSRF token is checked, as in a browser
    browser.force_login(team_member)
    action, token = resend_form(dashboard(browser))
    assert browser.post(action, {}).status_code == 403  # no token: refused by Django
    response = browser.post(action, {"csrfmiddlewaretoken": token}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert (
        "Un nouveau lien de validation a été envoyé au porteur de projet de "
        "« Jardin partagé de Kervénanec » ; l’ancien lien ne fonctionne plus."
        in text(response.content.decode())
    )

    first, second = to_porteur()
    assert " ".join(second["Subject"].split()) == (
        "Merci de valider la fiche expérience « Jardin partagé de Kervénanec »"
    )
    new_url = link_in(second.get_body(preferencelist=("plain",)).get_content())
    assert new_url != old_url
    porteur = Client()
    response = porteur.post(old_url, {"decision": "approve"})
    assert response.status_code == 410
    assert "Ce lien n’est plus valide" in response.content.decode()
    assert porteur.get(new_url).status_code == 200
    assert state_of(fiche).status == "in_progress"
    # Still waiting, sent just now.
    assert "Envoyé à l’instant" in text(dashboard(browser))


def test_resending_is_refused_to_who_cannot_edit_the_fiche(client, submitted_fiche, outsider):
    fiche = submitted_fiche()
    url = reverse("fiches_admin:resend_validation_link", args=[state_of(fiche).pk])
    old_url = last_link()
    sent = len(mail.outbox)
    client.force_login(outsider)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert (
        "Vous ne pouvez pas envoyer ce lien : seules les personnes qui peuvent modifier la fiche le peuvent."
        in text(response.content.decode())
    )
    assert len(mail.outbox) == sent
    client.logout()
    assert client.get(old_url).status_code == 200  # the porteur's link still works


def test_an_anonymous_visitor_cannot_resend(client, submitted_fiche):
    fiche = submitted_fiche()
    url = reverse("fiches_admin:resend_validation_link", args=[state_of(fiche).pk])
    sent = len(mail.outbox)
    response = client.post(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert len(mail.outbox) == sent


@pytest.mark.parametrize("task_state_id", ["999999", "abc", "-1", "99999999999999999999", "1.5"])
def test_garbage_ids_resend_nothing_and_answer_in_french(
    client, submitted_fiche, editor, task_state_id
):
    submitted_fiche()
    sent = len(mail.outbox)
    client.force_login(editor)
    client.raise_request_exception = False
    response = client.post(f"/admin/fiches/validation/{task_state_id}/renvoyer/", follow=True)
    html = response.content.decode()
    if task_state_id == "999999":
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
        assert "Cette fiche n’attend plus son porteur de projet" in text(html)
    else:
        assert response.status_code == 404
        assert "Page introuvable" in html
    assert len(mail.outbox) == sent


def test_a_fiche_answered_meanwhile_is_not_sent_again(client, submitted_fiche, editor):
    fiche = submitted_fiche()
    url = reverse("fiches_admin:resend_validation_link", args=[state_of(fiche).pk])
    client.post(last_link(), {"decision": "approve"})
    sent = len(mail.outbox)
    client.force_login(editor)
    response = client.post(url, follow=True)
    assert "Cette fiche n’attend plus son porteur de projet" in text(response.content.decode())
    assert len(mail.outbox) == sent
    assert client.get(url).status_code == 405  # a GET changes nothing
