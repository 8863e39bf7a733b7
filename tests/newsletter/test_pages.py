"""The web archive and lettre pages, and the automatic blocks filled at send time."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from newsletter import automatic, sending
from newsletter.models import LettrePage, Send
from resource_centre.models import ContentPage
from tests.marks import with_default_page_fields

from .conftest import add_subscribers, make_lettre

pytestmark = pytest.mark.django_db


def test_lettre_page_is_the_web_version(client, lettre):
    response = client.get(lettre.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Lettre n° 42 — mars 2008</h1>" in html
    assert "N° 42 — mars 2008" in html
    assert "Atelier santé à Lorient" in html
    assert "Ouest-France" in html and 'datetime="2008-03-04"' in html
    assert "/infolettre/inscription/" in html


def test_archive_lists_lettres_with_constant_queries(client, archive, publication, count_queries):
    for number in range(1, 11):
        make_lettre(archive, publication, number=number)
    make_lettre(archive, publication, number=99, publish=False)
    client.get(archive.url)
    small, response = count_queries(client.get, archive.url)
    html = response.content.decode()
    assert "Lettre n° 10 — mars 2008" in html and "Lettre n° 99" not in html
    # Many more lettres (created in bulk through the tree API would be slow: 40 is enough to
    # cross a page boundary of 20).
    for number in range(11, 51):
        make_lettre(archive, publication, number=number, body=[])
    large, response = count_queries(client.get, archive.url)
    assert small == large
    assert "Lettre n° 50 — mars 2008" in response.content.decode()
    assert "Lettre n° 1 — mars 2008" not in response.content.decode()  # on page 3
    response = client.get(archive.url, {"page": "3"})
    assert "Lettre n° 1 — mars 2008" in response.content.decode()
    for garbage in ["abc", "-1", "99999", "1e9"]:
        assert client.get(archive.url, {"page": garbage}).status_code == 200


@with_default_page_fields
def test_latest_pages_block_is_filled_at_send_time_and_stays_editable(
    site_home, archive, publication
):
    for i in range(3):
        page = ContentPage(
            title=f"Actualité {i}", slug=f"actu-{i}", search_description=f"Résumé {i}"
        )
        site_home.add_child(instance=page)
        page.save_revision().publish()
    lettre = make_lettre(
        archive,
        publication,
        number=50,
        body=[("automatic", {"heading": "Dernières pages", "source": "pages", "count": 2})],
    )
    add_subscribers(publication, 1)

    sending.create_send(lettre, [publication])

    lettre = LettrePage.objects.get(pk=lettre.pk)
    items = lettre.body[0].value["items"]
    assert [item["title"] for item in items] == ["Actualité 2", "Actualité 1"]
    assert items[0]["summary"] == "Résumé 2"
    assert "Actualité 2" in mail.outbox[0].body
    html = mail.outbox[0].alternatives[0][0]
    assert "Dernières pages" in html and "Actualité 1" in html
    # The editor adjusts the list afterwards: a later send keeps the edited items.
    revision = lettre.get_latest_revision_as_object()
    raw = revision.body.raw_data
    raw[0]["value"]["items"] = raw[0]["value"]["items"][:1]
    raw[0]["value"]["items"][0]["value"]["title"] = "Titre corrigé"
    revision.body = raw
    revision.save_revision().publish()
    lettre = LettrePage.objects.get(pk=lettre.pk)
    assert automatic.fill_automatic_blocks(lettre) is False
    assert [i["title"] for i in lettre.body[0].value["items"]] == ["Titre corrigé"]


def test_event_and_fiche_sources_are_looked_up_at_run_time(archive, publication, settings):
    settings.RESOURCE_CENTRE = {
        "NEWSLETTER_AUTOMATIC_SOURCES": {
            # Stand-ins with the same shape as agenda.Seance (a dated row of a page) and
            # fiches.FichePage (a page with a date).
            "events": {
                "model": "newsletter.Send",
                "date_field": "scheduled_at",
                "page_field": "lettre",
                "upcoming": True,
            },
            "fiches": {
                "model": "resource_centre.ContentPage",
                "date_field": "first_published_at",
                "page_field": "",
                "upcoming": False,
            },
        }
    }
    assert [c for c, _l in automatic.source_choices()] == ["pages", "events", "fiches"]
    lettre = make_lettre(archive, publication, number=60)
    Send.objects.create(
        lettre=lettre,
        idempotency_key="a",
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
    )
    Send.objects.create(
        lettre=lettre, idempotency_key="b", scheduled_at=timezone.now() - datetime.timedelta(days=3)
    )
    items = automatic.items_for({"source": "events", "count": 5})
    assert [item["title"] for item in items] == [lettre.title]
    assert items[0]["date"] == timezone.localdate() + datetime.timedelta(days=3)

    settings.RESOURCE_CENTRE = {
        "NEWSLETTER_AUTOMATIC_SOURCES": {
            "events": {"model": "absent.Seance", "date_field": "date", "page_field": "event"},
            "fiches": {"model": "resource_centre.Inexistant", "date_field": "x"},
        }
    }
    assert [c for c, _l in automatic.source_choices()] == ["pages"]
    assert automatic.items_for({"source": "events", "count": 5}) == []


def test_copying_a_sent_lettre_in_the_admin_gives_the_next_number(
    admin_client, site_home, archive, publication
):
    page = ContentPage(title="Actualité", slug="actu", intro="Résumé")
    site_home.add_child(instance=page)
    page.save_revision().publish()
    lettre = make_lettre(
        archive,
        publication,
        number=50,
        body=[("automatic", {"heading": "Dernières pages", "source": "pages", "count": 2})],
    )
    make_lettre(archive, publication, number=51)
    add_subscribers(publication, 1)
    sending.create_send(lettre, [publication])
    assert LettrePage.objects.get(pk=lettre.pk).body[0].value["items"]

    response = admin_client.post(
        f"/admin/pages/{lettre.pk}/copy/",
        {
            "new_title": "Lettre n° 52 — avril 2008",
            "new_slug": "lettre-52",
            "new_parent_page": archive.pk,
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302
    copy = LettrePage.objects.get(slug="lettre-52")
    assert copy.number == 52 and copy.publication == publication and copy.live
    assert not copy.sends.exists()
    assert not copy.body[0].value["items"]  # filled afresh when the copy is sent
    draft = copy.get_latest_revision_as_object()
    assert draft.number == 52 and not draft.body[0].value["items"]
    # The original keeps its number and its items.
    assert LettrePage.objects.get(pk=lettre.pk).number == 50
    assert LettrePage.objects.get(pk=lettre.pk).body[0].value["items"]
    # The copy is sent like any lettre, with fresh automatic items.
    sending.create_send(copy, [publication])
    assert LettrePage.objects.get(pk=copy.pk).body[0].value["items"]


def test_a_lettre_cannot_be_aliased_a_forged_alias_request_makes_the_next_lettre(
    admin_client, site_home, archive, publication
):
    from newsletter.models import NewsletterIndexPage

    lettre = make_lettre(archive, publication, number=50)
    other = NewsletterIndexPage(
        title="Archives du réseau", slug="archives", publication=publication
    )
    site_home.add_child(instance=other)
    other.save_revision().publish()
    form = admin_client.get(f"/admin/pages/{lettre.pk}/copy/").content.decode()
    assert 'name="new_title"' in form and 'name="alias"' not in form

    response = admin_client.post(
        f"/admin/pages/{lettre.pk}/copy/",
        {
            "new_title": "Lettre n° 51",
            "new_slug": lettre.slug,
            "new_parent_page": other.pk,
            "alias": "on",
        },
    )

    assert response.status_code == 302
    assert not LettrePage.objects.filter(alias_of=lettre).exists()
    copy = LettrePage.objects.get(title="Lettre n° 51")
    assert copy.number == 51 and copy.get_parent().pk == other.pk


def test_an_archive_set_to_one_publication_lists_only_its_lettres(client, archive, publication):
    from newsletter.models import Publication

    revue = Publication.objects.create(
        name="Revue de presse", slug="revue", sender_name="R", sender_email="r@example.org"
    )
    make_lettre(archive, publication, number=7)
    other = make_lettre(archive, revue, number=8)
    html = client.get(archive.url).content.decode()
    assert "Lettre n° 7 — mars 2008" in html and "Lettre n° 8" not in html
    archive.publication = None
    archive.save_revision().publish()
    html = client.get(archive.url).content.decode()
    assert "Lettre n° 7 — mars 2008" in html and other.title in html
