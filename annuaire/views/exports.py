"""Export of the current filtered listing as CSV or XLSX.

People's personal contacts are exported only with their consent: the export uses the same
`public_contact()` as the pages.
"""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre.exports import csv_response, safe_cell

from ..columns import LIST_SEPARATOR, PERSON_COLUMNS, STRUCTURE_COLUMNS, STRUCTURE_EXPORT_ONLY
from .listing import filtered

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _names(related):
    return LIST_SEPARATOR.join(t.name for t in related.all())


def structure_rows(results):
    for s in results.prefetch_related("thematiques").iterator(chunk_size=2000):
        address = s.first_address
        yield [
            s.name,
            s.sigle,
            s.type.name if s.type else "",
            s.siret,
            address.street if address else "",
            address.postcode if address else "",
            address.city if address else "",
            s.website,
            s.email,
            s.phone,
            _names(s.thematiques),
            s.description,
            _date(s.last_update),
        ]


def person_rows(results):
    for p in results.prefetch_related("thematiques").iterator(chunk_size=2000):
        email, phone, personal = p.public_contact()
        whose = ""
        if email or phone:
            whose = _("the person (consent recorded)") if personal else _("the structure")
        yield [
            p.first_name,
            p.last_name,
            p.metier.name if p.metier else "",
            p.fonction,
            LIST_SEPARATOR.join(s.name for s in p.structures),
            email,
            phone,
            whose,
            _names(p.thematiques),
            _date(p.last_update),
        ]


def xlsx_response(filename, header, rows):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export(page, request, kind, fmt):
    _filterset, results = filtered(kind, request)
    if kind == "structures":
        columns, rows = STRUCTURE_COLUMNS + STRUCTURE_EXPORT_ONLY, structure_rows(results)
    else:
        columns, rows = PERSON_COLUMNS, person_rows(results)
    header = [str(label) for _key, label in columns]
    filename = f"annuaire-{kind}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, header, rows)
