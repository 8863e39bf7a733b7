"""Recurring séances ("every 2 months on the 2nd Tuesday until June") computed with dateutil."""

from dateutil import rrule

WEEKS, MONTHS = "weeks", "months"
# Editors cannot generate more séances than this at once (a typo in the until date otherwise
# floods the editor with hundreds of inline forms).
MAX_SEANCES = 60

WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def series_dates(first, until, interval, unit, weekday, occurrence=None):
    """The dates from `first` to `until` (both included).

    weekday: 0 = Monday … 6 = Sunday. For a monthly series, occurrence is the week of the month
    (1 to 4, or -1 for the last one): "the 2nd Tuesday" is weekday=1, occurrence=2. A weekly
    series counts its weeks from `first`'s week.
    """
    day = WEEKDAYS[weekday]
    if unit == MONTHS:
        # Month-by-month from the month of the first date, not from the first date itself.
        freq, byweekday = rrule.MONTHLY, day(occurrence or 1)
        start = first.replace(day=1)
    else:
        freq, byweekday = rrule.WEEKLY, day
        start = first
    rule = rrule.rrule(
        freq,
        interval=interval,
        dtstart=start,
        until=until,
        byweekday=byweekday,
        count=None,
    )
    dates = []
    occurrences = iter(rule)
    while True:
        try:
            occurrence_at = next(occurrences)
        # ValueError: the next one would fall after year 9999, the calendar's end.
        except (StopIteration, ValueError):
            break
        day_ = occurrence_at.date()
        if day_ < first:
            continue
        dates.append(day_)
        if len(dates) > MAX_SEANCES:
            break
    return dates
