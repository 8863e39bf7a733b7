"""Staff views: send a lettre (now or later), send a test, follow a send, import and export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from resource_centre.exports import csv_response

from .. import importing, sending
from ..admin_forms import ImportForm, SendForm, TestSendForm
from ..models import Delivery, LettrePage, Publication, Send, Subscriber
from ..rendering import MjmlError


def _lettre_for(request, page_id):
    lettre = get_object_or_404(LettrePage, pk=page_id)
    if not lettre.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return lettre


def _require(request, *perms):
    if not request.user.has_perms(perms):
        raise PermissionDenied


def send_lettre(request, page_id):
    lettre = _lettre_for(request, page_id)
    form = SendForm(request.POST or None, initial={"publications": [lettre.publication_id]})
    test_form = TestSendForm()
    if request.method == "POST":
        if not lettre.live:
            messages.error(request, _("Publish the lettre before sending it."))
        elif form.is_valid():
            try:
                send, created = sending.create_send(
                    lettre,
                    form.cleaned_data["publications"],
                    user=request.user,
                    scheduled_at=form.cleaned_data["scheduled_at"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
            except MjmlError as error:
                messages.error(request, str(error))
            else:
                if created:
                    messages.success(request, _("The send is started."))
                return redirect("newsletter_admin:send_detail", send.pk)
    previous = lettre.sends.order_by("-created_at")[:10]
    return TemplateResponse(
        request,
        "newsletter/admin/send_lettre.html",
        {"lettre": lettre, "form": form, "test_form": test_form, "previous": previous},
    )


def preview_email(request, page_id):
    """The e-mail of the lettre's latest revision, as readers will get it."""
    lettre = _lettre_for(request, page_id).get_latest_revision_as_object()
    return lettre.serve_preview(request, "email")


@require_POST
def send_test(request, page_id):
    lettre = _lettre_for(request, page_id)
    form = TestSendForm(request.POST)
    if form.is_valid():
        try:
            sending.send_test(lettre, form.cleaned_data["addresses"])
        except MjmlError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Test sent to %(list)s.") % {"list": ", ".join(form.cleaned_data["addresses"])},
            )
    else:
        messages.error(request, " ".join(form.errors["addresses"]))
    return redirect("newsletter_admin:send_lettre", lettre.pk)


def send_list(request):
    _require(request, "newsletter.view_send")
    sends = (
        Send.objects.select_related("lettre")
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            total=Count("deliveries"),
        )
        .order_by("-created_at")[:100]
    )
    return TemplateResponse(request, "newsletter/admin/send_list.html", {"sends": sends})


def send_detail(request, send_id):
    _require(request, "newsletter.view_send")
    send = get_object_or_404(Send.objects.select_related("lettre"), pk=send_id)
    failed = (
        send.deliveries.filter(status=Delivery.Status.FAILED)
        .select_related("subscriber")
        .order_by("pk")[:200]
    )
    return TemplateResponse(
        request,
        "newsletter/admin/send_detail.html",
        {
            "send": send,
            "counts": send.counts(),
            "failed": failed,
            "lists": send.publications.all(),
            "refresh": send.status in (Send.Status.SENDING, Send.Status.SCHEDULED),
        },
    )


ACTIONS = {
    "pause": (sending.pause, gettext_lazy("The send is paused.")),
    "resume": (sending.resume, gettext_lazy("The send is resumed.")),
    "cancel": (sending.cancel, gettext_lazy("The send is cancelled.")),
    "resend_failed": (sending.resend_failed, gettext_lazy("The failed messages are sent again.")),
}


@require_POST
def send_action(request, send_id, action):
    _require(request, "newsletter.change_send")
    send = get_object_or_404(Send, pk=send_id)
    if action not in ACTIONS:
        raise PermissionDenied
    function, message = ACTIONS[action]
    try:
        function(send)
    except sending.ActionRefused as error:
        messages.error(request, str(error))
    else:
        if action == "resend_failed" and send.status == Send.Status.PAUSED:
            message = _("The failed messages will be sent again when the send is resumed.")
        messages.success(request, message)
    return redirect("newsletter_admin:send_detail", send.pk)


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
