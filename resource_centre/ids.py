"""Primary keys that come from outside (URLs, forms): only those a database column can hold.

A number beyond 64 bits makes SQLite raise OverflowError and PostgreSQL a DataError on `in`
lookups and raw ids, so such values are refused before any query: an URL answers 404, a form
field says the choice does not exist.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


def as_id(value):
    """`value` as a positive primary key (int), or None for anything else ("x", "-1", 2**64)."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in URL patterns: an int of at most 18 digits (below PostgreSQL's bigint bound)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
