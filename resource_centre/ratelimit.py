"""A small fixed-window rate limit for the public forms that send e-mail or take a seat.

It counts in Django's cache, so a site with several processes needs a shared cache (Redis,
Memcached, the database cache) for the limit to hold across them.
"""

from django.core.cache import cache


def too_many_attempts(request, scope, limit, window):
    """True once `request`'s client has made more than `limit` attempts at `scope` in `window` s."""
    key = f"resource_centre.ratelimit:{scope}:{request.META.get('REMOTE_ADDR', '?')}"
    cache.add(key, 0, window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, window)
        attempts = 1
    return attempts > limit
