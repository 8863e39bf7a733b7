"""Dates written as French writes them: the first of the month is « 1er » (« mardi 1er décembre
2026 »), which Django's formats do not know. Templates use the `french_date` filter
(resource_centre_tags), code `french_date()`, with Django's format strings."""

from django.template import defaultfilters


def first_of_month(fmt):
    """`fmt` with its day of the month ("j", not escaped) followed by « er »."""
    out, escaped = [], False
    for char in fmt:
        out.append(r"j\e\r" if char == "j" and not escaped else char)
        escaped = char == "\\" and not escaped
    return "".join(out)


def french_date(value, fmt):
    """`value` (a date or, in local time, a datetime) in `fmt`, « 1er » on the first."""
    if getattr(value, "day", None) == 1:
        fmt = first_of_month(fmt)
    return defaultfilters.date(value, fmt)
