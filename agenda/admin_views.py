"""Staff views of events and their registrations: the events with their counts, an event's
registrants (attendance, CSV export), and the staff's actions on them: add someone, cancel,
confirm from the waiting list, write to the registrants."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import HeaderButton

from resource_centre.bilan.period import parse_period
from resource_centre.dates import french_date
from resource_centre.exports import Column, Export
from resource_centre.ids import as_id

from . import attendance, staff
from .admin_forms import MessageForm, StaffRegistrationForm
from .emails import send_registration_email
from .evaluations import results
from .models import Evaluation, EvaluationInvitation, EventPage, Registration, Seance
from .models.registrations import to_whole_event
from .registrations import RegistrationRefused

# Registrants' details (needs may be health data, RGPD art. 9) are behind the Registration
# model's own permissions, not page editing: "view" to read and export, "change" for the
# staff's actions, "add" to register someone.
VIEW, CHANGE, ADD = (
    "agenda.view_registration",
    "agenda.change_registration",
    "agenda.add_registration",
)
# The evaluations' comments are for the staff who run events, not every page editor.
EVALUATIONS = "agenda.view_evaluation"


def _event_for(request, event_id, perm=VIEW):
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(EventPage, pk=event_id)


def _registrations(event, rows=None):
    """The event's registrations (or those of `rows`) in the order the staff reads them."""
    rows = Registration.objects.filter(event=event) if rows is None else rows
    return rows.select_related("seance", "seance__venue").order_by(
        "seance__day", "status", "created_at", "pk"
    )


def _ids(values):
    """The submitted values that are primary keys; anything else ("²", "x", "-1") is ignored."""
    return {number for number in map(as_id, values) if number is not None}


def _breadcrumbs(event=None, title=None):
    items = [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("agenda_admin:events"), "label": _("Events and registrations")},
    ]
    if event is not None:
        items.append(
            {"url": reverse("agenda_admin:registrations", args=[event.pk]), "label": event.title}
        )
    if title:
        items.append({"url": "", "label": title})
    return items


def _render(request, template, context):
    return TemplateResponse(request, template, context, status=context.pop("status", 200))


def _form_page(request, event, form, title, submit_label, status):
    """A staff form about an event's registrants, in Wagtail's header and breadcrumbs."""
    return _render(
        request,
        "agenda/admin/registration_form.html",
        {
            "event": event,
            "form": form,
            "submit_label": submit_label,
            "header_title": f"{title} : {event.title}",
            "breadcrumbs_items": _breadcrumbs(event, title),
            "status": status,
        },
    )


def events(request):
    """Every event, the coming ones first, with its dates and registrants counted; for a period
    (``?annee=`` or ``?du=&au=``, the bilan's links), the events held in it."""
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    if {"annee", "du", "au"} & set(request.GET):
        return _events_of_period(request)
    today = timezone.localdate()
    held = ~Q(seances__status=Seance.Status.CANCELLED)
    rows = (
        EventPage.objects.annotate(
            next_day=Min("seances__day", filter=held & Q(seances__day__gte=today)),
            last_day=Max("seances__day"),
        )
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status="confirmed"), distinct=True
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status="waiting"), distinct=True
            ),
        )
        .order_by("next_day", "-last_day", "title")
    )
    coming = [e for e in rows if e.next_day is not None]
    past = [e for e in rows if e.next_day is None]
    return _render(
        request,
        "agenda/admin/events.html",
        {
            "coming": coming,
            "past": past[:50],
            "header_title": _("Events and registrations"),
            "breadcrumbs_items": _breadcrumbs(),
            "header_icon": "date",
        },
    )


