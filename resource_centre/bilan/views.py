"""The admin page of the bilan d'activité and its exports (XLSX, one sheet per app, and CSV)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exports import csv_response, xlsx_response
from . import PERMISSION
from .charts import chart_for
from .compute import compute_bilan, export_rows
from .period import parse_period


def _allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _filename(period, extension):
    return f"bilan-activite-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{extension}"


def bilan(request, status=200):
    _allowed(request)
    period, errors = parse_period(request.GET)
    parts = compute_bilan(period)
    for part in parts:
        for number, table in enumerate(part.result.tables):
            table.svg = chart_for(table, f"bilan-{part.key}-{number}")
    this_year = timezone.localdate().year
    title = _("Activity report")
    return TemplateResponse(
        request,
        "resource_centre/admin/bilan.html",
        {
            "period": period,
            "previous": period.previous(),
            "errors": errors,
            "parts": parts,
            "years": range(this_year, this_year - 5, -1),
            "start_value": period.start.isoformat(),
            "end_value": period.end.isoformat(),
            "header_title": title,
            "header_icon": "doc-full",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": "", "label": title},
            ],
            "generated_at": timezone.localtime(),
        },
        status=status,
    )


def bilan_xlsx(request):
    _allowed(request)
    period, errors = parse_period(request.GET)
    if errors:  # the page says what is wrong, rather than a file of another period
        return bilan(request, status=400)
    return xlsx_response(_filename(period, "xlsx"), export_rows(compute_bilan(period), period))


def bilan_csv(request):
    """One line per number: part, table, line, column, value (a long table spreadsheets pivot)."""
    _allowed(request)
    period, errors = parse_period(request.GET)
    if errors:
        return bilan(request, status=400)
    header = [_("Part"), _("Table"), _("Line"), _("Column"), _("Value")]
    current, previous = period.label(), period.previous().label()
    parts = compute_bilan(period)  # before streaming: errors show as errors, not a cut file

    def rows():
        for part in parts:
            for figure in part.result.figures:
                yield [part.title, _("Key figures"), figure.label, current, figure.value]
                yield [part.title, _("Key figures"), figure.label, previous, figure.previous]
            for table in part.result.tables:
                for row in table.rows:
                    for column, value in zip(table.columns[1:], row.values, strict=False):
                        yield [part.title, table.title, row.label, column, value]

    return csv_response(_filename(period, "csv"), header, rows())
