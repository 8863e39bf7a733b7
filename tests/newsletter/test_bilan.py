"""The lettre's part of the bilan d'activité, read on the admin page: each figure against a count
the test makes from the rows it created; a fixed number of queries at two sizes."""

import datetime
import itertools
import re
from html import unescape

import pytest
from django.utils import timezone

from newsletter.models import Delivery, Publication, Send, Subscriber, Subscription

from .conftest import make_lettre

pytestmark = pytest.mark.django_db
URL = "/admin/resource-centre/bilan/"
keys = itertools.count()


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


def figures(page):
    return {
        key: unescape(value)
        for key, value in re.findall(r'data-figure="newsletter\.(\w+)">([^<]*)<', page)
    }


def table(page, key):
    found = re.search(rf'data-table="newsletter\.{key}">(.*?)</table>', page, re.S)
    rows = {}
    for label, cells in re.findall(
        r'<th scope="row">(?:<a href="[^"]*">)?([^<]*)(?:</a>)?</th>(.*?)</tr>',
        found.group(1),
        re.S,
    ):
        rows[unescape(label)] = [int(v) for v in re.findall(r">(\d+)</td>", cells)]
    return rows


def reader(email, status, created, publications, left=None):
    """A reader since `created` who left on `left` (None: still there, or left before the suite
    recorded departures)."""
    subscriber = Subscriber.objects.create(email=email, status=status)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        created_at=created, active_since=created, left_at=left
    )
    for publication in publications:
        subscription = Subscription.objects.create(subscriber=subscriber, publication=publication)
        Subscription.objects.filter(pk=subscription.pk).update(created_at=created)
    return subscriber


def send(lettre, publication, finished, status, deliveries):
    record = Send.objects.create(
        lettre=lettre,
        idempotency_key=f"k{next(keys)}",
        status=status,
        scheduled_at=finished or timezone.now(),
        finished_at=finished,
    )
    record.publications.add(publication)
    for subscriber, delivery_status in deliveries:
        Delivery.objects.create(
            send=record, subscriber=subscriber, publication=publication, status=delivery_status
        )
    return record


