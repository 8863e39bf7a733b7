"""Self-service links: signed, expiring, single-use (the entry's `link_version` is in the payload)."""

from resource_centre.tokens import InvalidToken, make_token, read_token

from . import conf
from .models import Person, Structure

UPDATE = "annuaire.update"
REMOVE = "annuaire.remove"
KINDS = {"s": Structure, "p": Person}


def token_for(purpose, entry):
    kind = "s" if isinstance(entry, Structure) else "p"
    return make_token(purpose, {"k": kind, "id": entry.pk, "v": entry.link_version})


def entry_for(purpose, token):
    """The entry a link opens; InvalidToken if forged, expired, already used or deleted."""
    payload = read_token(purpose, token, max_age=conf.get("ANNUAIRE_LINK_MAX_AGE"))
    if not isinstance(payload, dict) or payload.get("k") not in KINDS:
        raise InvalidToken()
    if purpose == REMOVE and payload["k"] != "p":
        raise InvalidToken()
    entry_id, version = payload.get("id"), payload.get("v")
    if not isinstance(entry_id, int) or not isinstance(version, int):
        raise InvalidToken()
    entry = KINDS[payload["k"]].objects.filter(pk=entry_id).first()
    if entry is None or entry.link_version != version:
        raise InvalidToken()
    return entry


__all__ = ["InvalidToken", "REMOVE", "UPDATE", "entry_for", "token_for"]
