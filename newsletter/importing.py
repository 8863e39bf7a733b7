"""CSV import of subscribers: all or nothing, every bad line listed, consent source recorded."""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre.validators import single_line

from .models import Subscriber, Subscription

COLUMNS = {
    "email": "email",
    "e-mail": "email",
    "courriel": "email",
    "name": "name",
    "nom": "name",
    "structure": "structure",
    "organisation": "structure",
    "fonction": "fonction",
    "job": "fonction",
}
MAX_BYTES = 5 * 1024 * 1024


def parse(uploaded):
    """(rows, errors): rows are dicts; errors are French messages naming the line."""
    if uploaded.size > MAX_BYTES:
        return [], [_("The file is larger than 5 MB.")]
    raw = uploaded.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # strict: a quote left open raises instead of swallowing the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text), dialect, strict=True)
    position = {"line": 1}
    try:
        return _rows(_records(reader, position))
    except csv.Error:
        return [], [
            _(
                "Line %(line)d: this is not a valid CSV file (check for a quotation mark that "
                "is not closed)."
            )
            % position
        ]


def _records(reader, position):
    """(line where the record starts, cells): a quoted cell may span several lines."""
    while True:
        position["line"] = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        yield position["line"], cells


TEXT_FIELDS = {"name": 150, "structure": 200, "fonction": 150}


def _rows(records):
    _line, header = next(records, (1, None))
    if not header:
        return [], [_("The file is empty.")]
    fields = [COLUMNS.get(name.strip().lower()) for name in header]
    if "email" not in fields:
        return [], [_("The first line must name the columns, with at least “email”.")]
    rows, errors, seen = [], [], set()
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        row = {f: c.strip() for f, c in zip(fields, cells, strict=False) if f}
        email = row.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _("Line %(line)d: “%(value)s” is not a valid e-mail address.")
                % {"line": number, "value": email[:100]}
            )
            continue
        if email in seen:
            errors.append(
                _("Line %(line)d: %(email)s appears twice.") % {"line": number, "email": email}
            )
            continue
        try:
            for field in TEXT_FIELDS:
                single_line(row.get(field, ""))
        except ValidationError as error:
            errors.append(
                _("Line %(line)d: %(error)s") % {"line": number, "error": error.messages[0]}
            )
            continue
        seen.add(email)
        row["email"] = email
        for field, limit in TEXT_FIELDS.items():
            row[field] = row.get(field, "")[:limit]
        rows.append(row)
    return rows, errors


def import_rows(rows, publications, source):
    """Create or update the subscribers; people who unsubscribed or bounced are left alone.

    The import is the proof of consent of the people it creates, and of those still waiting to
    confirm (they are activated with the import recorded as their consent). Active readers keep
    the proof they already have, such as their own double opt-in.
    """
    now = timezone.now()
    created = updated = skipped = 0
    existing = {s.email: s for s in Subscriber.objects.filter(email__in=[r["email"] for r in rows])}
    with transaction.atomic():
        for row in rows:
            subscriber = existing.get(row["email"])
            if subscriber and subscriber.status in (
                Subscriber.Status.UNSUBSCRIBED,
                Subscriber.Status.BOUNCED,
            ):
                skipped += 1
                continue
            if subscriber is None:
                subscriber = Subscriber(email=row["email"])
                created += 1
            else:
                updated += 1
            for field in ("name", "structure", "fonction"):
                if row.get(field):
                    setattr(subscriber, field, row[field])
            if subscriber.status != Subscriber.Status.ACTIVE or not subscriber.consent_at:
                subscriber.status = Subscriber.Status.ACTIVE
                subscriber.consent_at = now
                subscriber.consent_source = source
                subscriber.consent_version = "import"
                subscriber.consent_ip = None
            subscriber.save()
            for publication in publications:
                Subscription.objects.get_or_create(subscriber=subscriber, publication=publication)
    return created, updated, skipped
