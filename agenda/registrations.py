"""Taking a seat: capacity-safe under concurrent submissions, with a waiting list."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre.mail import queue_templated_email
from resource_centre.models import CentreSettings
from resource_centre.tokens import SignedLink

from . import conf
from .models import EventPage, Registration

# Cancelling bumps the registration's token_version (Registration.cancel): the link works once.
CANCEL = SignedLink(
    "agenda.registration.cancel",
    "agenda.Registration",
    "token_version",
    max_age=lambda: conf.get("AGENDA_CANCEL_LINK_MAX_AGE"),
)


class RegistrationRefused(Exception):
    pass


def register(event, data):
    """Create the registration: confirmed while seats remain, then waiting, then refused.

    The event row is locked for the duration of the count and the insert (SELECT … FOR UPDATE on
    PostgreSQL; SQLite serialises writers), so concurrent submissions never exceed the capacity.
    """
    seance = data.get("seance")
    with transaction.atomic():
        EventPage.objects.select_for_update(of=("self",)).filter(pk=event.pk).first()
        active = Registration.objects.filter(event=event, seance=seance).exclude(
            status=Registration.Status.CANCELLED
        )
        if active.filter(email__iexact=data["email"]).exists():
            raise RegistrationRefused(_("This e-mail address is already registered."))
        taken = active.filter(status=Registration.Status.CONFIRMED).count()
        if event.capacity is None or taken < event.capacity:
            status = Registration.Status.CONFIRMED
        elif event.waiting_list:
            status = Registration.Status.WAITING
        else:
            raise RegistrationRefused(_("Sorry, this event is full."))
        return Registration.objects.create(
            event=event,
            seance=seance,
            status=status,
            name=data["name"],
            email=data["email"],
            structure=data.get("structure", ""),
            fonction=data.get("fonction", ""),
            territoire=data.get("territoire", ""),
            needs=data.get("needs", ""),
            consent_text=event.consent_text,
            consent_at=timezone.now(),
        )


def cancel_url(registration, request):
    token = CANCEL.make(registration)
    path = registration.event.get_url(request) + "inscription/annulation/"
    return request.build_absolute_uri(path) + "?" + _urlencode({"jeton": token})


def _urlencode(params):
    from urllib.parse import urlencode

    return urlencode(params)


def send_registration_email(registration, request, kind):
    """Render now (in the request), send in the background: kind = confirmed|waiting|promoted."""
    event = registration.event
    seances = (
        [registration.seance]
        if registration.seance_id
        else list(event.seances.select_related("venue").order_by("day", "start_time"))
    )
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "event_url": event.get_full_url(request),
        "seances": seances,
        "show_online_link": kind in ("confirmed", "promoted"),
        "cancel_url": cancel_url(registration, request),
        "centre": CentreSettings.for_request(request),
    }
    # Called once the seat is committed: rendered here, sent by the task worker.
    queue_templated_email("agenda/emails/registration", context, [registration.email])
