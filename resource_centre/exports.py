"""The one writer of every export of the suite (CSV, XLSX, JSON). An app declares its columns
(a key, a header label and a function of the row) and gives its rows; the format is the same
everywhere:

- CSV in UTF-8 with a BOM (Excel then reads the accents), `;` between cells (what Excel set to
  French expects when a file is opened by a double click), streamed so that a large export does
  not sit in memory;
- dates and times in ISO 8601 (2025-03-14, 2025-03-14T09:30:00+01:00 in the site's time zone),
  real dates in XLSX shown the same way;
- several values in one cell joined by " | "; yes/no in words (JSON keeps lists and booleans);
- a cell that a spreadsheet would read as a formula starts with an apostrophe (CSV and XLSX);
- open data (an export given a licence) says its licence: an HTTP `Link: <url>; rel="license"`
  header, a `licence` key in JSON and an "About" sheet in XLSX, never a line in the CSV that
  would trip its readers.
"""

import csv
import datetime
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DELIMITER = ";"
LIST_SEPARATOR = " | "
FORMATS = ("csv", "xlsx", "json")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters an XLSX cell holds: a longer text is cut there (the CSV and JSON keep it whole).
XLSX_CELL_LIMIT = 32_767


@dataclass(frozen=True)
class Column:
    """One column: `key` names it in JSON, `label` heads it in CSV and XLSX, `value(row)` fills it."""

    key: str
    label: object
    value: Callable = None

    def __post_init__(self):
        if self.value is None:
            object.__setattr__(self, "value", attrgetter(self.key))


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str

    def as_dict(self):
        return {"code": self.code, "name": str(self.name), "url": self.url}


class _Echo:
    def write(self, value):
        return value


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _local(value):
    """An aware datetime in the site's time zone (naive ones are taken as they are)."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def iso(value):
    """ISO 8601 text of a date, a datetime (to the second, with its offset) or a time."""
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def json_value(value):
    """A value as JSON holds it: dates in ISO 8601, lists as lists, None as null."""
    if isinstance(value, datetime.date | datetime.time):
        return iso(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [json_value(item) for item in value]
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def cell(value):
    """A value as one spreadsheet cell: text, or a number that stays a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return iso(value)
    if isinstance(value, list | tuple | set | frozenset):
        return LIST_SEPARATOR.join(str(cell(item)) for item in value)
    return str(value)


def csv_response(filename, header, rows, delimiter=DELIMITER):
    writer = csv.writer(_Echo(), delimiter=delimiter)

    def stream():
        yield "\ufeff"
        yield writer.writerow([str(label) for label in header])
        for row in rows:
            yield writer.writerow([safe_cell(cell(value)) for value in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _sheet_title(title, taken):
    """Excel's rules: 31 characters at most, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31] or "Feuille"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _xlsx_cell(sheet, value):
    """Numbers stay numbers and dates real dates shown in ISO 8601; text is made safe."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime.datetime):
        written = WriteOnlyCell(sheet, value=_local(value).replace(tzinfo=None, microsecond=0))
        written.number_format = "yyyy-mm-dd hh:mm:ss"
        return written
    if isinstance(value, datetime.date):
        written = WriteOnlyCell(sheet, value=value)
        written.number_format = "yyyy-mm-dd"
        return written
    value = cell(value)
    return value if isinstance(value, int | float | Decimal) else safe_cell(value)


def xlsx_response(filename, sheets):
    """An XLSX file of ``sheets``, [(title, rows)], the first row of each its header."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    taken = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title, taken))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def centre_licence(request):
    """The licence the centre publishes its open data under (Settings › Resource centre)."""
    from wagtail.models import Site

    from .models import CentreSettings

    if Site.find_for_request(request) is None:  # no site to read: the default licence
        return CentreSettings().export_licence
    return CentreSettings.for_request(request).export_licence


def described_filters(filterset):
    """The active filters of a listing in words, for the "About" of its export."""
    active = filterset.active_filters()
    return "; ".join(f"{facet} : {value}" for facet, value, _url in active) or _("none")


class Export:
    """The rows of a listing under `columns`, in any of FORMATS.

    `name` is the file name without extension; `items_key` names the list in JSON and `extra`
    adds keys to it; `licence` (a Licence) makes it open data. The XLSX "About" sheet says the
    title, the URL asked (`request`), the active filters (`filterset`), the date and the licence.
    """

    def __init__(
        self,
        name,
        columns,
        rows,
        *,
        title="",
        items_key="items",
        licence=None,
        request=None,
        filterset=None,
        extra=None,
    ):
        self.name, self.columns, self.rows = name, columns, rows
        self.title, self.items_key = title or name, items_key
        self.licence, self.extra = licence, extra or {}
        self.about = []
        if request is not None:
            self.about.append((_("Source"), request.build_absolute_uri()))
        if filterset is not None:
            self.about.append((_("Filters"), described_filters(filterset)))

    def response(self, fmt):
        if fmt not in FORMATS:
            raise Http404(_("Unknown export format."))
        response = getattr(self, f"_{fmt}")()
        if self.licence is not None:
            response["Link"] = f'<{self.licence.url}>; rel="license"'
        return response

    def _values(self, row):
        return [column.value(row) for column in self.columns]

    def _csv(self):
        rows = (self._values(row) for row in self.rows)
        return csv_response(f"{self.name}.csv", [c.label for c in self.columns], rows)

    def _xlsx(self):
        data = [[str(c.label) for c in self.columns]]
        data += (self._values(row) for row in self.rows)
        sheets = [(self.title, data)]
        about = [(_("Title"), self.title), *self.about, (_("Exported on"), timezone.now())]
        if self.licence is not None:
            about += [(_("Licence"), self.licence.name), (_("Licence URL"), self.licence.url)]
        sheets.append((_("About"), [[str(label), value] for label, value in about]))
        return xlsx_response(f"{self.name}.xlsx", sheets)

    def _json(self):
        items = [
            {
                c.key: json_value(value)
                for c, value in zip(self.columns, self._values(row), strict=True)
            }
            for row in self.rows
        ]
        payload = {key: json_value(value) for key, value in self.extra.items()}
        if self.licence is not None:
            payload["licence"] = self.licence.as_dict()
        payload.update({"count": len(items), self.items_key: items})
        body = json.dumps(payload, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{self.name}.json"'
        return response
