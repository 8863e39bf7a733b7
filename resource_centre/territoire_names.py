"""Territoires by their names, both ways.

- `label` names a territoire so that a person tells it from its namesakes ("Saint-Denis —
  municipality, Seine-Saint-Denis (93)"), once `with_context` has read where each one lies.
- `resolve` recognises the territoire a person typed ("Rennes", "Loire-Atlantique", "Rennes –
  Maurepas") among the reference territoires, so that figures can be counted by région,
  département, EPCI or QPV. A name is recognised only when it designates one territoire:
  "Saint-Denis" (several communes) stays unknown rather than guessed.
- `communes` finds the commune of a postal address.
"""

import re

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from .search import normalise

# "Rennes – Maurepas", "Brest - Bellevue", "Cergy (95)", "Lorient, Kervénanec"
SEPARATORS = re.compile(r"\s+[–—-]\s+|[,;/()]")
# The more precise level wins when one name is both (Paris, the commune and the département).
PRECISION = {"qpv": 5, "commune": 4, "epci": 3, "departement": 2, "region": 1}


def with_context(territoires):
    """`territoires` as a list, each with `context`: the territoire that situates it for a
    reader (a QPV's commune, a commune's or an EPCI's département), or None. One query."""
    from .models import Territoire

    territoires = list(territoires)
    wanted = {}
    for territoire in territoires:
        ancestors = Territoire.path_ids(territoire.path)
        if territoire.kind == Territoire.Kind.QPV:
            wanted[territoire.pk] = territoire.parent_id
        elif territoire.kind in (Territoire.Kind.EPCI, Territoire.Kind.COMMUNE):
            # "/région/département/…": the second ancestor, when the chain is recorded.
            wanted[territoire.pk] = ancestors[1] if len(ancestors) > 2 else None
    found = Territoire.objects.in_bulk([pk for pk in wanted.values() if pk])
    for territoire in territoires:
        territoire.context = found.get(wanted.get(territoire.pk))
    return territoires


def label(territoire):
    """ "Saint-Denis — municipality, Seine-Saint-Denis (93)": the name, the level and, read by
    `with_context`, where it lies (many communes share a name)."""
    text = f"{territoire} — {territoire.level}"
    context = getattr(territoire, "context", None)
    if context is not None:
        text += f", {context}"
    if territoire.former:
        text += " — " + _("former")
    return text


def _pieces(text):
    text = " ".join((text or "").replace("\x00", "").split())[:200]
    pieces = [p.strip() for p in SEPARATORS.split(text) if p and p.strip()]
    return [text, *pieces] if len(pieces) > 1 else pieces


def _key(name):
    return normalise(name).replace("-", " ")


def _named(names, territoires=None, **filters):
    """{key: [current territoires of that name]} for these names, whatever their case, in one
    query. `territoires`: the manager to read (a migration passes its historical model's)."""
    if territoires is None:
        from .models import Territoire

        territoires = Territoire.objects
    # Both lowerings: PostgreSQL lowers "Île" to "île", SQLite only ASCII letters.
    lowered = {
        variant
        for name in names
        if name
        for variant in (name.lower(), "".join(c.lower() if c.isascii() else c for c in name))
    }
    by_key = {}
    if lowered:
        for territoire in (
            territoires.annotate(lowered=Lower("name"))
            .filter(lowered__in=lowered, former=False, **filters)
            .only("pk", "name", "kind", "path", "postal_codes")
        ):
            by_key.setdefault(_key(territoire.name), []).append(territoire)
    return by_key


def resolve(texts, territoires=None):
    """{text: territoire or None} for these typed texts, in one query."""
    pieces = {text: found for text in set(texts) if text and (found := _pieces(text))}
    if not pieces:
        return {}
    by_key = _named({p for found in pieces.values() for p in found}, territoires)

    def one(piece):
        found = by_key.get(_key(piece), [])
        best = max((PRECISION.get(t.kind, 0) for t in found), default=0)
        found = [t for t in found if PRECISION.get(t.kind, 0) == best]
        return found[0] if len(found) == 1 else None

    resolved = {}
    for text, found in pieces.items():
        whole = one(found[0])
        if whole is not None or len(found) == 1:
            resolved[text] = whole
            continue
        # "Rennes – Maurepas": the first piece, made more precise by a later one inside it.
        place = one(found[1])
        for piece in found[2:]:
            inner = one(piece)
            if place is not None and inner is not None and inner.path.startswith(place.path):
                place = inner
        resolved[text] = place
    return resolved


def communes(places, territoires=None):
    """{(postcode, city): commune or None} for postal addresses, in one query: the commune of that
    name whose postal codes hold the postcode ("Saint-Denis" 93200 and 97400 are two), or the
    only commune of that name when the postcode does not decide."""
    places = {(str(p or "").strip(), " ".join(str(c or "").split())) for p, c in places}
    by_key = _named({city for _postcode, city in places}, territoires, kind="commune")
    found = {}
    for postcode, city in places:
        named = by_key.get(_key(city), []) if city else []
        matching = [c for c in named if postcode and postcode in c.postal_codes.split()]
        chosen = matching or (named if not postcode or len(named) == 1 else [])
        found[(postcode, city)] = chosen[0] if len(chosen) == 1 else None
    return found
