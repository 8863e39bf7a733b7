"""Entries not verified for a while (ANNUAIRE_FRESHNESS_DAYS), and asking actors to check them.

Each request is recorded on the entry: an entry asked less than ANNUAIRE_VERIFICATION_RESEND_DAYS
ago, or whose actor asked to be left alone, is not mailed again. One click mails at most BATCH
entries; the next click goes on with the rest.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resource_centre import language
from resource_centre.mail import queue_templated_email
from resource_centre.models import CentreSettings

from .. import conf
from ..models import AnnuaireIndexPage, Person, Structure
from ..tokens import REMOVE, UPDATE, token_for

# Mailing people reads and changes their entries as much as the structures'.
PERMISSIONS = ("annuaire.change_structure", "annuaire.change_person")
PER_PAGE = 50
BATCH = 200


def stale(model):
    limit = timezone.localdate() - timedelta(days=conf.get("ANNUAIRE_FRESHNESS_DAYS"))
    return model.objects.filter(Q(verified_at__isnull=True) | Q(verified_at__lt=limit)).order_by(
        "verified_at", "pk"
    )


def to_ask(model):
    """The stale entries a request may go to now: with an address, not asked recently, willing."""
    recent = timezone.now() - timedelta(days=conf.get("ANNUAIRE_VERIFICATION_RESEND_DAYS"))
    return (
        stale(model)
        .exclude(email="")
        .exclude(no_verification_requests=True)
        .filter(Q(verification_requested_at__isnull=True) | Q(verification_requested_at__lt=recent))
    )


def _send_requests(request, index, entries):
    centre = CentreSettings.for_request(request)
    now = timezone.now()
    # In the annuaire's language, not in the editor's admin language.
    with language.speaking(language.of_page(index)):
        for entry in entries:
            _send_request(request, index, entry, centre, now)
    return len(entries)


def _send_request(request, index, entry, centre, now):
    """One entry's request to check its record, with its personal links."""
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
    type(entry).objects.filter(pk=entry.pk).update(verification_requested_at=now)


def _post(request):
    index = AnnuaireIndexPage.objects.live().first()
    if index is None:
        messages.error(request, _("No published directory page: the links would lead nowhere."))
        return redirect("annuaire_admin:freshness")
    structures = list(to_ask(Structure)[:BATCH])
    people = list(to_ask(Person)[: BATCH - len(structures)])
    sent = _send_requests(request, index, structures + people)
    messages.success(
        request,
        ngettext(
            "%(count)s verification request sent.",
            "%(count)s verification requests sent.",
            sent,
        )
        % {"count": sent},
    )
    left = to_ask(Structure).count() + to_ask(Person).count()
    if left:
        messages.info(
            request,
            ngettext(
                "%(count)s more entry can be asked: send again to go on.",
                "%(count)s more entries can be asked: send again to go on.",
                left,
            )
            % {"count": left},
        )
    return redirect("annuaire_admin:freshness")


def freshness_list(request):
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied
    if request.method == "POST":
        return _post(request)
    structures = Paginator(stale(Structure).select_related("type"), PER_PAGE).get_page(
        request.GET.get("structures")
    )
    people = Paginator(stale(Person).select_related("metier"), PER_PAGE).get_page(
        request.GET.get("personnes")
    )
    return TemplateResponse(
        request,
        "annuaire/admin/freshness.html",
        {
            "page_title": _("Entries to verify"),
            "header_icon": "time",
            "structures": structures,
            "people": people,
            "to_ask": to_ask(Structure).count() + to_ask(Person).count(),
            "days": conf.get("ANNUAIRE_FRESHNESS_DAYS"),
            "resend_days": conf.get("ANNUAIRE_VERIFICATION_RESEND_DAYS"),
        },
    )
