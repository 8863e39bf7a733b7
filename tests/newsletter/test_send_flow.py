"""The send flow as editors use it in the admin: reachable from the lettre's editor, the test
first (on a draft too, over real SMTP), each list with its readers, a confirmation naming the
count before anything goes, progress with its counts and failure reasons, scheduled sends listed
and cancelled, and the send permission on every view."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

from newsletter import sending, worker
from newsletter.models import LettrePage, Publication, Send, Subscriber, Subscription

from .conftest import add_subscribers, make_lettre

pytestmark = pytest.mark.django_db

SEND_PERMS = ("view_send", "change_send")


def _editor(django_user_model, name="editrice", perms=SEND_PERMS, editors_group=True):
    """A member of Wagtail's Editors group (edits pages, publishes none), with the newsletter's
    send permissions unless told otherwise."""
    user = django_user_model.objects.create_user(name, f"{name}@resovilles.example", "x" * 12)
    if editors_group:
        user.groups.add(Group.objects.get(name="Editors"))
    else:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletter", codename__in=perms)
    )
    return user


@pytest.fixture
def editor(client, django_user_model):
    user = _editor(django_user_model)
    client.force_login(user)
    return user


def _key(client, lettre):
    response = client.get(f"/admin/newsletter/lettre/{lettre.pk}/")
    assert response.status_code == 200
    return response.context["form"].initial["idempotency_key"]


def test_the_editor_offers_the_test_and_the_send_on_a_draft_too(
    client, editor, archive, publication
):
    draft = make_lettre(archive, publication, number=7, publish=False)
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert f'href="/admin/newsletter/lettre/{draft.pk}/test/"' in html
    assert f'href="/admin/newsletter/lettre/{draft.pk}/"' in html
    assert "Envoyer un test" in html


def test_send_page_is_wagtail_native_with_the_test_first_and_readers_per_list(
    client, editor, lettre, publication
):
    add_subscribers(publication, 3)
    add_subscribers(publication, 2, prefix="parti", status="unsubscribed")
    revue = Publication.objects.create(
        name="Revue de presse", slug="revue", sender_name="R", sender_email="r@example.org"
    )
    add_subscribers(revue, 1, prefix="revue")

    response = client.get(f"/admin/newsletter/lettre/{lettre.pk}/")
    html = response.content.decode()

    assert "<title>Envoyer « Lettre n° 42 — mars 2008 » - Wagtail</title>" in html
    breadcrumbs = html[html.index("w-breadcrumbs") :]
    assert 'href="/admin/newsletter/envois/"' in breadcrumbs
    assert f'href="/admin/pages/{lettre.pk}/edit/"' in breadcrumbs
    assert "Lettre mensuelle — 3 lecteurs actifs" in html
    assert "Revue de presse — 1 lecteur actif" in html
    assert html.index("1. Envoyer un test") < html.index("2. Envoyer aux lecteurs")
    # The test goes to the editor's own address unless they type others.
    assert response.context["test_form"].initial["addresses"] == "editrice@resovilles.example"
    assert "editrice@resovilles.example</textarea>" in html


def test_nothing_goes_before_a_confirmation_naming_the_count(client, editor, lettre, publication):
    readers = add_subscribers(publication, 3)
    revue = Publication.objects.create(
        name="Revue de presse", slug="revue", sender_name="R", sender_email="r@example.org"
    )
    add_subscribers(revue, 1, prefix="revue")
    Subscription.objects.create(subscriber=readers[0], publication=revue)  # on both lists
    url = f"/admin/newsletter/lettre/{lettre.pk}/"
    data = {
        "publications": [publication.pk, revue.pk],
        "when": "now",
        "idempotency_key": _key(client, lettre),
    }

    confirmation = client.post(url, data).content.decode()
    assert "Envoyer à 4 lecteurs ?" in confirmation
    assert "Oui, envoyer à 4 lecteurs" in confirmation
    assert "Lettre mensuelle : 3 lecteurs actifs" in confirmation
    assert "reçoit la lettre une seule fois" in confirmation
    assert "RésO Villes &lt;lettre@resovilles.example&gt;" in confirmation  # who it comes from
    assert 'name="confirmed" value="yes"' in confirmation
    assert not Send.objects.exists() and not mail.outbox

    # Anything but the confirmation's own value is no confirmation.
    again = client.post(url, dict(data, confirmed="oui")).content.decode()
    assert "Envoyer à 4 lecteurs ?" in again and not Send.objects.exists()

    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', confirmation))
    assert hidden["idempotency_key"] == data["idempotency_key"] and hidden["confirmed"] == "yes"
    done = client.post(url, dict(data, confirmed="yes"), follow=True).content.decode()
    assert "L’envoi est lancé." in done and "terminé" in done
    assert sorted(re.search(r"<(.+)>", m.to[0]).group(1) for m in mail.outbox) == sorted(
        [r.email for r in readers] + ["revue0@example.org"]
    )


def test_a_draft_gets_a_test_over_smtp_but_no_real_send(
    client, editor, archive, publication, smtp_server
):
    add_subscribers(publication, 2)
    draft = make_lettre(archive, publication, number=7, publish=False)
    latest = draft.get_latest_revision_as_object()
    latest.title = "Lettre n° 7 — version du jour"
    latest.save_revision()
    url = f"/admin/newsletter/lettre/{draft.pk}/"

    page = client.get(url).content.decode()
    assert "Cette lettre est un brouillon. Publiez-la avant de l’envoyer" in page
    assert "Envoyer…" not in page  # no form for the lists

    key = _key(client, draft)
    refused = client.post(
        url,
        {
            "publications": [publication.pk],
            "when": "now",
            "idempotency_key": key,
            "confirmed": "yes",
        },
    )
    assert "Publiez la lettre avant de l’envoyer." in refused.content.decode()
    assert not Send.objects.exists()

    test_page = client.get(url + "test/").content.decode()
    assert "<title>Envoyer un test de « Lettre n° 7 — mars 2008 » - Wagtail</title>" in test_page
    response = client.post(url + "test/", {"addresses": "relectrice@example.org"}, follow=True)
    assert "Test envoyé à relectrice@example.org." in response.content.decode()
    ((recipients, message),) = smtp_server.messages
    assert recipients == ["relectrice@example.org"]
    assert message["Subject"] == "[TEST] Lettre n° 7 — version du jour"  # the latest revision
    assert not Send.objects.exists()
    # Its links lead somewhere: the draft (not yet online) for its testers, and for the reader's
    # links, the page where any reader asks for their own.
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    hrefs = set(re.findall(r'href="([^"]+)"', html))
    assert "#" not in hrefs
    draft_url = f"/admin/pages/{draft.pk}/view_draft/"
    manage_url = "/infolettre/lien/"
    online = re.search(r'<a href="([^"]+)">Lire en ligne</a>', html)[1]
    unsubscribe = re.search(r'<a href="([^"]+)">Se désinscrire</a>', html)[1]
    assert online.endswith(draft_url) and unsubscribe.endswith(manage_url)
    assert f"Lire en ligne : {online}" in text and f"Se désinscrire : {unsubscribe}" in text
    assert "version du jour" in client.get(draft_url).content.decode()
    assert "Gérer mon abonnement" in Client().get(manage_url).content.decode()

    response = client.post(url + "test/", {"addresses": "pas-une-adresse"})
    assert response.status_code == 200
    assert "Ces adresses ne sont pas valides : pas-une-adresse" in response.content.decode()
    assert len(smtp_server.messages) == 1


def test_progress_shows_counts_then_the_reasons_of_failures(
    client, editor, lettre, publication, smtp_server, settings
):
    readers = add_subscribers(publication, 3)
    smtp_server.refuse = {readers[1].email}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    send, _created = sending.create_send(lettre, [publication], user=editor)
    url = f"/admin/newsletter/envois/{send.pk}/"

    # Due but not started yet: the readers it will reach, and the page follows it.
    html = client.get(url).content.decode()
    assert 'data-running="true"' in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert "newsletter/send_progress.js" in html
    assert '<dd data-count="pending">3</dd>' in html

    sending.start_send(send.pk)
    fragment = client.get(url + "progression/").content.decode()
    assert fragment.lstrip().startswith('<div id="send-progress-panel" data-running="true"')
    assert "en cours d’envoi" in fragment and '<dd data-count="pending">3</dd>' in fragment

    worker.run_worker(send.pk)
    fragment = client.get(url + "progression/").content.decode()
    assert 'data-running="false"' in fragment and "terminé" in fragment
    assert '<dd data-count="sent">2</dd>' in fragment
    assert '<dd data-count="failed">1</dd>' in fragment
    assert '<dd data-count="pending">0</dd>' in fragment
    assert readers[1].email in fragment and "550 5.1.1 Utilisateur inconnu" in fragment
    html = client.get(url).content.decode()
    assert "<noscript>" not in html and "550 5.1.1 Utilisateur inconnu" in html
    assert "<title>Envoi de « Lettre n° 42 — mars 2008 » - Wagtail</title>" in html


def test_a_scheduled_send_is_listed_and_once_cancelled_sends_nothing(
    client, editor, lettre, publication
):
    add_subscribers(publication, 2)
    when = timezone.localtime() + datetime.timedelta(days=2)
    data = {
        "publications": [publication.pk],
        "when": "later",
        "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
        "idempotency_key": _key(client, lettre),
    }
    url = f"/admin/newsletter/lettre/{lettre.pk}/"
    confirmation = client.post(url, data).content.decode()
    assert "Programmer l’envoi à 2 lecteurs le " in confirmation
    response = client.post(url, dict(data, confirmed="yes"), follow=True)
    assert "L’envoi est programmé." in response.content.decode()
    send = Send.objects.get()
    assert send.status == Send.Status.SCHEDULED and send.created_by == editor
    assert 'data-running="false"' in response.content.decode()  # nothing to follow for 2 days

    listing = client.get("/admin/newsletter/envois/").content.decode()
    scheduled = listing[listing.index("Envois programmés") : listing.index("Derniers envois")]
    assert "Lettre n° 42 — mars 2008" in scheduled and "<td>2</td>" in scheduled
    assert f"/admin/newsletter/envois/{send.pk}/cancel/" in scheduled
    assert "Envois programmés de cette lettre" in client.get(url).content.decode()

    response = client.post(
        f"/admin/newsletter/envois/{send.pk}/cancel/", {"next": "/admin/newsletter/envois/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/newsletter/envois/"
    listing = client.get("/admin/newsletter/envois/").content.decode()
    assert "L’envoi est annulé." in listing and "Aucun envoi n’est programmé." in listing
    Send.objects.filter(pk=send.pk).update(scheduled_at=timezone.now())
    sending.dispatch_due_sends()
    sending.start_send(send.pk)
    send.refresh_from_db()
    assert send.status == Send.Status.CANCELLED
    assert not mail.outbox and not send.deliveries.exists()


def test_a_lettre_unpublished_before_its_scheduled_send_is_not_sent(lettre, publication):
    add_subscribers(publication, 2)
    send, _created = sending.create_send(
        lettre, [publication], scheduled_at=timezone.now() + datetime.timedelta(hours=1)
    )
    LettrePage.objects.get(pk=lettre.pk).unpublish()
    Send.objects.filter(pk=send.pk).update(scheduled_at=timezone.now())
    sending.dispatch_due_sends()
    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert send.last_error.startswith("La lettre n’est plus publiée")
    assert not mail.outbox

    LettrePage.objects.get(pk=lettre.pk).get_latest_revision().publish()
    sending.resume(send)
    send.refresh_from_db()
    assert send.status == Send.Status.DONE and len(mail.outbox) == 2


def test_every_view_needs_the_send_permission(client, django_user_model, lettre, publication):
    add_subscribers(publication, 2)
    send, _created = sending.create_send(
        lettre, [publication], scheduled_at=timezone.now() + datetime.timedelta(days=1)
    )
    lettre_url = f"/admin/newsletter/lettre/{lettre.pk}/"
    send_url = f"/admin/newsletter/envois/{send.pk}/"
    gets = [
        lettre_url,
        lettre_url + "test/",
        lettre_url + "apercu/",
        send_url,
        send_url + "progression/",
        "/admin/newsletter/envois/",
    ]
    posts = [
        (
            lettre_url,
            {
                "publications": [publication.pk],
                "when": "now",
                "idempotency_key": "k",
                "confirmed": "yes",
            },
        ),
        (lettre_url + "test/", {"addresses": "x@example.org"}),
        (send_url + "cancel/", {}),
    ]

    def refused(response):
        return response.status_code == 403 or (
            response.status_code == 302 and "/admin/newsletter/" not in response["Location"]
        )

    # An editor of every page without the send permission; one with it but no right on the page.
    for user in [
        _editor(django_user_model, "sans-envoi", perms=()),
        _editor(django_user_model, "sans-page", editors_group=False),
    ]:
        client.force_login(user)
        for url in gets[:3]:
            assert refused(client.get(url)), (user, url)
        for url, data in posts:
            assert refused(client.post(url, data)), (user, url)
        edit = client.get(f"/admin/pages/{lettre.pk}/edit/")
        assert f"/admin/newsletter/lettre/{lettre.pk}/test/" not in edit.content.decode()
    client.force_login(django_user_model.objects.get(username="sans-envoi"))
    for url in gets[3:]:
        assert refused(client.get(url)), url
    send.refresh_from_db()
    assert send.status == Send.Status.SCHEDULED and not mail.outbox

    # Following sends without sending: the progress, not the actions.
    client.force_login(_editor(django_user_model, "suivi", perms=("view_send",)))
    assert client.get(send_url).status_code == 200
    assert f"{send_url}cancel/" not in client.get(send_url).content.decode()
    assert refused(client.post(send_url + "cancel/"))
    assert refused(client.get(lettre_url))

    client.force_login(_editor(django_user_model, "envoi"))
    for url in gets:
        assert client.get(url).status_code == 200, url


def test_garbage_gets_french_messages_never_a_500(client, editor, lettre, publication):
    add_subscribers(publication, 1)
    empty = Publication.objects.create(
        name="Vide", slug="vide", sender_name="V", sender_email="v@example.org"
    )
    url = f"/admin/newsletter/lettre/{lettre.pk}/"
    key = _key(client, lettre)
    cases = [
        ({"publications": ["x"]}, "Cette liste n’existe pas."),
        ({"publications": [str(2**70)]}, "Cette liste n’existe pas."),
        ({"publications": [empty.pk]}, "Ces listes n’ont aucun lecteur actif."),
        ({"publications": [publication.pk], "when": "bientôt"}, "Sélectionnez un choix valide."),
        (
            {"publications": [publication.pk], "when": "later", "scheduled_at": "31/02/2026 25:00"},
            "Saisissez une date et une heure",
        ),
        (
            {"publications": [publication.pk], "when": "later", "scheduled_at": "01/01/9999 10:00"},
            "Choisissez un moment dans l’année qui vient.",
        ),
    ]
    for data, message in cases:
        for confirmed in ("", "yes"):
            post = {"when": "now", "idempotency_key": key, "confirmed": confirmed, **data}
            response = client.post(url, post)
            assert response.status_code == 200
            assert message in response.content.decode(), (data, confirmed)
            # One message for one mistake: not also "enter the date" after a date refused.
            assert "Indiquez la date et l’heure de l’envoi" not in response.content.decode()
    assert not Send.objects.exists()
    response = client.post(
        url,
        {
            "publications": [publication.pk],
            "when": "now",
            "idempotency_key": "k" * 65,
            "confirmed": "yes",
        },
    )
    assert response.status_code == 200 and not Send.objects.exists()

    for bad in ["abc", str(2**70), "-1"]:
        for path in [
            f"lettre/{bad}/",
            f"lettre/{bad}/test/",
            f"envois/{bad}/",
            f"envois/{bad}/progression/",
        ]:
            assert client.get(f"/admin/newsletter/{path}").status_code == 404, path
    send, _created = sending.create_send(lettre, [publication])
    assert client.post(f"/admin/newsletter/envois/{send.pk}/nimporte/").status_code == 404
    # A `next` leading off the site is ignored.
    response = client.post(
        f"/admin/newsletter/envois/{send.pk}/pause/", {"next": "https://ailleurs.example/"}
    )
    assert response["Location"] == f"/admin/newsletter/envois/{send.pk}/"
    assert client.post(url + "test/", {"addresses": ""}).status_code == 200
    assert (
        "Envoyez un test à 10 adresses au plus."
        in client.post(
            url + "test/", {"addresses": ",".join(f"a{i}@example.org" for i in range(11))}
        ).content.decode()
    )


def test_sends_list_runs_a_fixed_number_of_queries(
    client, editor, archive, publication, count_queries
):
    add_subscribers(publication, 2)

    def sends(count, start):
        for number in range(start, start + count):
            lettre = make_lettre(archive, publication, number=number)
            sending.create_send(lettre, [publication])
            sending.create_send(
                lettre, [publication], scheduled_at=timezone.now() + datetime.timedelta(days=1)
            )

    sends(1, 1)
    client.get("/admin/newsletter/envois/")
    small, _response = count_queries(client.get, "/admin/newsletter/envois/")
    sends(5, 10)
    large, response = count_queries(client.get, "/admin/newsletter/envois/")
    assert small == large
    assert response.content.decode().count("Annuler cet envoi") == 6


def test_subscriber_statuses_counted_as_readers_are_only_active(publication):
    add_subscribers(publication, 2)
    add_subscribers(publication, 1, prefix="attente", status=Subscriber.Status.PENDING)
    add_subscribers(publication, 1, prefix="rebond", status=Subscriber.Status.BOUNCED)
    assert sending.count_recipients([publication]) == 2


def test_a_test_of_a_published_lettre_reads_online_what_it_sends(
    client, editor, lettre, smtp_server
):
    """Published as it is, the test links to the public page; changed since, to the draft the
    test shows."""

    def read_online():
        client.post(f"/admin/newsletter/lettre/{lettre.pk}/test/", {"addresses": "r@example.org"})
        html = smtp_server.messages[-1][1].get_body(("html",)).get_content()
        return re.search(r'<a href="([^"]+)">Lire en ligne</a>', html)[1]

    assert read_online() == lettre.full_url
    assert client.get(lettre.url).status_code == 200
    changed = lettre.get_latest_revision_as_object()
    changed.title = "Lettre n° 42 — corrigée"
    changed.save_revision()
    assert read_online().endswith(f"/admin/pages/{lettre.pk}/view_draft/")
