"""What the centre's staff do with registrations from the admin: add someone who registered by
phone, cancel a registration, confirm someone from the waiting list, and give freed seats to the
people waiting. Each returns who must be told; the views and the publication tell them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Registration
from .registrations import (
    RegistrationRefused,
    create,
    fill_from_waiting_list,
    lock_event,
    place,
    registration_of,
)


def add(event, data, staff_user):
    """A registration taken by the staff: the address needs no confirmation (the staff vouch for
    it); confirmed while seats remain, then on the waiting list, else RegistrationRefused, as
    for an address already registered."""
    now = timezone.now()
    with transaction.atomic():
        lock_event(event)
        known = registration_of(event, data.get("seance"), data["email"])
        if known is not None:
            raise RegistrationRefused(
                _("%(name)s is already registered with this e-mail address (%(status)s).")
                % {"name": known.name, "status": known.get_status_display()}
            )
        status = place(event, data.get("seance"), now)
        staff = staff_user.get_full_name() or staff_user.get_username()
        consent = _("Registered by %(staff)s for the person, who agreed to: %(text)s") % {
            "staff": staff,
            "text": event.consent_text,
        }
        return create(event, data, status, consent, now)


def confirm_from_waiting_list(registration):
    """Give a seat to someone waiting, ahead of the others (the staff's choice, even beyond the
    capacity); False when they were no longer waiting."""
    with transaction.atomic():
        lock_event(registration.event)
        done = Registration.objects.filter(
            pk=registration.pk, status=Registration.Status.WAITING
        ).update(status=Registration.Status.CONFIRMED, updated_at=timezone.now())
    registration.refresh_from_db()
    return bool(done)


def fill_waiting_lists(event):
    """Seats freed (a raised capacity, a cancellation) go to the people waiting, in order, for
    the event and each of its séances; returns them."""
    waiting_for = (
        Registration.objects.filter(event=event, status=Registration.Status.WAITING)
        .values_list("seance_id", flat=True)
        .distinct()
    )
    now = timezone.now()
    promoted = []
    with transaction.atomic():
        lock_event(event)
        for seance_id in list(waiting_for):
            if seance_id is None and event.registration_per_seance:
                continue  # waiting for a séance removed since: no seat to give
            promoted += fill_from_waiting_list(event, seance_id, now)
    return promoted
