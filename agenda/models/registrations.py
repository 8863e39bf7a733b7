"""Registrations to an event (or to one of its séances), with capacity and waiting list."""

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resource_centre.validators import plain_text, single_line


def to_whole_event():
    """Registrations to their whole event: without a séance, in an event taking one registration
    for all its séances. In an event taking one per séance, a registration without a séance is
    one whose séance was removed: it concerns none of the others."""
    return models.Q(seance__isnull=True, event__registration_per_seance=False)


class RegistrationQuerySet(models.QuerySet):
    def concerning(self, seance):
        """The registrations a change of `seance` concerns: its own, or its event's."""
        return self.filter(models.Q(seance=seance) | to_whole_event(), event_id=seance.event_id)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def holding_seats(self, now=None):
        """The registrations that take a seat: confirmed, or waiting for their address to be
        confirmed within their hold."""
        return self.filter(
            models.Q(status=Registration.Status.CONFIRMED)
            | models.Q(status=Registration.Status.PENDING, hold_until__gt=now or timezone.now())
        )

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("address to confirm")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        "agenda.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    seance = models.ForeignKey(
        "agenda.Seance",
        verbose_name=_("séance"),
        null=True,
        blank=True,
        # A séance removed from the event keeps its registrations for the staff to see (those
        # of a séance to come are cancelled and told first: agenda.notices.seance_removed).
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=150, validators=[single_line])
    email = models.EmailField(_("e-mail"))
    structure = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[single_line]
    )
    fonction = models.CharField(
        _("job title"), max_length=200, blank=True, validators=[single_line]
    )
    territoire = models.CharField(
        _("territory"), max_length=200, blank=True, validators=[single_line]
    )
    # The reference territoire the typed one designates, when it designates one (see
    # resource_centre.territoire_names): the bilan counts participants by région, EPCI, QPV.
    recognised_territoire = models.ForeignKey(
        "resource_centre.Territoire",
        verbose_name=_("recognised territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The organisation as names are compared (resource_centre.search.sort_key): the bilan finds
    # it among the annuaire's structures, by their sort_name, when the annuaire is installed.
    structure_key = models.CharField(max_length=255, editable=False, default="", db_index=True)
    needs = models.TextField(
        _("dietary or accessibility needs"), blank=True, validators=[plain_text]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    consent_text = models.TextField(_("consent given to"), blank=True)
    consent_at = models.DateTimeField(_("consent date"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # Until then a registration whose address is not confirmed yet keeps its seat.
    hold_until = models.DateTimeField(_("seat held until"), null=True, blank=True)
    # Bumped when the address is confirmed and when the registration is cancelled, so that each
    # link works once.
    token_version = models.PositiveIntegerField(default=0, editable=False)
    # When it last changed, so that a séance's calendar entry follows its seats (agenda/ical.py);
    # bulk updates that change a status set it too.
    updated_at = models.DateTimeField(
        pgettext_lazy("a registration", "updated at"), auto_now=True, editable=False
    )
    # When `send_reminders` reminded them of the séance, so that each is reminded once.
    reminded_at = models.DateTimeField(_("reminded on"), null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "seance", "status"])]

    def __str__(self):
        return f"{self.name} – {self.event_id}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"territoire", "structure"} & set(update_fields):
            self.recognise([self])
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "recognised_territoire",
                    "structure_key",
                }
        super().save(*args, **kwargs)

    @staticmethod
    def recognise(registrations):
        """Set what the bilan counts by on these registrations (bulk_create skips save()): the
        recognised territoire, in one query, and the organisation's key."""
        from resource_centre.search import sort_key
        from resource_centre.territoire_names import resolve

        found = resolve({r.territoire for r in registrations})
        for registration in registrations:
            registration.recognised_territoire = found.get(registration.territoire)
            registration.structure_key = sort_key(registration.structure)

    @transaction.atomic
    def cancel(self):
        """Cancel; return the registration promoted from the waiting list, if any."""
        from .pages import EventPage

        EventPage.objects.select_for_update(of=("self",)).filter(pk=self.event_id).first()
        updated = Registration.objects.filter(pk=self.pk).exclude(status=self.Status.CANCELLED)
        was_confirmed = updated.filter(status=self.Status.CONFIRMED).exists()
        if not updated.update(
            status=self.Status.CANCELLED,
            token_version=F("token_version") + 1,
            updated_at=timezone.now(),
        ):
            return None
        self.refresh_from_db()
        if not was_confirmed:
            return None
        promoted = (
            Registration.objects.waiting().filter(event_id=self.event_id, seance_id=self.seance_id)
        ).first()
        if promoted:
            promoted.status = self.Status.CONFIRMED
            promoted.save(update_fields=["status", "updated_at"])
        return promoted


def deleting_pages(origin):
    """Whether a deletion started from pages (an event deleted, with what depends on it)."""
    from wagtail.models import Page

    # Wagtail deletes a page (and its subtree) as a queryset of pages.
    model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    return isinstance(model, type) and issubclass(model, Page)


def registration_deleted(sender, instance, origin=None, **kwargs):
    """Date the change on the séances whose seats it counted (post_delete): their own, or
    every séance of its event for a registration without one. Once per séance for a deletion
    of many (the purge), and not at all when its event goes: its séances go with it."""
    from .seances import Seance

    if deleting_pages(origin):
        return
    key = (instance.event_id, instance.seance_id)
    dated = vars(origin).setdefault("_seances_dated", set()) if origin is not None else set()
    if key in dated:
        return
    dated.add(key)
    seances = Seance.objects.filter(event_id=instance.event_id)
    if instance.seance_id is not None:
        seances = seances.filter(pk=instance.seance_id)
    seances.update(registrations_deleted_at=timezone.now())


class Attendance(models.Model):
    """Whether someone registered to a whole series came to one of its séances, as its sign-in
    sheet says (agenda/attendance.py). A registration to one séance says it in its own
    `attended`, which for a series says whether they came to at least one."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    seance = models.ForeignKey(
        "agenda.Seance",
        verbose_name=_("séance"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance at a séance")
        verbose_name_plural = _("attendances at séances")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "seance"], name="agenda_one_attendance_per_seance"
            )
        ]

    def __str__(self):
        return f"{self.registration_id} – {self.seance_id}"
