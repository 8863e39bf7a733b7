"""A worker killed mid-send: the send resumes where it stopped and nobody gets two messages."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from newsletter import sending, worker
from newsletter.models import Delivery, Send

from .conftest import add_subscribers, after_each_recorded_message

ROOT = Path(__file__).resolve().parents[2]


def _worker_db(tmp_path):
    """The test database, as a subprocess can open it (SQLite in memory is copied to a file)."""
    settings = connection.settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path / "worker.sqlite3"
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        return {"ENGINE": settings["ENGINE"], "NAME": str(path)}, path
    keys = ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")
    return {key: settings[key] for key in keys}, None


def _run_worker(send_id, db, smtp_port, **env):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.newsletter.crash_worker", str(send_id)],
        cwd=ROOT,
        env={
            **os.environ,
            "NL_WORKER_DB": json.dumps(db),
            "NL_SMTP_PORT": str(smtp_port),
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_killed_worker_resumes_without_sending_twice(
    smtp_server, lettre, publication, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    readers = add_subscribers(publication, 60)
    send, _created = sending.create_send(lettre, [publication])
    sending.start_send(send.pk)  # freezes the list; the dummy backend runs no worker
    assert Delivery.objects.filter(send=send, status="pending").count() == 60
    db, sqlite_path = _worker_db(tmp_path)

    # The first worker claims a batch of 25, sends 10 of them and is killed (SIGKILL).
    worker = _run_worker(send.pk, db, smtp_server.port, NL_STOP_AFTER="10")
    assert worker.stdout.readline().strip() == "stopped", worker.stderr.read()
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    assert len(smtp_server.messages) == 10

    # A new worker starts while the dead one's lease still runs: it leaves that batch alone.
    second = _run_worker(send.pk, db, smtp_server.port)
    out, err = second.communicate(timeout=120)
    assert "finished" in out, err
    assert len(smtp_server.messages) == 10 + 35

    # Once the lease has expired, the 15 claimed-but-unsent deliveries are taken again.
    third = _run_worker(send.pk, db, smtp_server.port, NL_LEASE="0")
    out, err = third.communicate(timeout=120)
    assert "finished" in out, err

    received = Counter(smtp_server.recipients())
    assert set(received) == {r.email for r in readers}
    assert set(received.values()) == {1}, "someone got the lettre twice"
    if sqlite_path:
        state = sqlite3.connect(sqlite_path)
        rows = dict(
            state.execute(
                "SELECT status, count(*) FROM newsletter_delivery GROUP BY status"
            ).fetchall()
        )
        send_status = state.execute(
            "SELECT status FROM newsletter_send WHERE id = ?", [send.pk]
        ).fetchone()[0]
        state.close()
    else:
        rows = dict(Counter(Delivery.objects.values_list("status", flat=True)))
        send_status = Send.objects.get(pk=send.pk).status
    assert rows == {"sent": 60}
    assert send_status == "done"


@pytest.mark.django_db
@pytest.mark.usefixtures("each_transport")
def test_exception_mid_batch_then_resume(smtp_server, lettre, publication, settings, monkeypatch):
    settings.RESOURCE_CENTRE = {"NEWSLETTER_BATCH_SIZE": 10, "NEWSLETTER_LEASE_SECONDS": 0}
    readers = add_subscribers(publication, 25)
    calls = {"n": 0}

    def crash_after_seven(delivery_id):
        calls["n"] += 1
        if calls["n"] == 7:
            raise RuntimeError("worker lost")

    after_each_recorded_message(monkeypatch, crash_after_seven)
    send, _created = sending.create_send(lettre, [publication])  # the task fails mid-batch
    assert len(smtp_server.messages) == 7
    send.refresh_from_db()
    assert send.status == Send.Status.SENDING

    monkeypatch.undo()
    sending.dispatch_due_sends()  # what cron runs: stalled sends are resumed

    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    received = Counter(smtp_server.recipients())
    assert set(received) == {r.email for r in readers}
    assert set(received.values()) == {1}


@pytest.mark.django_db
def test_two_workers_never_claim_the_same_delivery(lettre, publication, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.RESOURCE_CENTRE = {"NEWSLETTER_BATCH_SIZE": 20}
    add_subscribers(publication, 50)
    send, _created = sending.create_send(lettre, [publication])
    sending.start_send(send.pk)
    claims = [worker.claim_batch(send.pk) for _i in range(4)]
    claimed = [pk for _claim, ids in claims for pk in ids]
    assert [len(ids) for _claim, ids in claims] == [20, 20, 10, 0]
    assert len(claimed) == len(set(claimed)) == 50


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_share_one_send_without_duplicates(
    smtp_server, lettre, publication, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    readers = add_subscribers(publication, 150)
    send, _created = sending.create_send(lettre, [publication])
    sending.start_send(send.pk)
    db, sqlite_path = _worker_db(tmp_path)
    if sqlite_path:
        db["OPTIONS"] = {"timeout": 30}  # two writers on one SQLite file wait for each other
    go = tmp_path / "go"
    workers = [
        _run_worker(send.pk, db, smtp_server.port, NL_GO_FILE=str(go), NL_SLEEP="0.05")
        for _i in range(2)
    ]
    for process in workers:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    go.touch()  # both start claiming at the same moment
    sent = []
    for process in workers:
        out, err = process.communicate(timeout=180)
        assert "finished" in out, err
        sent.append(int(out.split("finished")[1].split()[0]))

    assert all(sent), f"one worker sent nothing, the send was not shared: {sent}"
    assert sum(sent) == 150
    received = Counter(smtp_server.recipients())
    assert set(received) == {r.email for r in readers}
    assert set(received.values()) == {1}, "someone got the lettre twice"
    if sqlite_path:
        state = sqlite3.connect(sqlite_path)
        rows = dict(
            state.execute(
                "SELECT status, count(*) FROM newsletter_delivery GROUP BY status"
            ).fetchall()
        )
        state.close()
    else:
        rows = dict(Counter(Delivery.objects.values_list("status", flat=True)))
    assert rows == {"sent": 150}
