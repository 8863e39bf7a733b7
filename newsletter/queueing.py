"""The lettre's deliveries as a queue shared by workers: claiming a batch under a lease, giving
back what was not sent, recording each message sent, and knowing when the send is done.

Several workers may share one send: a batch is claimed with ``SELECT … FOR UPDATE SKIP LOCKED``
where the database has it (PostgreSQL), otherwise with a conditional UPDATE (SQLite serialises
writes, so only one worker's UPDATE can take a given row). A worker that dies leaves its batch
claimed; once the lease expires another worker takes the deliveries still pending.
"""

import contextlib
import datetime
import functools
import time
import uuid

from django.db import connection, transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .models import Delivery, Send, Subscriber, Subscription


def _claimable(send_id, now):
    lease = now - datetime.timedelta(seconds=conf.get("NEWSLETTER_LEASE_SECONDS"))
    return (
        Q(send_id=send_id, status=Delivery.Status.PENDING)
        & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=lease))
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    )


def claim_batch(send_id):
    """(claim id, delivery ids) taken by this worker, or (claim id, []) when nothing is free."""
    now, claim = timezone.now(), uuid.uuid4().hex
    size = conf.get("NEWSLETTER_BATCH_SIZE")
    claimable = _claimable(send_id, now)
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(
                Delivery.objects.select_for_update(skip_locked=True)
                .filter(claimable)
                .order_by("pk")
                .values_list("pk", flat=True)[:size]
            )
            Delivery.objects.filter(pk__in=ids).update(claimed_by=claim, claimed_at=now)
        return claim, ids
    while True:
        candidates = list(
            Delivery.objects.filter(claimable).order_by("pk").values_list("pk", flat=True)[:size]
        )
        if not candidates:
            return claim, []
        # The conditions are checked again by the UPDATE itself: a row another worker took
        # in the meantime no longer matches. When another worker took them all, try the next.
        Delivery.objects.filter(claimable, pk__in=candidates).update(
            claimed_by=claim, claimed_at=now
        )
        ids = list(
            Delivery.objects.filter(pk__in=candidates, claimed_by=claim).values_list(
                "pk", flat=True
            )
        )
        if ids:
            return claim, ids


def retry_later(delivery_ids, claim, reason):
    max_attempts = conf.get("NEWSLETTER_MAX_ATTEMPTS")
    base = conf.get("NEWSLETTER_RETRY_BASE_SECONDS")
    now = timezone.now()
    # Only what is still pending: the batch may have sent or failed some before the error.
    pending = Delivery.objects.filter(
        pk__in=delivery_ids, claimed_by=claim, status=Delivery.Status.PENDING
    )
    for delivery in pending:
        attempts = delivery.attempts + 1
        fields = {"attempts": attempts, "claimed_by": "", "claimed_at": None, "reason": reason}
        if attempts >= max_attempts:
            fields["status"] = Delivery.Status.FAILED
        else:
            fields["next_attempt_at"] = now + datetime.timedelta(seconds=base * 2 ** (attempts - 1))
        pending.filter(pk=delivery.pk).update(**fields)


class SendPaused(Exception):
    """The send is no longer running (paused by staff or by the worker itself): stop the batch."""


def pause(send_id, reason):
    Send.objects.filter(pk=send_id, status=Send.Status.SENDING).update(
        status=Send.Status.PAUSED, last_error=reason[:500]
    )


def _fail_readers_who_left(claim):
    """Readers who left the list (or whose address bounced) since the freeze get no message."""
    subscribed = Exists(
        Subscription.objects.filter(
            subscriber_id=OuterRef("subscriber_id"), publication_id=OuterRef("publication_id")
        )
    )
    Delivery.objects.filter(claimed_by=claim, status=Delivery.Status.PENDING).filter(
        ~Q(subscriber__status=Subscriber.Status.ACTIVE) | ~subscribed
    ).update(
        status=Delivery.Status.FAILED,
        reason=_("No longer subscribed when the message was due."),
    )


