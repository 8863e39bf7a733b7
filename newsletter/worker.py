"""Sending workers: claim a batch of deliveries with a lease, send each message, record it.

Several workers may share one send: a batch is claimed with ``SELECT … FOR UPDATE SKIP LOCKED``
where the database has it (PostgreSQL), otherwise with a conditional UPDATE (SQLite serialises
writes, so only one worker's UPDATE can take a given row). A worker that dies leaves its batch
claimed; once the lease expires another worker takes the deliveries still pending. The only
window for a duplicate is between the SMTP server accepting a message and the database recording
it, a few milliseconds per message.
"""

import contextlib
import datetime
import functools
import re
import smtplib
import time
import uuid

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf, links
from . import smtp as smtp_transaction
from .mime import MessageTemplate
from .models import Delivery, Send, Subscriber, Subscription
from .rendering import PLACEHOLDERS, RenderedEmail, greeting

# What an SMTP error means for a delivery:
# BOUNCE: the recipient's address does not exist: the delivery fails and the address is marked.
# REFUSED: the server refused this message for another reason (policy, relaying, content): the
#   delivery fails with the reason, the reader keeps their status.
# SENDER: the server refuses our sender (MAIL FROM): every message would fail, so the send pauses.
# TRANSIENT: try again later.
BOUNCE, REFUSED, SENDER, TRANSIENT = "bounce", "refused", "sender", "transient"
_ENHANCED_RE = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})\b")
# Without an enhanced status code, these words in a 5xx reply to RCPT mean a policy refusal.
_POLICY_RE = re.compile(r"relay|auth|polic|spam|block|denied|reject", re.IGNORECASE)


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


def _text(message):
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message or "")


def _recipient_unknown(code, message):
    """True for a refusal that means the mailbox does not exist (RFC 3463 5.1.x, 5.2.1)."""
    if not 500 <= code < 600:
        return False
    enhanced = _ENHANCED_RE.match(_text(message))
    if enhanced:
        subject, detail = enhanced.group(2), enhanced.group(3)
        return subject == "1" or (subject, detail) == ("2", "1")
    return code in (550, 551, 553) and not _POLICY_RE.search(_text(message))


def classify(error):
    """BOUNCE, REFUSED, SENDER or TRANSIENT (see above)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        if not replies or not all(500 <= code < 600 for code, _msg in replies):
            return TRANSIENT
        return BOUNCE if all(_recipient_unknown(c, m) for c, m in replies) else REFUSED
    code = getattr(error, "smtp_code", None)
    if not (isinstance(code, int) and 500 <= code < 600) or code == 552:
        # 552 is often "mailbox full" or "message too large": retry rather than give up.
        return TRANSIENT
    if isinstance(error, smtplib.SMTPSenderRefused):
        return SENDER
    return REFUSED


def _reason(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        for code, message in error.recipients.values():
            text = message.decode(errors="replace") if isinstance(message, bytes) else message
            return f"{code} {text}"[:500]
    code, message = getattr(error, "smtp_code", None), getattr(error, "smtp_error", None)
    if code:
        text = message.decode(errors="replace") if isinstance(message, bytes) else message
        return f"{code} {text}"[:500]
    return (str(error) or error.__class__.__name__)[:500]


def message_template(rendered, sender, prepare=True):
    """The message of a send, serialised once; each recipient's copy is a substitution."""
    mailbox = sender.unsubscribe_mailbox()
    return MessageTemplate(
        rendered,
        subject=rendered.subject,
        from_email=sender.from_email,
        reply_to=[sender.reply_to] if sender.reply_to else [],
        headers={
            "List-Unsubscribe": (
                f"<{PLACEHOLDERS['unsubscribe_url']}>, <mailto:{mailbox}?subject=unsubscribe>"
            ),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{sender.name} <{sender.slug}.{mailbox.rpartition('@')[2]}>",
        },
        prepare=prepare,
    )


def build_message(template, delivery):
    subscriber = delivery.subscriber
    values = {
        "greeting": greeting(subscriber.name),
        "email": subscriber.email,
        "unsubscribe_url": links.unsubscribe_url(subscriber, delivery.publication_id),
        "preferences_url": links.preferences_url(subscriber),
        "list_name": delivery.publication.name,
    }
    return template.build(values, subscriber.name, subscriber.email)


def after_message(delivery):
    """Called after each recorded message (tests inject a crash here)."""


def _retry_later(delivery_ids, claim, reason):
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


def _pause(send_id, reason):
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


def _check_still_sending(send_id):
    """Pause and cancel act before the next message, not at the end of the batch."""
    if not Send.objects.filter(pk=send_id, status=Send.Status.SENDING).exists():
        raise SendPaused  # the claim is given back


