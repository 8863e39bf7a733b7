"""RFC 5545 calendars of séances: the agenda's subscription feeds and each séance's “Ajouter à
mon agenda”.

Each séance is a VEVENT of its own (a series of séances is a list of dated rows, not a rule):
- its UID never changes (the séance's id and the site's host), so an edited séance replaces
  itself in subscribers' calendars;
- its SEQUENCE is the time it last changed, in seconds since 2020: the last publication of its
  event, the last change of its venue (name, address) or of its event's format (in its title),
  or of its seats (a registration written, deleted, or its hold lapsed: it says when it is
  full), whichever is latest. That time only grows, so calendar clients take every change;
- its DTSTAMP is that time too: in a calendar without METHOD, RFC 5545 makes it the time the
  information was last revised, and a feed whose data did not change is then the same bytes,
  which a polling client revalidates (ETag, 304 Not Modified);
- STATUS is CANCELLED or CONFIRMED, and its DESCRIPTION starts with what STATUS cannot say:
  full, or postponed and from which date.
"""

import datetime

from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration, vGeo, vText
from wagtail.models import Site

from resource_centre.dates import french_date
from resource_centre.filters import querystring
from resource_centre.site import centre_name

from .feeds import event_headline

SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
# How often subscribed clients are asked to fetch the feed again (most poll less often anyway).
REFRESH_INTERVAL = datetime.timedelta(hours=1)
# Longest calendar name: a selection of many values is cut.
MAX_NAME_LENGTH = 150


def _summary(seance):
    summary = event_headline(seance.event)
    if seance.title:
        summary = f"{summary} – {seance.title}"
    if seance.is_cancelled:
        summary = _("CANCELLED: %(summary)s") % {"summary": summary}
    return summary


def _location(seance):
    if seance.venue:
        return ", ".join(p for p in (seance.venue.name, seance.venue.full_address) if p)
    if seance.online:
        return _("Online")
    return ""


def _when(day, time):
    if time is None:
        return french_date(day, "j F Y")
    return _("%(date)s at %(time)s") % {
        "date": french_date(day, "j F Y"),
        "time": time_format(time, "H\\hi"),
    }


def status_note(seance):
    """What a calendar's STATUS cannot say about the séance, in words ("" if nothing)."""
    if seance.is_cancelled:
        return _("This séance is cancelled.")
    notes = []
    if seance.status == seance.Status.POSTPONED and seance.new_date:
        notes.append(
            _("Date postponed, originally on %(date)s.")
            % {"date": _when(seance.date, seance.start_time)}
        )
    if seance.is_full:
        notes.append(_("Fully booked."))
    return " ".join(notes)


def changed_at(seance):
    """When what the séance's calendar entry says last changed (None if never published)."""
    event = seance.event
    if event.last_published_at is None:
        return None
    times = [event.last_published_at]
    if seance.venue_id and seance.venue:
        times.append(seance.venue.updated_at)
    if event.format_id and event.format:
        times.append(event.format.updated_at)
    if event.registration_enabled and event.capacity is not None:
        # Its seats: « Fully booked. » comes and goes with them (SeanceQuerySet.with_seat_changes).
        times += [
            getattr(seance, "seats_written_at", None),
            getattr(seance, "hold_lapsed_at", None),
            seance.registrations_deleted_at,
        ]
    return max(t for t in times if t is not None)


def sequence(seance):
    """A number that grows each time the séance's entry changes (see changed_at)."""
    changed = changed_at(seance)
    if changed is None:
        return 0
    return max(0, int((changed - SEQUENCE_EPOCH).total_seconds()))


def uid_domain(request):
    """The site's own host name, so that UIDs do not change with the address used to fetch
    (the default site's for a calendar made outside a request, e.g. sent by e-mail)."""
    if request is None:
        site = Site.objects.filter(is_default_site=True).first()
        return site.hostname if site else "localhost"
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().split(":")[0]


def seance_vevent(seance, request, stamp, domain):
    event = seance.event
    url = event.get_full_url(request)
    vevent = Event()
    vevent.add("uid", seance.uid(domain))
    changed = changed_at(seance)
    vevent.add("dtstamp", changed or stamp)
    vevent.add("sequence", sequence(seance))
    vevent.add("dtstart", seance.start)
    if seance.end:
        vevent.add("dtend", seance.end)
    vevent.add("summary", _summary(seance))
    location = _location(seance)
    if location:
        vevent.add("location", vText(location))
    if seance.venue and seance.venue.latitude is not None and seance.venue.longitude is not None:
        vevent.add("geo", vGeo((float(seance.venue.latitude), float(seance.venue.longitude))))
    description = "\n\n".join(p for p in (status_note(seance), event.chapo, url) if p)
    vevent.add("description", description)
    if url:
        vevent.add("url", url)
    if event.format_id and event.format:
        vevent.add("categories", [event.format.name])
    vevent.add("status", "CANCELLED" if seance.is_cancelled else "CONFIRMED")
    if changed:
        vevent.add("last-modified", changed)
    return vevent


