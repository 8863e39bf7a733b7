"""What every keyword box of the suite does to a visitor's words before searching.

Only words reach the search backend: quotes, parentheses and operators would be parsed as query
syntax by SQLite's FTS5 (and fail); visitors type words, not expressions.
"""

import re

from . import conf

QUERY_NOISE = re.compile(r"[^\w'’-]+")


def clean_query(raw):
    """The words of `raw` (a string, anything else counts as empty), cut to the longest query."""
    if not isinstance(raw, str):
        return ""
    return " ".join(QUERY_NOISE.sub(" ", raw[: conf.get("SEARCH_MAX_QUERY_LENGTH")]).split())
