"""Staff views of the readers: import and export (sending is in ``sends.py``)."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resource_centre.exports import Column, Export

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
    errors, imported = [], False
    if request.method == "POST" and form.is_valid():
        rows, errors = importing.parse(form.cleaned_data["file"])
        if not errors and not rows:
            errors = [_("The file holds no subscriber.")]
        if rows:
            # One bad line stops nothing: the others are imported, it is listed to correct.
            created, updated, skipped = importing.import_rows(
                rows, form.cleaned_data["publications"], form.cleaned_data["consent_source"]
            )
            imported = True
            messages.success(
                request,
                _(
                    "Import done: %(created)d new, %(updated)d updated, %(skipped)d left out "
                    "because they unsubscribed or their address was rejected."
                )
                % {"created": created, "updated": updated, "skipped": skipped},
            )
            if not errors:
                return redirect("newsletter_subscriber_modeladmin_index")
    return TemplateResponse(
        request,
        "newsletter/admin/import.html",
        {"form": form, "import_errors": errors, "imported": imported},
    )


SUBSCRIBER_COLUMNS = [
    Column("email", gettext_lazy("E-mail")),
    Column("name", gettext_lazy("Name")),
    Column("structure", gettext_lazy("Organisation")),
    Column("fonction", gettext_lazy("Job title")),
    Column("status", gettext_lazy("Status"), lambda s: s.get_status_display()),
    Column(
        "publications",
        gettext_lazy("Newsletters"),
        lambda s: [p.name for p in s.publications.all()],
    ),
    Column("consent_at", gettext_lazy("Consent given on")),
    Column("consent_source", gettext_lazy("Source of consent")),
    Column("consent_version", gettext_lazy("Consent wording version")),
]


def listed_subscribers(request):
    """The readers the admin's list shows for this query (its filters, date ranges, search and
    order), read through the list's own view so that the export holds what the staff see."""
    from ..wagtail_hooks import subscriber_admin

    view = subscriber_admin.index_view_class(model_admin=subscriber_admin)
    view.request = request
    # What the list's dispatch() prepares before it reads its queryset.
    view.list_display = subscriber_admin.get_list_display(request)
    view.list_filter = subscriber_admin.get_list_filter(request)
    view.search_fields = subscriber_admin.get_search_fields(request)
    view.search_handler = subscriber_admin.get_search_handler(request, view.search_fields)
    view.select_related = subscriber_admin.list_select_related
    view.params = request.GET.copy()
    for name in (view.PAGE_VAR, view.ERROR_FLAG, view.EXPORT_VAR, "status"):
        view.params.pop(name, None)
    status = request.GET.get("status")  # the export's own filter of before, kept for old links
    if status in Subscriber.Status.values and "status__exact" not in view.params:
        view.params["status__exact"] = status
    view.query = request.GET.get(view.SEARCH_VAR, "")
    return view.get_queryset(request)


def export_subscribers(request):
    _require(request, "newsletter.view_subscriber")
    try:
        subscribers = listed_subscribers(request)
    except (IncorrectLookupParameters, ValidationError, ValueError):
        return HttpResponseBadRequest(
            _("Some filters of the list are not valid: remove them, then export again."),
            content_type="text/plain; charset=utf-8",
        )
    subscribers = subscribers.prefetch_related(
        Prefetch("publications", queryset=Publication.objects.only("name"))
    )
    rows = subscribers.iterator(chunk_size=1000)
    return Export("abonnes", SUBSCRIBER_COLUMNS, rows).response("csv")
