"""One reader's bad data never stops a send: an address no SMTP server takes, a control character
in a name, a link that cannot be made. That delivery fails with its reason, every other reader
gets the lettre exactly once, and relaunching the send sends nothing more."""

from collections import Counter

import pytest

from newsletter import links, sending
from newsletter.models import Delivery, Send, Subscriber, Subscription

from .conftest import add_subscribers
from .test_crash_resume import _run_worker, _worker_db

# Rows that reached the database before the forms and imports refused them (an old import, the
# shell, another tool): the worker must cope with them all the same.
POISONED = {
    "jérôme@exemple.fr": "Jérôme",  # a non-ASCII local part needs SMTPUTF8
    "ligne\ncassee@example.org": "Ligne",  # a line break in the address
    "sans-arobase.example.org": "Sans arobase",
}
# Sent, but with the line break turned into a space: no header can be injected.
INJECTED_NAME = "Eve\r\nBcc: victime@example.org"


def readers_with_poison(publication):
    before = add_subscribers(publication, 6, prefix="avant")
    poisoned = Subscriber.objects.bulk_create(
        [Subscriber(email=email, name=name, status="active") for email, name in POISONED.items()]
        + [Subscriber(email="eve@example.org", name=INJECTED_NAME, status="active")]
    )
    poisoned = list(Subscriber.objects.filter(email__in=[*POISONED, "eve@example.org"]))
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, publication=publication) for s in poisoned]
    )
    after = add_subscribers(publication, 6, prefix="apres")
    return [*before, *after, next(s for s in poisoned if s.email == "eve@example.org")]


def assert_each_reader_got_it_once(smtp_server, readers):
    received = Counter(smtp_server.recipients())
    assert received == Counter(r.email for r in readers), received
    eve = [m for tos, m in smtp_server.messages if tos == ["eve@example.org"]]
    assert len(eve) == 1 and eve[0]["Bcc"] is None
    (address,) = eve[0]["To"].addresses  # the name stays one quoted display name
    assert (address.display_name, address.addr_spec) == (
        "Eve Bcc: victime@example.org",
        "eve@example.org",
    )


def assert_poisoned_rows_failed_with_a_reason(send):
    failed = Delivery.objects.filter(send=send, status=Delivery.Status.FAILED)
    assert sorted(failed.values_list("subscriber__email", flat=True)) == sorted(POISONED)
    assert all(reason for reason in failed.values_list("reason", flat=True))


@pytest.mark.usefixtures("each_transport")
def test_a_poisoned_row_mid_list_fails_alone_and_a_relaunch_sends_nothing(
    smtp_server, lettre, publication, settings
):
    settings.RESOURCE_CENTRE = {"NEWSLETTER_BATCH_SIZE": 5}  # poison across two batches
    readers = readers_with_poison(publication)

    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert_each_reader_got_it_once(smtp_server, readers)
    assert_poisoned_rows_failed_with_a_reason(send)
    # Relaunching, as the every-minute dispatch or staff would, sends nothing again.
    sending.dispatch_due_sends()
    sending.resume(send)
    assert_each_reader_got_it_once(smtp_server, readers)


@pytest.mark.usefixtures("each_transport")
def test_a_reader_whose_links_cannot_be_made_fails_alone(
    smtp_server, lettre, publication, monkeypatch
):
    readers = add_subscribers(publication, 5)
    make_link = links.unsubscribe_url

    def broken_for_the_third(subscriber, publication_id=None):
        if subscriber.pk == readers[2].pk:
            raise KeyError("broken template value")
        return make_link(subscriber, publication_id)

    monkeypatch.setattr(links, "unsubscribe_url", broken_for_the_third)
    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert sorted(smtp_server.recipients()) == sorted(
        r.email for i, r in enumerate(readers) if i != 2
    )
    failed = Delivery.objects.get(send=send, status=Delivery.Status.FAILED)
    assert failed.subscriber_id == readers[2].pk and "broken template value" in failed.reason


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_a_send_with_poisoned_rows(
    smtp_server, lettre, publication, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    readers = readers_with_poison(publication)
    send, _created = sending.create_send(lettre, [publication])
    sending.start_send(send.pk)
    db, sqlite_path = _worker_db(tmp_path)
    if sqlite_path:
        db["OPTIONS"] = {"timeout": 30}
    go = tmp_path / "go"
    workers = [
        _run_worker(send.pk, db, smtp_server.port, NL_GO_FILE=str(go), NL_SLEEP="0.02")
        for _i in range(2)
    ]
    for process in workers:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    go.touch()
    for process in workers:
        out, err = process.communicate(timeout=180)
        assert "finished" in out, err
    assert_each_reader_got_it_once(smtp_server, readers)


@pytest.mark.usefixtures("each_transport")
def test_a_batch_stopped_by_the_database_records_what_the_server_accepted(
    smtp_server, lettre, publication, monkeypatch
):
    """The database fails while the previous reader's message is with the server: that message
    is recorded all the same, and the retry sends it to nobody twice."""
    from django.db import OperationalError

    from newsletter import worker

    readers = add_subscribers(publication, 8)
    build = worker.build_message

    def database_gone_at_the_fifth(template, delivery):
        if delivery.subscriber_id == readers[4].pk:
            raise OperationalError("server closed the connection unexpectedly")
        return build(template, delivery)

    monkeypatch.setattr(worker, "build_message", database_gone_at_the_fifth)
    sending.create_send(lettre, [publication])  # the worker's task fails
    assert len(smtp_server.messages) == 4
    sent = Delivery.objects.filter(status=Delivery.Status.SENT)
    assert sorted(sent.values_list("subscriber_id", flat=True)) == [r.pk for r in readers[:4]]

    monkeypatch.setattr(worker, "build_message", build)
    sending.dispatch_due_sends()
    assert Counter(smtp_server.recipients()) == Counter(r.email for r in readers)
