"""Signed links sent to readers: double opt-in confirmation, unsubscribe, preferences.

A confirmation link works once (confirming spends it); unsubscribing from everything revokes
every link already sent to the reader, the confirmation links included.
"""

from django.urls import reverse

from resource_centre.tokens import InvalidToken, SignedLink, read_token

from . import conf

CONFIRM = SignedLink(
    "newsletter.confirm",
    "newsletter.Subscriber",
    "confirm_version",
    max_age=lambda: conf.get("NEWSLETTER_CONFIRM_MAX_AGE"),
)
MANAGE = SignedLink(
    "newsletter.manage",
    "newsletter.Subscriber",
    "token_version",
    max_age=lambda: conf.get("NEWSLETTER_LINK_MAX_AGE"),
    legacy_id_key="s",  # unsubscribe links in lettres sent before 2026-12
)


def confirm_token(subscriber, publication_ids, source):
    return CONFIRM.make(
        subscriber,
        p=sorted(publication_ids),
        src=source,
        cv=conf.get("NEWSLETTER_CONSENT_VERSION"),
    )


def manage_token(subscriber, publication_id=None):
    return MANAGE.make(subscriber, p=publication_id)


def read_confirm(token, queryset=None):
    """(subscriber, payload) for a confirmation link not yet used, nor revoked."""
    subscriber, payload = CONFIRM.open(token, queryset)
    ids = payload.get("p")
    if not isinstance(ids, list) or not all(type(i) is int for i in ids):
        raise InvalidToken()
    return subscriber, payload


def already_confirmed(token, error):
    """Whether a confirmation link refused with `error` was used already (expired since or
    not) and its reader receives every list it names (a second click), rather than spent by
    another confirmation or voided by an unsubscribe."""
    subscriber = error.row
    if subscriber is None or subscriber.status != "active":
        return False
    ids = read_token(CONFIRM.purpose, token, None).get("p")
    received = subscriber.subscriptions.values_list("publication_id", flat=True)
    return isinstance(ids, list) and set(ids) <= set(received)


def read_manage(token):
    """(subscriber, publication id or None) for an unsubscribe or preferences link."""
    subscriber, payload = MANAGE.open(token)
    publication_id = payload.get("p")
    if publication_id is not None and type(publication_id) is not int:
        raise InvalidToken()
    return subscriber, publication_id


def revoke_all(subscriber):
    """Void every link already sent to the reader."""
    MANAGE.revoke(subscriber)
    CONFIRM.revoke(subscriber)


def absolute(path):
    return conf.base_url() + path


def unsubscribe_url(subscriber, publication_id=None):
    token = manage_token(subscriber, publication_id)
    return absolute(reverse("newsletter:unsubscribe", args=[token]))


def preferences_path(subscriber):
    return reverse("newsletter:preferences", args=[manage_token(subscriber)])


def preferences_url(subscriber):
    return absolute(preferences_path(subscriber))


def confirm_url(token):
    return absolute(reverse("newsletter:confirm", args=[token]))
