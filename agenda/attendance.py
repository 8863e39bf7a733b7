"""Who came to a séance, as its sign-in sheet says. A registration to one séance records it in
its own `attended`. A registration to a whole series is ticked séance by séance (`Attendance`),
and its `attended`, which the bilan and the evaluations read, is counted from those ticks
(`recount`)."""

from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When

from .models import Attendance, EventPage, Registration, Seance
from .models.registrations import to_whole_event

CANCELLED = Seance.Status.CANCELLED


def sheet(seance):
    """The confirmed registrations a séance's sheet lists, those registered to the whole series
    with `attendance_here`: ticked present (True), absent (False) or not yet (None)."""
    here = Attendance.objects.filter(registration=OuterRef("pk"), seance=seance)
    return (
        Registration.objects.concerning(seance)
        .confirmed()
        .annotate(attendance_here=Subquery(here.values("present")[:1]))
    )


def present_here(registration, seance):
    """Whether a registration of `sheet(seance)` came to it (None: not ticked yet)."""
    if registration.seance_id == seance.pk:
        return registration.attended
    return registration.attendance_here


@transaction.atomic
def mark(seance, shown, present):
    """Tick the registrations `shown` on the séance's sheet: those in `present` came, the others
    did not. Ids that are not on the sheet are ignored. A fixed number of queries."""
    # One sheet saved at a time per event: the recount of a registration reads every séance's
    # ticks, which another sheet of the series may be writing.
    EventPage.objects.select_for_update(of=("self",)).filter(pk=seance.event_id).first()
    rows = Registration.objects.concerning(seance).confirmed().filter(pk__in=shown)
    own = rows.filter(seance=seance)
    own.filter(pk__in=present).exclude(attended=True).update(attended=True)
    own.exclude(pk__in=present).exclude(attended=False).update(attended=False)
    whole = list(rows.filter(to_whole_event()).values_list("pk", flat=True))
    Attendance.objects.bulk_create(
        [Attendance(registration_id=pk, seance=seance, present=pk in present) for pk in whole],
        update_conflicts=True,
        unique_fields=["registration", "seance"],
        update_fields=["present"],
    )
    recount(Registration.objects.filter(pk__in=whole))


def recount(registrations):
    """Set `attended` of these registrations to a whole series from their séances' ticks: came
    to one séance held, or ticked absent at every one, or not known yet. One UPDATE."""
    came = Attendance.objects.filter(registration=OuterRef("pk"), present=True).exclude(
        seance__status=CANCELLED
    )
    ticked = Attendance.objects.filter(registration=OuterRef(OuterRef("pk")), seance=OuterRef("pk"))
    unticked = (
        Seance.objects.filter(event=OuterRef("event"))
        .exclude(status=CANCELLED)
        .exclude(Exists(ticked))
    )
    registrations.update(
        attended=Case(
            When(Exists(came), then=Value(True)),
            When(Exists(unticked), then=Value(None)),
            default=Value(False),
        )
    )


def seances_changed(sender, instance, **kwargs):
    """page_published of an event: a séance cancelled, restored or removed changes what its
    registrants to the whole series count as (their ticks at a cancelled séance do not). Those
    never ticked séance by séance keep their `attended`, ticked for the whole event."""
    ticked = Attendance.objects.filter(registration=OuterRef("pk"))
    recount(Registration.objects.filter(to_whole_event(), Exists(ticked), event=instance))
