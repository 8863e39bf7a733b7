"""Who came to a séance, as its sign-in sheet says. A registration to one séance records it in
its own `attended`. A registration to a whole series is ticked séance by séance (`Attendance`),
and its `attended`, which the bilan and the evaluations read, says whether they came to at
least one."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery

from .models import Attendance, Registration
from .models.registrations import to_whole_event


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
    did not. Ids that are not on the sheet are ignored. Five queries, whatever their number."""
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
    came = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
    Registration.objects.filter(pk__in=whole).update(attended=Exists(came))
