"""Import of readers: the good lines imported, every bad one listed, consent source recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre.import_files import ImportFileError, read_table, read_upload
from resource_centre.validators import single_line, validate_internet_email

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
MAX_ROWS = 100_000


def parse(uploaded):
    """(rows, errors): rows are dicts; errors are French messages naming the line. The file is
    read by the core's reader, as every import of the suite: CSV or XLSX."""
    try:
        data = read_upload(uploaded, MAX_BYTES)
        headers, table = read_table(uploaded.name, data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except ImportFileError as error:
        return [], [error.message]
    return _rows(headers, table)


TEXT_FIELDS = {"name": 150, "structure": 200, "fonction": 150}


def _rows(headers, records):
    fields = [COLUMNS.get(name.lower()) for name in headers]
    if "email" not in fields:
        return [], [_("The first line must name the columns, with at least “email”.")]
    rows, errors, seen = [], [], set()
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        row = {f: c.strip() for f, c in zip(fields, cells, strict=False) if f}
        email = row.get("email", "").lower()
        try:
            validate_internet_email(email)
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
