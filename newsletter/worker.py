"""Sending workers: claim a batch of deliveries with a lease, send each message, record it.

Several workers may share one send: a batch is claimed with ``SELECT … FOR UPDATE SKIP LOCKED``
where the database has it (PostgreSQL), otherwise with a conditional UPDATE (SQLite serialises
writes, so only one worker's UPDATE can take a given row). A worker that dies leaves its batch
claimed; once the lease expires another worker takes the deliveries still pending. The only
window for a duplicate is between the SMTP server accepting a message and the database recording
it, a few milliseconds per message.
"""

import datetime
import smtplib
import uuid

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf, links
from .mime import MessageTemplate
from .models import Delivery, Send, Subscriber
from .rendering import PLACEHOLDERS, RenderedEmail, greeting

PERMANENT, TRANSIENT = "permanent", "transient"


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
    candidates = list(
        Delivery.objects.filter(claimable).order_by("pk").values_list("pk", flat=True)[:size]
    )
    if not candidates:
        return claim, []
    # The conditions are checked again by the UPDATE itself: a row another worker took
    # in the meantime no longer matches.
    Delivery.objects.filter(claimable, pk__in=candidates).update(claimed_by=claim, claimed_at=now)
    return claim, list(
        Delivery.objects.filter(pk__in=candidates, claimed_by=claim).values_list("pk", flat=True)
    )


def classify(error):
    """PERMANENT (the address is refused) or TRANSIENT (try again later)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return PERMANENT if codes and all(500 <= code < 600 for code in codes) else TRANSIENT
    code = getattr(error, "smtp_code", None)
    if isinstance(code, int) and 500 <= code < 600 and code not in (552,):
        # 552 is often "mailbox full" or "message too large": retry rather than bounce.
        return PERMANENT
    return TRANSIENT


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
    }
    return template.build(values, subscriber.name, subscriber.email)


def after_message(delivery):
    """Called after each recorded message (tests inject a crash here)."""


def _retry_later(delivery_ids, claim, reason):
    max_attempts = conf.get("NEWSLETTER_MAX_ATTEMPTS")
    base = conf.get("NEWSLETTER_RETRY_BASE_SECONDS")
    now = timezone.now()
    for delivery in Delivery.objects.filter(pk__in=delivery_ids, claimed_by=claim):
        attempts = delivery.attempts + 1
        fields = {"attempts": attempts, "claimed_by": "", "claimed_at": None, "reason": reason}
        if attempts >= max_attempts:
            fields["status"] = Delivery.Status.FAILED
        else:
            fields["next_attempt_at"] = now + datetime.timedelta(seconds=base * 2 ** (attempts - 1))
        Delivery.objects.filter(pk=delivery.pk, claimed_by=claim).update(**fields)


def deliver_batch(send, claim, ids, rendered, sender):
    deliveries = (
        Delivery.objects.filter(pk__in=ids, claimed_by=claim, status=Delivery.Status.PENDING)
        .select_related("subscriber")
        .order_by("pk")
    )
    smtp = get_connection(fail_silently=False)
    template = message_template(rendered, sender, prepare=isinstance(smtp, SMTPBackend))
    try:
        smtp.open()
    except (OSError, smtplib.SMTPException) as error:
        reason = _("The mail server cannot be reached: %(error)s") % {"error": _reason(error)}
        _retry_later(ids, claim, reason[:500])
        Send.objects.filter(pk=send.pk).update(last_error=reason[:500])
        return
    try:
        for delivery in deliveries:
            if delivery.subscriber.status != Subscriber.Status.ACTIVE:
                Delivery.objects.filter(pk=delivery.pk, claimed_by=claim).update(
                    status=Delivery.Status.FAILED,
                    reason=_("No longer subscribed when the message was due."),
                )
                continue
            try:
                smtp.send_messages([build_message(template, delivery)])
            except (OSError, smtplib.SMTPException) as error:
                if classify(error) == PERMANENT:
                    Delivery.objects.filter(pk=delivery.pk, claimed_by=claim).update(
                        status=Delivery.Status.FAILED, reason=_reason(error)
                    )
                    Subscriber.objects.filter(pk=delivery.subscriber_id).update(
                        status=Subscriber.Status.BOUNCED, bounce_reason=_reason(error)
                    )
                else:
                    _retry_later([delivery.pk], claim, _reason(error))
                    smtp.close()  # the session may be broken: start a fresh one
                continue
            _record_sent(delivery.pk, claim)
            after_message(delivery)
    finally:
        smtp.close()


def _record_sent(delivery_id, claim):
    """Record one accepted message at once, in its own transaction.

    On PostgreSQL the commit does not wait for the disk (synchronous_commit off, for this
    transaction only): a killed worker loses nothing, since the server holds the commit; only a
    crash of the database server itself could forget the last fraction of a second.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        Delivery.objects.filter(pk=delivery_id, claimed_by=claim).update(
            status=Delivery.Status.SENT, sent_at=timezone.now(), reason=""
        )


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
    sent_batches = 0
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
        deliver_batch(send, claim, ids, rendered, send.lettre.publication)
        sent_batches += 1
