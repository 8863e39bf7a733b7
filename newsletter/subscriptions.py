"""What happens to a reader: asking to subscribe, confirming, unsubscribing."""

from django.db import transaction
from django.utils import timezone

from resource_centre.mail import queue_templated_email
from resource_centre.tokens import InvalidToken

from . import links
from .models import Publication, Subscriber, Subscription


def request_subscription(data, source):
    """Record the request and send the double opt-in e-mail.

    The visitor sees the same answer whether or not the address is known: a known address gets
    the same confirmation e-mail, and its stored details are not overwritten by a stranger.
    """
    email = data["email"].strip().lower()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "name": data.get("name", ""),
                "structure": data.get("structure", ""),
                "fonction": data.get("fonction", ""),
            },
        )
        if not created and subscriber.status == Subscriber.Status.PENDING:
            for field in ("name", "structure", "fonction"):
                setattr(subscriber, field, data.get(field, ""))
            subscriber.save(update_fields=["name", "structure", "fonction"])
    publications = list(data["publications"])
    token = links.confirm_token(subscriber, [p.pk for p in publications], source)
    queue_templated_email(
        "newsletter/email/confirm",
        {
            "publications": publications,
            "confirm_url": links.confirm_url(token),
            "name": subscriber.name if created else "",
        },
        [subscriber.email],
    )
    return subscriber


def confirm_subscription(token, ip):
    """Confirm with a confirmation link: the publications it names, with the proof of consent.
    InvalidToken when the link was already used (a replay, or a double click that lost the
    race), with the subscriber it was for."""
    with transaction.atomic():
        subscriber, payload = links.read_confirm(token)
        if not links.CONFIRM.spend(subscriber):
            raise InvalidToken("revoked", row=subscriber)
        publications = list(Publication.objects.filter(pk__in=payload["p"]))
        for publication in publications:
            Subscription.objects.get_or_create(subscriber=subscriber, publication=publication)
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.bounce_reason = ""
        subscriber.consent_at = timezone.now()
        subscriber.consent_ip = ip
        subscriber.consent_source = str(payload.get("src") or "")[:200]
        subscriber.consent_version = str(payload.get("cv") or "")[:50]
        # Only these: the link counters were bumped by UPDATEs a stale copy must not undo.
        subscriber.save(
            update_fields=[
                "status",
                "bounce_reason",
                "consent_at",
                "consent_ip",
                "consent_source",
                "consent_version",
            ]
        )
    return subscriber, publications


def send_manage_link(email):
    """Mail a known reader a new link to their preferences and to unsubscribe (the ones they
    had expired or are lost); an unknown address gets nothing, and the visitor the same answer."""
    subscriber = Subscriber.objects.filter(email=email.strip().lower()).first()
    if subscriber is None:
        return
    queue_templated_email(
        "newsletter/email/manage",
        {
            "preferences_url": links.preferences_url(subscriber),
            "unsubscribe_url": links.unsubscribe_url(subscriber),
        },
        [subscriber.email],
    )


def unsubscribe(subscriber, publication_id=None):
    """Leave one publication (or all); with none left, the reader is unsubscribed and every
    link already sent to them stops working."""
    subscriptions = subscriber.subscriptions.all()
    if publication_id is not None:
        subscriptions = subscriptions.filter(publication_id=publication_id)
    with transaction.atomic():
        subscriptions.delete()
        if subscriber.subscriptions.exists():
            return
        if subscriber.status != Subscriber.Status.BOUNCED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.save(update_fields=["status"])
        links.revoke_all(subscriber)


def set_publications(subscriber, publications):
    with transaction.atomic():
        subscriber.subscriptions.exclude(publication__in=publications).delete()
        for publication in publications:
            Subscription.objects.get_or_create(subscriber=subscriber, publication=publication)
        if publications and subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.save(update_fields=["status"])
    if not publications:
        unsubscribe(subscriber)
