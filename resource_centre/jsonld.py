"""schema.org JSON-LD, safe to put inside a <script type="application/ld+json"> element."""

import json

from django.utils.safestring import mark_safe

# Characters that could close the script element or start an HTML comment inside it.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON whose text cannot break out of its script element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308
