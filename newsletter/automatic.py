"""Automatic blocks: upcoming events, latest fiches, latest pages, filled when a lettre is sent.

The agenda and fiches apps are optional: their models are looked up through django.apps at run
time, never imported, so the newsletter has no database link to them.
"""

import datetime
import uuid

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resource_centre.compat import search_description
from resource_centre.dates import french_date

from . import conf

LABELS = {
    "pages": _("Latest pages"),
    "events": _("Upcoming events"),
    "fiches": _("Latest fiches expériences"),
}


def _source_model(name):
    spec = conf.get("NEWSLETTER_AUTOMATIC_SOURCES").get(name)
    if not spec:
        return None, None
    app_label = spec["model"].split(".")[0]
    if not apps.is_installed(app_label):
        return None, None
    try:
        return apps.get_model(spec["model"]), spec
    except LookupError:
        return None, None


def source_choices():
    """The sources available on this site (the ChoiceBlock calls this at run time)."""
    choices = [("pages", LABELS["pages"])]
    for name in ("events", "fiches"):
        if _source_model(name)[0] is not None:
            choices.append((name, LABELS[name]))
    return choices


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _latest_pages(count, parent=None, exclude=None):
    from resource_centre.compat import get_page_model

    from .models import LettrePage, NewsletterIndexPage

    pages = get_page_model().objects.live().public().filter(depth__gt=2)
    pages = pages.not_type(LettrePage, NewsletterIndexPage)
    if parent is not None:
        pages = pages.descendant_of(parent)
    if exclude is not None:
        pages = pages.exclude(pk=exclude.pk)
    pages = pages.specific().order_by("-first_published_at")[:count]
    return [
        {
            "title": page.title,
            "url": page.full_url,
            "date": _as_date(page.first_published_at),
            "summary": search_description(page),
        }
        for page in pages
    ]


def _has_fields(model, *names):
    try:
        for name in names:
            model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _postponed_note(row, spec):
    """ "Postponed (first planned on 3 March 2026)." for a row the spec calls postponed."""
    postponed, original = spec.get("postponed"), spec.get("original_date_field")
    if not postponed or not original:
        return ""
    if any(getattr(row, field, None) != value for field, value in postponed.items()):
        return ""
    first = _as_date(getattr(row, original, None))
    if first is None:
        return ""
    return gettext("Postponed (first planned on %(date)s).") % {"date": french_date(first, "j F Y")}


def _from_source(name, count, today):
    model, spec = _source_model(name)
    if model is None:
        return []
    date_field, page_field = spec["date_field"], spec.get("page_field") or ""
    lookups = [*spec.get("exclude", {}), *spec.get("postponed", {})]
    fields = [
        date_field,
        *([page_field] if page_field else []),
        *(k.split("__")[0] for k in lookups),
    ]
    if not _has_fields(model, *fields):
        return []  # a source set by the site that does not fit its model: no items, no error
    prefix = f"{page_field}__" if page_field else ""
    rows = model._default_manager.filter(**{f"{prefix}live": True})
    if spec.get("exclude"):
        rows = rows.exclude(**spec["exclude"])
    if spec.get("upcoming"):
        since = today
        if isinstance(model._meta.get_field(date_field), models.DateTimeField):
            since = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
        rows = rows.filter(**{f"{date_field}__gte": since}).order_by(date_field, "pk")
    else:
        rows = rows.exclude(**{f"{date_field}__isnull": True}).order_by(f"-{date_field}", "-pk")
    if page_field:
        rows = rows.select_related(page_field)
    items, seen = [], set()
    for row in rows[: count * 4]:
        page = getattr(row, page_field) if page_field else row
        if page.pk in seen:
            continue
        seen.add(page.pk)
        summary = search_description(page)
        note = _postponed_note(row, spec)
        items.append(
            {
                "title": page.title,
                "url": page.full_url,
                "date": _as_date(getattr(row, date_field)),
                "summary": f"{note} {summary}".strip() if note else summary,
            }
        )
        if len(items) == count:
            break
    return items


def items_for(value, lettre=None, today=None):
    """Items for an automatic block's value (a dict-like StructValue)."""
    today = today or timezone.localdate()
    source, count = value.get("source"), value.get("count") or 5
    if source == "pages":
        return _latest_pages(count, parent=value.get("parent"), exclude=lettre)
    return _from_source(source, count, today)


def fill_automatic_blocks(lettre, today=None):
    """Fill the empty automatic blocks of a lettre's body in place. True if any was filled.

    In the lettre's language, whoever (editor, worker) fills them: items may carry a note.
    """
    from resource_centre import language

    with language.speaking(language.of_page(lettre)):
        return _fill_automatic_blocks(lettre, today)


def _fill_automatic_blocks(lettre, today):
    from wagtail.blocks import StreamValue

    changed = False
    data = list(lettre.body.raw_data)
    for index, child in enumerate(lettre.body):
        if child.block_type != "automatic" or child.value.get("items"):
            continue
        items = items_for(child.value, lettre=lettre, today=today)
        if not items:
            continue
        raw = dict(data[index])
        raw_value = dict(raw["value"])
        raw_value["items"] = [
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": {
                    "title": item["title"],
                    "url": item["url"],
                    "date": item["date"].isoformat() if item["date"] else None,
                    "summary": item["summary"] or "",
                },
            }
            for item in items
        ]
        raw["value"] = raw_value
        data[index] = raw
        changed = True
    if changed:
        lettre.body = StreamValue(lettre.body.stream_block, data, is_lazy=True)
    return changed


def clear_automatic_blocks(lettre):
    """Empty the automatic blocks of a lettre's body in place (a copy fills them afresh when it
    is sent). True if any had items."""
    data, changed = list(lettre.body.raw_data), False
    for index, raw in enumerate(data):
        if raw["type"] == "automatic" and raw["value"].get("items"):
            data[index] = dict(raw, value=dict(raw["value"], items=[]))
            changed = True
    if changed:
        lettre.body = data
    return changed
