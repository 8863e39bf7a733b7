"""Fixtures of the newsletter tests: a publication, a lettre (the SMTP server is tests.smtp's)."""

import datetime

import pytest


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches the sites' root paths: another test's demo site must not leak in."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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


def after_each_recorded_message(monkeypatch, hook):
    """Run `hook(delivery_id)` right after the worker records each message the server took: the
    point where the tests inject a crash, a reader leaving, or a server going away."""
    from newsletter import queueing

    record = queueing.record_sent

    def record_then_hook(delivery_id, send_id):
        running = record(delivery_id, send_id)
        hook(delivery_id)
        return running

    monkeypatch.setattr(queueing, "record_sent", record_then_hook)


TRANSPORTS = {
    "django-backend": "newsletter.transports.DjangoTransport",
    "pipelined-smtp": "newsletter.transports.PipelinedSMTPTransport",
}


@pytest.fixture(params=list(TRANSPORTS))
def each_transport(request, monkeypatch):
    """Run the test through each transport (set as the default, so that tests replacing
    RESOURCE_CENTRE keep it); the pipelined one only where a real SMTP server listens."""
    from newsletter import conf

    if request.param == "pipelined-smtp" and "smtp_server" not in request.fixturenames:
        pytest.skip("the pipelined transport talks to an SMTP server")
    monkeypatch.setitem(conf.DEFAULTS, "NEWSLETTER_TRANSPORT", TRANSPORTS[request.param])
    return request.param
