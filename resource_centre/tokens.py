"""Signed, expiring links for everyone without an account: the one way the suite makes them.

A `SignedLink` is one kind of link (confirming a subscription, cancelling a registration, the
porteur's decision…). Its token is bound to the kind's purpose (a token made for one opens no
other), opens one row of one model, expires, and carries the row's version counter: bumping that
counter (`revoke`) voids every link of the row at once, and a one-off action bumps it in its own
transaction (`spend`) so that its link works once. Payloads are readable by whoever holds the
link (signed, not encrypted): they carry ids and versions, never personal data.
"""

from django.apps import apps
from django.core import signing
from django.db.models import F

from .ids import as_id


class InvalidToken(Exception):
    """The link opens nothing. `reason` says why: "invalid" (forged, altered, made for something
    else, or its row is gone), "expired", or "revoked" (spent, replaced or withdrawn)."""

    def __init__(self, reason="invalid", row=None):
        super().__init__(reason)
        self.reason = reason
        # The row a link was made for when it was spent or revoked since (expired or not), to
        # say what became of it.
        self.row = row

    @property
    def expired(self):
        return self.reason == "expired"

    @property
    def revoked(self):
        return self.reason == "revoked"


def make_token(purpose, payload):
    return signing.dumps(payload, salt=f"resource_centre.token.{purpose}", compress=True)


def read_token(purpose, token, max_age):
    """The payload of a token made for `purpose` at most `max_age` (seconds or timedelta) ago."""
    if not isinstance(token, str) or len(token) > 2000:
        raise InvalidToken()
    try:
        return signing.loads(token, salt=f"resource_centre.token.{purpose}", max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidToken("expired") from error
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise InvalidToken() from error


class SignedLink:
    """One kind of account-less link, opening a row of `model` ("app_label.Model") while the
    row's `version_field` holds the version the link was made with, for `max_age` seconds (a
    number, or a function returning one, read when a link is opened)."""

    def __init__(self, purpose, model, version_field, max_age, legacy_id_key=None):
        self.purpose = purpose
        self.model_label = model
        self.version_field = version_field
        self.max_age = max_age
        # The key under which links made before SignedLink carried the row's id, so that the
        # links already in people's mailboxes (an unsubscribe link in last year's lettre) work.
        self.legacy_id_key = legacy_id_key

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def make(self, row, **data):
        """A token for `row`; `data` (ids, not personal data) comes back from `open`."""
        return make_token(
            self.purpose, {**data, "id": row.pk, "v": getattr(row, self.version_field)}
        )

    def open(self, token, queryset=None):
        """(row, data) for a valid token, from `queryset` if given (to narrow or lock)."""
        max_age = self.max_age() if callable(self.max_age) else self.max_age
        try:
            payload = read_token(self.purpose, token, max_age)
        except InvalidToken as error:
            if error.expired:
                # Expired, but perhaps spent before: a confirmation clicked again months later.
                error.row = self._spent_row(token)
            raise
        row, payload = self._row(payload, queryset)
        if getattr(row, self.version_field) != payload.pop("v"):
            raise InvalidToken("revoked", row=row)
        return row, payload

    def _row(self, payload, queryset=None):
        """(row, payload without its id) of a token's payload."""
        if not isinstance(payload, dict):
            raise InvalidToken()
        if "id" not in payload and self.legacy_id_key:
            payload["id"] = payload.pop(self.legacy_id_key, None)
        pk = as_id(payload.pop("id", None))
        if pk is None or type(payload.get("v")) is not int:
            raise InvalidToken()
        if queryset is None:
            queryset = self.model._default_manager.all()
        row = queryset.filter(pk=pk).first()
        if row is None:
            raise InvalidToken()
        return row, payload

    def _spent_row(self, token):
        """The row of an expired token of ours whose version has moved on since, else None."""
        try:
            row, payload = self._row(read_token(self.purpose, token, None))
        except InvalidToken:
            return None
        return row if getattr(row, self.version_field) != payload["v"] else None

    def revoke(self, row):
        """Void every link of this kind already sent for `row`."""
        field = self.version_field
        type(row)._default_manager.filter(pk=row.pk).update(**{field: F(field) + 1})
        setattr(row, field, getattr(row, field) + 1)

    def spend(self, row):
        """Use the link `row` was opened with: True for the one request that does, False for any
        other (a replay, or a concurrent double click). Call it inside the action's transaction."""
        field = self.version_field
        current = getattr(row, field)
        spent = (
            type(row)
            ._default_manager.filter(pk=row.pk, **{field: current})
            .update(**{field: F(field) + 1})
        )
        if spent:
            setattr(row, field, current + 1)
        return bool(spent)
