"""A send of a lettre to one or more lists, and one delivery row per recipient, frozen at start."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Send(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("a send", "scheduled")
        SENDING = "sending", _("sending")
        PAUSED = "paused", _("paused")
        CANCELLED = "cancelled", pgettext_lazy("a send", "cancelled")
        DONE = "done", _("done")

    lettre = models.ForeignKey(
        "newsletter.LettrePage",
        verbose_name=_("lettre"),
        on_delete=models.PROTECT,
        related_name="sends",
    )
    publications = models.ManyToManyField(
        "newsletter.Publication", verbose_name=_("lists"), related_name="sends"
    )
    # One per "Envoyer" form displayed: a double click posts the same key twice.
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    scheduled_at = models.DateTimeField(_("send at"))
    created_at = models.DateTimeField(
        pgettext_lazy("resource centre", "created"), auto_now_add=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    frozen_at = models.DateTimeField(_("recipients frozen on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Rendered once per send; per-recipient values are substituted into these.
    subject = models.CharField(
        pgettext_lazy("resource centre", "subject"), max_length=255, blank=True
    )
    html = models.TextField(blank=True, editable=False)
    text = models.TextField(blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("send")
        verbose_name_plural = _("sends")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.lettre} ({self.get_status_display()})"

    def counts(self):
        rows = self.deliveries.values("status").annotate(n=models.Count("pk"))
        counts = {status: 0 for status in Delivery.Status.values}
        counts.update({row["status"]: row["n"] for row in rows})
        counts["total"] = sum(counts[s] for s in Delivery.Status.values)
        counts["percent"] = (
            round(100 * (counts["sent"] + counts["failed"]) / counts["total"])
            if counts["total"]
            else 0
        )
        return counts


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", pgettext_lazy("a send", "failed")

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    # Deleting a subscriber deletes their deliveries too (their data goes with them).
    subscriber = models.ForeignKey(
        "newsletter.Subscriber", on_delete=models.CASCADE, related_name="deliveries"
    )
    publication = models.ForeignKey(
        "newsletter.Publication", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The lease of the worker that claimed this delivery; expired leases are claimed again.
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="newsletter_one_delivery")
        ]
        indexes = [models.Index(fields=["send", "status"], name="newsletter_delivery_status")]

    def __str__(self):
        return f"{self.send_id} → {self.subscriber_id} ({self.status})"