class Lease:
    """This worker's claim on a batch, and which of its deliveries may still go.

    The claim is renewed for the whole batch in one UPDATE when the batch starts and then once a
    third of the lease has gone by, so a live worker never loses it. Each renewal also reads
    which deliveries are still this claim's (a worker that stalled past its lease must not send
    what another worker took over) and fails those whose reader left the list. Between renewals
    a message needs no query of its own for this: a query per message would cost more than the
    message itself.
    """

    def __init__(self, claim):
        self.claim = claim
        self._renew()

    def _renew(self):
        mine = Delivery.objects.filter(claimed_by=self.claim, status=Delivery.Status.PENDING)
        mine.update(claimed_at=timezone.now())
        _fail_readers_who_left(self.claim)
        self.ids = set(mine.values_list("pk", flat=True))
        self.renewed = time.monotonic()

    def holds(self, delivery_id):
        if time.monotonic() - self.renewed > conf.get("NEWSLETTER_LEASE_SECONDS") / 3:
            self._renew()
        return delivery_id in self.ids


def check_still_sending(send_id):
    """Pause and cancel act before the next message, not at the end of the batch."""
    if not Send.objects.filter(pk=send_id, status=Send.Status.SENDING).exists():
        raise SendPaused  # the claim is given back


def release(claim):
    """Give back the deliveries of this claim that were not sent (paused, cancelled, stopped)."""
    Delivery.objects.filter(claimed_by=claim, status=Delivery.Status.PENDING).update(
        claimed_by="", claimed_at=None
    )


@contextlib.contextmanager
def fast_commits():
    """On PostgreSQL, commits of the batch do not wait for the disk (synchronous_commit off,
    for this session while the batch runs).

    A killed worker loses nothing, since the server holds the commit; only a crash of the
    database server itself could forget the last fraction of a second.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


@functools.cache
def _mark_sent_sql(quote_name):
    """The statement of record_sent, composed once from the models' tables and columns.

    It is the one statement run for every message: the ORM would spend more time building it
    than the database spends running it.
    """
    delivery, send = Delivery._meta, Send._meta

    def table(meta):
        return quote_name(meta.db_table)

    def column(meta, field):
        return quote_name(meta.get_field(field).column)

    return (
        f"UPDATE {table(delivery)} SET {column(delivery, 'status')} = %s, "
        f"{column(delivery, 'sent_at')} = %s, {column(delivery, 'reason')} = '' "
        f"WHERE {column(delivery, 'id')} = %s AND (SELECT {column(send, 'status')} "
        f"FROM {table(send)} WHERE {column(send, 'id')} = %s) = %s"
    )


def record_sent(delivery_id, send_id):
    """Record one accepted message at once, in its own commit: the only window for a duplicate
    is between the SMTP server accepting a message and this commit.

    The same statement tells whether the send still runs (False once staff paused or cancelled
    it), so that the next message needs no query of its own to know whether it may go.
    """
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _mark_sent_sql(connection.ops.quote_name),
            [
                Delivery.Status.SENT,
                connection.ops.adapt_datetimefield_value(now),
                delivery_id,
                send_id,
                Send.Status.SENDING,
            ],
        )
        if cursor.rowcount:
            return True
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENT, sent_at=now, reason=""
    )
    return False


def finish_if_done(send_id):
    if Delivery.objects.filter(send_id=send_id, status=Delivery.Status.PENDING).exists():
        return False
    Send.objects.filter(pk=send_id, status=Send.Status.SENDING).update(
        status=Send.Status.DONE, finished_at=timezone.now()
    )
    return True


def come_back_later(send_id):
    """Pending deliveries wait for a retry or for another worker's lease: come back then."""
    from .tasks import send_batches_task

    if not send_batches_task.get_backend().supports_defer:
        return  # `manage.py newsletter_dispatch` (cron) restarts stalled sends
    lease = datetime.timedelta(seconds=conf.get("NEWSLETTER_LEASE_SECONDS"))
    pending = Delivery.objects.filter(send_id=send_id, status=Delivery.Status.PENDING)
    when = pending.aggregate(retry=Min("next_attempt_at"), lease=Min("claimed_at"))
    candidates = [when["retry"], when["lease"] and when["lease"] + lease]
    run_after = min([c for c in candidates if c] or [timezone.now() + lease])
    send_batches_task.using(run_after=run_after).enqueue(send_id)