def registrations(request, event_id):
    event = _event_for(request, event_id, CHANGE if request.method == "POST" else VIEW)
    if request.method == "POST":
        present = _ids(request.POST.getlist("present"))
        shown = _ids(request.POST.getlist("shown"))
        rows = Registration.objects.filter(event=event, pk__in=shown)
        if _sheet_seances(event):
            # A registration to a whole series is ticked séance by séance (seance_attendance).
            rows = rows.exclude(to_whole_event())
        # Two UPDATEs whatever the number of rows.
        rows.filter(pk__in=present).exclude(attended=True).update(attended=True)
        rows.exclude(pk__in=present).exclude(attended=False).update(attended=False)
        messages.success(request, _("Attendance saved."))
        return redirect("agenda_admin:registrations", event_id=event.pk)
    rows = list(
        _registrations(event).annotate(
            seances_attended=Count(
                "attendances",
                filter=Q(attendances__present=True)
                & ~Q(attendances__seance__status=Seance.Status.CANCELLED),
            ),
            seances_marked=Count("attendances"),
        )
    )
    counts = {status: 0 for status in Registration.Status.values}
    for row in rows:
        counts[row.status] += 1
    buttons = []
    if request.user.has_perm(ADD):
        buttons.append(
            HeaderButton(
                _("Add a registration"),
                reverse("agenda_admin:registration_add", args=[event.pk]),
                icon_name="plus",
            )
        )
    if request.user.has_perm(CHANGE):
        buttons.append(
            HeaderButton(
                _("Write to the registrants"),
                reverse("agenda_admin:registrations_message", args=[event.pk]),
                icon_name="mail",
            )
        )
    if request.user.has_perm(EVALUATIONS):
        buttons.append(
            HeaderButton(
                _("Evaluations"),
                reverse("agenda_admin:evaluations", args=[event.pk]),
                icon_name="list-ol",
            )
        )
    return _render(
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
            # A sign-in sheet per séance, for a series.
            "sheet_seances": _sheet_seances(event),
            "header_title": _("Registrations: %(title)s") % {"title": event.title},
            "breadcrumbs_items": _breadcrumbs(event),
            "header_buttons": buttons,
            "header_icon": "group",
        },
    )


def _held_seance(event, seance_id):
    """One of the event's séances not cancelled, or 404: a séance's sheet (CSV or on screen)."""
    held = event.seances.exclude(status=Seance.Status.CANCELLED)
    return get_object_or_404(held, pk=seance_id or 0)


def _sheet_seances(event):
    seances = list(
        event.seances.exclude(status=Seance.Status.CANCELLED).order_by("day", "start_time", "pk")
    )
    return seances if len(seances) > 1 else []


def add_registration(request, event_id):
    """Someone who registered by phone: confirmed at once (or on the waiting list)."""
    event = _event_for(request, event_id, ADD)
    form = StaffRegistrationForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration = staff.add(event, form.cleaned_data, request.user)
            except RegistrationRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                if form.cleaned_data["notify"]:
                    send_registration_email(registration, request, registration.status)
                messages.success(
                    request,
                    _("%(name)s is registered (%(status)s).")
                    % {"name": registration.name, "status": registration.get_status_display()},
                )
                return redirect("agenda_admin:registrations", event_id=event.pk)
        status = 400
    return _form_page(
        request, event, form, _("Add a registration"), _("Record the registration"), status
    )


