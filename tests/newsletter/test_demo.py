"""The demo: the lettre of March 2008, the revue de presse, their readers; loading is idempotent."""

import pytest
from django.core import mail
from django.core.management import call_command

from newsletter import sending
from newsletter.models import LettrePage, NewsletterIndexPage, Publication, Subscriber

pytestmark = pytest.mark.django_db


def test_demo_archive_lettre_and_send(client, demo_site):
    archive = NewsletterIndexPage.objects.get()
    assert getattr(archive, "show_in_menus", True)  # a swapped base page may have no menus
    html = client.get(archive.url).content.decode()
    assert "Lettre n° 42 — mars 2008" in html
    assert "Revue de presse n° 12 — mars 2008" in html

    lettre = LettrePage.objects.get(number=42)
    page = client.get(lettre.url).content.decode()
    assert "Paru : les Actes de la journée" in page
    assert "Dernières pages" in page  # filled when the demo was loaded

    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert LettrePage.objects.count() == 2
    assert Publication.objects.count() == 2
    assert Subscriber.objects.count() == 10

    sending.create_send(lettre, [lettre.publication])
    assert len(mail.outbox) == 10
    message = mail.outbox[0]
    assert message.subject == "Lettre n° 42 — mars 2008"
    assert "18 rue Paul Bellamy" in message.body  # the centre's address, from its settings
