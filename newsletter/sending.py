"""Sends of a lettre: one Send per click (idempotency key), started when due (automatic blocks
filled, MJML rendered once, recipients frozen as Delivery rows), then handed to the workers
(``worker.py``); pause, resume, cancel and resend to the failed recipients."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .automatic import fill_automatic_blocks
from .models import Delivery, Send, Subscriber, Subscription
from .rendering import RenderedEmail, render_lettre

# --- creating a send -------------------------------------------------------------------------


def create_send(lettre, publications, user=None, scheduled_at=None, idempotency_key=None):
    """(send, created). The same idempotency key twice (a double click) gives the first send.

    The lettre is rendered first, so that an MJML error is reported before anything starts
    (``rendering.MjmlError`` propagates).
    """
    render_lettre(lettre, preview=True)
    key = idempotency_key or uuid.uuid4().hex
    existing = Send.objects.filter(idempotency_key=key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            send = Send.objects.create(
                lettre=lettre,
                idempotency_key=key,
                scheduled_at=scheduled_at or timezone.now(),
                created_by=user if user and user.is_authenticated else None,
                subject=lettre.email_subject,
            )
            send.publications.set(publications)
    except IntegrityError:
        return Send.objects.get(idempotency_key=key), False
    enqueue_start(send)
    return send, True


def enqueue_start(send):
    from .tasks import start_send_task

    backend = start_send_task.get_backend()
    if send.scheduled_at > timezone.now():
        if backend.supports_defer:
            start_send_task.using(run_after=send.scheduled_at).enqueue(send.pk)
        return  # otherwise `manage.py newsletter_dispatch` starts it when due
    start_send_task.enqueue(send.pk)


def launch_workers(send):
    from .tasks import send_batches_task

    for _i in range(max(1, int(conf.get("NEWSLETTER_WORKERS")))):
        send_batches_task.enqueue(send.pk)


# --- starting: fill, render once, freeze -------------------------------------------------------


def _publish_filled(lettre):
    revision = lettre.save_revision(log_action=False, clean=False)
    revision.publish(log_action=False)


def count_recipients(publications):
    """The readers a send to these lists would reach now: each active reader once, however
    many of the lists they read (as ``freeze_recipients`` will freeze them)."""
    return (
        Subscription.objects.filter(
            publication__in=publications, subscriber__status=Subscriber.Status.ACTIVE
        )
        .values("subscriber_id")
        .distinct()
        .count()
    )


def freeze_recipients(send):
    """One pending delivery per active subscriber of the chosen lists (each reader once)."""
    publication_ids = list(send.publications.values_list("pk", flat=True))
    rows = (
        Subscription.objects.filter(
            publication_id__in=publication_ids, subscriber__status=Subscriber.Status.ACTIVE
        )
        .order_by("subscriber_id", "publication_id")
        .values_list("subscriber_id", "publication_id")
    )
    batch, last = [], None
    for subscriber_id, publication_id in rows.iterator(chunk_size=2000):
        if subscriber_id == last:
            continue
        last = subscriber_id
        batch.append(
            Delivery(send=send, subscriber_id=subscriber_id, publication_id=publication_id)
        )
        if len(batch) >= 1000:
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Delivery.objects.bulk_create(batch, ignore_conflicts=True)


def start_send(send_id):
    """Start a due send: fill the automatic blocks, render once, freeze the recipients."""
    from .rendering import MjmlError

    with transaction.atomic():
        send = Send.objects.select_for_update().filter(pk=send_id).first()
        if send is None or send.status != Send.Status.SCHEDULED:
            return send and send.status
        if send.scheduled_at > timezone.now():
            return "not due"
        lettre = send.lettre.specific
        if not lettre.live:
            # Unpublished since the send was scheduled: readers must not get a withdrawn lettre.
            send.status = Send.Status.PAUSED
            send.last_error = _(
                "The lettre is no longer published: publish it again, then resume the send."
            )
            send.save(update_fields=["status", "last_error"])
            return "unpublished"
        if fill_automatic_blocks(lettre):
            _publish_filled(lettre)
        try:
            rendered = render_lettre(lettre)
        except MjmlError as error:
            send.status = Send.Status.PAUSED
            send.last_error = str(error)[:500]
            send.save(update_fields=["status", "last_error"])
            return "error"
        send.subject, send.html, send.text = rendered.subject, rendered.html, rendered.text
        freeze_recipients(send)
        send.frozen_at = timezone.now()
        send.status = Send.Status.SENDING
        send.save()
    launch_workers(send)
    return send.status


def dispatch_due_sends():
    """Start every scheduled send that is due and restart the stalled ones (run from cron)."""
    now = timezone.now()
    for send_id in Send.objects.filter(
        status=Send.Status.SCHEDULED, scheduled_at__lte=now
    ).values_list("pk", flat=True):
        start_send(send_id)
    for send in Send.objects.filter(status=Send.Status.SENDING):
        launch_workers(send)


# --- staff actions ---------------------------------------------------------------------------


def pause(send):
    Send.objects.filter(pk=send.pk, status__in=[Send.Status.SENDING, Send.Status.SCHEDULED]).update(
        status=Send.Status.PAUSED
    )


def cancel(send):
    Send.objects.filter(pk=send.pk).exclude(status=Send.Status.DONE).update(
        status=Send.Status.CANCELLED, finished_at=timezone.now()
    )


def resume(send):
    send.refresh_from_db()
    if send.status != Send.Status.PAUSED:
        return
    if send.frozen_at:
        Send.objects.filter(pk=send.pk).update(status=Send.Status.SENDING, last_error="")
        launch_workers(send)
    else:
        Send.objects.filter(pk=send.pk).update(status=Send.Status.SCHEDULED, last_error="")
        send.refresh_from_db()
        enqueue_start(send)


class ActionRefused(Exception):
    """A staff action that does not apply to the send in its current state (French message)."""


def resend_failed(send):
    """Put the failed deliveries of still-active readers back in the queue.

    A cancelled send stays cancelled. A paused one gets its failed deliveries back in the queue
    but stays paused: they go when staff resume it.
    """
    send.refresh_from_db()
    if send.status == Send.Status.CANCELLED:
        raise ActionRefused(_("This send was cancelled: its failed messages cannot be sent again."))
    count = Delivery.objects.filter(
        send=send, status=Delivery.Status.FAILED, subscriber__status=Subscriber.Status.ACTIVE
    ).update(
        status=Delivery.Status.PENDING,
        attempts=0,
        reason="",
        next_attempt_at=None,
        claimed_by="",
        claimed_at=None,
    )
    if count and send.status != Send.Status.PAUSED:
        Send.objects.filter(pk=send.pk).exclude(status=Send.Status.CANCELLED).update(
            status=Send.Status.SENDING, finished_at=None, last_error=""
        )
        launch_workers(send)
    return count


def send_test(lettre, addresses):
    """Send the lettre to a few addresses, "[TEST]" in the subject; nothing is recorded."""
    from resource_centre.mail import queue_email

    rendered = render_lettre(lettre, preview=True)
    publication = lettre.publication
    for address in addresses:
        values = dict(RenderedEmail.sample_values(publication.name), email=address)
        queue_email(
            f"[TEST] {rendered.subject}",
            rendered.personalise_text(values),
            [address],
            html=rendered.personalise_html(values),
            from_email=publication.from_email,
            reply_to=[publication.reply_to] if publication.reply_to else None,
        )
