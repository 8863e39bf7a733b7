"""Self-service links of an entry's actor: propose changes (structures and people), remove
oneself (people). Sending a proposal spends the link, asking for new links revokes the older
ones: both bump the entry's `link_version`."""

from resource_centre.tokens import InvalidToken, SignedLink

from . import conf
from .models import Person, Structure

UPDATE = "annuaire.update"
REMOVE = "annuaire.remove"


def _link(purpose, model):
    return SignedLink(
        f"{purpose}.{model._meta.model_name}",
        model._meta.label,
        "link_version",
        max_age=lambda: conf.get("ANNUAIRE_LINK_MAX_AGE"),
    )


LINKS = {
    UPDATE: [_link(UPDATE, Structure), _link(UPDATE, Person)],
    REMOVE: [_link(REMOVE, Person)],  # a structure is not removed by a visitor
}


def _link_for(purpose, entry):
    return next(link for link in LINKS[purpose] if isinstance(entry, link.model))


def token_for(purpose, entry):
    return _link_for(purpose, entry).make(entry)


def entry_for(purpose, token):
    """The entry a link opens; InvalidToken if forged, expired, already used or deleted."""
    problem = InvalidToken()
    for link in LINKS[purpose]:
        try:
            return link.open(token)[0]
        except InvalidToken as error:
            if error.reason != "invalid":
                raise
            problem = error
    raise problem


def spend(entry):
    """True for the one request that uses the entry's link (a proposal sent)."""
    return _link_for(UPDATE, entry).spend(entry)


def revoke(entry):
    """Void the links already sent for `entry` (a new one is on its way)."""
    _link_for(UPDATE, entry).revoke(entry)


__all__ = ["InvalidToken", "REMOVE", "UPDATE", "entry_for", "revoke", "spend", "token_for"]
