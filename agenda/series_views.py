"""Admin view: add a generated series of séances to a draft of the event."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import EventPage, Seance
from .series_forms import SeriesForm


def _editable_event(request, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def add_series(request, event_id):
    event = _editable_event(request, event_id)
    lock = event.get_lock()
    locked = bool(lock and lock.for_user(request.user))
    form = SeriesForm(request.POST or None)
    dates = None
    if request.method == "POST" and form.is_valid():
        dates = form.dates()
        if "preview" not in request.POST and not locked:
            added = _add_to_draft(event, request.user, form.cleaned_data, dates)
            messages.success(
                request,
                ngettext(
                    "%(count)d séance added to a draft of the event: check it, then publish.",
                    "%(count)d séances added to a draft of the event: check them, then publish.",
                    added,
                )
                % {"count": added},
            )
            return redirect("wagtailadmin_pages:edit", event.pk)
    return TemplateResponse(
        request,
        "agenda/admin/seance_series.html",
        {
            "event": event,
            "form": form,
            "dates": dates,
            "locked": locked,
            "header_title": _("Generate séances: %(title)s") % {"title": event.title},
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _add_to_draft(event, user, data, dates):
    """Append the séances to the latest revision and save it as a new draft revision.

    A date the event already has is skipped, so running the same series twice adds nothing.
    """
    page = event.get_latest_revision_as_object()
    existing = list(page.seances.all())
    taken = {s.date for s in existing}
    order = max((s.sort_order or 0 for s in existing), default=-1) + 1
    new = [
        Seance(
            date=day,
            start_time=data.get("start_time"),
            end_time=data.get("end_time"),
            venue=data.get("venue"),
            online=data.get("online", False),
            online_url=data.get("online_url", ""),
            title=data.get("title", ""),
            sort_order=order + i,
        )
        for i, day in enumerate(d for d in dates if d not in taken)
    ]
    if new:
        page.seances = existing + new
        page.save_revision(user=user, log_action=True)
    return len(new)
