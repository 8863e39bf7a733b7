"""What the centre's staff do with registrations from the admin: add someone who registered by
phone, cancel a registration, confirm someone from the waiting list, and give freed seats to the
people waiting. Each returns who must be told; the views and the publication tell them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Registration
from .registrations import _fill_from_waiting_list, _lock, _place


def add(event, data, staff_user):
    """A registration taken by the staff: the address needs no confirmation (the staff vouch for
    it); confirmed while seats remain, then on the waiting list, else RegistrationRefused."""
    now = timezone.now()
    with transaction.atomic():
        _lock(event)
        status = _place(event, data.get("seance"), now)
        return Registration.objects.create(
            event=event,
            seance=data.get("seance"),
            status=status,
            name=data["name"],
            email=data["email"],
            structure=data.get("structure", ""),
            fonction=data.get("fonction", ""),
            territoire=data.get("territoire", ""),
            needs=data.get("needs", ""),
            consent_text=_("Registered by %(staff)s for the person, who agreed to: %(text)s")
            % {
                "staff": staff_user.get_full_name() or staff_user.get_username(),
                "text": event.consent_text,
            },
            consent_at=now,
        )


def confirm_from_waiting_list(registration):
    """Give a seat to someone waiting, ahead of the others (the staff's choice, even beyond the
    capacity); False when they were no longer waiting."""
    with transaction.atomic():
        _lock(registration.event)
        done = Registration.objects.filter(
            pk=registration.pk, status=Registration.Status.WAITING
        ).update(status=Registration.Status.CONFIRMED)
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
        _lock(event)
        for seance_id in list(waiting_for):
            promoted += _fill_from_waiting_list(event, seance_id, now)
    return promoted
