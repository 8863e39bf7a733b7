"""Staff views of sending a lettre: a test first, then the lists with their readers, a
confirmation naming the count, the progress of the send (updating itself), and the sends list
with the scheduled ones, which can be cancelled.

Every view needs the newsletter's send permission (``change_send``; ``view_send`` to follow
sends), and the lettre's views also the right to edit the lettre itself.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import sending
from ..admin_forms import SendForm, TestSendForm
from ..models import Delivery, LettrePage, Send, Subscriber, Subscription
from ..rendering import MjmlError, render_lettre

SEND_PERMISSION = "newsletter.change_send"
VIEW_PERMISSION = "newsletter.view_send"
# Fields of SendForm carried from the form to its confirmation step.
SEND_FIELDS = ("publications", "when", "scheduled_at", "idempotency_key")


def can_send(user, page):
    """May this user send this lettre (a test or to the lists)?"""
    return user.has_perm(SEND_PERMISSION) and page.permissions_for_user(user).can_edit()


def _require(request, *perms):
    if not request.user.has_perms(perms):
        raise PermissionDenied


def _sends_crumb(request):
    if request.user.has_perm(VIEW_PERMISSION):
        return [{"url": reverse("newsletter_admin:send_list"), "label": _("Newsletter sends")}]
    return []


class LettreView(WagtailAdminTemplateMixin, TemplateView):
    """A view of one lettre for those who may send it, in Wagtail's admin furniture."""

    header_icon = "mail"

    def dispatch(self, request, page_id):
        self.lettre = get_object_or_404(LettrePage, pk=page_id)
        if not can_send(request.user, self.lettre):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            *_sends_crumb(self.request),
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.lettre.pk]),
                "label": self.lettre.title,
            },
            {"url": "", "label": self.get_header_title()},
        ]

    def render(self, status=200, **context):
        return self.render_to_response(
            self.get_context_data(lettre=self.lettre, **context), status=status
        )


