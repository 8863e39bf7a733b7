"""A small fixed-window rate limit for the public forms that send e-mail or take a seat.

Attempts are counted per form (`scope`), per thing acted on (`target`: an event, a directory) and
per client address, so a crowd on one event does not block another, and visitors behind a proxy
are told apart when the proxy is trusted (see resource_centre/client.py).

It counts in Django's cache, so a site with several processes needs a shared cache (Redis,
Memcached, the database cache) for the limit to hold across them.
"""

import hashlib

from django.core.cache import cache

from .client import client_address


def too_many_attempts(request, scope, limit, window, target=None):
    """True once this client has made more than `limit` attempts at `scope` and `target` in
    `window` seconds."""
    who = f"{scope}|{target}|{client_address(request) or '?'}"
    key = "resource_centre.ratelimit:" + hashlib.sha256(who.encode()).hexdigest()
    cache.add(key, 0, window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, window)
        attempts = 1
    return attempts > limit
