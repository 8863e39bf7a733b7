"""Changes proposed by the actors themselves through a signed link, waiting for moderation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .directory import Person, Structure


class ChangeRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    proposed = models.JSONField(_("proposed values"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.entry or "—")

    @property
    def entry(self):
        return self.structure or self.person
