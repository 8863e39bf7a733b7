"""Capacity holds under concurrent submissions (PostgreSQL: real row locks, real parallelism)."""

import math
import os
import re
import threading
from urllib.parse import unquote

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from agenda.models import Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")),
        reason="needs PostgreSQL (DATABASE_URL): SQLite serialises writers anyway",
    ),
]

PARALLEL = 16
CAPACITY = 5


def test_parallel_registrations_never_exceed_capacity(events, settings):
    assert connection.vendor == "postgresql"
    settings.RESOURCE_CENTRE = {"AGENDA_REGISTRATION_RATE": (1000, 600)}
    event = events["petit_dej"]
    event.registration_enabled = True
    event.capacity = CAPACITY
    event.save_revision().publish()
    url = f"{event.url}inscription/"
    barrier = threading.Barrier(PARALLEL)
    statuses = []

    def submit(n):
        try:
            client = Client()
            barrier.wait()
            response = client.post(
                url,
                {
                    "name": f"Personne {n}",
                    "email": f"p{n}@example.org",
                    "consent": "on",
                    "structure": "",
                    "fonction": "",
                    "needs": "",
                },
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [303] * PARALLEL  # each to the page saying what happens next
    # Each registration waits for its address; unconfirmed ones hold at most half the seats.
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=Registration.Status.PENDING).count() == PARALLEL
    assert registrations.holding_seats().count() == math.ceil(CAPACITY / 2)

    # Everyone confirms at once: exactly CAPACITY seats are taken, the others wait.
    links = [
        re.search(r"http://\S+/inscription/confirmation/\?jeton=\S+", m.body).group(0)
        for m in mail.outbox
    ]
    assert len(links) == PARALLEL
    barrier = threading.Barrier(PARALLEL)
    statuses.clear()

    def confirm(link):
        try:
            client = Client()
            barrier.wait()
            path, token = link.split("?jeton=")
            statuses.append(client.post(path, {"jeton": unquote(token)}).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(link,)) for link in links]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [303] * PARALLEL  # each to the page saying what happens next
    assert registrations.confirmed().count() == CAPACITY
    assert registrations.waiting().count() == PARALLEL - CAPACITY
