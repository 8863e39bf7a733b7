"""What the worker does when things go wrong mid-send, over a real SMTP server: refusals that are
not the reader's fault, lost leases, readers leaving a list, staff pausing or cancelling."""

import smtplib
from collections import Counter

import pytest

from newsletter import links, queueing, replies, sending, transports, worker
from newsletter.models import Delivery, Publication, Send, Subscriber, Subscription

from .conftest import add_subscribers, after_each_recorded_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_transport")]

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def frozen_send(lettre, publications, settings):
    """A started send whose workers have not run yet (the dummy backend runs no task)."""
    tasks = settings.TASKS
    settings.TASKS = DUMMY_TASKS
    send, _created = sending.create_send(lettre, publications)
    sending.start_send(send.pk)
    settings.TASKS = tasks
    return send


# --- permanent errors that are not the reader's fault ------------------------------------------


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one-by-one"])
def test_sender_refused_pauses_the_send_and_marks_nobody(
    smtp_server, lettre, publication, pipelining
):
    smtp_server.pipelining = pipelining
    readers = add_subscribers(publication, 5)
    smtp_server.mail_reply = "550 5.7.1 Expéditeur non autorisé"

    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert "refuse l’adresse d’expédition" in send.last_error and "5.7.1" in send.last_error
    assert not Subscriber.objects.exclude(status="active").exists()
    assert send.counts()["pending"] == 5 and not smtp_server.messages
    # Once the relay is fixed, staff resume and everyone gets the lettre once.
    smtp_server.mail_reply = None
    sending.resume(send)
    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert sorted(smtp_server.recipients()) == sorted(r.email for r in readers)


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one-by-one"])
def test_data_refusals_fail_deliveries_then_the_breaker_pauses_the_send(
    smtp_server, lettre, publication, settings, pipelining
):
    smtp_server.pipelining = pipelining
    settings.RESOURCE_CENTRE = {"NEWSLETTER_MAX_PERMANENT_ERRORS_IN_A_ROW": 3}
    add_subscribers(publication, 10)
    smtp_server.data_reply = "554 5.7.1 Message refusé par la politique du relais"

    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert "3 messages refusés d’affilée" in send.last_error
    counts = send.counts()
    assert (counts["failed"], counts["pending"], counts["sent"]) == (3, 7, 0)
    assert set(Delivery.objects.filter(status="failed").values_list("reason", flat=True)) == {
        "554 5.7.1 Message refusé par la politique du relais"
    }
    assert not Subscriber.objects.filter(status="bounced").exists()
    # The pending deliveries were given back: a resume sends them at once, not after the lease.
    assert not Delivery.objects.filter(status="pending").exclude(claimed_by="").exists()
    smtp_server.data_reply = None
    sending.resume(send)
    assert len(smtp_server.messages) == 7


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one-by-one"])
def test_only_an_unknown_recipient_is_marked_bounced(smtp_server, lettre, publication, pipelining):
    smtp_server.pipelining = pipelining
    add_subscribers(publication, 4)
    smtp_server.rcpt_replies = {
        "lecteur0@example.org": "550 5.1.1 Boîte inconnue",
        "lecteur1@example.org": "550 5.7.1 Relaying denied",
        "lecteur2@example.org": "554 Relay access denied",
    }

    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    status = dict(Subscriber.objects.values_list("email", "status"))
    assert status == {
        "lecteur0@example.org": "bounced",
        "lecteur1@example.org": "active",
        "lecteur2@example.org": "active",
        "lecteur3@example.org": "active",
    }
    reasons = dict(Delivery.objects.values_list("subscriber__email", "reason"))
    assert reasons["lecteur1@example.org"] == "550 5.7.1 Relaying denied"
    assert smtp_server.recipients() == ["lecteur3@example.org"]


def test_classification_of_smtp_replies():
    def rcpt(code, text):
        return smtplib.SMTPRecipientsRefused({"a@x.org": (code, text.encode())})

    assert replies.classify(rcpt(550, "5.1.1 User unknown")) == replies.BOUNCE
    assert replies.classify(rcpt(550, "5.2.1 Mailbox disabled")) == replies.BOUNCE
    assert replies.classify(rcpt(550, "No such user")) == replies.BOUNCE
    assert replies.classify(rcpt(550, "Relaying denied")) == replies.REFUSED
    assert replies.classify(rcpt(550, "5.7.1 Blocked")) == replies.REFUSED
    assert replies.classify(rcpt(451, "4.3.0 Try later")) == replies.TRANSIENT
    assert replies.classify(smtplib.SMTPSenderRefused(553, b"no", "x@y")) == replies.SENDER
    assert replies.classify(smtplib.SMTPSenderRefused(451, b"later", "x@y")) == replies.TRANSIENT
    assert replies.classify(smtplib.SMTPDataError(554, b"spam")) == replies.REFUSED
    assert replies.classify(smtplib.SMTPDataError(552, b"too big")) == replies.TRANSIENT
    assert replies.classify(smtplib.SMTPServerDisconnected("gone")) == replies.TRANSIENT


