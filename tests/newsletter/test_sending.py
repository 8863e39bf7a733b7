"""Sending a lettre over a real SMTP server: MIME parts, headers, exactly one message each."""

import pytest
from django.test import Client

from newsletter import sending, worker
from newsletter.models import Delivery, Send, Subscriber

from .conftest import add_subscribers, make_lettre

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_transport")]


def test_lettre_reaches_each_active_reader_once_with_unsubscribe_headers(
    smtp_server, lettre, publication
):
    readers = add_subscribers(publication, 5)
    add_subscribers(publication, 2, prefix="parti", status="unsubscribed")
    add_subscribers(publication, 1, prefix="rejete", status="bounced")

    send, created = sending.create_send(lettre, [publication], idempotency_key="k1")

    assert created
    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert sorted(smtp_server.recipients()) == sorted(r.email for r in readers)
    rcpts, message = smtp_server.messages[0]
    assert message["Subject"] == "Lettre n° 42 — mars 2008"
    assert message["From"] == "RésO Villes <lettre@resovilles.example>"
    assert message["Reply-To"] == "contact@resovilles.example"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"]
    assert "<mailto:contact@resovilles.example?subject=unsubscribe>" in unsubscribe
    url = unsubscribe.split("<")[1].split(">")[0]
    assert url.startswith("http://testserver/infolettre/desinscription/")
    # multipart/alternative: a plain-text part and the MJML-rendered HTML part.
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    reader = next(r for r in readers if r.email in rcpts)
    assert f"Bonjour {reader.name}," in text
    assert "ATELIER SANTÉ À LORIENT" in text
    assert "Rénovation urbaine au Blosne (https://example.org/presse)" in text
    assert "Se désinscrire : http://testserver/infolettre/desinscription/" in text
    assert f"Bonjour {reader.name}," in html
    assert "Atelier santé à Lorient" in html
    assert f'href="{url}"' in html  # the visible unsubscribe link of the footer
    assert "[[rc:" not in html and "[[rc:" not in text
    assert "<mj-" not in html
    assert "Vous ne lisez pas bien cet e-mail ?" in html and "Lire en ligne" in html
    assert "Gérer mes abonnements" in html and "Lire la suite" in html

    # RFC 8058 one-click: the mail software POSTs to the header's URL, without a CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(url.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber = Subscriber.objects.get(email=reader.email)
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert not subscriber.subscriptions.exists()

    # The next lettre leaves them out.
    other = make_lettre(lettre.get_parent(), publication, number=43)
    smtp_server.messages.clear()
    sending.create_send(other, [publication])
    assert reader.email not in smtp_server.recipients()
    assert len(smtp_server.recipients()) == 4


def test_double_click_creates_one_send(smtp_server, lettre, publication):
    add_subscribers(publication, 3)
    first, created = sending.create_send(lettre, [publication], idempotency_key="same")
    second, created_again = sending.create_send(lettre, [publication], idempotency_key="same")
    assert created and not created_again
    assert first.pk == second.pk
    assert Send.objects.count() == 1
    assert len(smtp_server.messages) == 3


def test_permanent_refusal_marks_the_address_and_transient_errors_are_retried(
    smtp_server, lettre, publication, settings
):
    settings.RESOURCE_CENTRE = {"NEWSLETTER_RETRY_BASE_SECONDS": 0}
    add_subscribers(publication, 4)
    smtp_server.refuse.add("lecteur1@example.org")
    smtp_server.defer_once.add("lecteur2@example.org")

    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    counts = send.counts()
    assert (counts["sent"], counts["failed"], counts["pending"]) == (3, 1, 0)
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.reason.startswith("550")
    assert Subscriber.objects.get(email="lecteur1@example.org").status == "bounced"
    retried = Delivery.objects.get(subscriber__email="lecteur2@example.org")
    assert retried.status == "sent" and retried.attempts == 1
    assert sorted(smtp_server.recipients()) == [
        "lecteur0@example.org",
        "lecteur2@example.org",
        "lecteur3@example.org",
    ]


def test_smtp_server_down_loses_nothing_and_resumes(lettre, publication, settings):
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.RESOURCE_CENTRE = {"NEWSLETTER_RETRY_BASE_SECONDS": 0, "NEWSLETTER_MAX_ATTEMPTS": 2}
    add_subscribers(publication, 3)

    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert "Le serveur d’envoi est injoignable" in send.last_error
    assert send.counts()["failed"] == 3
    # The server is back: staff send again to the failed recipients only.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    assert sending.resend_failed(send) == 3
    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"Lecteur {i} <lecteur{i}@example.org>" for i in range(3)
    ]


def test_each_copy_is_personalised_without_rebuilding_the_message(smtp_server, lettre, publication):
    from newsletter.models import Subscription

    odd = Subscriber.objects.create(
        email="zoe@example.org", name="Zoé <Bidule> & Cie", status="active"
    )
    Subscription.objects.create(subscriber=odd, publication=publication)
    add_subscribers(publication, 2)
    rendered_once = []
    from newsletter import rendering

    original = rendering.render_lettre

    def counting(*args, **kwargs):
        rendered_once.append(1)
        return original(*args, **kwargs)

    sending.render_lettre = counting
    try:
        sending.create_send(lettre, [publication])
    finally:
        sending.render_lettre = original
    assert len(rendered_once) == 2  # the check before the send, then once for every recipient

    messages = {tos[0]: message for tos, message in smtp_server.messages}
    zoe = messages["zoe@example.org"]
    assert str(zoe["To"]) == '"Zoé <Bidule> & Cie" <zoe@example.org>'
    assert "Bonjour Zoé <Bidule> & Cie," in zoe.get_body(("plain",)).get_content()
    assert "Bonjour Zoé &lt;Bidule&gt; &amp; Cie," in zoe.get_body(("html",)).get_content()
    assert (
        "Bonjour Lecteur 0," in messages["lecteur0@example.org"].get_body(("html",)).get_content()
    )
    ids = {message["Message-ID"] for message in messages.values()}
    assert len(ids) == 3 and all(i.endswith("@resovilles.example>") for i in ids)
    urls = {message["List-Unsubscribe"] for message in messages.values()}
    assert len(urls) == 3  # one signed link per reader


def test_prepared_bytes_fall_back_to_django_when_a_line_is_too_long(lettre, publication):
    from newsletter.mime import MessageTemplate
    from newsletter.rendering import render_lettre

    rendered = render_lettre(lettre)
    fast = worker.message_template(rendered, publication)
    assert fast.text_part is not None
    rendered.text += "x" * 2000 + "\n"
    slow = MessageTemplate(rendered, "s", "a@example.org", [], {})
    assert slow.text_part is None
    message = slow.build(rendering_values(), "Ana", "ana@example.org")
    assert message.prepared is None  # Django builds this one as usual
    assert "Bonjour Ana," in message.body
    assert message.message()["To"] == "Ana <ana@example.org>"


def rendering_values():
    return {
        "greeting": "Bonjour Ana,",
        "email": "ana@example.org",
        "unsubscribe_url": "https://x.example/u",
        "preferences_url": "https://x.example/p",
        "list_name": "Lettre mensuelle",
    }
