"""RFC 5545 calendars of séances: the agenda feeds and the per-séance “Ajouter à mon agenda”."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vGeo, vText
from wagtail.models import Site


def _summary(seance):
    parts = [seance.event.title]
    if seance.title:
        parts.append(seance.title)
    summary = " – ".join(parts)
    if seance.event.format_id and seance.event.format:
        summary = f"{seance.event.format.name} : {summary}"
    if seance.is_cancelled:
        summary = _("CANCELLED: %(summary)s") % {"summary": summary}
    return summary


def _location(seance):
    if seance.venue:
        return ", ".join(p for p in (seance.venue.name, seance.venue.full_address) if p)
    if seance.online:
        return _("Online")
    return ""


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
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", seance.start)
    if seance.end:
        vevent.add("dtend", seance.end)
    vevent.add("summary", _summary(seance))
    location = _location(seance)
    if location:
        vevent.add("location", vText(location))
    if seance.venue and seance.venue.latitude is not None and seance.venue.longitude is not None:
        vevent.add("geo", vGeo((float(seance.venue.latitude), float(seance.venue.longitude))))
    description = "\n\n".join(p for p in (event.chapo, url) if p)
    vevent.add("description", description)
    if url:
        vevent.add("url", url)
    if event.format_id and event.format:
        vevent.add("categories", [event.format.name])
    vevent.add("status", "CANCELLED" if seance.is_cancelled else "CONFIRMED")
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    return vevent


def build_calendar(seances, request, name):
    calendar = Calendar()
    calendar.add("prodid", "-//wagtail-resource-centre//agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    stamp = timezone.now().replace(microsecond=0)
    domain = uid_domain(request)
    for seance in seances:
        calendar.add_component(seance_vevent(seance, request, stamp, domain))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(calendar, filename, attachment=True):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def feed_window_start(days):
    return timezone.localdate() - datetime.timedelta(days=days)
