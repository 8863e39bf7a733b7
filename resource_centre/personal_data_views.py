"""The admin screen of a person's rights: enter an address, see everything the suite holds on it,
download it as one file (art. 15), erase it all in one action (art. 17)."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rgpd
from .forms import EmailField

PERMISSION = "resource_centre.manage_personal_data"


class AddressForm(forms.Form):
    email = EmailField(label=gettext_lazy("E-mail address of the person"))


def _email(request, data):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = AddressForm(data)
    return form, (form.cleaned_data["email"].strip() if form.is_valid() else None)


def _screen(request, form, email, status=200):
    found = rgpd.find_everywhere(email) if email else None
    context = {"form": form, "email": email, "found": found, "page_title": _("Personal data")}
    return TemplateResponse(
        request, "resource_centre/admin/personal_data.html", context, status=status
    )


def personal_data(request):
    # POST, not GET: the address stays out of the access logs and the browser's history.
    form, email = _email(request, request.POST if request.method == "POST" else None)
    return _screen(request, form, email, status=200 if email or not form.is_bound else 400)


def export_personal_data(request):
    if request.method != "POST":
        return redirect("resource_centre_admin:personal_data")
    form, email = _email(request, request.POST)
    if not email:
        return redirect("resource_centre_admin:personal_data")
    document = {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "sections": [
            {"section": str(label), "records": [{"title": str(t), **d} for t, d in records]}
            for label, records in rgpd.find_everywhere(email)
        ],
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="donnees-personnelles.json"'
    return response


def erase_personal_data(request):
    if request.method != "POST":
        return redirect("resource_centre_admin:personal_data")
    form, email = _email(request, request.POST)
    if not email:
        return _screen(request, form, None, status=400)
    if request.POST.get("confirm", "").strip().lower() != email.lower():
        messages.error(request, _("Type the address again to confirm the erasure."))
        return _screen(request, form, email, status=400)
    rgpd.erase_everywhere(email)
    messages.success(request, _("Everything held on %(email)s has been erased.") % {"email": email})
    return redirect("resource_centre_admin:personal_data")