def build_calendar(seances, request, name, description="", url="", source=""):
    """A calendar of `seances`; a subscription feed also gives its `url` (the listing it
    follows), `source` (its own address) and a description, and asks to be refreshed."""
    calendar = Calendar()
    calendar.add("prodid", "-//wagtail-resource-centre//agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # NAME and DESCRIPTION are RFC 7986; the X-WR- ones are what most clients read.
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    if description:
        calendar.add("description", vText(description))
        calendar.add("x-wr-caldesc", vText(description))
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    if url:
        calendar.add("url", url)
    if source:
        calendar.add("source", source)
        calendar.add("refresh-interval", vDuration(REFRESH_INTERVAL, params={"VALUE": "DURATION"}))
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    stamp = timezone.now().replace(microsecond=0)
    domain = uid_domain(request)
    for seance in seances:
        calendar.add_component(seance_vevent(seance, request, stamp, domain))
    calendar.add_missing_timezones()
    for vtimezone in calendar.timezones:
        # icalendar notes the years its rules cover, in English, in a comment nobody needs.
        vtimezone.pop("COMMENT", None)
    return calendar


def calendar_response(calendar, filename, request, attachment=True):
    """The calendar's bytes, with an ETag: a client that polls a feed and sends back the ETag of
    the same bytes (If-None-Match) gets 304 Not Modified instead of the whole feed again."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return ConditionalGetMiddleware(lambda _request: response)(request)


def feed_window_start(days):
    return timezone.localdate() - datetime.timedelta(days=days)


# The agenda's subscription feeds -------------------------------------------------------------


def selection_words(filterset):
    """The visitor's active filters in words ("Santé, Bretagne"); "" when none is active.

    Values that were not recognised are not active, so garbage never reaches a calendar's name.
    """
    fields = filterset.form.fields
    kinds = {str(fields[name].label): name for name in ("q", "du", "au") if name in fields}
    words = []
    for facet, label, _url in filterset.active_filters():
        kind = kinds.get(str(facet))
        if kind == "q":
            label = _("“%(words)s”") % {"words": label}
        elif kind == "du":
            label = _("from %(date)s") % {"date": label}
        elif kind == "au":
            label = _("until %(date)s") % {"date": label}
        words.append(str(label))
    return ", ".join(words)


def calendar_name(page, request, selection):
    """ "RésO Villes — Agenda : Santé, Bretagne": the centre, the agenda and the selection."""
    name = page.title
    if selection:
        name = _("%(agenda)s: %(selection)s") % {"agenda": name, "selection": selection}
    centre = centre_name(request=request)
    if centre and centre != page.title:
        name = _("%(centre)s — %(agenda)s") % {"centre": centre, "agenda": name}
    if len(name) > MAX_NAME_LENGTH:
        name = name[: MAX_NAME_LENGTH - 1].rstrip(", ") + "…"
    return name


def _absolute(page, request, subpage=None):
    url = page.get_full_url(request) or request.build_absolute_uri(page.get_url(request) or "/")
    if subpage:
        url += page.reverse_subpage(subpage).lstrip("/")
    query = querystring(request)
    return f"{url}?{query}" if query else url


def subscribe_urls(page, request):
    """The feed of the visitor's current selection: `webcal_url` makes the visitor's calendar
    application subscribe; `ical_url`, its http(s) address, is for those that ask for one
    (Google Agenda, Outlook.com)."""
    ical_url = _absolute(page, request, "ical_feed")
    return {"ical_url": ical_url, "webcal_url": "webcal://" + ical_url.split("://", 1)[1]}


def agenda_feed(page, request, filterset, seances):
    """The response of the agenda's feed for `seances`, the selection made by `filterset`."""
    selection = selection_words(filterset)
    name = calendar_name(page, request, selection)
    lines = [page.intro]
    if selection:
        lines.append(_("Selection: %(selection)s.") % {"selection": selection})
    lines.append(_absolute(page, request))
    calendar = build_calendar(
        seances,
        request,
        name,
        description="\n\n".join(line for line in lines if line),
        url=_absolute(page, request),
        source=_absolute(page, request, "ical_feed"),
    )
    filename = slugify(name)[:80].strip("-") or "agenda"
    return calendar_response(calendar, f"{filename}.ics", request, attachment=False)
