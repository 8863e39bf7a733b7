"""What a section computes: headline figures and tables, each row linked to the listing that
shows the records behind it. Plain data, so the page, the charts and the exports read the same."""

from dataclasses import dataclass, field


@dataclass
class Figure:
    key: str
    label: str
    value: int | float | None
    url: str = ""
    unit: str = ""  # "%" or "days": how the value reads
    previous: int | float | None = None
    # False for a figure of today's records (the annuaire's size): no previous period to show.
    comparable: bool = True

    @property
    def change(self):
        """Difference with the previous period, when both are known."""
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)


@dataclass
class Row:
    label: str
    values: list
    url: str = ""


@dataclass
class Table:
    """A breakdown: a category, then one column per series. ``chart`` is "bar" for categories,
    "line" for months, or "" for a table shown without a picture."""

    key: str
    title: str
    columns: list
    rows: list
    chart: str = "bar"
    description: str = ""

    @property
    def is_empty(self):
        return not any(any(v for v in row.values) for row in self.rows)


@dataclass
class SectionResult:
    figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    # What the records do not allow to count, said on the page rather than invented.
    notes: list = field(default_factory=list)

    def figure(self, key):
        return next((f for f in self.figures if f.key == key), None)


class BilanSection:
    """A part of the bilan contributed by an app. ``compute(period)`` runs a fixed number of
    queries whatever the number of records."""

    key = ""
    title = ""
    order = 100

    def compute(self, period):
        raise NotImplementedError


def ratio(part, whole):
    """A percentage with one decimal, None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


def month_rows(period, counts):
    """Rows of a month chart: one per month of the period, from {month: n} as the database gives
    it after TruncMonth (a date, or an aware datetime for a DateTimeField)."""
    import datetime

    from django.utils import timezone
    from django.utils.formats import date_format

    by_month = {}
    for month, n in counts:
        if isinstance(month, datetime.datetime):
            month = (timezone.localtime(month) if timezone.is_aware(month) else month).date()
        by_month[month] = by_month.get(month, 0) + n
    return [Row(date_format(m, "M Y"), [by_month.get(m, 0)]) for m in period.months()]
