"""Taking a seat: capacity-safe under concurrent submissions, with a waiting list."""

import datetime
import math

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre.tokens import InvalidToken, SignedLink

from . import conf
from .models import EventPage, Registration

# Confirming the address and cancelling bump the registration's token_version: each link
# works once.
CONFIRM = SignedLink(
    "agenda.registration.confirm",
    "agenda.Registration",
    "token_version",
    max_age=lambda: conf.get("AGENDA_CONFIRM_LINK_MAX_AGE"),
)
CANCEL = SignedLink(
    "agenda.registration.cancel",
    "agenda.Registration",
    "token_version",
    max_age=lambda: conf.get("AGENDA_CANCEL_LINK_MAX_AGE"),
    legacy_id_key="r",  # cancel links e-mailed before 2026-12
)


class RegistrationRefused(Exception):
    pass


def lock_event(event):
    """Lock the event row for the count and the write (SELECT … FOR UPDATE on PostgreSQL; SQLite
    serialises writers), so that concurrent submissions never exceed the capacity."""
    EventPage.objects.select_for_update(of=("self",)).filter(pk=event.pk).first()


def place(event, seance, now, exclude=None):
    """CONFIRMED while seats remain, then WAITING, else RegistrationRefused."""
    taken = Registration.objects.filter(event=event, seance=seance).holding_seats(now)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if event.capacity is None or taken.count() < event.capacity:
        return Registration.Status.CONFIRMED
    if event.waiting_list:
        return Registration.Status.WAITING
    raise RegistrationRefused(_("Sorry, this event is full."))


def _hold_until(event, seance, now):
    """When a new unconfirmed registration's hold ends, or None for no hold: unconfirmed
    registrations hold at most AGENDA_HELD_SEATS_SHARE of the seats, so that invented addresses
    cannot fill an event (past that share, a seat goes to whoever confirms first)."""
    if event.capacity is not None:
        held = Registration.objects.filter(
            event=event, seance=seance, status=Registration.Status.PENDING, hold_until__gt=now
        ).count()
        if held >= math.ceil(event.capacity * conf.get("AGENDA_HELD_SEATS_SHARE")):
            return None
    return now + datetime.timedelta(seconds=conf.get("AGENDA_CONFIRMATION_HOLD"))


def fill_from_waiting_list(event, seance, now):
    """Give the seats freed by lapsed holds to the people waiting, in order; returns them."""
    if event.capacity is None:
        return []
    registrations = Registration.objects.filter(event=event, seance=seance)
    free = event.capacity - registrations.holding_seats(now).count()
    if free <= 0:
        return []
    promoted = list(registrations.waiting()[:free])
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=Registration.Status.CONFIRMED, updated_at=now
    )
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
    return promoted


def create(event, data, status, consent_text, now, hold_until=None):
    """The registration row, from the registrant's details (RegistrantForm's cleaned data)."""
    return Registration.objects.create(
        event=event,
        seance=data.get("seance"),
        status=status,
        hold_until=hold_until,
        name=data["name"],
        email=data["email"],
        structure=data.get("structure", ""),
        fonction=data.get("fonction", ""),
        territoire=data.get("territoire", ""),
        needs=data.get("needs", ""),
        consent_text=consent_text,
        consent_at=now,
    )


def registration_of(event, seance, email):
    """The registration of `email` (in any case) to `event`, or to its `seance`, unless
    cancelled; None when there is none. One per address: the e-mails would reach it twice."""
    return (
        Registration.objects.filter(event=event, seance=seance)
        .exclude(status=Registration.Status.CANCELLED)
        .filter(email__iexact=email)
        .first()
    )


def register(event, data):
    """Record a registration: (registration, the e-mail to send, people promoted meanwhile).

    With address confirmation (the default), a new registration waits for its address as
    PENDING, holding a seat if one is free ("confirm_address"); an address already registered
    creates nothing and is told so by e-mail ("already"), so the form answers both alike.
    Without it, the registration is confirmed or put on the waiting list at once. Seats freed by
    lapsed holds go first to the people waiting ("promoted", to be told by e-mail).
    """
    seance = data.get("seance")
    now = timezone.now()
    with transaction.atomic():
        lock_event(event)
        promoted = fill_from_waiting_list(event, seance, now)
        known = registration_of(event, seance, data["email"])
        if known is not None:
            if not event.registration_confirmation:
                raise RegistrationRefused(_("This e-mail address is already registered."))
            if known.status != Registration.Status.PENDING:
                return known, "already", promoted
            if not (known.hold_until and known.hold_until > now):  # asked again: hold again
                if place(event, seance, now, exclude=known) == Registration.Status.CONFIRMED:
                    known.hold_until = _hold_until(event, seance, now)
                    known.save(update_fields=["hold_until", "updated_at"])
            return known, "confirm_address", promoted
        status = place(event, seance, now)
        hold_until = None
        if event.registration_confirmation:
            if status == Registration.Status.CONFIRMED:
                hold_until = _hold_until(event, seance, now)
            status = Registration.Status.PENDING
        registration = create(event, data, status, event.consent_text, now, hold_until)
    pending = status == Registration.Status.PENDING
    return registration, "confirm_address" if pending else status, promoted


def pending_registration(event, token):
    """The registration of `event` whose address a confirm link is for, while it waits for it."""
    registration, _data = CONFIRM.open(token, Registration.objects.filter(event=event))
    if registration.status != Registration.Status.PENDING:
        raise InvalidToken("revoked")  # confirmed or cancelled since
    return registration


def confirm_address(event, token):
    """Confirm a registrant's address with their link: (registration, people promoted).

    The seat held for them, or (past the hold) a free seat or the waiting list, after the people
    already waiting. InvalidToken for a link already used or revoked; RegistrationRefused when
    the event filled up meanwhile and has no waiting list (nothing changes then: the link works
    again if a seat frees up)."""
    with transaction.atomic():
        lock_event(event)
        registration = pending_registration(event, token)
        if not CONFIRM.spend(registration):
            raise InvalidToken("revoked")
        now = timezone.now()
        promoted = []
        if registration.hold_until and registration.hold_until > now:
            status = Registration.Status.CONFIRMED
        else:  # the hold lapsed: as a new registration (a refusal leaves the link usable)
            promoted = fill_from_waiting_list(event, registration.seance, now)
            status = place(event, registration.seance, now, exclude=registration)
        registration.status, registration.hold_until = status, None
        registration.save(update_fields=["status", "hold_until", "updated_at"])
    return registration, promoted
