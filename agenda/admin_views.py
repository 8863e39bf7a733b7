"""Staff views of an event's registrations: attendance list and CSV export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from resource_centre.exports import csv_response
from resource_centre.ids import as_id

from .models import EventPage, Registration

# Registrants' details (needs may be health data, RGPD art. 9) are behind the Registration
# model's own permissions, not page editing: "view" to read and export, "change" for attendance.
VIEW, CHANGE = "agenda.view_registration", "agenda.change_registration"


def _event_for(request, event_id, perm=VIEW):
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(EventPage, pk=event_id)


def _registrations(event):
    return (
        Registration.objects.filter(event=event)
        .select_related("seance", "seance__venue")
        .order_by("seance__day", "status", "created_at", "pk")
    )


def _ids(values):
    """The submitted values that are primary keys; anything else ("²", "x", "-1") is ignored."""
    return {number for number in map(as_id, values) if number is not None}


def registrations(request, event_id):
    event = _event_for(request, event_id, CHANGE if request.method == "POST" else VIEW)
    if request.method == "POST":
        present = _ids(request.POST.getlist("present"))
        shown = _ids(request.POST.getlist("shown"))
        rows = Registration.objects.filter(event=event, pk__in=shown)
        # Two UPDATEs whatever the number of rows.
        rows.filter(pk__in=present).exclude(attended=True).update(attended=True)
        rows.exclude(pk__in=present).exclude(attended=False).update(attended=False)
        messages.success(request, _("Attendance saved."))
        return redirect("agenda_admin:registrations", event_id=event.pk)
    rows = list(_registrations(event))
    counts = {status: 0 for status in Registration.Status.values}
    for row in rows:
        counts[row.status] += 1
    return TemplateResponse(
        request,
        "agenda/admin/registrations.html",
        {
            "event": event,
            "registrations": rows,
            "confirmed": counts["confirmed"],
            "waiting": counts["waiting"],
            "cancelled": counts["cancelled"],
            "pending": counts["pending"],
            "can_change": request.user.has_perm(CHANGE),
            "can_edit_event": event.permissions_for_user(request.user).can_edit(),
            "header_title": _("Registrations: %(title)s") % {"title": event.title},
        },
    )


def registrations_csv(request, event_id):
    event = _event_for(request, event_id)
    header = [
        _("Séance"),
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Job title"),
        _("Territory"),
        _("Needs"),
        _("Status"),
        _("Registered at"),
        _("Present"),
        _("Signature"),
    ]
    yes, no = _("yes"), _("no")

    def rows():
        for r in _registrations(event).iterator():
            yield [
                r.seance.effective_date.strftime("%d/%m/%Y") if r.seance else "",
                r.name,
                r.email,
                r.structure,
                r.fonction,
                r.territoire,
                r.needs,
                r.get_status_display(),
                r.created_at.strftime("%d/%m/%Y %H:%M"),
                "" if r.attended is None else (yes if r.attended else no),
                "",
            ]

    return csv_response(f"inscriptions-{event.slug}.csv", header, rows(), delimiter=";")