@require_POST
def registration_action(request, event_id, registration_id, action):
    """cancel: the registration (the seat goes to the first person waiting); confirm: give a
    seat to someone waiting. Each person concerned is told by e-mail."""
    event = _event_for(request, event_id, CHANGE)
    registration = Registration.objects.filter(event=event, pk=registration_id).first()
    if registration is None:
        messages.error(request, _("This registration no longer exists."))
    elif action == "annuler":
        if registration.status == Registration.Status.CANCELLED:
            messages.warning(request, _("This registration was already cancelled."))
        else:
            promoted = registration.cancel()
            send_registration_email(registration, request, "cancelled")
            done = _("The registration of %(name)s is cancelled.") % {"name": registration.name}
            if promoted:
                send_registration_email(promoted, request, "promoted")
                done += " " + _("%(name)s, who was waiting, takes the seat.") % {
                    "name": promoted.name
                }
            messages.success(request, done)
    elif action == "confirmer":
        if staff.confirm_from_waiting_list(registration):
            send_registration_email(registration, request, "promoted")
            messages.success(request, _("%(name)s now has a seat.") % {"name": registration.name})
        else:
            messages.warning(request, _("This person was no longer on the waiting list."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("agenda_admin:registrations", event_id=event.pk)


def message_registrants(request, event_id):
    event = _event_for(request, event_id, CHANGE)
    form = MessageForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            statuses = [Registration.Status.CONFIRMED]
            if data["include_waiting"]:
                statuses.append(Registration.Status.WAITING)
            recipients = Registration.objects.filter(event=event, status__in=statuses)
            seance = data.get("seance")
            if seance is not None:
                recipients = recipients.concerning(seance)
            recipients = list(recipients.select_related("event"))
            for registration in recipients:
                send_registration_email(
                    registration,
                    request,
                    "message",
                    seance=seance,
                    message=(data["subject"], data["text"]),
                )
            messages.success(
                request,
                ngettext(
                    "Message sent to %(count)d registrant.",
                    "Message sent to %(count)d registrants.",
                    len(recipients),
                )
                % {"count": len(recipients)},
            )
            return redirect("agenda_admin:registrations", event_id=event.pk)
        status = 400
    return _form_page(request, event, form, _("Write to the registrants"), _("Send"), status)


REGISTRATION_COLUMNS = [
    Column(
        "seance", gettext_lazy("Séance"), lambda r: r.seance.effective_date if r.seance else None
    ),
    Column("name", gettext_lazy("Name")),
    Column("email", gettext_lazy("E-mail")),
    Column("structure", gettext_lazy("Organisation")),
    Column("fonction", gettext_lazy("Job title")),
    Column("territoire", gettext_lazy("Territory")),
    Column("needs", gettext_lazy("Needs")),
    Column("status", gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column("created_at", gettext_lazy("Registered at")),
    Column("attended", gettext_lazy("Present")),
    Column("signature", gettext_lazy("Signature"), lambda r: ""),
]


def registrations_csv(request, event_id):
    """The sign-in sheet: those expected, not the people waiting nor the cancelled ones. With
    `?seance=`, one séance's: its own registrants and those registered to the whole event, for
    a series whose registrants come to each séance."""
    event = _event_for(request, event_id)
    rows = _registrations(event).filter(status=Registration.Status.CONFIRMED)
    name, columns = f"inscriptions-{event.slug}", REGISTRATION_COLUMNS
    if "seance" in request.GET:
        seance = _held_seance(event, as_id(request.GET["seance"]))
        day = seance.effective_date
        # « Présent » is this séance's, also for those registered to the whole series.
        this_seance = {
            "seance": Column("seance", gettext_lazy("Séance"), lambda r: day),
            "attended": Column(
                "attended",
                gettext_lazy("Present"),
                lambda r: attendance.present_here(r, seance),
            ),
        }
        columns = [this_seance.get(column.key, column) for column in columns]
        name = f"{name}-{day:%Y-%m-%d}-{seance.pk}"
        rows = _registrations(event, attendance.sheet(seance))
    return Export(name, columns, rows.iterator()).response("csv")


def seance_attendance(request, event_id, seance_id):
    """A séance's sign-in sheet, ticked on screen: who came, among its registrants and those
    registered to the whole series."""
    event = _event_for(request, event_id, CHANGE if request.method == "POST" else VIEW)
    # Only a series is ticked séance by séance; an event of one séance, on its registrations.
    seance = next((s for s in _sheet_seances(event) if s.pk == seance_id), None)
    if seance is None:
        raise Http404
    day = {"date": french_date(seance.effective_date, "l j F Y")}
    if request.method == "POST":
        attendance.mark(
            seance, _ids(request.POST.getlist("shown")), _ids(request.POST.getlist("present"))
        )
        messages.success(request, _("Attendance at the séance of %(date)s saved.") % day)
        return redirect("agenda_admin:registrations", event_id=event.pk)
    rows = [
        (r, attendance.present_here(r, seance))
        for r in _registrations(event, attendance.sheet(seance))
    ]
    title = _("Attendance at the séance of %(date)s") % day
    return _render(
        request,
        "agenda/admin/seance_attendance.html",
        {
            "event": event,
            "seance": seance,
            "rows": rows,
            "can_change": request.user.has_perm(CHANGE),
            "header_title": f"{title} : {event.title}",
            "breadcrumbs_items": _breadcrumbs(event, title),
            "header_icon": "group",
        },
    )


def evaluations(request, event_id):
    """The evaluations of an event, all séances together then séance by séance: ratings and
    comments, never who gave them."""
    if not request.user.has_perm(EVALUATIONS):
        raise PermissionDenied
    event = get_object_or_404(EventPage, pk=event_id)
    answered = Evaluation.objects.filter(event=event)
    invited = EvaluationInvitation.objects.filter(registration__event=event)
    per_seance = []
    seances = event.seances.exclude(status=Seance.Status.CANCELLED).order_by("day", "start_time")
    if len(seances) > 1:
        for seance in seances.select_related("venue"):
            result = results(answered.filter(seance=seance), invited.filter(seance=seance))
            if result.invited or result.evaluations:
                per_seance.append((seance, result))
    return _render(
        request,
        "agenda/admin/evaluations.html",
        {
            "event": event,
            "questionnaire": event.format.questionnaire if event.format_id else None,
            "total": results(answered, invited),
            "per_seance": per_seance,
            "header_title": _("Evaluations: %(title)s") % {"title": event.title},
            "breadcrumbs_items": _breadcrumbs(event, _("Evaluations")),
            "header_icon": "list-ol",
        },
    )


def _events_of_period(request):
    """The events with séances held in the period and their registrations counted as the bilan
    counts them, with the totals: each figure of the bilan's agenda section can be checked here."""
    from .bilan import evaluations_of, held_in, registrations_of

    period, errors = parse_period(request.GET)
    for error in errors:
        messages.warning(request, error)
    held = (
        held_in(period)
        .exclude(status=Seance.Status.CANCELLED)
        .order_by()
        .values("event")
        .annotate(seances=Count("pk"), first=Min("day"))
    )
    R = Registration.Status
    counted = (
        registrations_of(period)
        .order_by()
        .values("event")
        .annotate(
            confirmed=Count("pk", filter=Q(status=R.CONFIRMED)),
            present=Count("pk", filter=Q(attended=True)),
            absent=Count("pk", filter=Q(attended=False, status=R.CONFIRMED)),
            cancelled=Count("pk", filter=Q(status=R.CANCELLED)),
            waiting=Count("pk", filter=Q(status=R.WAITING)),
        )
    )
    answered = evaluations_of(period).order_by().values("event").annotate(n=Count("pk"))
    rows = {item["event"]: {**item, "evaluations": 0} for item in held}
    for item in counted:
        rows.setdefault(item["event"], {"event": item["event"], "seances": 0, "first": None})
        rows[item["event"]].update(item)
    for item in answered:
        rows.setdefault(item["event"], {"event": item["event"], "seances": 0, "first": None})
        rows[item["event"]]["evaluations"] = item["n"]
    titles = dict(EventPage.objects.filter(pk__in=rows).values_list("pk", "title"))
    columns = ["seances", "confirmed", "present", "absent", "cancelled", "waiting", "evaluations"]
    table = sorted(
        (
            {
                **{c: row.get(c, 0) for c in columns},
                "pk": pk,
                "title": titles.get(pk, ""),
                "first": row.get("first"),
            }
            for pk, row in rows.items()
        ),
        key=lambda r: (r["first"] or period.end, r["title"]),
    )
    totals = {c: sum(r[c] for r in table) for c in columns}
    if period.is_year:
        title = _("Events held in %(year)s") % {"year": period.start.year}
    else:
        title = _("Events held %(period)s") % {"period": period.label()}
    return _render(
        request,
        "agenda/admin/events_of_period.html",
        {
            "rows": table,
            "totals": totals,
            "period": period,
            "header_title": title,
            "breadcrumbs_items": [*_breadcrumbs(), {"url": "", "label": period.label()}],
            "header_icon": "date",
        },
    )