def _release(claim):
    """Give back the deliveries of this claim that were not sent (paused, cancelled, stopped)."""
    Delivery.objects.filter(claimed_by=claim, status=Delivery.Status.PENDING).update(
        claimed_by="", claimed_at=None
    )


def get_smtp_connection():
    """Django's connection, with a timeout even when the site set none: a hung server must not
    hold a batch past its lease."""
    if getattr(settings, "EMAIL_TIMEOUT", None):
        return get_connection(fail_silently=False)
    return get_connection(fail_silently=False, timeout=conf.get("NEWSLETTER_SMTP_TIMEOUT"))


class Breaker:
    """Pauses the send after too many permanent errors in a row: a misconfigured relay refusing
    everything must not fail (or bounce) the whole list."""

    def __init__(self, send_id):
        self.send_id, self.errors = send_id, 0
        self.limit = conf.get("NEWSLETTER_MAX_PERMANENT_ERRORS_IN_A_ROW")

    def success(self):
        self.errors = 0

    def failure(self, reason):
        self.errors += 1
        if self.limit and self.errors >= self.limit:
            _pause(
                self.send_id,
                _("Paused after %(count)d messages refused in a row; last reply: %(reason)s")
                % {"count": self.errors, "reason": reason},
            )
            raise SendPaused


def _unreachable(send, ids, claim, error):
    reason = _("The mail server cannot be reached: %(error)s") % {"error": _reason(error)}
    _retry_later(ids, claim, reason[:500])
    Send.objects.filter(pk=send.pk).update(last_error=reason[:500])


class _ServerUnreachable(Exception):
    """The session dropped and could not be opened again: the batch waits for a retry."""


def deliver_batch(send, claim, ids, rendered, sender, breaker=None):
    breaker = breaker or Breaker(send.pk)
    smtp = get_smtp_connection()
    template = message_template(rendered, sender, prepare=isinstance(smtp, SMTPBackend))
    try:
        smtp.open()
    except (OSError, smtplib.SMTPException) as error:
        _unreachable(send, ids, claim, error)
        return
    batch = _Batch(send.pk, claim, smtp, breaker)
    try:
        lease = Lease(claim)
        deliveries = (
            Delivery.objects.filter(pk__in=lease.ids)
            .select_related("subscriber", "publication")
            .order_by("pk")
        )
        _check_still_sending(send.pk)
        with _fast_commits():
            for delivery in deliveries:
                if lease.holds(delivery.pk):
                    _send_one(batch, template, delivery)
            batch.settle()
    except SendPaused:
        pass
    except _ServerUnreachable as unreachable:
        _unreachable(send, ids, claim, unreachable.__cause__)
    finally:
        batch.record_in_flight()
        smtp.close()
        _release(claim)


def _send_one(batch, template, delivery):
    """One reader's message. Their data may be beyond use (an address no SMTP server takes, a
    value a link cannot be made from): that delivery fails with the reason, the batch goes on."""
    try:
        message = build_message(template, delivery)
    except DatabaseError:
        raise  # not the reader's data: the batch stops and is retried
    except Exception as error:
        batch.unbuildable(delivery, error)
        return
    batch.send(delivery, message)


