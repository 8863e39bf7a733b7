"""Staff views of the readers: import and export (sending is in ``sends.py``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from resource_centre.exports import csv_response

from .. import importing
from ..admin_forms import ImportForm
from ..models import Publication, Subscriber


def _require(request, *perms):
    if not request.user.has_perms(perms):
        raise PermissionDenied


def import_subscribers(request):
    # An import creates readers and updates existing ones.
    _require(request, "newsletter.add_subscriber", "newsletter.change_subscriber")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        rows, errors = importing.parse(form.cleaned_data["file"])
        if not errors and not rows:
            errors = [_("The file holds no subscriber.")]
        if not errors:
            created, updated, skipped = importing.import_rows(
                rows, form.cleaned_data["publications"], form.cleaned_data["consent_source"]
            )
            messages.success(
                request,
                _(
                    "Import done: %(created)d new, %(updated)d updated, %(skipped)d left out "
                    "because they unsubscribed or their address was rejected."
                )
                % {"created": created, "updated": updated, "skipped": skipped},
            )
            return redirect("newsletter_subscriber_modeladmin_index")
    return TemplateResponse(
        request, "newsletter/admin/import.html", {"form": form, "import_errors": errors}
    )


def export_subscribers(request):
    _require(request, "newsletter.view_subscriber")
    subscribers = Subscriber.objects.order_by("email").prefetch_related(
        Prefetch("publications", queryset=Publication.objects.only("name"))
    )
    status = request.GET.get("status")
    if status in Subscriber.Status.values:
        subscribers = subscribers.filter(status=status)
    header = [
        _("E-mail"),
        _("Name"),
        _("Organisation"),
        _("Job title"),
        _("Status"),
        _("Newsletters"),
        _("Consent given on"),
        _("Source of consent"),
        _("Consent wording version"),
    ]

    def rows():
        for s in subscribers.iterator(chunk_size=1000):
            yield [
                s.email,
                s.name,
                s.structure,
                s.fonction,
                s.get_status_display(),
                ", ".join(p.name for p in s.publications.all()),
                s.consent_at.isoformat() if s.consent_at else "",
                s.consent_source,
                s.consent_version,
            ]

    return csv_response("abonnes.csv", header, rows())
