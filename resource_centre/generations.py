"""Generations: what is computed from a kind of content, kept until that content changes.

Each kind ("annuaire") has a token in the database that every change to its content replaces. A
result computed from it (the annuaire's facet counts over every entry: 70 ms of SQL for 50,000
people) is kept in Django's cache under the current token, so it is computed once per change
instead of once per visit.

The token lives in the database, not in the cache, so that every process of the site sees a
change at once, whatever cache the site has (a local memory cache per process included). It is
renewed once the change commits, in a transaction of its own: renewing it inside the change's
transaction locked its row until that ended, so a 20,000-row import held every other edit of the
annuaire for a minute, and an editor's save and the import could deadlock. A visit between the
commit and the renewal may still read the counts of before; one that computes counts then files
them under the token about to be replaced. Changes are followed through Django's signals
(`follow`); a write that skips them (bulk_create, QuerySet.update, raw SQL) calls `bump` itself.
"""

import hashlib
import importlib.metadata
import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import cached_property

# A safety net, not the rule: a change written past the signals heals within this time.
TIMEOUT = 3600
try:
    VERSION = importlib.metadata.version("wagtail-resource-centre")
except importlib.metadata.PackageNotFoundError:  # run from a checkout
    VERSION = "checkout"


def _new_token():
    return uuid.uuid4().hex


def bump(name):
    """`name`'s content changed: what was kept from it is computed again once the change is
    committed (at once outside a transaction)."""
    # Robust: the change is committed already, a failure here must not turn it into an error.
    transaction.on_commit(lambda: _renew(name), robust=True)


def bump_all():
    """Something every kind of content refers to changed (the territoires' tree)."""
    transaction.on_commit(lambda: _renew(None), robust=True)


def _renew(name):
    """A new token for `name` (for every kind, followed or bumped, when None)."""
    from .models import Generation

    token = _new_token()
    names = [name] if name else _followed | set(Generation.objects.values_list("name", flat=True))
    for kind in sorted(names):
        if not Generation.objects.filter(name=kind).update(token=token):
            Generation.objects.update_or_create(name=kind, defaults={"token": token})


_followed = set()


def follow(name, *models):
    """Bump `name` on every save and delete of `models`, on every change to their many-to-many
    links and, for those that are pages, on every publication, unpublication and move: those
    may save a base page (the admin's bulk unpublish, an expiry, a move), whose post_save names
    no specific model."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .compat import AbstractPage

    _followed.add(name)

    def changed(sender, action="post_", **kwargs):
        if action.startswith("post_"):  # m2m_changed also says pre_add, pre_remove…
            bump(name)

    for model in models:
        uid = f"generation-{name}-{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        if issubclass(model, AbstractPage):  # these three name the specific model
            for signal in (page_published, page_unpublished, post_page_move):
                signal.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                changed,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}-{field.name}",
            )


class Kept:
    """What is kept of `name`'s current generation. Its token is read once, on the first `get`
    (one query): make one per request. A template keeps a block with Django's `{% cache %}`,
    `prefix` among its variables: `{% cache kept.timeout name kept.prefix LANGUAGE_CODE … %}`."""

    timeout = TIMEOUT

    def __init__(self, name):
        self.name = name

    @cached_property
    def prefix(self):
        from .models import Generation

        token = Generation.objects.filter(name=self.name).values_list("token", flat=True).first()
        if token is None:  # never changed since the suite was installed: from now on, it is
            token = Generation.objects.get_or_create(
                name=self.name, defaults={"token": _new_token()}
            )[0].token
        # The database tells apart sites (or test databases) that share one cache server, and
        # the suite's version what it kept before an upgrade.
        database = hashlib.sha256(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:16]
        return f"resource_centre.kept:{VERSION}:{database}:{self.name}:{token}"

    def get(self, key, compute):
        """The value kept under `key`, or `compute()`'s, kept for the next reads."""
        full = f"{self.prefix}:{key}"
        value = cache.get(full)
        if value is None:
            value = compute()
            cache.set(full, value, TIMEOUT)
        return value
