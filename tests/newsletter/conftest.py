"""Fixtures of the newsletter tests: a real SMTP server on 127.0.0.1, a publication, a lettre."""

import datetime
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


class Recorder:
    """aiosmtpd handler: keeps every message; refuses addresses listed in `refuse` (550) and
    answers 451 to the first `defer` attempts for addresses in `defer_once`. `rcpt_replies` gives
    an address its own RCPT reply; `mail_reply` and `data_reply` refuse MAIL FROM and DATA.
    `sessions` counts the SMTP sessions the messages came through."""

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.defer_once = set()
        self.rcpt_replies = {}
        self.mail_reply = None
        self.data_reply = None
        self.sessions = set()
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mail_reply:
            return self.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.rcpt_replies:
            return self.rcpt_replies[address]
        if address in self.refuse:
            return "550 5.1.1 Utilisateur inconnu"
        if address in self.defer_once:
            self.defer_once.discard(address)
            return "451 4.3.0 Réessayez plus tard"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), parsed))
            self.sessions.add(id(session))
        return "250 Message accepted"

    def recipients(self):
        with self.lock:
            return [to for tos, _m in self.messages for to in tos]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches the sites' root paths: another test's demo site must not leak in."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_server(settings):
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    recorder.port = port
    recorder.controller = controller
    yield recorder
    try:
        controller.stop()
    except AssertionError:  # the test stopped the server itself
        pass


@pytest.fixture
def site_home(db):
    """The default site's root page (made again when a transactional test flushed the tree)."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant("fr"))
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=Page(title="Accueil", slug="accueil"))
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return site.root_page


@pytest.fixture
def publication(db):
    from newsletter.models import Publication

    return Publication.objects.create(
        name="Lettre mensuelle",
        slug="lettre-mensuelle",
        sender_name="RésO Villes",
        sender_email="lettre@resovilles.example",
        reply_to="contact@resovilles.example",
    )


@pytest.fixture
def archive(site_home, publication):
    from newsletter.models import NewsletterIndexPage

    index = NewsletterIndexPage(title="La lettre", slug="la-lettre", publication=publication)
    site_home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_lettre(archive, publication, number=42, body=None, publish=True):
    from newsletter.models import LettrePage

    lettre = LettrePage(
        title=f"Lettre n° {number} — mars 2008",
        slug=f"lettre-{number}",
        publication=publication,
        number=number,
        date=datetime.date(2008, 3, 1),
        live=publish,
        body=body
        if body is not None
        else [
            (
                "edito",
                {
                    "title": "Édito",
                    "text": "<p>Le printemps des quartiers.</p>",
                    "signature": "B. M.",
                },
            ),
            (
                "article",
                {
                    "title": "Atelier santé à Lorient",
                    "text": "<p>Six séances pour <b>construire</b> un diagnostic partagé.</p>",
                    "url": "https://example.org/atelier",
                    "link_text": "Lire la suite",
                },
            ),
            (
                "press_review",
                {
                    "heading": "Revue de presse",
                    "items": [
                        {
                            "title": "Rénovation urbaine au Blosne",
                            "source": "Ouest-France",
                            "date": "2008-03-04",
                            "url": "https://example.org/presse",
                        }
                    ],
                },
            ),
        ],
    )
    archive.add_child(instance=lettre)
    revision = lettre.save_revision()
    if publish:
        revision.publish()
        lettre.refresh_from_db()
    return lettre


@pytest.fixture
def lettre(archive, publication):
    return make_lettre(archive, publication)


def add_subscribers(publication, count, prefix="lecteur", status="active"):
    from newsletter.models import Subscriber, Subscription

    subscribers = Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"{prefix}{i}@example.org", name=f"Lecteur {i}", status=status)
            for i in range(count)
        ]
    )
    subscribers = list(Subscriber.objects.filter(email__startswith=prefix).order_by("pk"))
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, publication=publication) for s in subscribers]
    )
    return subscribers
