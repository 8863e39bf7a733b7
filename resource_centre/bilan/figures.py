"""What a section computes: headline figures and tables, each row linked to the listing that
shows the records behind it. Plain data, so the page, the charts and the exports read the same."""

from dataclasses import dataclass, field

from django.utils.formats import localize
from django.utils.translation import gettext


def display(value, unit=""):
    """A value as the page prints it: localised, with its unit; "–" when unknown."""
    if value is None:
        return "–"
    text = localize(value)
    if unit == "%":
        return f"{text}\u00a0%"
    if unit == "days":
        return gettext("%(value)s days") % {"value": text}
    return text


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

    @property
    def value_display(self):
        return display(self.value, self.unit)

    @property
    def previous_display(self):
        return display(self.previous, self.unit)

    @property
    def change_display(self):
        change = self.change
        if change is None:
            return ""
        return ("+" if change > 0 else "") + display(change, self.unit)


@dataclass
class Row:
    label: str
    values: list
    url: str = ""

    @property
    def cells(self):
        return [display(value) for value in self.values]


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
    queries whatever the number of records. For the previous period, read only for comparison,
    it is called with ``detail=False``: the breakdowns may then be left out (the figures and the
    month series, drawn beside the current ones, are needed)."""

    key = ""
    title = ""
    order = 100

    def compute(self, period, detail=True):
        raise NotImplementedError


def ratio(part, whole):
    """A percentage with one decimal, None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


def month_rows(period, queryset, field, datetimes=False):
    """Rows of a month chart, one per month of the period, from one query: a filtered count per
    month on the raw column (no per-row date function, which SQLite runs in Python)."""
    import datetime

    from django.db.models import Count, Q
    from django.utils import timezone
    from django.utils.formats import date_format

    months = period.months()
    ends = months[1:] + [(months[-1] + datetime.timedelta(days=32)).replace(day=1)]

    def bound(day):
        if not datetimes:
            return day
        moment = datetime.datetime.combine(day, datetime.time.min)
        return timezone.make_aware(moment) if timezone.is_naive(moment) and _use_tz() else moment

    counts = queryset.order_by().aggregate(
        **{
            f"m{i}": Count(
                "pk", filter=Q(**{f"{field}__gte": bound(lo), f"{field}__lt": bound(hi)})
            )
            for i, (lo, hi) in enumerate(zip(months, ends, strict=True))
        }
    )
    return [Row(date_format(m, "N Y"), [counts[f"m{i}"]]) for i, m in enumerate(months)]


def _use_tz():
    from django.conf import settings

    return settings.USE_TZ
