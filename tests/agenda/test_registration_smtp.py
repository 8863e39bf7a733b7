"""The registration e-mails travel over real SMTP (aiosmtpd on 127.0.0.1): the link confirming
the address, then the confirmation with its cancel link."""

import re
from urllib.parse import unquote

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_confirmation_email_over_smtp(client, events, smtp_server):
    cache.clear()
    event = events["atelier"]
    event.registration_enabled = True
    event.save_revision().publish()
    response = client.post(
        f"{event.url}inscription/",
        {"name": "Loïc Le Goff", "email": "loic@example.org", "consent": "on"},
    )
    assert response.status_code == 303  # to the page saying what happens next
    ((recipients, message),) = smtp_server.messages
    assert recipients == ["loic@example.org"]
    assert (
        message["Subject"].strip()
        == "Confirmez votre inscription : Atelier projet urbain et social"
    )
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"http://\S+/inscription/confirmation/\?jeton=\S+", body).group(0)
    client.post(link.split("?")[0], {"jeton": unquote(link.split("jeton=")[1])})

    recipients, message = smtp_server.messages[-1]
    assert recipients == ["loic@example.org"]
    assert message["Subject"].strip() == "Inscription confirmée : Atelier projet urbain et social"
    body = message.get_body(("plain",)).get_content()
    assert "Bonjour Loïc Le Goff," in body
    assert "/inscription/annulation/?jeton=" in body
    assert "Maison de quartier du Blosne" in body  # every séance of the event
    # The HTML part is the same text inside the centre's branded MJML layout.
    html = message.get_body(("html",)).get_content()
    assert "Bonjour Loïc Le Goff," in html and "<!doctype html>" in html.lower()
