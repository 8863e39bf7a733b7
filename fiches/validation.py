"""The porteur's validation link: sending, revoking, reading it back, and recording the decision.

A link is valid while its task state is in progress, its version is the current one (sending again
or revoking bumps it) and the fiche has no newer revision than the one submitted.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resource_centre import language
from resource_centre.compat import AbstractPage
from resource_centre.mail import queue_templated_email
from resource_centre.site import absolute_url, admin_url, centre_name
from resource_centre.tokens import InvalidToken, SignedLink

from . import conf
from .models import PorteurValidation, PorteurValidationTaskState

# Sending again or revoking bumps the task state's link_version; deciding closes the task.
LINK = SignedLink(
    "fiches.porteur_validation",
    "fiches.PorteurValidationTaskState",
    "link_version",
    max_age=lambda: conf.get("FICHES_VALIDATION_LINK_MAX_AGE"),
    legacy_id_key="ts",  # validation links e-mailed before 2026-12
)


class LinkProblem(Exception):
    """Why a link opens nothing, in words the porteur understands."""

    def __init__(self, title, message, status=403, task_state=None):
        super().__init__(str(message))
        self.title, self.message, self.status, self.task_state = title, message, status, task_state


def make_link_token(task_state):
    return LINK.make(task_state, r=task_state.revision_id)


def link_url(task_state, site=None):
    path = reverse("fiches:validation", args=[make_link_token(task_state)])
    return absolute_url(path, site=site)


def _site(page):
    return page.get_site() if hasattr(page, "get_site") else None


def _in_page_language(page, send, *args, **kwargs):
    """E-mails go out in the fiche's language, not in the triggering editor's admin language."""
    with language.speaking(language.of_page(page)):
        return send(*args, **kwargs)


def send_link(task_state, request_user=None):
    """(Re)send the link for the latest revision; older links stop working."""
    from .models import FichePage

    page = _specific(task_state.workflow_state.content_object)
    latest = page.get_latest_revision()
    task_state.link_version += 1
    task_state.link_revoked = False
    if latest is not None and latest.pk != task_state.revision_id:
        task_state.revision = latest
        page = latest.as_object()
    else:
        page = task_state.revision.as_object()
    email = page.contact_email if isinstance(page, FichePage) else ""
    task_state.link_sent_to = email
    task_state.link_sent_at = timezone.now() if email else None
    task_state.save()
    if email:
        site = _site(page)
        _in_page_language(
            page,
            queue_templated_email,
            "fiches/emails/validation_request",
            {
                "fiche": page,
                "url": link_url(task_state, site=site),
                "expires_days": max(1, conf.get("FICHES_VALIDATION_LINK_MAX_AGE") // 86400),
                "centre": centre_name(site=site),
            },
            [email],
        )
    return bool(email)


def _specific(obj):
    return getattr(obj, "specific", obj)  # a page, or a snippet under a workflow


def revoke_link(task_state):
    LINK.revoke(task_state)
    task_state.link_revoked = True
    task_state.save(update_fields=["link_revoked"])


def _no_longer_valid():
    return LinkProblem(
        _("This link is no longer valid"),
        _("A newer link was sent to you, or this one was withdrawn by the resource centre."),
        status=410,
    )


def _check_still_open(task_state):
    """LinkProblem once the validation is decided or withdrawn."""
    if task_state.status != task_state.STATUS_IN_PROGRESS:
        if task_state.status in (task_state.STATUS_APPROVED, task_state.STATUS_REJECTED):
            raise LinkProblem(
                _("Your answer has already been recorded"),
                _("A decision was already made on this sheet; nothing has been changed."),
                status=409,
                task_state=task_state,
            )
        raise LinkProblem(
            _("This validation is closed"),
            _("The resource centre withdrew this sheet from validation."),
            status=410,
        )


def resolve(token, lock=False):
    """The task state a token opens, or LinkProblem."""
    states = PorteurValidationTaskState.objects.select_related("revision", "workflow_state")
    if lock:
        states = states.select_for_update()
    try:
        task_state, data = LINK.open(token, states)
    except InvalidToken as error:
        if error.expired:
            raise LinkProblem(
                _("This link has expired"),
                _("Ask the resource centre to send you a new link."),
                status=410,
            ) from error
        if error.revoked:
            _check_still_open(error.row)
            raise _no_longer_valid() from error
        raise LinkProblem(
            _("This link is not valid"),
            _("Check that you copied the whole address from the e-mail you received."),
        ) from error
    if type(data.get("r")) is not int:
        raise LinkProblem(_("This link is not valid"), _("The link is incomplete."))
    _check_still_open(task_state)
    if task_state.link_revoked:
        raise _no_longer_valid()
    latest_id = (
        task_state.revision.__class__.objects.filter(
            base_content_type_id=task_state.revision.base_content_type_id,
            object_id=task_state.revision.object_id,
        )
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    if data["r"] != task_state.revision_id or latest_id != task_state.revision_id:
        raise LinkProblem(
            _("This sheet has changed since this link was sent"),
            _(
                "The resource centre changed the sheet after sending you this link, so it no "
                "longer shows the version to validate. Nothing has been recorded. The centre "
                "will send you a link to the new version."
            ),
            status=410,
        )
    return task_state


@transaction.atomic
def decide(token, approve, comment, contact_consent=False):
    """Record the porteur's decision once; returns the task state.

    With `contact_consent`, the porteur also agrees to the publication of their contact: the
    agreement is recorded, with its date and source, in the version they approve."""
    task_state = resolve(token, lock=True)
    page = _specific(task_state.workflow_state.content_object)
    comment = (comment or "").strip()[:4000]
    if approve:
        now = timezone.now()
        revision = task_state.revision
        if contact_consent:
            # The porteur agrees to publish their contact in the version they approve.
            today = timezone.localdate(now)
            revision.content["contact_consent"] = True
            revision.content["contact_consent_date"] = today.isoformat()
            revision.content["contact_consent_source"] = str(
                _("Validation link, %(date)s") % {"date": today.strftime("%d/%m/%Y")}
            )
            revision.save(update_fields=["content"])
        record_validation(task_state, page, now)
        task_state.approve(user=None, comment=comment)
    else:
        task_state.reject(user=None, comment=comment)
    _notify_editors(task_state, page, approve, comment)
    return task_state


@transaction.atomic
def decide_on_behalf(task_state, user, approve, comment):
    """An editor records the porteur's answer given by phone, letter or in person."""
    task_state = PorteurValidationTaskState.objects.select_for_update().get(pk=task_state.pk)
    if task_state.status != task_state.STATUS_IN_PROGRESS:
        return task_state  # already decided (e.g. through the link meanwhile): change nothing
    page = _specific(task_state.workflow_state.content_object)
    comment = (comment or "").strip()[:4000]
    # The link sent earlier must not record a second decision.
    task_state.link_version += 1
    task_state.save(update_fields=["link_version"])
    if approve:
        record_validation(task_state, page, timezone.now())
        task_state.approve(user=user, comment=comment)
    else:
        task_state.reject(user=user, comment=comment)
    return task_state


