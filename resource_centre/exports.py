"""Exports shared by the apps, safe against formula injection: CSV in UTF-8 with a BOM so that
spreadsheet software reads accents, streamed so that a large export does not sit in memory; XLSX
with one sheet per part."""

import csv
import io
import re

from django.http import HttpResponse, StreamingHttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_response(filename, header, rows, delimiter=","):
    writer = csv.writer(_Echo(), delimiter=delimiter)

    def stream():
        yield "\ufeff"
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

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


def xlsx_response(filename, sheets):
    """An XLSX file of ``sheets``, [(title, rows)]: numbers stay numbers, text is made safe."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    taken = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title, taken))
        for row in rows:
            sheet.append(
                [
                    cell
                    if isinstance(cell, int | float) and not isinstance(cell, bool)
                    else safe_cell(cell)
                    for cell in row
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