class SendLettreView(LettreView):
    """The send page: the test, then the lists and their readers; the real send asks for a
    confirmation naming how many readers it reaches (a second POST, no script needed)."""

    template_name = "newsletter/admin/send_lettre.html"

    def get_header_title(self):
        return _("Send “%(title)s”") % {"title": self.lettre.title}

    def get_context_data(self, **kwargs):
        lettre = self.lettre
        sends = lettre.sends.order_by("-created_at")
        kwargs.setdefault("test_form", TestSendForm(initial={"addresses": self.request.user.email}))
        return super().get_context_data(
            scheduled=sends.filter(status=Send.Status.SCHEDULED),
            previous=sends.exclude(status=Send.Status.SCHEDULED)[:10],
            unpublished_changes=lettre.live and lettre.has_unpublished_changes,
            **kwargs,
        )

    def get(self, request, page_id):
        return self.render(form=SendForm(initial={"publications": [self.lettre.publication_id]}))

    def post(self, request, page_id):
        form = SendForm(request.POST)
        if not self.lettre.live:
            messages.error(request, _("Publish the lettre before sending it."))
            return self.render(form=form)
        if not form.is_valid():
            return self.render(form=form)
        publications = form.cleaned_data["publications"]
        count = sending.count_recipients(publications)
        if not count:
            form.add_error("publications", _("These lists have no active reader."))
            return self.render(form=form)
        if request.POST.get("confirmed") != "yes":
            try:
                render_lettre(self.lettre, preview=True)  # an MJML error shows before confirming
            except MjmlError as error:
                messages.error(request, str(error))
                return self.render(form=form)
            return self.confirm(form, count)
        try:
            send, created = sending.create_send(
                self.lettre,
                publications,
                user=request.user,
                scheduled_at=form.cleaned_data["scheduled_at"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except MjmlError as error:
            messages.error(request, str(error))
            return self.render(form=form)
        if created:
            if send.status == Send.Status.SCHEDULED and send.scheduled_at > timezone.now():
                messages.success(request, _("The send is scheduled."))
            else:
                messages.success(request, _("The send is started."))
        return redirect("newsletter_admin:send_detail", send.pk)

    def confirm(self, form, count):
        """The confirmation step: the same values again, as hidden fields, with `confirmed`."""
        hidden = [
            (name, value) for name in SEND_FIELDS for value in self.request.POST.getlist(name)
        ]
        self.template_name = "newsletter/admin/send_confirm.html"
        return self.render(
            form=form,
            count=count,
            hidden=hidden,
            publications=form.cleaned_data["publications"],
            scheduled_at=form.cleaned_data["scheduled_at"],
        )


class SendTestView(LettreView):
    """A test of the lettre's latest version (a draft too) to a few addresses, the editor's own
    by default."""

    template_name = "newsletter/admin/send_test.html"

    def get_header_title(self):
        return _("Send a test of “%(title)s”") % {"title": self.lettre.title}

    def get(self, request, page_id):
        return self.render(test_form=TestSendForm(initial={"addresses": request.user.email}))

    def post(self, request, page_id):
        form = TestSendForm(request.POST)
        if form.is_valid():
            addresses = form.cleaned_data["addresses"]
            try:
                sending.send_test(self.lettre.get_latest_revision_as_object(), addresses)
            except MjmlError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("Test sent to %(list)s.") % {"list": ", ".join(addresses)}
                )
                return redirect("newsletter_admin:send_lettre", self.lettre.pk)
        return self.render(test_form=form)


def preview_email(request, page_id):
    """The e-mail of the lettre's latest revision, as readers will get it."""
    lettre = get_object_or_404(LettrePage, pk=page_id)
    if not can_send(request.user, lettre):
        raise PermissionDenied
    return lettre.get_latest_revision_as_object().serve_preview(request, "email")


# --- following sends ---------------------------------------------------------------------------


def _expected_readers():
    """Per send, the readers its lists have now: what a send not yet started will reach."""
    readers = (
        Subscription.objects.filter(
            publication__sends=OuterRef("pk"), subscriber__status=Subscriber.Status.ACTIVE
        )
        .order_by()
        .values("publication__sends")
        .annotate(n=Count("subscriber", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(readers, output_field=IntegerField()), 0)


def progress_context(request, send):
    counts = send.counts()
    if send.frozen_at is None and send.status in (Send.Status.SCHEDULED, Send.Status.PAUSED):
        expected = sending.count_recipients(send.publications.all())
        counts.update(pending=expected, total=expected)
    running = send.status == Send.Status.SENDING or (
        send.status == Send.Status.SCHEDULED and send.scheduled_at <= timezone.now()
    )
    failed = (
        send.deliveries.filter(status=Delivery.Status.FAILED)
        .select_related("subscriber")
        .order_by("pk")[:200]
    )
    return {
        "send": send,
        "counts": counts,
        "failed": failed,
        "lists": send.publications.all(),
        "running": running,
        "later": send.status == Send.Status.SCHEDULED and not running,
        "can_change": can_send(request.user, send.lettre),
        "progress_url": reverse("newsletter_admin:send_progress", args=[send.pk]),
    }


class SendDetailView(WagtailAdminTemplateMixin, TemplateView):
    """The progress of one send: updates itself while it runs (a small script fetching the
    progress panel, a refresh without script), then lists the failures and their reasons."""

    template_name = "newsletter/admin/send_detail.html"
    header_icon = "mail"

    def dispatch(self, request, send_id):
        _require(request, VIEW_PERMISSION)
        self.send = get_object_or_404(Send.objects.select_related("lettre"), pk=send_id)
        return super().dispatch(request, send_id)

    def get_header_title(self):
        return _("Send of “%(title)s”") % {"title": self.send.lettre.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            *_sends_crumb(self.request),
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**progress_context(self.request, self.send), **kwargs)


def send_progress(request, send_id):
    """The progress panel alone, fetched by the progress page's script."""
    _require(request, VIEW_PERMISSION)
    send = get_object_or_404(Send.objects.select_related("lettre"), pk=send_id)
    return TemplateResponse(
        request, "newsletter/admin/_send_progress.html", progress_context(request, send)
    )


class SendListView(WagtailAdminTemplateMixin, TemplateView):
    """The scheduled sends (cancellable), then the latest sends with their counts."""

    template_name = "newsletter/admin/send_list.html"
    header_icon = "mail"
    page_title = gettext_lazy("Newsletter sends")

    def dispatch(self, request):
        _require(request, VIEW_PERMISSION)
        return super().dispatch(request)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        scheduled = list(
            Send.objects.filter(status=Send.Status.SCHEDULED)
            .select_related("lettre", "created_by")
            .prefetch_related("publications")
            .annotate(expected=_expected_readers())
            .order_by("scheduled_at", "pk")
        )
        for send in scheduled:
            send.can_cancel = can_send(user, send.lettre)
        sends = (
            Send.objects.exclude(status=Send.Status.SCHEDULED)
            .select_related("lettre")
            .annotate(
                sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
                failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
                total=Count("deliveries"),
            )
            .order_by("-created_at")[:100]
        )
        return super().get_context_data(
            scheduled=scheduled,
            sends=sends,
            can_change=any(send.can_cancel for send in scheduled),
            next_url=self.request.get_full_path(),
            **kwargs,
        )


ACTIONS = {
    "pause": (sending.pause, gettext_lazy("The send is paused.")),
    "resume": (sending.resume, gettext_lazy("The send is resumed.")),
    "cancel": (sending.cancel, gettext_lazy("The send is cancelled.")),
    "resend_failed": (sending.resend_failed, gettext_lazy("The failed messages are sent again.")),
}


@require_POST
def send_action(request, send_id, action):
    send = get_object_or_404(Send.objects.select_related("lettre"), pk=send_id)
    if not can_send(request.user, send.lettre):
        raise PermissionDenied
    if action not in ACTIONS:
        raise Http404
    function, message = ACTIONS[action]
    try:
        function(send)
    except sending.ActionRefused as error:
        messages.error(request, str(error))
    else:
        if action == "resend_failed" and send.status == Send.Status.PAUSED:
            message = _("The failed messages will be sent again when the send is resumed.")
        messages.success(request, message)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("newsletter_admin:send_detail", send.pk)
