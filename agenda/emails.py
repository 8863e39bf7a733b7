"""What registrants are told by e-mail, from the public pages, the staff's admin, the publication
of a changed séance and the reminders. Rendered now in the event's language, sent by the worker;
without a request (a publication, a command) the links start as every e-mail's of the suite
(resource_centre.site.site_base)."""

from urllib.parse import urlencode

from resource_centre import language
from resource_centre.mail import queue_templated_email
from resource_centre.models import CentreSettings
from resource_centre.site import page_url

from . import conf
from .evaluations import EVALUATE
from .ical import build_calendar
from .models import Registration, Seance
from .registrations import CANCEL, CONFIRM

# What each kind says (agenda/emails/registration*.txt): confirm_address (with the link that
# confirms it), already (the address was registered before), confirmed, waiting, promoted (a
# seat freed up), cancelled (by the centre's staff), seance_cancelled and seance_changed (the
# séance's publication changed it: with its updated .ics), reminder, message (the staff's own),
# evaluation (after the séance: the link to its questionnaire).
KINDS = {
    "confirm_address",
    "already",
    "confirmed",
    "waiting",
    "promoted",
    "cancelled",
    "seance_cancelled",
    "seance_changed",
    "reminder",
    "message",
    "evaluation",
}
WITH_CALENDAR = {"seance_cancelled", "seance_changed"}


def _absolute(event, request, route):
    # From a page, the address the registrant used; else as every e-mail of the suite.
    if request is not None:
        return request.build_absolute_uri(event.get_url(request) + route)
    return page_url(event, route)


def _link(row, request, route, signed_link):
    """The event's `route` with a signed token for `row` (a registration, an invitation)."""
    event = row.event if hasattr(row, "event") else row.registration.event
    token = signed_link.make(row)
    return _absolute(event, request, route) + "?" + urlencode({"jeton": token})


def cancel_url(registration, request):
    return _link(registration, request, "inscription/annulation/", CANCEL)


def _seances(registration, seance):
    if seance is not None:
        return [seance]
    if registration.seance_id:
        return [registration.seance]
    return list(registration.event.seances.select_related("venue").order_by("day", "start_time"))


def send_registration_email(registration, request, kind, seance=None, message=None, day=None):
    """Queue the e-mail of `kind` to the registrant. `seance`: the one this is about (a change,
    a reminder); `day`: the day its registrants knew it by, for a change (its new one may
    differ); `message`: (subject, text) written by the staff."""
    assert kind in KINDS, kind
    event = registration.event
    with language.speaking(language.of_page(event)):
        seances = _seances(registration, seance)
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "event_url": _absolute(event, request, ""),
            "seances": seances,
            "show_online_link": registration.status == Registration.Status.CONFIRMED,
            "centre": (
                CentreSettings.for_request(request)
                if request is not None
                else CentreSettings.for_site(event.get_site())
            ),
            "message": message,
            "day": day or (seance.day if seance is not None else None),
        }
        if kind == "confirm_address":
            context["confirm_url"] = _link(
                registration, request, "inscription/confirmation/", CONFIRM
            )
            context["confirm_hours"] = max(1, conf.get("AGENDA_CONFIRM_LINK_MAX_AGE") // 3600)
        elif kind == "evaluation":
            invitation = registration.evaluation_invitation
            context["evaluation_url"] = _link(invitation, request, "evaluation/", EVALUATE)
            context["evaluation_days"] = conf.get("AGENDA_EVALUATION_LINK_MAX_AGE") // 86400
        elif kind != "cancelled" and registration.status != Registration.Status.CANCELLED:
            context["cancel_url"] = cancel_url(registration, request)
        attachments = []
        if kind in WITH_CALENDAR:
            # With their seats (SeanceQuerySet.for_calendar), so that the entries say what the
            # agenda's feed says: read again unless the caller did.
            if not all(hasattr(s, "seats_written_at") for s in seances):
                counted = Seance.objects.for_calendar().in_bulk([s.pk for s in seances])
                seances = [counted.get(s.pk, s) for s in seances]
            calendar = build_calendar(seances, request, event.title)
            attachments.append(
                (f"{event.slug}.ics", calendar.to_ical().decode(), "text/calendar; method=PUBLISH")
            )
        queue_templated_email(
            "agenda/emails/registration", context, [registration.email], attachments=attachments
        )
