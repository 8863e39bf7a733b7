"""The confirmation e-mail travels over real SMTP (aiosmtpd on 127.0.0.1)."""

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
    assert response.status_code == 200
    ((recipients, message),) = smtp_server.messages
    assert recipients == ["loic@example.org"]
    assert message["Subject"].strip() == "Inscription confirmée : Atelier projet urbain et social"
    body = message.get_body(("plain",)).get_content()
    assert "Bonjour Loïc Le Goff," in body
    assert "/inscription/annulation/?jeton=" in body
    assert "Maison de quartier du Blosne" in body  # every séance of the event
    # The HTML part is the same text inside the centre's branded MJML layout.
    html = message.get_body(("html",)).get_content()
    assert "Bonjour Loïc Le Goff," in html and "<!doctype html>" in html.lower()
