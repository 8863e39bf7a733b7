"""Shared core of the resource-centre suite: taxonomies, centre settings, blocks, layout, search."""

# <id:…> must be known before any app of the suite builds its URL patterns or routable pages,
# and every one of them imports this package first.
from . import ids as _ids  # noqa: F401
