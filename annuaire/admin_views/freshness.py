"""Entries not verified for a while (ANNUAIRE_FRESHNESS_DAYS), and asking actors to check them."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resource_centre.mail import queue_templated_email
from resource_centre.models import CentreSettings

from .. import conf
from ..models import AnnuaireIndexPage, Person, Structure
from ..tokens import REMOVE, UPDATE, token_for

LIMIT = 200


def stale(model):
    limit = timezone.localdate() - timedelta(days=conf.get("ANNUAIRE_FRESHNESS_DAYS"))
    return model.objects.filter(Q(verified_at__isnull=True) | Q(verified_at__lt=limit)).order_by(
        "verified_at", "pk"
    )


def _send_requests(request, entries):
    index = AnnuaireIndexPage.objects.live().first()
    if index is None:
        return 0
    centre = CentreSettings.for_request(request)
    sent = 0
    for entry in entries:
        if not entry.email:
            continue
        link = {
            "entry": entry,
            "update_url": request.build_absolute_uri(
                index.link_url("propose", token_for(UPDATE, entry))
            ),
        }
        if isinstance(entry, Person):
            link["remove_url"] = request.build_absolute_uri(
                index.link_url("remove", token_for(REMOVE, entry))
            )
        queue_templated_email(
            "annuaire/emails/verify",
            {"links": [link], "centre": centre, "site_url": request.build_absolute_uri("/")},
            [entry.email],
        )
        sent += 1
    return sent


def freshness_list(request):
    if not request.user.has_perm("annuaire.change_structure"):
        raise PermissionDenied
    structures = list(stale(Structure).select_related("type")[:LIMIT])
    people = list(stale(Person).select_related("metier")[:LIMIT])
    if request.method == "POST":
        sent = _send_requests(request, structures + people)
        messages.success(
            request,
            ngettext(
                "%(count)s verification request sent.",
                "%(count)s verification requests sent.",
                sent,
            )
            % {"count": sent},
        )
        return redirect("annuaire_admin:freshness")
    return TemplateResponse(
        request,
        "annuaire/admin/freshness.html",
        {
            "page_title": _("Entries to verify"),
            "header_icon": "time",
            "structures": structures,
            "people": people,
            "days": conf.get("ANNUAIRE_FRESHNESS_DAYS"),
        },
    )
