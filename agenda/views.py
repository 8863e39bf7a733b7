"""The sub-views of the agenda index and the event page (routed by RoutablePageMixin)."""

import calendar
import datetime
from itertools import groupby

from django.db.models import Max, Min
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre import generations
from resource_centre.exports import centre_licence
from resource_centre.filters import querystring
from resource_centre.pagination import UncountedPage

from . import conf
from .filters import SeanceFilterSet, city_choices
from .ical import agenda_feed, build_calendar, calendar_response, feed_window_start, subscribe_urls
from .models import EventPage

FIRST_YEAR, LAST_YEAR = 1990, 2100


def subpage_url(page, request, name, **kwargs):
    return page.get_url(request) + page.reverse_subpage(name, kwargs=kwargs or None).lstrip("/")


def _filterset(page, request, queryset, strict=False, kept=None):
    return SeanceFilterSet(
        request.GET or None,
        queryset=queryset,
        request=request,
        cities=city_choices,
        agenda=page,
        kept=kept,
        strict=strict,
    )


def listed_seances(page, request, kept=None):
    """(filterset, séances) of the agenda's list for this request: upcoming ones unless the
    visitor chose dates, in the order of the list (its exports hold the same)."""
    filterset = _filterset(page, request, page.seances(), kept=kept)
    seances = filterset.qs
    if not filterset.chooses_dates:
        seances = seances.upcoming()
    return filterset, seances.chronological()


def agenda(page, request):
    # The template keeps the filter block under this token: read before what the block shows.
    kept = generations.Kept("agenda")
    kept.prefix  # noqa: B018
    filterset, seances = listed_seances(page, request, kept)
    page_obj = UncountedPage(seances, request.GET.get("page"), conf.get("AGENDA_PER_PAGE"))
    query = querystring(request)
    return page.render(
        request,
        context_overrides={
            "filter": filterset,
            "page_obj": page_obj,
            "seances": page_obj.object_list,
            "querystring_without_page": f"{query}&" if query else "",
            "querystring": query,
            **subscribe_urls(page, request),
            # The other views of the same selection.
            "month_url": subpage_url(page, request, "month") + (f"?{query}" if query else ""),
            "archive_url": subpage_url(page, request, "archive"),
            "rss_url": subpage_url(page, request, "rss_feed"),
            "atom_url": subpage_url(page, request, "atom_feed"),
            "export_urls": {
                fmt: subpage_url(page, request, "export", fmt=fmt) + (f"?{query}" if query else "")
                for fmt in ("csv", "xlsx", "json")
            },
            "export_licence": centre_licence(request),
            "filtered": bool(filterset.active_filters()),
            "kept": kept,
        },
    )


def agenda_ical(page, request):
    filterset = _filterset(page, request, page.seances(), strict=True)
    seances = filterset.qs.with_seat_changes()
    if not filterset.chooses_dates:
        seances = seances.filter(day__gte=feed_window_start(conf.get("AGENDA_ICAL_PAST_DAYS")))
    return agenda_feed(
        page, request, filterset, seances.chronological()[: conf.get("AGENDA_ICAL_MAX_ITEMS")]
    )


def _month_bounds(year, month):
    today = timezone.localdate()
    if year is None:
        return today.year, today.month
    year, month = int(year), int(month)
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404(_("This month is outside the agenda."))
    return year, month


def _shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month(page, request, year=None, month=None):
    year, month = _month_bounds(year, month)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    filterset = _filterset(page, request, page.seances())
    seances = filterset.qs.filter(day__gte=weeks[0][0], day__lte=weeks[-1][-1]).chronological()
    by_day = {day: list(items) for day, items in groupby(seances, key=lambda s: s.day)}
    query = querystring(request)
    suffix = f"?{query}" if query else ""

    def month_url(y, m):
        return subpage_url(page, request, "month", year=f"{y:04d}", month=f"{m:02d}") + suffix

    prev_y, prev_m = _shift_month(year, month, -1)
    next_y, next_m = _shift_month(year, month, 1)
    first = datetime.date(year, month, 1)
    return page.render(
        request,
        template="agenda/agenda_month.html",
        context_overrides={
            "filter": filterset,
            "month_start": first,
            "weeks": [
                [(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks
            ],
            "weekdays": [datetime.date(2024, 1, 1 + i) for i in range(7)],  # a Monday to a Sunday
            "previous_url": month_url(prev_y, prev_m) if prev_y >= FIRST_YEAR else None,
            "next_url": month_url(next_y, next_m) if next_y <= LAST_YEAR else None,
            "previous_month": datetime.date(prev_y, prev_m, 1) if prev_y >= FIRST_YEAR else None,
            "next_month": datetime.date(next_y, next_m, 1) if next_y <= LAST_YEAR else None,
            "has_seances": bool(by_day),
            "today": timezone.localdate(),
            "agenda_url": page.get_url(request) + suffix,
            "filtered": bool(filterset.active_filters()),
            **subscribe_urls(page, request),
        },
    )


def archive(page, request, year=None):
    today = timezone.localdate()
    past = page.seances().past(today)
    years = [d.year for d in past.dates("day", "year", order="DESC")]
    if year is None:
        year = years[0] if years else today.year
    year = int(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("This year is outside the agenda."))
    events = (
        EventPage.objects.live()
        .descendant_of(page)
        .filter(seances__day__year=year, seances__day__lt=today)
        .annotate(first_date=Min("seances__day"), last_date=Max("seances__day"))
        .select_related("format", "compte_rendu", "publication", "programme")
        .defer("body")
        .order_by("-last_date", "title")
    )
    return page.render(
        request,
        template="agenda/agenda_archive.html",
        context_overrides={
            "year": year,
            "years": years,
            "events": events,
            "archive_url": subpage_url(page, request, "archive"),
            "agenda_url": page.get_url(request),
        },
    )


def seance_ics(event, request, seance_id):
    seance = event.seances.for_calendar().filter(pk=seance_id).first()
    if seance is None:
        raise Http404(_("This séance does not exist."))
    calendar_ = build_calendar([seance], request, event.title)
    return calendar_response(
        calendar_, f"{event.slug}-{seance.effective_date:%Y-%m-%d}.ics", request
    )
