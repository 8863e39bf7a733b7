"""Self-service links of an entry's actor: propose changes (structures and people), remove
oneself (people). Sending a proposal spends the proposal link (the entry's `link_version`); the
removal link sent with it keeps working (`removal_link_version`), as the e-mail promises each
link once. Asking for new links revokes the older ones of both kinds."""

from resource_centre.tokens import InvalidToken, SignedLink

from . import conf
from .models import Person, Structure

UPDATE = "annuaire.update"
REMOVE = "annuaire.remove"


def _link(purpose, model, version_field="link_version"):
    return SignedLink(
        f"{purpose}.{model._meta.model_name}",
        model._meta.label,
        version_field,
        max_age=lambda: conf.get("ANNUAIRE_LINK_MAX_AGE"),
    )


LINKS = {
    UPDATE: [_link(UPDATE, Structure), _link(UPDATE, Person)],
    # A structure is not removed by a visitor.
    REMOVE: [_link(REMOVE, Person, "removal_link_version")],
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
    """Void the links already sent for `entry` (new ones are on their way)."""
    for links in LINKS.values():
        for link in links:
            if isinstance(entry, link.model):
                link.revoke(entry)


__all__ = ["InvalidToken", "REMOVE", "UPDATE", "entry_for", "revoke", "spend", "token_for"]
