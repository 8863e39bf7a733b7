"""Staff send a lettre from the admin, follow its progress, send tests, import and export."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsletter import sending, worker
from newsletter.models import Delivery, Publication, Send, Subscriber

from .conftest import add_subscribers, make_lettre

pytestmark = pytest.mark.django_db


def _form(client, lettre):
    response = client.get(f"/admin/newsletter/lettre/{lettre.pk}/")
    assert response.status_code == 200
    return response.context["form"].initial["idempotency_key"], response.content.decode()


def test_envoyer_sends_once_even_on_double_click(admin_client, lettre, publication):
    add_subscribers(publication, 4)
    key, page = _form(admin_client, lettre)
    assert "Envoyer « Lettre n° 42 — mars 2008 »" in page
    data = {"publications": [publication.pk], "when": "now", "idempotency_key": key}
    confirmation = admin_client.post(f"/admin/newsletter/lettre/{lettre.pk}/", data)
    assert "Envoyer à 4 lecteurs ?" in confirmation.content.decode()
    assert not Send.objects.exists()

    data["confirmed"] = "yes"
    first = admin_client.post(f"/admin/newsletter/lettre/{lettre.pk}/", data)
    second = admin_client.post(f"/admin/newsletter/lettre/{lettre.pk}/", data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Send.objects.count() == 1
    assert len(mail.outbox) == 4

    detail = admin_client.get(first["Location"]).content.decode()
    assert "terminé" in detail
    assert '<progress id="send-progress" max="100" value="100"' in detail
    assert '<dd data-count="sent">4</dd>' in detail
    assert '<dd data-count="pending">0</dd>' in detail
    listing = admin_client.get("/admin/newsletter/envois/").content.decode()
    assert "Lettre n° 42 — mars 2008" in listing


def test_send_page_button_appears_on_published_lettres(admin_client, lettre):
    page = admin_client.get(f"/admin/pages/{lettre.get_parent().pk}/").content.decode()
    assert f"/admin/newsletter/lettre/{lettre.pk}/" in page


def test_send_form_garbage_gets_french_messages(admin_client, lettre, publication):
    key, _page = _form(admin_client, lettre)
    url = f"/admin/newsletter/lettre/{lettre.pk}/"
    cases = [
        ({"publications": [], "when": "now"}, "Choisissez au moins une liste."),
        ({"publications": ["x"], "when": "now"}, "Cette liste n’existe pas."),
        ({"publications": ["9" * 30], "when": "now"}, "Cette liste n’existe pas."),
        ({"publications": [publication.pk], "when": "later"}, "Indiquez la date et l’heure"),
        (
            {"publications": [publication.pk], "when": "later", "scheduled_at": "n'importe"},
            "Saisissez une date et une heure",
        ),
        (
            {"publications": [publication.pk], "when": "later", "scheduled_at": "2001-01-01T10:00"},
            "Choisissez une date à venir.",
        ),
    ]
    for data, message in cases:
        response = admin_client.post(url, dict(data, idempotency_key=key))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Send.objects.exists()
    assert admin_client.get("/admin/newsletter/lettre/999999/").status_code == 404
    assert admin_client.get("/admin/newsletter/envois/999999/").status_code == 404
    assert admin_client.post("/admin/newsletter/envois/1/nimporte/").status_code == 404


def test_unpublished_lettre_is_not_sent(admin_client, archive, publication):
    draft = make_lettre(archive, publication, number=7, publish=False)
    key, _page = _form(admin_client, draft)
    response = admin_client.post(
        f"/admin/newsletter/lettre/{draft.pk}/",
        {
            "publications": [publication.pk],
            "when": "now",
            "idempotency_key": key,
            "confirmed": "yes",
        },
    )
    assert "Publiez la lettre avant de l’envoyer." in response.content.decode()
    assert not Send.objects.exists()


def test_scheduled_send_waits_then_starts_when_due(admin_client, lettre, publication):
    add_subscribers(publication, 2)
    key, _page = _form(admin_client, lettre)
    when = timezone.localtime() + datetime.timedelta(hours=2)
    response = admin_client.post(
        f"/admin/newsletter/lettre/{lettre.pk}/",
        {
            "publications": [publication.pk],
            "when": "later",
            "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
            "idempotency_key": key,
            "confirmed": "yes",
        },
    )
    assert response.status_code == 302
    send = Send.objects.get()
    assert send.status == Send.Status.SCHEDULED
    sending.dispatch_due_sends()
    assert not mail.outbox
    Send.objects.filter(pk=send.pk).update(scheduled_at=timezone.now())
    sending.dispatch_due_sends()
    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert len(mail.outbox) == 2


def test_pause_resume_cancel_and_resend_failed(admin_client, lettre, publication, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    add_subscribers(publication, 6)
    send, _created = sending.create_send(lettre, [publication])
    sending.start_send(send.pk)
    url = f"/admin/newsletter/envois/{send.pk}/"
    page = admin_client.get(url).content.decode()
    assert '<dd data-count="pending">6</dd>' in page and "Mettre en pause" in page

    admin_client.post(url + "pause/")
    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert worker.run_worker(send.pk) == 0  # a paused send sends nothing
    assert not mail.outbox

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Delivery.objects.filter(pk__in=Delivery.objects.order_by("pk").values("pk")[:2]).update(
        status="failed", reason="451 plus tard"
    )
    admin_client.post(url + "resume/")
    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert len(mail.outbox) == 4
    page = admin_client.get(url).content.decode()
    assert "451 plus tard" in page and "Renvoyer aux destinataires en échec" in page

    admin_client.post(url + "resend_failed/")
    assert len(mail.outbox) == 6
    assert send.counts()["sent"] == 6

    other = make_lettre(lettre.get_parent(), publication, number=43)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    second, _created = sending.create_send(other, [publication])
    admin_client.post(f"/admin/newsletter/envois/{second.pk}/cancel/")
    second.refresh_from_db()
    assert second.status == Send.Status.CANCELLED
    sending.dispatch_due_sends()
    assert len(mail.outbox) == 6


def test_send_a_test_is_marked_and_not_counted(admin_client, lettre):
    url = f"/admin/newsletter/lettre/{lettre.pk}/test/"
    response = admin_client.post(url, {"addresses": "a@example.org, b@example.org"}, follow=True)
    assert "Test envoyé à a@example.org, b@example.org." in response.content.decode()
    assert [m.subject for m in mail.outbox] == ["[TEST] Lettre n° 42 — mars 2008"] * 2
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert not Send.objects.exists() and not Delivery.objects.exists()

    response = admin_client.post(url, {"addresses": "pas-une-adresse"}, follow=True)
    assert "Ces adresses ne sont pas valides : pas-une-adresse" in response.content.decode()
    response = admin_client.post(url, {"addresses": "\n".join(f"x{i}@e.org" for i in range(11))})
    assert len(mail.outbox) == 2


def test_mjml_error_in_a_custom_template_is_reported_before_sending(
    admin_client, lettre, publication, settings, tmp_path
):
    (tmp_path / "casse.mjml").write_text("<mjml><mj-body><mj-section>", encoding="utf-8")
    settings.TEMPLATES = [dict(settings.TEMPLATES[0], DIRS=[tmp_path])]
    settings.RESOURCE_CENTRE = {
        "NEWSLETTER_TEMPLATES": [
            ("newsletter/email/lettre.mjml", "Lettre"),
            ("casse.mjml", "Cassé"),
        ]
    }
    publication.template = "casse.mjml"
    publication.save()
    add_subscribers(publication, 3)
    key, _page = _form(admin_client, lettre)
    response = admin_client.post(
        f"/admin/newsletter/lettre/{lettre.pk}/",
        {"publications": [publication.pk], "when": "now", "idempotency_key": key},
        follow=True,
    )
    assert "Le modèle MJML « casse.mjml » contient une erreur" in response.content.decode()
    assert not Send.objects.exists()
    assert not mail.outbox
    preview = admin_client.get(f"/admin/newsletter/lettre/{lettre.pk}/apercu/")
    assert "contient une erreur" in preview.content.decode()


def test_preview_modes_in_the_editor(admin_client, lettre):
    assert [mode for mode, _label in lettre.preview_modes] == ["", "email"]
    assert {size["name"] for size in lettre.preview_sizes} >= {"mobile", "desktop"}
    response = admin_client.get(f"/admin/newsletter/lettre/{lettre.pk}/apercu/")
    html = response.content.decode()
    assert "<!doctype html>" in html.lower()
    assert "Atelier santé à Lorient" in html and "Bonjour," in html
    assert "[[rc:" not in html


def test_subscriber_listing_search_filters_and_constant_queries(
    admin_client, publication, count_queries
):
    add_subscribers(publication, 10)
    url = "/admin/newsletter/subscriber/"
    admin_client.get(url)
    small, response = count_queries(admin_client.get, url)
    assert "lecteur3@example.org" in response.content.decode()
    add_subscribers(publication, 1000, prefix="masse")
    large, response = count_queries(admin_client.get, url)
    assert small == large
    html = admin_client.get(url, {"q": "lecteur7"}).content.decode()
    assert "lecteur7@example.org" in html and "lecteur3@example.org" not in html
    Subscriber.objects.filter(email="lecteur5@example.org").update(status="bounced")
    html = admin_client.get(url, {"status__exact": "bounced"}).content.decode()
    assert "lecteur5@example.org" in html and "lecteur3@example.org" not in html


def test_csv_export_streams_every_subscriber_with_constant_queries(
    admin_client, publication, count_queries
):
    add_subscribers(publication, 10)

    def export():
        response = admin_client.get("/admin/newsletter/abonnes/export/")
        return b"".join(response.streaming_content).decode("utf-8")

    small, content = count_queries(export)
    header = content.splitlines()[0]
    assert header.startswith("\ufeff") and ";Nom;Structure;Fonction;Statut;" in header
    assert "lecteur1@example.org;Lecteur 1;;;actif;Lettre mensuelle" in content
    add_subscribers(publication, 1000, prefix="masse")
    large, content = count_queries(export)
    assert content.count("\n") == 1011
    assert large - small <= 2  # one more prefetch chunk at most


def _csv(text):
    return SimpleUploadedFile("abonnes.csv", text.encode("utf-8"), content_type="text/csv")


def test_csv_import_records_consent_and_lists_the_lines_it_left_out(admin_client, publication):
    url = "/admin/newsletter/abonnes/import/"
    Subscriber.objects.create(email="parti@example.org", status="unsubscribed")
    bad = (
        "email;nom;structure\nok@example.org;Ok;CCAS\nfaux;Faux;X\nok@example.org;Bis;Y\n"
        "postmaster@localhost;Local;Z\n"
    )
    response = admin_client.post(
        url,
        {"file": _csv(bad), "publications": [publication.pk], "consent_source": "atelier"},
    )
    html = response.content.decode()
    # One bad line stops nothing: the good one is imported, the others listed to correct.
    assert "Import terminé. Nouveaux : 1 ; mis à jour : 0" in html
    assert "Les autres lignes ont été importées ; celles-ci ont été écartées." in html
    assert "Ligne 3 : « faux » n’est pas une adresse e-mail valide." in html
    assert "Ligne 4 : ok@example.org apparaît deux fois." in html
    assert "Ligne 5 : « postmaster@localhost » n’est pas une adresse e-mail valide." in html
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "parti@example.org",
        "ok@example.org",
    }
    assert Subscriber.objects.get(email="ok@example.org").structure == "CCAS"
    only_bad = "email;nom\nfaux;Faux\n"
    response = admin_client.post(
        url,
        {"file": _csv(only_bad), "publications": [publication.pk], "consent_source": "atelier"},
    )
    assert "Rien n’a été importé" in response.content.decode()

    good = (
        "email,nom,structure,fonction\nOk@Example.org,Ok,CCAS,Médiatrice\nparti@example.org,P,,\n"
    )
    response = admin_client.post(
        url,
        {
            "file": _csv(good),
            "publications": [publication.pk],
            "consent_source": "Inscrits à l’atelier du 12 mars",
        },
        follow=True,
    )
    assert "Import terminé. Nouveaux : 0 ; mis à jour : 1 ; écartés" in response.content.decode()
    imported = Subscriber.objects.get(email="ok@example.org")
    assert imported.status == "active" and imported.fonction == "Médiatrice"
    assert imported.consent_source == "atelier"  # the import that created them: their proof
    assert imported.consent_at is not None
    assert list(imported.publications.all()) == [publication]
    assert Subscriber.objects.get(email="parti@example.org").status == "unsubscribed"

    for garbage in [b"", b"\xff\xfe\x00garbage", b"nom\nsans email\n"]:
        response = admin_client.post(
            url,
            {
                "file": SimpleUploadedFile("x.csv", garbage or b" "),
                "publications": [publication.pk],
                "consent_source": "x",
            },
        )
        assert response.status_code == 200
    assert Subscriber.objects.count() == 2


def test_deleting_a_subscriber_deletes_their_data(admin_client, lettre, publication):
    from wagtail.models import ModelLogEntry

    from newsletter.models import Subscription

    # Staff create and edit the reader in the admin, so Wagtail's history holds entries for them.
    response = admin_client.post(
        "/admin/newsletter/subscriber/create/",
        {
            "email": "ada.lovelace@example.org",
            "name": "Ada Lovelace",
            "status": "active",
            "consent_source": "demande par e-mail",
        },
    )
    assert response.status_code == 302
    reader = Subscriber.objects.get()
    response = admin_client.post(
        f"/admin/newsletter/subscriber/edit/{reader.pk}/",
        {
            "email": "ada.lovelace@example.org",
            "name": "Ada King",
            "status": "active",
            "publications": [publication.pk],
        },
    )
    assert response.status_code == 302
    assert ModelLogEntry.objects.count() == 2
    assert not ModelLogEntry.objects.filter(label__icontains="ada").exists()
    sending.create_send(lettre, [publication])
    assert Delivery.objects.filter(subscriber=reader).exists()

    response = admin_client.post(f"/admin/newsletter/subscriber/delete/{reader.pk}/")

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    assert not Subscription.objects.exists()
    assert not ModelLogEntry.objects.filter(object_id=str(reader.pk)).exists()
    for entry in ModelLogEntry.objects.all():
        assert "lovelace" not in f"{entry.label} {entry.data}".lower()
    message = str(list(admin_client.get("/admin/").context["messages"])[0])
    assert "lovelace" not in message.lower()


def test_closed_to_users_without_permission(client, django_user_model, lettre):
    user = django_user_model.objects.create_user("lecteur", password="x")
    client.force_login(user)
    for url in [
        f"/admin/newsletter/lettre/{lettre.pk}/",
        "/admin/newsletter/envois/",
        "/admin/newsletter/abonnes/export/",
    ]:
        assert client.get(url).status_code in (302, 403)


def test_editor_forms_for_lettres_and_publications(admin_client, lettre, archive):
    response = admin_client.get(f"/admin/pages/{lettre.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lettre n° 42 — mars 2008" in html
    assert (
        admin_client.get(f"/admin/pages/add/newsletter/lettrepage/{archive.pk}/").status_code == 200
    )
    response = admin_client.get("/admin/snippets/newsletter/publication/")
    assert "Lettre mensuelle" in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/newsletter/publication/add/",
        {
            "name": "Flash",
            "slug": "flash",
            "sender_name": "RésO flash",
            "sender_email": "pas-une-adresse",
            "template": "inexistant.mjml",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in html
    assert "Sélectionnez un choix valide. inexistant.mjml n’en fait pas partie." in html


def test_email_preview_through_the_wagtail_editor(admin_client, lettre, publication):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    url = f"/admin/pages/{lettre.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Lettre n° 42 — mars 2008 (brouillon)",
            "slug": "lettre-42",
            "publication": publication.pk,
            "number": 42,
            "date": "2008-03-01",
            "subject": "",
            "preheader": "",
            "body": streamfield([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.json()["is_valid"] is True
    html = admin_client.get(url, {"mode": "email"}).content.decode()
    assert "<!doctype html>" in html.lower()
    assert "Lettre n° 42 — mars 2008 (brouillon)" in html
    assert "Se désinscrire" in html
    web = admin_client.get(url, {"mode": ""}).content.decode()
    assert "<h1>Lettre n° 42 — mars 2008 (brouillon)</h1>" in web


def test_scheduled_send_is_deferred_on_a_worker_backend(lettre, publication, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    when = timezone.now() + datetime.timedelta(days=1)
    sending.create_send(lettre, [publication], scheduled_at=when)
    (result,) = default_task_backend.results
    assert result.task.name == "start_send_task"
    assert result.task.run_after == when


def test_malformed_csv_is_refused_in_french_and_nothing_is_written(admin_client, publication):
    url = "/admin/newsletter/abonnes/import/"
    unclosed = 'email,nom\nana@example.org,Ana\n"bob@example.org,Bob\nzoe@example.org,Zoé\n'
    too_long = "email\n" + '"' + "x" * 200_000 + "\n"
    for text, message in (
        (unclosed, "ouvert à la ligne 3 n’est jamais fermé"),
        (too_long, "La ligne 2 contient une cellule de plus de"),
    ):
        response = admin_client.post(
            url, {"file": _csv(text), "publications": [publication.pk], "consent_source": "x"}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert "Rien n’a été importé" in html
    assert not Subscriber.objects.exists()


def _import(admin_client, publication, name, data):
    return admin_client.post(
        "/admin/newsletter/abonnes/import/",
        {
            "file": SimpleUploadedFile(name, data),
            "publications": [publication.pk],
            "consent_source": "liste du forum",
        },
        follow=True,
    )


def test_readers_import_from_the_files_a_spreadsheet_writes(admin_client, publication):
    """The readers' import reads what the annuaire's does (the core's reader): a workbook,
    Excel's « Texte Unicode », `|` or tab separators."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["E-mail", "Nom", "Fonction"])
    workbook.active.append(["ana@example.org", "Ana Martin", "Médiatrice"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    unicode_text = "\ufeffcourriel\tnom\nbob@example.org\tBob Lemaître\n".encode("utf-16-le")
    files = [
        ("lecteurs.xlsx", buffer.getvalue()),
        ("unicode.txt", b"\xff\xfe" + unicode_text[2:]),
        ("barres.csv", "email|nom\nzoe@example.org|Zoé\n".encode()),
    ]
    for name, data in files:
        response = _import(admin_client, publication, name, data)
        assert "Import terminé. Nouveaux : 1 ;" in response.content.decode(), name
    readers = {s.email: (s.name, s.fonction) for s in Subscriber.objects.all()}
    assert readers == {
        "ana@example.org": ("Ana Martin", "Médiatrice"),
        "bob@example.org": ("Bob Lemaître", ""),
        "zoe@example.org": ("Zoé", ""),
    }
    assert all(s.status == "active" for s in Subscriber.objects.all())


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "ancien.csv",
            "email;nom\nana@example.org;Hélène\n".encode("cp1252"),
            "pas encodé en UTF-8 (probablement en Windows-1252",
        ),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "n’est ni un fichier texte"),
        ("faux.xlsx", b"PK\x03\x04 tronque", "n’a pas pu être lu comme un classeur Excel"),
        ("vide.csv", b"email;nom\n\n", "nomme ses colonnes mais ne contient aucune ligne"),
        (
            "gros.csv",
            b"email\n" + b"a@example.org\n" * 800_000,
            "Le fichier est trop volumineux (10,7 Mo) ; la limite est de 5,0 Mo.",
        ),
    ],
)
def test_a_readers_file_that_cannot_be_read_is_refused_in_french(
    admin_client, publication, name, data, message
):
    response = _import(admin_client, publication, name, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rien n’a été importé" in html and message in html
    assert not Subscriber.objects.exists()


def test_csv_import_keeps_the_double_opt_in_proof_of_active_readers(admin_client, publication):
    from newsletter.models import Subscription

    consent_at = timezone.now() - datetime.timedelta(days=30)
    opted_in = Subscriber.objects.create(
        email="ana@example.org",
        status="active",
        consent_at=consent_at,
        consent_ip="192.0.2.7",
        consent_source="formulaire d’inscription",
        consent_version="2026-01",
    )
    waiting = Subscriber.objects.create(email="bob@example.org", status="pending")
    other = Publication.objects.create(
        name="Revue", slug="revue", sender_name="R", sender_email="r@example.org"
    )
    response = admin_client.post(
        "/admin/newsletter/abonnes/import/",
        {
            "file": _csv("email,nom\nana@example.org,Ana\nbob@example.org,Bob\n"),
            "publications": [other.pk],
            "consent_source": "liste papier du forum",
        },
        follow=True,
    )
    assert "Import terminé. Nouveaux : 0 ; mis à jour : 2 ;" in response.content.decode()
    opted_in.refresh_from_db()
    assert opted_in.consent_at == consent_at and opted_in.consent_ip == "192.0.2.7"
    assert opted_in.consent_source == "formulaire d’inscription"
    assert opted_in.consent_version == "2026-01" and opted_in.name == "Ana"
    assert Subscription.objects.filter(subscriber=opted_in, publication=other).exists()
    # The one still waiting to confirm is activated only with the import recorded as consent.
    waiting.refresh_from_db()
    assert waiting.status == "active" and waiting.consent_at is not None
    assert waiting.consent_source == "liste papier du forum"
    assert waiting.consent_version == "import"


def test_resend_failed_never_revives_a_cancelled_send(admin_client, lettre, publication, settings):
    add_subscribers(publication, 6)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    send, _created = sending.create_send(lettre, [publication])
    sending.start_send(send.pk)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    first_two = Delivery.objects.order_by("pk").values("pk")[:2]
    Delivery.objects.filter(pk__in=first_two).update(status="failed", reason="451 plus tard")
    url = f"/admin/newsletter/envois/{send.pk}/"

    # Paused: the failed rows go back in the queue, and wait for the resume with the rest.
    admin_client.post(url + "pause/")
    response = admin_client.post(url + "resend_failed/", follow=True)
    assert "seront renvoyés à la reprise de l’envoi" in response.content.decode()
    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED and not mail.outbox
    assert send.counts()["pending"] == 6

    # Cancelled: refused, and nothing is sent.
    admin_client.post(url + "cancel/")
    Delivery.objects.filter(pk__in=first_two).update(status="failed")
    response = admin_client.post(url + "resend_failed/", follow=True)
    assert "Cet envoi a été annulé" in response.content.decode()
    send.refresh_from_db()
    assert send.status == Send.Status.CANCELLED
    assert send.counts()["failed"] == 2 and not mail.outbox


def test_the_same_address_in_another_case_is_the_same_reader(admin_client, publication):
    from django.db import IntegrityError, transaction

    response = admin_client.post(
        "/admin/newsletter/subscriber/create/",
        {
            "email": " Ana.Martin@Example.org ",
            "name": "Ana",
            "status": "active",
            "consent_source": "formulaire papier",
        },
    )
    assert response.status_code == 302
    assert Subscriber.objects.get().email == "ana.martin@example.org"
    response = admin_client.post(
        "/admin/newsletter/subscriber/create/",
        {
            "email": "ana.martin@example.ORG",
            "name": "Ana bis",
            "status": "active",
            "consent_source": "formulaire papier",
        },
    )
    assert response.status_code == 200
    assert "existe déjà" in response.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        # Even written around the model's save(), the database refuses the variant.
        Subscriber.objects.bulk_create([Subscriber(email="ANA.MARTIN@example.org")])
    # An import in yet another case updates the same reader.
    admin_client.post(
        "/admin/newsletter/abonnes/import/",
        {
            "file": _csv("email,structure\nANA.Martin@example.org,CCAS\n"),
            "publications": [publication.pk],
            "consent_source": "atelier",
        },
    )
    (reader,) = Subscriber.objects.all()
    assert reader.structure == "CCAS" and reader.name == "Ana"


def test_staff_see_only_what_their_permissions_allow(client, django_user_model, publication):
    from django.contrib.auth.models import Permission

    def staff(name, *codenames):
        user = django_user_model.objects.create_user(name, password="x")
        user.user_permissions.add(
            Permission.objects.get(codename="access_admin"),
            *Permission.objects.filter(
                content_type__app_label="newsletter", codename__in=codenames
            ),
        )
        return user

    viewer = staff("lectrice", "view_subscriber")
    client.force_login(viewer)
    assert "Envois de la lettre" not in client.get("/admin/").content.decode()
    index = client.get("/admin/newsletter/subscriber/").content.decode()
    assert "Exporter en CSV" in index and "Importer un fichier CSV" not in index
    assert client.get("/admin/newsletter/abonnes/import/").status_code in (302, 403)

    adder = staff("ajout", "view_subscriber", "add_subscriber")
    client.force_login(adder)  # adding without changing cannot overwrite existing readers
    assert client.get("/admin/newsletter/abonnes/import/").status_code in (302, 403)

    manager = staff(
        "gestion", "view_subscriber", "add_subscriber", "change_subscriber", "view_send"
    )
    client.force_login(manager)
    assert "Envois de la lettre" in client.get("/admin/").content.decode()
    assert "Importer un fichier CSV" in client.get("/admin/newsletter/subscriber/").content.decode()
    assert client.get("/admin/newsletter/abonnes/import/").status_code == 200


def test_a_readers_pages_answer_404_to_garbage_and_their_history_needs_a_permission(
    admin_client, client, django_user_model
):
    from django.contrib.auth.models import Permission

    reader = Subscriber.objects.create(email="lecteur@example.org", status="active")
    for action in ("edit", "delete", "inspect", "history"):
        for garbage in ("abc", "-1", "1.5", "99999999999999999999"):
            url = f"/admin/newsletter/subscriber/{action}/{garbage}/"
            assert admin_client.get(url).status_code == 404, url
    history = admin_client.get(f"/admin/newsletter/subscriber/history/{reader.pk}/")
    assert history.status_code == 200
    assert "Utilisateur" in history.text and ">User<" not in history.text
    inspect = admin_client.get(f"/admin/newsletter/subscriber/inspect/{reader.pk}/")
    assert "lecteur@example.org" in inspect.text
    assert "token version" not in inspect.text and "confirm version" not in inspect.text

    # An editor of the agenda only sees nothing of the readers, their history included.
    someone = django_user_model.objects.create_user("agenda", "agenda@example.org", "x" * 12)
    someone.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(someone)
    for action in ("edit", "delete", "inspect", "history"):
        response = client.get(f"/admin/newsletter/subscriber/{action}/{reader.pk}/")
        assert response.status_code in (302, 403), action


def test_a_reader_made_active_by_the_team_has_a_recorded_consent(admin_client, publication):
    """As an import, the team says where the consent comes from; once recorded, it stays."""
    url = "/admin/newsletter/subscriber/create/"
    reader = {"email": "lea@example.org", "name": "Léa", "status": "active"}
    refused = admin_client.post(url, reader)
    assert refused.status_code == 200
    assert "un lecteur actif doit avoir un consentement enregistré" in refused.content.decode()
    assert 'value="lea@example.org"' in refused.content.decode()
    assert not Subscriber.objects.exists()
    # Waiting for their confirmation, a reader needs none yet.
    pending = {**reader, "email": "tom@example.org", "status": "pending"}
    assert admin_client.post(url, pending).status_code == 302
    assert Subscriber.objects.get(email="tom@example.org").consent_at is None

    before = timezone.now()
    created = admin_client.post(url, {**reader, "consent_source": "demande à l’atelier du 12 mars"})
    assert created.status_code == 302
    lea = Subscriber.objects.get(email="lea@example.org")
    assert lea.consent_at >= before and lea.consent_version == "admin"
    assert lea.consent_source == "demande à l’atelier du 12 mars"
    # Edited later, the proof is shown and not rewritten.
    edit = f"/admin/newsletter/subscriber/edit/{lea.pk}/"
    assert "Enregistré le" in admin_client.get(edit).content.decode()
    changed = admin_client.post(edit, {**reader, "name": "Léa M.", "consent_source": "autre"})
    assert changed.status_code == 302
    lea.refresh_from_db()
    assert lea.name == "Léa M." and lea.consent_source == "demande à l’atelier du 12 mars"


def _title_and_heading(response):
    html = response.content.decode()
    title = re.search(r"<title>(.*?) - Wagtail</title>", html, re.S)[1].strip()
    heading = " ".join(re.sub(r"<[^>]+>", " ", re.search(r"<h1\b.*?</h1>", html, re.S)[0]).split())
    return title, heading


def _said(response):
    return [str(m).split("\n")[0] for m in response.context["messages"]]  # without buttons


def test_the_readers_admin_says_its_words_whole(admin_client, publication):
    """modeladmin composes « Nouveau Abonné », « Ajouter un(e) abonné », « Modification de
    abonné », « Par créé »: the readers' pages say theirs in plain French."""
    base = "/admin/newsletter/subscriber/"
    empty = admin_client.get(base).content.decode()
    assert "Aucun abonné pour l’instant." in empty and "(e)" not in empty
    assert f'<a href="{base}create/">Ajouter un abonné</a>' in empty
    add_subscribers(publication, 1)
    Subscriber.objects.create(email="sans-lettre@example.org")
    listing = admin_client.get(base).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", listing).split())
    assert "Ajouter un abonné" in text
    for heading in (
        "Par statut",
        "Par publication",
        "Par date d’inscription",
        "Par date de désinscription",
    ):
        assert heading in text
    for attribute in (
        'title="Modifier cet abonné"',
        'title="Supprimer cet abonné"',
        'placeholder="Rechercher un abonné"',
    ):
        assert attribute in listing
    assert ">Aucune publication</a>" in listing
    nothing = admin_client.get(base + "?q=personne-de-ce-nom").content.decode()
    assert "Aucun abonné ne correspond à ces critères." in nothing and "aucun(e)" not in nothing

    assert _title_and_heading(admin_client.get(base + "create/")) == ("Nouvel abonné",) * 2
    form = {"email": "ada@example.org", "status": "active", "consent_source": "atelier"}
    refused = admin_client.post(base + "create/", dict(form, email="pas une adresse"))
    assert "Rien n’a été créé : corrigez les erreurs ci-dessous." in _said(refused)
    created = admin_client.post(base + "create/", form, follow=True)
    reader = Subscriber.objects.get(email="ada@example.org")
    assert f"Abonné n° {reader.pk} créé." in _said(created)

    number = f"l’abonné n° {reader.pk}"
    edit = base + f"edit/{reader.pk}/"
    assert _title_and_heading(admin_client.get(edit)) == (f"Modifier {number}",) * 2
    refused = admin_client.post(edit, dict(form, email=""))
    assert "Rien n’a été enregistré : corrigez les erreurs ci-dessous." in _said(refused)
    changed = admin_client.post(edit, dict(form, name="Ada"), follow=True)
    assert f"Abonné n° {reader.pk} modifié." in _said(changed)

    inspect = admin_client.get(base + f"inspect/{reader.pk}/")
    assert _title_and_heading(inspect) == (f"Abonné n° {reader.pk}",) * 2
    assert "Retour à la liste des abonnés" in inspect.content.decode()
    history = admin_client.get(base + f"history/{reader.pk}/")
    assert _title_and_heading(history)[1] == f"Historique de {number}"
    delete = base + f"delete/{reader.pk}/"
    confirm = admin_client.get(delete)
    assert _title_and_heading(confirm) == (f"Supprimer {number}",) * 2
    assert "Supprimer cet abonné ? Ses abonnements" in confirm.content.decode()
    deleted = admin_client.post(delete, follow=True)
    assert _said(deleted) == [
        f"Abonné n° {reader.pk} supprimé, ainsi que l’historique qui le nommait."
    ]
    assert not Subscriber.objects.filter(pk=reader.pk).exists()