class _Batch:
    """Sends a batch's messages one at a time over one session.

    The worker records a message while the server answers the next one's envelope, and builds
    the next message while the server queues the current one (see newsletter.smtp). A message's
    content leaves only once the previous one is recorded: the window for a duplicate stays one
    commit long, and no content is in flight when after_message() runs.
    """

    def __init__(self, send_id, claim, smtp, breaker):
        self.send_id, self.claim, self.smtp, self.breaker = send_id, claim, smtp, breaker
        self.in_flight = None  # (delivery, its transaction), content sent, verdict not read

    def send(self, delivery, message):
        accepted = self._verdict()
        try:
            transaction = _hand_over(self.smtp, message)
        except (OSError, smtplib.SMTPException) as error:
            self._record(accepted)
            self._failed(delivery, error)
            return
        try:
            self._record(accepted)
        except BaseException:
            transaction.abandon()  # the server drops a transaction that has no content
            raise
        try:
            transaction.send_content()
        except (OSError, smtplib.SMTPException) as error:
            self._failed(delivery, error)
            return
        self.in_flight = (delivery, transaction)

    def settle(self):
        """Read the verdict on the message in flight and record it."""
        self._record(self._verdict())

    def record_in_flight(self):
        """When the batch stops on an unexpected error, the message the server may have accepted
        is still recorded, so that the retry does not send it again (best effort: the error may
        be the database's own)."""
        if self.in_flight is not None:
            with contextlib.suppress(Exception):
                self.settle()

    def unbuildable(self, delivery, error):
        """A reader's message cannot be made: failed for good, with the reason staff will read.
        Not the server's doing, so the breaker does not count it."""
        reason = _("This reader's message cannot be made: %(error)s") % {
            "error": (str(error) or error.__class__.__name__)
        }
        Delivery.objects.filter(pk=delivery.pk, claimed_by=self.claim).update(
            status=Delivery.Status.FAILED, reason=reason[:500]
        )

    def _verdict(self):
        """The delivery whose message the server has just accepted, if any."""
        if self.in_flight is None:
            return None
        (delivery, transaction), self.in_flight = self.in_flight, None
        try:
            transaction.finish()
        except (OSError, smtplib.SMTPException) as error:
            self._failed(delivery, error)
            return None
        return delivery

    def _record(self, delivery):
        """Raises SendPaused when the send must stop after this message."""
        if delivery is None:
            return
        running = _record_sent(delivery.pk, self.send_id)
        self.breaker.success()
        after_message(delivery)
        if not running:
            raise SendPaused

    def _failed(self, delivery, error):
        _failed(delivery, self.claim, error, self.breaker)
        if _session_lost(self.smtp, error):
            self.smtp.close()
            try:
                self.smtp.open()
            except (OSError, smtplib.SMTPException) as error:
                raise _ServerUnreachable from error
        _check_still_sending(self.send_id)


class _SentWhole:
    """A message for a backend other than Django's SMTP one, sent in one go as its content."""

    def __init__(self, smtp, message):
        self.smtp, self.message = smtp, message

    def send_content(self):
        self.smtp.send_messages([self.message])

    def finish(self):
        pass

    def abandon(self):
        pass


def _hand_over(smtp, message):
    """Start sending one message over the open session; returns its transaction.

    A prepared message goes straight to the smtplib session with its envelope: Django's backend
    would parse both addresses again, which costs more than building the message.
    """
    if message.envelope is None:
        return _SentWhole(smtp, message)
    sender, (recipient,) = message.envelope
    return smtp_transaction.Transaction(smtp.connection, sender, recipient, message.prepared)


def _session_lost(smtp, error):
    """After a refusal smtplib has reset the session and it goes on; reconnect only when the
    connection itself is gone (a new one per message would be slow)."""
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if not isinstance(error, smtplib.SMTPException):
        return True  # a socket error
    return getattr(getattr(smtp, "connection", None), "sock", True) is None


def _failed(delivery, claim, error, breaker):
    kind, reason = classify(error), _reason(error)
    if kind == TRANSIENT:
        _retry_later([delivery.pk], claim, reason)
        return
    if kind == SENDER:
        # Nothing of this send can go: keep the delivery pending for when staff resume.
        _pause(
            delivery.send_id,
            _("The mail server refuses the sender address: %(reason)s") % {"reason": reason},
        )
        raise SendPaused
    Delivery.objects.filter(pk=delivery.pk, claimed_by=claim).update(
        status=Delivery.Status.FAILED, reason=reason
    )
    if kind == BOUNCE:
        Subscriber.objects.filter(pk=delivery.subscriber_id).update(
            status=Subscriber.Status.BOUNCED, bounce_reason=reason
        )
    breaker.failure(reason)


@contextlib.contextmanager
def _fast_commits():
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
    """The statement of _record_sent, composed once from the models' tables and columns.

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


def _record_sent(delivery_id, send_id):
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


def _finish_if_done(send_id):
    if Delivery.objects.filter(send_id=send_id, status=Delivery.Status.PENDING).exists():
        return False
    Send.objects.filter(pk=send_id, status=Send.Status.SENDING).update(
        status=Send.Status.DONE, finished_at=timezone.now()
    )
    return True


def _come_back_later(send_id):
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


def run_worker(send_id):
    """Claim and send batches until the send is finished, paused, cancelled or must wait."""
    sent_batches, breaker = 0, Breaker(send_id)
    while True:
        send = Send.objects.select_related("lettre__publication").filter(pk=send_id).first()
        if send is None or send.status != Send.Status.SENDING:
            return sent_batches
        claim, ids = claim_batch(send_id)
        if not ids:
            if not _finish_if_done(send_id):
                _come_back_later(send_id)
            return sent_batches
        rendered = RenderedEmail(send.subject, send.html, send.text)
        deliver_batch(send, claim, ids, rendered, send.lettre.publication, breaker)
        sent_batches += 1
