"""The workflow task "Validation par le porteur de projet": the porteur, who has no account,
approves the submitted revision or asks for changes through a signed link sent by e-mail."""

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState


class PorteurValidationTaskState(TaskState):
    # Bumped whenever a link is sent again or revoked: older links stop working.
    link_version = models.PositiveIntegerField(default=0)
    link_sent_to = models.EmailField(_("link sent to"), blank=True)
    link_sent_at = models.DateTimeField(_("link sent at"), null=True, blank=True)
    link_opened_at = models.DateTimeField(_("link opened at"), null=True, blank=True)
    link_revoked = models.BooleanField(_("link revoked"), default=False)

    class Meta:
        verbose_name = _("validation by the project holder (state)")
        verbose_name_plural = _("validations by the project holder (states)")

    def get_comment(self):
        """What the workflow history shows: the porteur's decision and comment, or the link's state."""
        if self.status in (self.STATUS_APPROVED, self.STATUS_REJECTED) and not self.finished_by_id:
            decision = (
                _("Approved by the project holder")
                if self.status == self.STATUS_APPROVED
                else _("Changes requested by the project holder")
            )
            when = formats.date_format(timezone.localtime(self.finished_at), "DATETIME_FORMAT")
            text = f"{decision} ({self.link_sent_to}, {when})"
            return f"{text} : {self.comment}" if self.comment else text
        return self.comment or self.link_status()

    def link_status(self):
        if self.link_revoked:
            return str(_("Link revoked."))
        if not self.link_sent_at:
            return str(_("No link sent: the sheet has no contact e-mail."))
        sent = formats.date_format(timezone.localtime(self.link_sent_at), "DATETIME_FORMAT")
        if self.link_opened_at:
            opened = formats.date_format(timezone.localtime(self.link_opened_at), "DATETIME_FORMAT")
            return str(
                _("Link sent to %(email)s on %(sent)s, opened on %(opened)s.")
                % {"email": self.link_sent_to, "sent": sent, "opened": opened}
            )
        return str(
            _("Link sent to %(email)s on %(sent)s, not opened yet.")
            % {"email": self.link_sent_to, "sent": sent}
        )


class PorteurValidationTask(Task):
    task_state_class = PorteurValidationTaskState

    class Meta:
        verbose_name = _("Validation by the project holder")
        verbose_name_plural = _("Validations by the project holder")

    @classmethod
    def get_description(cls):
        return _(
            "The contact of the project holder receives by e-mail a link to read the submitted "
            "sheet and approve it or ask for changes, without an account."
        )

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        from ..validation import send_link

        send_link(task_state.specific, request_user=user)
        return task_state

    def user_can_access_editor(self, obj, user):
        return False

    def get_actions(self, obj, user):
        perms = obj.permissions_for_user(user) if hasattr(obj, "permissions_for_user") else None
        if perms is not None and perms.can_edit():
            return [
                ("resend", _("Send the link to the project holder again"), False),
                ("revoke", _("Revoke the project holder's link"), False),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..validation import revoke_link, send_link

        task_state = task_state.specific
        if action_name == "resend":
            send_link(task_state, request_user=user)
        elif action_name == "revoke":
            revoke_link(task_state)
        else:
            super().on_action(task_state, user, action_name, **kwargs)