def test_lettre_figures_match_counts_from_the_rows(admin_client, archive, publication):
    revue = Publication.objects.create(
        name="Revue de presse", slug="revue", sender_name="R", sender_email="r@example.org"
    )
    people = [
        # e-mail, status today, created, publications
        ("a@example.org", "active", at(2019, 2, 1), [publication]),
        ("b@example.org", "active", at(2019, 9, 1), [publication, revue]),
        ("c@example.org", "unsubscribed", at(2019, 9, 2), [publication]),
        ("d@example.org", "active", at(2018, 1, 1), [publication]),
        ("e@example.org", "bounced", at(2018, 1, 1), [revue]),  # left on an unknown date
        ("f@example.org", "unsubscribed", at(2017, 1, 1), [publication], at(2018, 6, 1)),
        ("g@example.org", "bounced", at(2018, 3, 1), [revue], at(2019, 5, 1)),
    ]
    people[2] += (at(2019, 11, 2),)  # c left in 2019
    readers = [reader(*row) for row in people]
    lettre = make_lettre(archive, publication, number=1)
    deliveries = [
        (
            at(2019, 3, 1),
            "done",
            [(readers[0], "sent"), (readers[3], "sent"), (readers[4], "failed")],
        ),
        (at(2019, 10, 1), "done", [(readers[0], "sent"), (readers[1], "sent")]),
        (at(2018, 10, 1), "done", [(readers[3], "sent")]),
        (None, "cancelled", [(readers[0], "pending")]),
    ]
    for finished, status, rows in deliveries:
        send(lettre, publication, finished, status, rows)

    page = admin_client.get(URL + "?annee=2019").content.decode()
    got = {key: int(value) for key, value in figures(page).items()}
    in_2019 = [d for d in deliveries if d[0] and d[0].year == 2019 and d[1] == "done"]
    assert got["lettres"] == len({lettre.pk for _d in in_2019})
    assert got["sends"] == len(in_2019)
    assert got["delivered"] == len([1 for d in in_2019 for _r, s in d[2] if s == "sent"])
    assert got["failed"] == len([1 for d in in_2019 for _r, s in d[2] if s == "failed"])
    assert got["active"] == len([p for p in people if p[1] == "active"])
    assert got["new"] == len([p for p in people if p[2].year == 2019])
    assert got["new_active"] == len([p for p in people if p[2].year == 2019 and p[1] == "active"])

    def readers_on(moment):
        return len(
            [
                p
                for p in people
                if p[2] < moment
                and ((len(p) > 4 and p[4] >= moment) or (len(p) == 4 and p[1] == "active"))
            ]
        )

    assert got["start"] == readers_on(at(2019, 1, 1)) == 2
    assert got["end"] == readers_on(at(2020, 1, 1)) == 3
    assert got["left"] == len([p for p in people if len(p) > 4 and p[4].year == 2019]) == 2
    # The figures lead to the subscribers they count.
    for label, expected in (
        ("Nouveaux lecteurs sur la période", {"a@example.org", "b@example.org", "c@example.org"}),
        ("Lecteurs partis pendant la période", {"c@example.org", "g@example.org"}),
    ):
        link = re.search(rf'<a href="([^"]+)">{label}', page).group(1)
        listing = admin_client.get(unescape(link)).content.decode()
        assert set(re.findall(r"[a-g]@example\.org", listing)) == expected, label
    rows = table(page, "publications")
    for pub in (publication, revue):
        mine = [p for p in people if pub in p[3]]
        assert rows[pub.name][:2] == [
            len([p for p in mine if p[1] == "active"]),
            len([p for p in mine if p[2].year == 2019]),
        ]
    assert rows[publication.name][2:] == [got["delivered"], got["failed"]]
    months = table(page, "months")
    assert sum(v[0] for v in months.values()) == sum(len(p[3]) for p in people if p[2].year == 2019)
    assert "1 lecteur est parti avant que la suite n’enregistre les départs" in unescape(page)


def test_the_lettre_section_runs_a_fixed_number_of_queries(
    admin_client, archive, publication, count_queries
):
    lettre = make_lettre(archive, publication, number=1)

    def grow(count, start):
        subscribers = Subscriber.objects.bulk_create(
            Subscriber(email=f"r{start + i}@example.org", status="active") for i in range(count)
        )
        Subscription.objects.bulk_create(
            Subscription(subscriber=s, publication=publication) for s in subscribers
        )
        send(lettre, publication, timezone.now(), "done", [(s, "sent") for s in subscribers])

    grow(5, 0)
    admin_client.get(URL)  # the admin menu's permission caches fill on the first page
    small, response = count_queries(admin_client.get, URL)
    assert response.status_code == 200
    grow(300, 100)
    large, response = count_queries(admin_client.get, URL)
    assert "305" in figures(response.content.decode())["delivered"].replace("\u202f", "")
    assert small == large


def test_leaving_and_coming_back_are_dated_by_every_path(publication, settings):
    """Unsubscribing, an address rejected by the worker, subscribing again: the dates the bilan
    counts from follow, whichever way the status changes."""
    from newsletter.subscriptions import set_publications, unsubscribe

    reader_ = Subscriber.objects.create(email="h@example.org", status="active")
    Subscription.objects.create(subscriber=reader_, publication=publication)
    assert reader_.active_since is not None and reader_.left_at is None
    unsubscribe(Subscriber.objects.get(pk=reader_.pk))
    reader_.refresh_from_db()
    assert reader_.status == "unsubscribed" and reader_.left_at is not None
    left = reader_.left_at
    set_publications(Subscriber.objects.get(pk=reader_.pk), [publication])
    reader_.refresh_from_db()
    assert reader_.status == "active" and reader_.left_at is None
    assert reader_.active_since >= left
