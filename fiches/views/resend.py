"""Staff action of the dashboard: send the porteur a fresh validation link (the old one dies)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import validation
from ..models import FichePage, PorteurValidationTaskState


def _may_resend(task_state, page, user):
    """The same rule as the workflow action "resend" of the fiche's editor."""
    actions = task_state.task.specific.get_actions(page, user)
    return any(action[0] == "resend" for action in actions)


@require_POST
def resend_link(request, task_state_id):
    dashboard = redirect("wagtailadmin_home")
    with transaction.atomic():
        task_state = (
            PorteurValidationTaskState.objects.select_for_update().filter(pk=task_state_id).first()
        )
        if task_state is None or task_state.status != task_state.STATUS_IN_PROGRESS:
            messages.error(
                request,
                _(
                    "This sheet no longer waits for its project holder (answered, withdrawn "
                    "or deleted): no link was sent."
                ),
            )
            return dashboard
        page = task_state.workflow_state.content_object
        page = getattr(page, "specific", page)
        if not isinstance(page, FichePage) or not _may_resend(task_state, page, request.user):
            messages.error(
                request, _("You may not send this link: only those who can edit the sheet may.")
            )
            return dashboard
        sent = validation.send_link(task_state, request_user=request.user)
    title = page.get_admin_display_title()
    if sent:
        messages.success(
            request,
            _(
                "A new validation link was sent to the project holder of “%(title)s”; "
                "the previous link no longer works."
            )
            % {"title": title},
        )
    else:
        messages.warning(
            request,
            _(
                "“%(title)s” has no contact e-mail any more: no link was sent, and the "
                "previous one no longer works."
            )
            % {"title": title},
        )
    return dashboard
