"""The fiches behind the bilan d'activité's figures for a period: those published in it, and the
porteurs' answers (and waits) with their delays, counted as the bilan counts them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from resource_centre.bilan import PERMISSION
from resource_centre.bilan.period import parse_period

from ..bilan import ANSWERED
from ..models import FichePage, PorteurValidationTaskState


def fiches_of_period(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    period, errors = parse_period(request.GET)
    for error in errors:
        messages.warning(request, error)
    start, end = period.datetimes()
    published = (
        FichePage.objects.live()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .select_related("porteur_type")
        .order_by("first_published_at", "pk")
    )
    in_period = Q(finished_at__gte=start, finished_at__lt=end, status__in=ANSWERED)
    waiting = Q(link_sent_at__lt=end) & (Q(finished_at__isnull=True) | Q(finished_at__gte=end))
    answers = (
        PorteurValidationTaskState.objects.filter(link_sent_at__isnull=False)
        .filter(in_period | waiting)
        .select_related("revision")
        .order_by("link_sent_at", "pk")
    )
    rows = []
    for state in answers:
        answered = state.finished_at is not None and state.finished_at < end
        rows.append(
            {
                "title": state.revision.object_str if state.revision_id else "",
                "page_id": state.revision.object_id if state.revision_id else None,
                "sent": state.link_sent_at,
                "answered": state.finished_at if answered else None,
                "decision": state.get_status_display() if answered else _("Waiting"),
                "days": round((state.finished_at - state.link_sent_at).total_seconds() / 86400, 1)
                if answered
                else None,
            }
        )
    if period.is_year:
        title = _("Fiches of %(year)s") % {"year": period.start.year}
    else:
        title = _("Fiches %(period)s") % {"period": period.label()}
    return TemplateResponse(
        request,
        "fiches/admin/fiches_of_period.html",
        {
            "fiches": published,
            "answers": rows,
            "period": period,
            "header_title": title,
            "header_icon": "doc-full",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {
                    "url": reverse("resource_centre_admin:bilan") + "?" + period.query(),
                    "label": _("Activity report"),
                },
                {"url": "", "label": title},
            ],
        },
    )
