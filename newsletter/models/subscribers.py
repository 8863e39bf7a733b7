"""Readers, their subscriptions to publications, and the proof of their consent."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resource_centre.validators import single_line

LEFT = ("unsubscribed", "bounced")  # the statuses of a reader who left


def normalise_email(address):
    """One spelling per address, so that "Ana@X.org" and "ana@x.org" are one reader."""
    return (address or "").strip().lower()


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        ACTIVE = "active", _("active")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("address rejected")

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True, validators=[single_line])
    structure = models.CharField(
        _("structure"), max_length=200, blank=True, validators=[single_line]
    )
    fonction = models.CharField(
        _("job title"), max_length=150, blank=True, validators=[single_line]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    publications = models.ManyToManyField(
        "newsletter.Publication",
        through="newsletter.Subscription",
        related_name="subscribers",
        verbose_name=_("publications"),
        blank=True,
    )
    created_at = models.DateTimeField(
        pgettext_lazy("resource centre", "created"), auto_now_add=True
    )
    # Proof of consent.
    consent_at = models.DateTimeField(_("consent given on"), null=True, blank=True)
    consent_ip = models.GenericIPAddressField(_("consent IP address"), null=True, blank=True)
    consent_source = models.CharField(_("source of consent"), max_length=200, blank=True)
    consent_version = models.CharField(_("consent wording version"), max_length=50, blank=True)
    bounce_reason = models.CharField(_("rejection reason"), max_length=500, blank=True)
    # When the reader last became active and when they left (unsubscribed or address rejected):
    # the bilan counts the readers at any date from them. Kept by save() on every status change.
    active_since = models.DateTimeField(_("reader since"), null=True, blank=True, editable=False)
    left_at = models.DateTimeField(_("left on"), null=True, blank=True, editable=False)
    # Bumped to revoke every link already sent to this reader (on unsubscribing).
    token_version = models.PositiveIntegerField(default=1, editable=False)
    # Bumped by confirming: a confirmation link works once.
    confirm_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="newsletter_subscriber_email_ci",
                violation_error_message=_("A subscriber with this e-mail address already exists."),
            )
        ]

    def __str__(self):
        # Wagtail copies this label into its admin history: it carries no name nor address.
        if self.pk is None:
            return str(_("new subscriber"))
        return _("Subscriber no. %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        before = getattr(self, "_saved_status", None)
        if self.status != before:
            now = timezone.now()
            if self.status == self.Status.ACTIVE:
                self.active_since, self.left_at = now, None
            elif self.status in LEFT and before not in LEFT:
                self.left_at = now
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "active_since", "left_at"}
        super().save(*args, **kwargs)
        self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        subscriber = super().from_db(db, field_names, values)
        subscriber._saved_status = subscriber.__dict__.get("status")
        return subscriber

    def clean(self):
        # Before the unique checks of the admin form, so a case variant is reported, not saved.
        self.email = normalise_email(self.email)

    def erase(self):
        """Delete the reader with everything that names them (RGPD article 17)."""
        from resource_centre.rgpd import erase

        erase(self)


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    publication = models.ForeignKey(
        "newsletter.Publication", on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(_("subscribed on"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "publication"], name="newsletter_one_subscription"
            )
        ]

    def __str__(self):
        return f"{self.subscriber_id} → {self.publication_id}"
