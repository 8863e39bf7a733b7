"""Excerpts of a search result with the visitor's words marked, the same French way the search
matched them (resource_centre/search.py): "Médiatrices" is marked for "mediateur"."""

import functools
import html
import re

from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

from .search import query_stems, stems

# Words of the excerpt around the first match.
BEFORE, AFTER = 12, 28
SPACES = re.compile(r"\s+")
# A token's punctuation stays outside the mark: « <mark>santé</mark>, »
PUNCTUATION = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)


@functools.lru_cache(maxsize=8192)
def _stems_of(token):
    # A listing highlights a few hundred words per page, most of them common ones.
    return tuple(stems(token))


def _matches(token, words):
    return any(word in stem for stem in _stems_of(token) for word in words)


def _mark(token):
    lead, word, trail = (conditional_escape(p) for p in PUNCTUATION.match(token).groups())
    return f"{lead}<mark>{word}</mark>{trail}"


def highlight(text, query, before=BEFORE, after=AFTER):
    """An HTML excerpt of `text` (plain or HTML) around the first word matching `query`, every
    matching word in <mark>; the start of the text when nothing matches."""
    # Plain text whatever came in (HTML, or text already escaped by a template tag).
    tokens = SPACES.split(html.unescape(strip_tags(str(text or ""))).strip())
    if not tokens or tokens == [""]:
        return ""
    words = query_stems(query)
    # Words are read up to the first match only, then in the excerpt: a long text costs no more.
    first = next((i for i, token in enumerate(tokens) if words and _matches(token, words)), 0)
    start = max(first - before, 0)
    end = min(start + before + after, len(tokens))
    parts = [
        _mark(token) if words and _matches(token, words) else str(conditional_escape(token))
        for token in tokens[start:end]
    ]
    return mark_safe(
        ("… " if start else "") + " ".join(parts) + (" …" if end < len(tokens) else "")
    )
