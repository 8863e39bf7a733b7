"""Sending workers: claim a batch of deliveries, send each reader's message through the
transport, record it, and go on whatever one reader's data or the server's reply.

The queue (claims, leases, records) is newsletter/queueing.py, what a reply means is
newsletter/replies.py, how messages reach the server is newsletter/transports.py. The only
window for a duplicate is between the server accepting a message and the database recording it,
a few milliseconds per message.
"""

import contextlib
import smtplib

from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf, links, queueing
from .mime import MessageTemplate
from .models import Delivery, Send, Subscriber
from .models.subscribers import LEFT
from .queueing import SendPaused, claim_batch
from .rendering import PLACEHOLDERS, RenderedEmail, greeting
from .replies import BOUNCE, SENDER, TRANSIENT, classify, reason
from .transports import get_transport


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
            queueing.pause(
                self.send_id,
                _("Paused after %(count)d messages refused in a row; last reply: %(reason)s")
                % {"count": self.errors, "reason": reason},
            )
            raise SendPaused


def _unreachable(send, ids, claim, error):
    why = _("The mail server cannot be reached: %(error)s") % {"error": reason(error)}
    queueing.retry_later(ids, claim, why[:500])
    Send.objects.filter(pk=send.pk).update(last_error=why[:500])


class _ServerUnreachable(Exception):
    """The session dropped and could not be opened again: the batch waits for a retry."""


def deliver_batch(send, claim, ids, rendered, sender, breaker=None):
    breaker = breaker or Breaker(send.pk)
    transport = get_transport()
    template = message_template(rendered, sender, prepare=transport.prepared)
    try:
        transport.open()
    except (OSError, smtplib.SMTPException) as error:
        _unreachable(send, ids, claim, error)
        return
    batch = _Batch(send.pk, claim, transport, breaker)
    try:
        lease = queueing.Lease(claim)
        deliveries = (
            Delivery.objects.filter(pk__in=lease.ids)
            .select_related("subscriber", "publication")
            .order_by("pk")
        )
        queueing.check_still_sending(send.pk)
        with queueing.fast_commits():
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
        transport.close()
        queueing.release(claim)


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
    commit long, and no content is in flight while a message is recorded.
    """

    def __init__(self, send_id, claim, transport, breaker):
        self.send_id, self.claim, self.breaker = send_id, claim, breaker
        self.transport = transport
        self.in_flight = None  # (delivery, its transaction), content sent, verdict not read

    def send(self, delivery, message):
        accepted = self._verdict()
        try:
            transaction = self.transport.hand_over(message)
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
        running = queueing.record_sent(delivery.pk, self.send_id)
        self.breaker.success()
        if not running:
            raise SendPaused

    def _failed(self, delivery, error):
        _failed(delivery, self.claim, error, self.breaker)
        if self.transport.session_lost(error):
            self.transport.close()
            try:
                self.transport.open()
            except (OSError, smtplib.SMTPException) as error:
                raise _ServerUnreachable from error
        queueing.check_still_sending(self.send_id)


def _failed(delivery, claim, error, breaker):
    kind, why = classify(error), reason(error)
    if kind == TRANSIENT:
        queueing.retry_later([delivery.pk], claim, why)
        return
    if kind == SENDER:
        # Nothing of this send can go: keep the delivery pending for when staff resume.
        queueing.pause(
            delivery.send_id,
            _("The mail server refuses the sender address: %(reason)s") % {"reason": why},
        )
        raise SendPaused
    Delivery.objects.filter(pk=delivery.pk, claimed_by=claim).update(
        status=Delivery.Status.FAILED, reason=why
    )
    if kind == BOUNCE:
        # One UPDATE (no save()), so it keeps the departure date itself.
        Subscriber.objects.filter(pk=delivery.subscriber_id).exclude(status__in=LEFT).update(
            status=Subscriber.Status.BOUNCED, bounce_reason=why, left_at=timezone.now()
        )
    breaker.failure(why)


def run_worker(send_id):
    """Claim and send batches until the send is finished, paused, cancelled or must wait."""
    sent_batches, breaker = 0, Breaker(send_id)
    while True:
        send = Send.objects.select_related("lettre__publication").filter(pk=send_id).first()
        if send is None or send.status != Send.Status.SENDING:
            return sent_batches
        claim, ids = claim_batch(send_id)
        if not ids:
            if not queueing.finish_if_done(send_id):
                queueing.come_back_later(send_id)
            return sent_batches
        rendered = RenderedEmail(send.subject, send.html, send.text)
        deliver_batch(send, claim, ids, rendered, send.lettre.publication, breaker)
        sent_batches += 1