def test_one_session_carries_the_whole_batch_despite_a_refused_recipient(
    smtp_server, lettre, publication, settings
):
    settings.RESOURCE_CENTRE = {"NEWSLETTER_RETRY_BASE_SECONDS": 0}
    add_subscribers(publication, 8)
    smtp_server.refuse.add("lecteur2@example.org")
    smtp_server.rcpt_replies = {"lecteur5@example.org": "451 4.3.0 Réessayez"}

    sending.create_send(lettre, [publication])

    # lecteur5 is deferred at every attempt; the six others went through a single session.
    assert len(smtp_server.recipients()) == 6
    assert len(smtp_server.sessions) == 1


def test_smtp_connections_have_a_timeout_even_when_the_site_sets_none(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = None
    assert transports.mail_connection().timeout == 30
    settings.EMAIL_TIMEOUT = 5
    assert transports.mail_connection().timeout == 5


# --- leases ------------------------------------------------------------------------------------


def test_a_worker_whose_claim_was_taken_over_sends_nothing(
    smtp_server, lettre, publication, settings
):
    readers = add_subscribers(publication, 6)
    send = frozen_send(lettre, [publication], settings)
    settings.RESOURCE_CENTRE = {"NEWSLETTER_LEASE_SECONDS": 0}
    slow_claim, slow_ids = worker.claim_batch(send.pk)
    # The slow worker's lease expired: another worker takes the same deliveries.
    fast_claim, fast_ids = worker.claim_batch(send.pk)
    assert sorted(fast_ids) == sorted(slow_ids) and len(slow_ids) == 6
    send.refresh_from_db()
    rendered = worker.RenderedEmail(send.subject, send.html, send.text)

    worker.deliver_batch(send, fast_claim, fast_ids, rendered, publication)
    worker.deliver_batch(send, slow_claim, slow_ids, rendered, publication)

    received = Counter(smtp_server.recipients())
    assert set(received) == {r.email for r in readers}
    assert set(received.values()) == {1}
    assert Delivery.objects.filter(send=send, status="sent").count() == 6


# --- readers leaving, several lists ------------------------------------------------------------


def test_a_reader_who_left_the_list_after_the_freeze_gets_nothing(
    smtp_server, lettre, publication, settings
):
    add_subscribers(publication, 3)
    send = frozen_send(lettre, [publication], settings)
    Subscription.objects.filter(subscriber__email="lecteur1@example.org").delete()

    worker.run_worker(send.pk)

    assert sorted(smtp_server.recipients()) == ["lecteur0@example.org", "lecteur2@example.org"]
    left = Delivery.objects.get(subscriber__email="lecteur1@example.org")
    assert left.status == "failed" and left.reason == "Plus abonné au moment de l’envoi."
    assert Subscriber.objects.get(email="lecteur1@example.org").status == "active"


def test_a_reader_who_leaves_mid_batch_is_left_out_at_the_next_lease_renewal(
    smtp_server, lettre, publication, settings, monkeypatch
):
    add_subscribers(publication, 4)
    send = frozen_send(lettre, [publication], settings)
    settings.RESOURCE_CENTRE = {"NEWSLETTER_LEASE_SECONDS": 0}  # renewed before every message

    def reader_leaves_after_the_first(delivery_id):
        Subscription.objects.filter(subscriber__email="lecteur3@example.org").delete()

    after_each_recorded_message(monkeypatch, reader_leaves_after_the_first)
    worker.run_worker(send.pk)

    assert "lecteur3@example.org" not in smtp_server.recipients()
    assert len(smtp_server.recipients()) == 3
    left = Delivery.objects.get(subscriber__email="lecteur3@example.org")
    assert left.status == "failed" and left.reason == "Plus abonné au moment de l’envoi."


def test_a_send_to_two_lists_names_each_readers_own_list(smtp_server, lettre, publication):
    revue = Publication.objects.create(
        name="Revue de presse",
        slug="revue",
        sender_name="RésO Villes",
        sender_email="revue@resovilles.example",
    )
    only_revue = add_subscribers(revue, 1, prefix="revue")[0]
    only_lettre = add_subscribers(publication, 1, prefix="lettre")[0]

    sending.create_send(lettre, [publication, revue])

    messages = {tos[0]: message for tos, message in smtp_server.messages}
    assert set(messages) == {only_revue.email, only_lettre.email}
    for reader, list_name, list_id in (
        (only_revue, "Revue de presse", revue.pk),
        (only_lettre, "Lettre mensuelle", publication.pk),
    ):
        message = messages[reader.email]
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert f"Vous recevez « {list_name} » à l’adresse {reader.email}" in text
        assert f"« {list_name} »" in html
        url = message["List-Unsubscribe"].split("<")[1].split(">")[0]
        token = url.rstrip("/").rsplit("/", 1)[1]
        assert links.read_manage(token) == (reader, list_id)


# --- staff pausing or cancelling a send in progress ---------------------------------------------


def staff_acts_during_message(monkeypatch, number, action):
    """Staff click `action` while message `number` is on its way: the server has taken it, the
    worker has not recorded it yet."""
    record, calls = queueing.record_sent, []

    def act_then_record(delivery_id, send_id):
        calls.append(delivery_id)
        if len(calls) == number:
            action(Send.objects.get())
        return record(delivery_id, send_id)

    monkeypatch.setattr(queueing, "record_sent", act_then_record)


def test_pause_mid_batch_stops_the_worker_and_resume_finishes(
    smtp_server, lettre, publication, monkeypatch
):
    readers = add_subscribers(publication, 12)
    staff_acts_during_message(monkeypatch, 3, sending.pause)
    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert len(smtp_server.messages) == 3  # the message in hand went, the rest of the batch waited
    counts = send.counts()
    assert (counts["sent"], counts["pending"]) == (3, 9)

    monkeypatch.undo()
    sending.resume(send)
    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    received = Counter(smtp_server.recipients())
    assert set(received) == {r.email for r in readers} and set(received.values()) == {1}


def test_pause_mid_batch_with_another_e_mail_backend_sends_nothing_more(
    lettre, publication, settings, monkeypatch
):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    add_subscribers(publication, 6)
    staff_acts_during_message(monkeypatch, 3, sending.pause)
    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert len(mail.outbox) == 3
    counts = send.counts()
    assert (counts["sent"], counts["pending"]) == (3, 3)


def test_cancel_mid_batch_stops_the_worker_for_good(smtp_server, lettre, publication, monkeypatch):
    add_subscribers(publication, 12)
    staff_acts_during_message(monkeypatch, 2, sending.cancel)
    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    assert send.status == Send.Status.CANCELLED
    assert len(smtp_server.messages) == 2
    assert send.counts()["sent"] == 2
    sending.dispatch_due_sends()  # cron does not revive it
    assert len(smtp_server.messages) == 2


def test_server_lost_mid_batch_keeps_what_was_sent(
    smtp_server, lettre, publication, settings, monkeypatch
):
    settings.RESOURCE_CENTRE = {"NEWSLETTER_MAX_ATTEMPTS": 1}
    add_subscribers(publication, 6)

    def server_dies_after_three(delivery_id):
        if len(smtp_server.messages) == 3:
            smtp_server.controller.stop()

    after_each_recorded_message(monkeypatch, server_dies_after_three)
    send, _created = sending.create_send(lettre, [publication])

    send.refresh_from_db()
    counts = send.counts()
    assert (counts["sent"], counts["failed"], counts["pending"]) == (3, 3, 0)
    assert "Le serveur d’envoi est injoignable" in send.last_error
    assert not Delivery.objects.filter(status="sent").exclude(reason="").exists()
    assert not Subscriber.objects.exclude(status="active").exists()


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one-by-one"])
def test_a_dropped_session_is_reopened_for_the_rest_of_the_batch(
    smtp_server, lettre, publication, pipelining
):
    smtp_server.pipelining = pipelining
    add_subscribers(publication, 6)
    # 421: the server closes the session; smtplib drops it too.
    smtp_server.rcpt_replies = {"lecteur2@example.org": "421 4.3.2 Arrêt du service"}

    send, _created = sending.create_send(lettre, [publication])

    assert len(smtp_server.recipients()) == 5
    assert len(smtp_server.sessions) == 2  # one before the drop, one after
    retried = Delivery.objects.get(subscriber__email="lecteur2@example.org")
    assert retried.status == "pending" and retried.reason.startswith("421")
