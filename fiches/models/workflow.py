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
    link_revoked = models.BooleanField(_("link revoked"), default=False)

    class Meta:
        verbose_name = _("validation by the project holder (state)")
        verbose_name_plural = _("validations by the project holder (states)")

    @property
    def masked_recipient(self):
        """The porteur's address as the workflow history shows it to every moderator: enough to
        recognise it ("a…@example.org"); the whole contact is behind its own permission."""
        local, _at, domain = self.link_sent_to.partition("@")
        return f"{local[:1]}…@{domain}" if domain else ""

    def get_comment(self):
        """What the workflow history shows: the porteur's decision and comment, or the link's state."""
        if self.status in (self.STATUS_APPROVED, self.STATUS_REJECTED) and self.finished_by_id:
            # Recorded by an editor for a porteur who answered by phone, letter or in person.
            decision = (
                _("Approved by the project holder, recorded by %(user)s")
                if self.status == self.STATUS_APPROVED
                else _("Changes requested by the project holder, recorded by %(user)s")
            ) % {"user": self.finished_by.get_full_name() or self.finished_by.get_username()}
            when = formats.date_format(timezone.localtime(self.finished_at), "DATETIME_FORMAT")
            text = f"{decision} ({when})"
            return f"{text} : {self.comment}" if self.comment else text
        if self.status in (self.STATUS_APPROVED, self.STATUS_REJECTED) and not self.finished_by_id:
            decision = (
                _("Approved by the project holder")
                if self.status == self.STATUS_APPROVED
                else _("Changes requested by the project holder")
            )
            when = formats.date_format(timezone.localtime(self.finished_at), "DATETIME_FORMAT")
            text = f"{decision} ({self.masked_recipient}, {when})"
            return f"{text} : {self.comment}" if self.comment else text
        return self.comment or self.link_status()

    def link_is_stale(self):
        """The sheet has a newer revision than the one the link shows: the link opens nothing."""
        latest = (
            self.revision.__class__.objects.filter(
                base_content_type_id=self.revision.base_content_type_id,
                object_id=self.revision.object_id,
            )
            .order_by("-created_at", "-id")
            .values_list("pk", flat=True)
            .first()
        )
        return latest is not None and latest != self.revision_id

    def link_status(self, recipient=None):
        """The link's state in words; `recipient` is the porteur's address as the reader may see
        it (masked by default)."""
        email = recipient or self.masked_recipient
        if self.link_revoked:
            return str(_("Link revoked."))
        if not self.link_sent_at:
            return str(_("No link sent: the sheet has no contact e-mail."))
        sent = formats.date_format(timezone.localtime(self.link_sent_at), "DATETIME_FORMAT")
        if self.status == self.STATUS_IN_PROGRESS and self.link_is_stale():
            return str(
                _(
                    "Link sent to %(email)s on %(sent)s is out of date: the sheet was changed "
                    "since. Send the link again so that the project holder reads the new version."
                )
                % {"email": email, "sent": sent}
            )
        return str(
            _("Link sent to %(email)s on %(sent)s, no answer yet.") % {"email": email, "sent": sent}
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
        actions = []
        if perms is not None and perms.can_edit():
            # Only what does something: a link goes to the sheet's contact e-mail, if it has
            # one, and only a link sent and not yet revoked can be revoked.
            # The e-mail of the version a link would show (send_link), not of the page's row.
            latest = getattr(obj, "get_latest_revision_as_object", lambda: obj)()
            if getattr(latest, "contact_email", ""):
                actions.append(("resend", _("Send the link to the project holder again"), False))
            state = getattr(obj, "current_workflow_task_state", None)
            state = state.specific if state is not None else None
            if getattr(state, "link_sent_at", None) and not state.link_revoked:
                actions.append(("revoke", _("Revoke the project holder's link"), False))
        if perms is not None and perms.can_publish():
            # For a porteur without e-mail, or who answered by phone: the decision moves the
            # workflow on, so only those who may publish record it.
            actions += [
                ("approve_for_porteur", _("Record the project holder's approval"), True),
                ("changes_for_porteur", _("Record the changes the project holder asks"), True),
            ]
        return actions

    def get_form_for_action(self, action):
        from ..forms import OnBehalfForm, RequiredCommentOnBehalfForm

        if action == "changes_for_porteur":
            return RequiredCommentOnBehalfForm
        if action == "approve_for_porteur":
            return OnBehalfForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..validation import decide_on_behalf, revoke_link, send_link

        task_state = task_state.specific
        if action_name == "resend":
            send_link(task_state, request_user=user)
        elif action_name == "revoke":
            revoke_link(task_state)
        elif action_name in ("approve_for_porteur", "changes_for_porteur"):
            decide_on_behalf(
                task_state, user, action_name == "approve_for_porteur", kwargs.get("comment", "")
            )
        # Wagtail's plain approve/reject are not offered: the decision is the porteur's.
