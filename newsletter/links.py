"""Signed links sent to readers: double opt-in confirmation, unsubscribe, preferences."""

from django.urls import reverse

from resource_centre.tokens import InvalidToken, make_token, read_token

from . import conf

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"


def confirm_token(subscriber, publication_ids, ip, source):
    return make_token(
        CONFIRM,
        {
            "s": subscriber.pk,
            "v": subscriber.token_version,
            "p": sorted(publication_ids),
            "ip": ip,
            "src": source,
            "cv": conf.get("NEWSLETTER_CONSENT_VERSION"),
        },
    )


def manage_token(subscriber, publication_id=None):
    return make_token(
        MANAGE, {"s": subscriber.pk, "v": subscriber.token_version, "p": publication_id}
    )


def _subscriber(payload):
    from .models import Subscriber

    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        raise InvalidToken()
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    if subscriber is None or subscriber.token_version != payload.get("v"):
        raise InvalidToken()
    return subscriber


def read_confirm(token):
    payload = read_token(CONFIRM, token, conf.get("NEWSLETTER_CONFIRM_MAX_AGE"))
    subscriber = _subscriber(payload)
    ids = payload.get("p")
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise InvalidToken()
    return subscriber, payload


def read_manage(token):
    """(subscriber, publication id or None) for an unsubscribe or preferences link."""
    payload = read_token(MANAGE, token, conf.get("NEWSLETTER_LINK_MAX_AGE"))
    subscriber = _subscriber(payload)
    publication_id = payload.get("p")
    if publication_id is not None and not isinstance(publication_id, int):
        raise InvalidToken()
    return subscriber, publication_id


def absolute(path):
    return conf.base_url() + path


def unsubscribe_url(subscriber, publication_id=None):
    token = manage_token(subscriber, publication_id)
    return absolute(reverse("newsletter:unsubscribe", args=[token]))


def preferences_url(subscriber):
    return absolute(reverse("newsletter:preferences", args=[manage_token(subscriber)]))


def confirm_url(token):
    return absolute(reverse("newsletter:confirm", args=[token]))
