"""The period a bilan covers: a calendar year by default, or any range of days given as
``?du=…&au=…`` (jj/mm/aaaa or ISO) or ``?annee=…``. Bad input gives a French message and the
default period, never an error page."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MAX_DAYS = 366 * 10
INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def is_year(self):
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and (self.start.year == self.end.year)

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        """The period just before, of the same length (the previous year for a year)."""
        if self.is_year:
            return Period.year(self.start.year - 1)
        length = datetime.timedelta(days=self.days)
        return Period(self.start - length, self.end - length)

    def datetimes(self):
        """[start, end) as aware datetimes, for DateTimeFields."""

        def aware(day):
            moment = datetime.datetime.combine(day, datetime.time.min)
            return timezone.make_aware(moment) if settings.USE_TZ else moment

        return aware(self.start), aware(self.end + datetime.timedelta(days=1))

    def months(self):
        """The first day of each month the period touches."""
        month, months = self.start.replace(day=1), []
        while month <= self.end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months

    def label(self):
        if self.is_year:
            return str(self.start.year)
        return _("from %(start)s to %(end)s") % {
            "start": date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def query(self):
        return f"du={self.start:%d/%m/%Y}&au={self.end:%d/%m/%Y}"


def _date(text):
    text = (text or "").strip()
    for fmt in INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_period(params, today=None):
    """(Period, [French messages]) from the query string."""
    today = today or timezone.localdate()
    default = Period.year(today.year)
    errors = []
    year = (params.get("annee") or "").strip()
    if year and not (params.get("du") or params.get("au")):
        if year.isdigit() and 1900 <= int(year) <= 2999:
            return Period.year(int(year)), errors
        errors.append(
            _("“%(value)s” is not a year: the bilan shows %(year)s.")
            % {"value": year[:20], "year": today.year}
        )
        return default, errors
    raw_start, raw_end = params.get("du", ""), params.get("au", "")
    if not raw_start and not raw_end:
        return default, errors
    start, end = _date(raw_start), _date(raw_end)
    for raw, value in ((raw_start, start), (raw_end, end)):
        if raw and value is None:
            errors.append(
                _("“%(value)s” is not a date: write it as dd/mm/yyyy.") % {"value": raw[:20]}
            )
    if errors:
        return default, errors
    start = start or datetime.date(end.year, 1, 1)
    end = end or datetime.date(start.year, 12, 31)
    if end < start:
        errors.append(
            _("The end of the period comes before its start: the bilan shows %(year)s.")
            % {"year": today.year}
        )
        return default, errors
    if (end - start).days >= MAX_DAYS or start.year < 1900 or end.year > 2999:
        errors.append(
            _("The period is too long (ten years at most): the bilan shows %(year)s.")
            % {"year": today.year}
        )
        return default, errors
    return Period(start, end), errors
