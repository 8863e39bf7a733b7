"""Signed, expiring tokens for every link sent to someone without an account.

A token names its purpose (so a token made for one thing opens nothing else) and carries a small
payload. Callers add to the payload whatever makes the link single-use or revocable, e.g. a
revision id or a counter stored on the object, and compare it with the database when reading.
"""

from django.core import signing


class InvalidToken(Exception):
    """The link was forged, altered, made for something else, or has expired (`expired`)."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_token(purpose, payload):
    return signing.dumps(payload, salt=f"resource_centre.token.{purpose}", compress=True)


def read_token(purpose, token, max_age):
    """The payload of a token made for `purpose` at most `max_age` (seconds or timedelta) ago."""
    if not isinstance(token, str) or len(token) > 2000:
        raise InvalidToken()
    try:
        return signing.loads(token, salt=f"resource_centre.token.{purpose}", max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise InvalidToken() from error