def record_validation(task_state, page, when):
    """The porteur validated the task state's revision: only that revision, once published,
    shows "validée par le porteur"."""
    if not isinstance(page, AbstractPage):
        return  # a snippet under the workflow: nothing shows the label
    PorteurValidation.objects.create(
        page=page,
        revision=task_state.revision,
        validated_at=when,
        task_state=task_state,
    )


def _notified_by_wagtail(workflow_state):
    """The users Wagtail itself e-mails about this decision: when it ends the workflow
    (published, or sent back for changes), the submitter, unless they opted out."""
    from wagtail.admin.mail import (
        WorkflowStateApprovalEmailNotifier,
        WorkflowStateRejectionEmailNotifier,
    )

    workflow_state.refresh_from_db(fields=["status"])
    if workflow_state.status == workflow_state.STATUS_APPROVED:
        notifier = WorkflowStateApprovalEmailNotifier()
    elif workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
        notifier = WorkflowStateRejectionEmailNotifier()
    else:
        return set()
    return notifier.get_valid_recipients(workflow_state, user=None)


def _notify_editors(task_state, page, approve, comment):
    """Tell the submitter and the owner, one e-mail each: not those Wagtail already tells."""
    workflow_state = task_state.workflow_state
    already = {user.pk for user in _notified_by_wagtail(workflow_state)}
    recipients = {
        user.email
        for user in (workflow_state.requested_by, getattr(page, "owner", None))
        if user is not None and user.email and user.pk not in already
    }
    if not recipients:
        return
    _in_page_language(
        page,
        queue_templated_email,
        "fiches/emails/validation_decision",
        {
            "fiche": page,
            "approved": approve,
            "comment": comment,
            "porteur_email": task_state.link_sent_to,
            "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
            "history_url": admin_url(
                reverse("wagtailadmin_pages:workflow_history", args=[page.pk])
            ),
        },
        sorted(recipients),
    )
