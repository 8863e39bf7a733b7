"""The porteur's answer at the top of the fiche's editor: their latest decision, its date and
their comment, without a trip through the e-mails or the workflow history.

A panel of the edit form (not a side panel: Wagtail offers no hook to add one), so it reaches
only the people who may edit the fiche. The porteur's address is shown whole only with
``fiches.view_porteur_contact``, masked otherwise, as in the workflow history.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import Panel

CONTACT_PERMISSION = "fiches.view_porteur_contact"


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def recipient_for(user, task_state):
    """The porteur's address as this user may see it."""
    if user is not None and user.has_perm(CONTACT_PERMISSION):
        return task_state.link_sent_to
    return task_state.masked_recipient


@dataclass
class Answer:
    """One round of the porteur's validation, as the editor reads it."""

    status: str  # "approved", "changes" or "waiting"
    label: str
    details: str
    comment: str = ""


def _answer(task_state, user):
    recipient = recipient_for(user, task_state)
    if task_state.status == task_state.STATUS_IN_PROGRESS:
        return Answer("waiting", _("No answer yet"), task_state.link_status(recipient=recipient))
    approved = task_state.status == task_state.STATUS_APPROVED
    label = pgettext_lazy("resource centre", "Approved") if approved else _("Changes requested")
    when = _when(task_state.finished_at)
    if task_state.finished_by_id:
        # An editor recorded an answer given by phone, letter or in person.
        by = task_state.finished_by.get_full_name() or task_state.finished_by.get_username()
        details = _("On %(when)s, recorded by %(user)s.") % {"when": when, "user": by}
    elif recipient:
        details = _("On %(when)s, by %(email)s through the validation link.") % {
            "when": when,
            "email": recipient,
        }
    else:
        details = _("On %(when)s, through the validation link.") % {"when": when}
    return Answer("approved" if approved else "changes", label, details, task_state.comment)


def porteur_answers(page, user):
    """The latest round of the porteur's validation of `page` and, while it waits, the answer
    before it (what the editor was asked to change); [] when the fiche was never sent."""
    from .models import PorteurValidationTaskState as State

    states = list(
        State.objects.for_instance(page)
        .filter(status__in=[State.STATUS_IN_PROGRESS, State.STATUS_APPROVED, State.STATUS_REJECTED])
        .select_related("finished_by", "revision")
        .order_by("-started_at", "-pk")[:2]
    )
    if len(states) == 2 and states[0].status != State.STATUS_IN_PROGRESS:
        states = states[:1]
    return [_answer(state, user) for state in states]


class PorteurAnswerPanel(Panel):
    """Shows, read-only, what the porteur answered to the fiche sent for validation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Answer of the project holder"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "fiches/admin/porteur_answer_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.answers = []
            page, user = self.instance, getattr(self.request, "user", None)
            if page is None or page.pk is None or user is None:
                return  # a fiche being created: never sent
            if not page.permissions_for_user(user).can_edit():
                return
            self.answers = porteur_answers(page, user)

        def is_shown(self):
            return bool(self.answers)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["latest"] = self.answers[0] if self.answers else None
            context["previous"] = self.answers[1] if len(self.answers) > 1 else None
            context["history_url"] = reverse(
                "wagtailadmin_pages:workflow_history", args=[self.instance.pk]
            )
            return context
