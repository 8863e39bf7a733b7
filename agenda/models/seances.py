"""A séance: one dated session of an event, with its own place and status."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable


def _of_its_registrations(registrations, aggregate):
    """`aggregate(queryset)` of the registrations that concern a séance: its own for an event
    taking one registration per séance, else its event's (those without a séance)."""
    return models.Case(
        models.When(
            event__registration_per_seance=True,
            then=aggregate(registrations.filter(seance=models.OuterRef("pk"))),
        ),
        default=aggregate(registrations.filter(seance__isnull=True)),
    )


class SeanceQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(), which keeps the search text.
        from ..search import seance_text

        objs = list(objs)
        for obj in objs:
            obj.search_text = seance_text(obj)
        return super().bulk_create(objs, *args, **kwargs)

    def for_listing(self):
        """Séances with everything a listing shows, seats taken included, in one query."""
        return (
            self.select_related("event", "event__format", "venue")
            .defer(
                "event__body",
                "event__partners",
                "event__animateurs",
                "event__intervenants",
                "event__annuaire_people",
            )
            .with_seats()
        )

    def for_calendar(self):
        """Séances with what their calendar entry says, their seats as in the agenda's feed, so
        that an entry reads the same wherever it comes from (agenda/ical.py)."""
        return (
            self.select_related("event", "event__format", "venue").with_seats().with_seat_changes()
        )

    def with_seats(self):
        """Annotate seats_taken: the registrations that hold a seat at this séance.

        For an event taking one registration per séance they are the séance's; otherwise the
        event's (registrations without a séance). A correlated count, so listings stay one query.
        """
        from .registrations import Registration

        confirmed = Registration.objects.filter(event=models.OuterRef("event")).holding_seats()

        def count(queryset):
            return Coalesce(
                models.Subquery(
                    queryset.order_by().values("event").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            )

        return self.annotate(seats_taken=_of_its_registrations(confirmed, count))

    def with_seat_changes(self, now=None):
        """Annotate when the seats taken at this séance last changed (from the registrations
        with_seats counts): `seats_written_at`, the last registration written, and
        `hold_lapsed_at`, the last hold that lapsed, freeing its seat without any write."""
        from .registrations import Registration

        now = now or timezone.now()
        registrations = Registration.objects.filter(event=models.OuterRef("event"))

        def latest(field, **conditions):
            def of(queryset):
                rows = queryset.filter(**conditions).order_by().values("event")
                return models.Subquery(
                    rows.annotate(t=models.Max(field)).values("t")[:1],
                    output_field=models.DateTimeField(),
                )

            return of

        return self.annotate(
            seats_written_at=_of_its_registrations(registrations, latest("updated_at")),
            hold_lapsed_at=_of_its_registrations(
                registrations, latest("hold_until", hold_until__lte=now)
            ),
        )

    def published_under(self, page):
        return self.filter(event__live=True, event__path__startswith=page.path)

    def upcoming(self, today=None):
        return self.filter(day__gte=today or timezone.localdate())

    def past(self, today=None):
        return self.filter(day__lt=today or timezone.localdate())

    def chronological(self):
        """By the day the séance takes place (a postponed one at its new date); the most
        relevant first when a keyword search scored them (agenda/filters.py)."""
        relevant = ["-search_rank"] if "search_rank" in self.query.annotations else []
        return self.order_by(*relevant, "day", "start_time", "pk")


class Seance(Orderable):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")
        POSTPONED = "postponed", _("postponed")
        FULL = "full", _("full")

    event = ParentalKey("agenda.EventPage", on_delete=models.CASCADE, related_name="seances")
    title = models.CharField(
        pgettext_lazy("resource centre", "title"),
        max_length=255,
        blank=True,
        help_text=_("Optional, e.g. “Séance 3: relogement”."),
    )
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    venue = models.ForeignKey(
        "agenda.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        # A venue in use cannot be deleted: its séances would lose their place, and their event
        # could no longer be published (a séance needs a venue or to be online).
        on_delete=models.PROTECT,
        related_name="seances",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    new_date = models.DateField(
        _("new date"), null=True, blank=True, help_text=_("For a postponed séance.")
    )
    # The day the séance takes place: its new date once postponed. Computed by the database so
    # listings filter and sort on one indexed column, whatever wrote the row (editor, bulk, ORM
    # update). Not serialised: revisions keep date and new_date, the source of truth.
    day = models.GeneratedField(
        expression=models.Case(
            models.When(status="postponed", new_date__isnull=False, then=models.F("new_date")),
            default=models.F("date"),
        ),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name=_("day"),
        serialize=False,
    )
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to registered people, never on the public page."),
    )
    # The keyword box reads this normalised public text, kept by save() (see agenda/search.py).
    search_text = models.TextField(editable=False, default="", serialize=False)
    # When a registration it counted was last deleted (an erasure, the purge): the rows that
    # remain cannot tell, and its calendar entry's SEQUENCE must not go down (agenda/ical.py).
    # Not in revisions: a publication, later, then dates the entry anyway.
    registrations_deleted_at = models.DateTimeField(null=True, editable=False, serialize=False)

    objects = SeanceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("new_date")]),
        MultiFieldPanel(
            [FieldPanel("online", heading=_("Held online")), FieldPanel("online_url")],
            heading=_("Online"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        indexes = [models.Index(fields=["day", "start_time"], name="agenda_seance_day_time")]

    def save(self, *args, **kwargs):
        from ..search import seance_text

        self.search_text = seance_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = list({*update_fields, "search_text"})
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.event.title} – {self.date:%d/%m/%Y}" if self.event_id else str(self.date)

    def clean_fields(self, exclude=None):
        # The rules across fields are checked here, where Django says which fields the form has
        # refused already (`exclude`): a time or a date it could not read (« 25:00 »,
        # « 31/02/2027 ») gets its own message only, not also « give the new date ». `exclude`
        # also names the fields a form leaves out: the séance's panels hold every field these
        # rules read, and a form without one checks its rule itself (SeriesForm, the venue).
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        refused = set(exclude or ()) | set(errors)
        if {"start_time", "end_time"}.isdisjoint(refused):
            if self.start_time and self.end_time and self.end_time <= self.start_time:
                errors["end_time"] = [_("The end time must be after the start time.")]
        if {"status", "new_date"}.isdisjoint(refused):
            if self.status == self.Status.POSTPONED and not self.new_date:
                errors["new_date"] = [_("Give the new date of a postponed séance.")]
            if self.new_date and self.status != self.Status.POSTPONED:
                errors["new_date"] = [_("Only a postponed séance has a new date.")]
        if {"venue", "online"}.isdisjoint(refused) and not self.venue_id and not self.online:
            errors["venue"] = [_("Choose a venue, or mark the séance as online.")]
        if errors:
            raise ValidationError(errors)

    # What visitors and feeds need -------------------------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_full(self):
        """Marked full by the editors, or every seat taken through registrations on the site."""
        return self.status == self.Status.FULL or self.is_booked_up

    @property
    def is_booked_up(self):
        taken = getattr(self, "seats_taken", None)
        event = self.event
        return bool(
            taken is not None
            and event.registration_enabled
            and event.capacity is not None
            and taken >= event.capacity
        )

    @property
    def is_past(self):
        return self.effective_date < timezone.localdate()

    @property
    def effective_date(self):
        """Where the séance now takes place in time: its new date if it was postponed."""
        return (
            self.new_date if self.status == self.Status.POSTPONED and self.new_date else self.date
        )

    def _aware(self, day, time):
        return timezone.make_aware(datetime.datetime.combine(day, time))

    @property
    def start(self):
        """Aware datetime, or a date for an all-day séance."""
        day = self.effective_date
        return self._aware(day, self.start_time) if self.start_time else day

    @property
    def end(self):
        day = self.effective_date
        if self.start_time and self.end_time:
            return self._aware(day, self.end_time)
        if self.start_time:
            return None
        return day + datetime.timedelta(days=1)

    @property
    def original_start(self):
        return self._aware(self.date, self.start_time) if self.start_time else self.date

    @property
    def city(self):
        return self.venue.city if self.venue_id and self.venue else ""

    def uid(self, domain):
        """Stable identifier of the séance in calendars, whatever its date or status."""
        return f"agenda-seance-{self.pk}@{domain}"
