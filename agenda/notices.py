"""Registrants are told when the publication of their event changes what they signed up for: a
séance cancelled, postponed or moved to another time, seats freed for the waiting list; and they
are reminded before their séance (``manage.py send_reminders``)."""

import datetime

from django.db.models import F, Min, Q
from django.utils import timezone

from . import conf
from .emails import send_registration_email
from .models import AnnouncedSeance, EventPage, Registration, Seance
from .models.registrations import deleting_pages, to_whole_event
from .staff import fill_waiting_lists

TOLD = [Registration.Status.CONFIRMED, Registration.Status.WAITING]


def _registrants(seance):
    """Who registered to the séance, or to its whole event; not those who have not confirmed
    their address (it may be invented)."""
    return Registration.objects.concerning(seance).filter(status__in=TOLD).select_related("event")


def tell_seance_changes(event):
    """Compare each séance with what its registrants were last told; e-mail the differences."""
    # With their seats, for the calendar attached to each e-mail (agenda/emails.py).
    seances = list(event.seances.for_calendar().select_related("announced"))
    for seance in seances:
        announced = getattr(seance, "announced", None)
        if announced is None:  # first publication: nothing was announced before
            AnnouncedSeance.objects.create(seance=seance, **AnnouncedSeance.state_of(seance))
            continue
        if not announced.differs_from(seance):
            continue
        kind = "seance_cancelled" if seance.is_cancelled else "seance_changed"
        for registration in _registrants(seance):
            send_registration_email(registration, None, kind, seance=seance, day=announced.day)
        AnnouncedSeance.objects.filter(pk=seance.pk).update(**AnnouncedSeance.state_of(seance))


def event_published(sender, instance, **kwargs):
    """Connected to Wagtail's page_published for events (every way of publishing)."""
    event = EventPage.objects.get(pk=instance.pk)
    for registration in fill_waiting_lists(event):
        send_registration_email(registration, None, "promoted")
    tell_seance_changes(event)


def send_reminders(today=None):
    """Remind confirmed registrants AGENDA_REMINDER_DAYS before their séance (those registered
    to a whole event, before its next séance), once each; returns how many."""
    days = conf.get("AGENDA_REMINDER_DAYS")
    if not days:
        return 0
    today = today or timezone.localdate()
    day = today + datetime.timedelta(days=days)
    held = ~Q(status=Seance.Status.CANCELLED)
    seances = Seance.objects.filter(held, day=day, event__live=True)
    next_seance_on_that_day = (
        EventPage.objects.live()
        .annotate(
            next_day=Min(
                "seances__day", filter=Q(seances__day__gte=today) & ~Q(seances__status="cancelled")
            )
        )
        .filter(next_day=day)
    )
    registrations = list(
        Registration.objects.filter(status=Registration.Status.CONFIRMED, reminded_at__isnull=True)
        .filter(Q(seance__in=seances) | to_whole_event() & Q(event__in=next_seance_on_that_day))
        .select_related("event", "seance__venue")
    )
    first_seance = {s.event_id: s for s in seances.select_related("venue").order_by("-start_time")}
    for registration in registrations:
        seance = registration.seance or first_seance.get(registration.event_id)
        send_registration_email(registration, None, "reminder", seance=seance)
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        reminded_at=timezone.now()
    )
    return len(registrations)


def seance_removed(sender, instance, origin=None, **kwargs):
    """pre_delete of a séance: one to come, removed from its event (not deleted with it), is
    cancelled for those it concerns, as if marked « Annulée » and published. They are told with
    the calendar entry that removes it, and a registration to it alone is cancelled: its seat is
    gone, and it would otherwise stay « confirmed » to no séance."""
    if deleting_pages(origin) or instance.status == Seance.Status.CANCELLED:
        return
    # As its calendar entry was, with its seats; the event's publication under way dates it.
    seance = Seance.objects.for_calendar().filter(pk=instance.pk).first()
    if seance is None or seance.effective_date < timezone.localdate():
        return
    told = list(_registrants(seance))
    own = Registration.objects.filter(seance=seance).exclude(status=Registration.Status.CANCELLED)
    own.update(
        status=Registration.Status.CANCELLED,
        token_version=F("token_version") + 1,
        updated_at=timezone.now(),
    )
    seance.status = Seance.Status.CANCELLED
    announced = AnnouncedSeance.objects.filter(pk=seance.pk).values_list("day", flat=True)
    day = announced.first() or seance.day
    for registration in told:
        if registration.seance_id == seance.pk:
            registration.status = Registration.Status.CANCELLED
        send_registration_email(registration, None, "seance_cancelled", seance=seance, day=day)
