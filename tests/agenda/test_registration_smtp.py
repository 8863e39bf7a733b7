"""The confirmation e-mail travels over real SMTP (aiosmtpd on 127.0.0.1)."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd's self-check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


def test_confirmation_email_over_smtp(client, events, smtp_server):
    cache.clear()
    event = events["atelier"]
    event.registration_enabled = True
    event.save_revision().publish()
    response = client.post(
        f"{event.url}inscription/",
        {"name": "Loïc Le Goff", "email": "loic@example.org", "consent": "on"},
    )
    assert response.status_code == 200
    (envelope,) = smtp_server.messages
    assert envelope.rcpt_tos == ["loic@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"].strip() == "Inscription confirmée : Atelier projet urbain et social"
    body = message.get_body(("plain",)).get_content()
    assert "Bonjour Loïc Le Goff," in body
    assert "/inscription/annulation/?jeton=" in body
    assert "Maison de quartier du Blosne" in body  # every séance of the event
