"""E-mails waiting for the background worker."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """A rendered e-mail between the request that made it and the worker that sends it.

    The task carries only this row's id, so that task records (kept by the task backend, shown
    in its admin, logged on failure) hold no name, address or link; the row is deleted once
    sent, and erasing a person deletes the ones still waiting for them.
    """

    subject = models.CharField(max_length=998)
    text = models.TextField()
    html = models.TextField(blank=True)
    to = models.JSONField(default=list)
    from_email = models.CharField(max_length=320, blank=True)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    # [[filename, text content, MIME type]], e.g. a séance's updated .ics.
    attachments = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("e-mail waiting to be sent")
        verbose_name_plural = _("e-mails waiting to be sent")
        # The person-data screen (resource_centre/rgpd.py) is given by this permission.
        permissions = [
            ("manage_personal_data", _("Can find, export and erase a person's data")),
        ]

    def __str__(self):
        return self.subject
