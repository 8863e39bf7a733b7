"""The bilan of a period: each registered section computed for the period and the one before,
the previous figures set beside the current ones."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import get_sections
from .figures import Row


@dataclass
class SectionBilan:
    section: object
    result: object

    @property
    def title(self):
        return self.section.title

    @property
    def key(self):
        return self.section.key


def _compare(current, previous, period):
    """Previous figures beside the current ones; a second line on the month charts."""
    for figure in current.figures:
        if not figure.comparable:
            continue
        before = previous.figure(figure.key)
        figure.previous = before.value if before else None
    earlier = {t.key: t for t in previous.tables}
    for table in current.tables:
        other = earlier.get(table.key)
        if table.chart != "line" or other is None or len(table.columns) != 2:
            continue
        table.columns = [
            table.columns[0],
            period.label(),
            period.previous().label(),
        ]
        values = [row.values[0] for row in other.rows]
        values += [None] * (len(table.rows) - len(values))
        table.rows = [
            Row(row.label, [row.values[0], values[i]], row.url) for i, row in enumerate(table.rows)
        ]


def compute_bilan(period):
    bilans = []
    for section in get_sections():
        current = section.compute(period)
        _compare(current, section.compute(period.previous(), detail=False), period)
        bilans.append(SectionBilan(section, current))
    return bilans


def export_rows(bilan, period):
    """[(sheet title, rows)]: one sheet per section, its figures then each table."""
    sheets = []
    previous = period.previous().label()
    for part in bilan:
        rows = [[part.title, period.label()], [], [_("Figure"), period.label(), previous]]
        rows += [[f.label, f.value, f.previous] for f in part.result.figures]
        for table in part.result.tables:
            rows += [[], [table.title], [str(c) for c in table.columns]]
            rows += [[row.label, *row.values] for row in table.rows]
        for note in part.result.notes:
            rows += [[], [str(note)]]
        sheets.append((str(part.title), rows))
    return sheets
