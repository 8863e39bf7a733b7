"""Moderation of the changes actors proposed through their link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..models import ChangeRequest
from ..moderation import ADDRESS_FIELDS, approve, proposed_changes, reject


def _check(user):
    if not (user.has_perm("annuaire.change_structure") and user.has_perm("annuaire.change_person")):
        raise PermissionDenied


def moderation_list(request):
    _check(request.user)
    pending = ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING).select_related(
        "structure", "person"
    )
    return TemplateResponse(
        request,
        "annuaire/admin/moderation_list.html",
        {"page_title": _("Proposed changes to review"), "header_icon": "mail", "pending": pending},
    )


def _partial_problem(rows, ticked):
    """Why the values ticked cannot be published as they are, or "": an address holds together
    (a city without its postcode is found in no commune), and a consent goes with the contact
    details it was given for."""
    changed = {key for key, *_row in rows}
    if rows and not ticked:
        return _("Tick at least one value to publish, or reject the proposal.")
    address = changed & set(ADDRESS_FIELDS)
    if address & ticked and address - ticked:
        return _(
            "Publish the address whole or not at all: tick or untick its street, postcode and "
            "city together."
        )
    if "consent" in ticked and {"email", "phone"} & changed - ticked:
        return _(
            "The consent was given for the contact details proposed with it: publish them "
            "with it, or leave it out."
        )
    return ""


def review(request, pk):
    _check(request.user)
    change = get_object_or_404(ChangeRequest.objects.select_related("structure", "person"), pk=pk)
    rows = proposed_changes(change)
    ticked = {key for key, *_row in rows}
    if request.method == "POST" and change.status == ChangeRequest.Status.PENDING:
        decision = request.POST.get("decision")
        # The values to publish are ticked, each on its row; garbage names none of them.
        ticked = ticked & set(request.POST.getlist("publish"))
        problem = decision == "approve" and _partial_problem(rows, ticked)
        if problem:
            messages.error(request, problem)
        elif decision == "approve":
            left_out = {key for key, *_row in rows} - ticked
            approve(change, request.user, left_out=left_out)
            if left_out:
                messages.success(
                    request, _("The ticked values are published; the others were left out.")
                )
            else:
                messages.success(request, _("The change is published."))
            return redirect("annuaire_admin:moderation")
        elif decision == "reject":
            reject(change, request.user)
            messages.success(request, _("The change was rejected; nothing was published."))
            return redirect("annuaire_admin:moderation")
    return TemplateResponse(
        request,
        "annuaire/admin/review.html",
        {
            "page_title": _("Proposed change"),
            "page_subtitle": str(change),
            "header_icon": "mail",
            "change": change,
            "rows": rows,
            "ticked": ticked,
        },
    )
