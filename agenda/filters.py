"""The visitor filters of the agenda, built on the suite's lenient SuiteFilterSet."""

import datetime
import functools

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resource_centre import generations
from resource_centre.filters import (
    LenientMultipleChoiceField,
    SuiteFilterSet,
    TaxonomyFilter,
    TerritoireFilter,
    public_filter,
    thematique_filter,
)
from resource_centre.models import PublicVise, Territoire, Thematique
from resource_centre.search import matching, query_stems, relevance

from . import conf
from .models import EventFormat, EventPage, Venue


class CityFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.filter(venue__city__in=value) if value else qs


def this_week(today):
    start = today - datetime.timedelta(days=today.weekday())
    return start, start + datetime.timedelta(days=6)


def this_month(today):
    start = today.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following - datetime.timedelta(days=1)


def next_month(today):
    start = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return this_month(start)


class OpenRegistrationFilter(django_filters.MultipleChoiceFilter):
    """A single checkbox: only events whose registrations on the site are open now."""

    field_class = LenientMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("choices", [("ouvertes", _("Registrations open"))])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        now = timezone.now()
        if "seats_taken" not in qs.query.annotations:
            qs = qs.with_seats()
        return (
            qs.filter(
                Q(event__registration_opens_at__isnull=True)
                | Q(event__registration_opens_at__lte=now),
                Q(event__registration_closes_at__isnull=True)
                | Q(event__registration_closes_at__gt=now),
                event__registration_enabled=True,
            )
            .exclude(status__in=["cancelled", "full"])
            .exclude(
                # Every seat taken: not "open", even with a waiting list.
                event__capacity__isnull=False,
                seats_taken__gte=F("event__capacity"),
            )
        )


PERIODS = {"semaine": this_week, "mois": this_month, "mois-prochain": next_month}


class SeanceTerritoireFilter(TerritoireFilter):
    """Séances whose venue lies in the chosen territoires (the commune of its address); a
    séance whose place is not known (online, or an address not recognised), by the
    territories its event targets."""

    def filter(self, qs, value):
        if not value:
            return qs
        covered = Territoire.objects.covering(value)
        targeting = EventPage.territoires.through.objects.filter(territoire__in=covered)
        return qs.filter(
            Q(venue__commune__in=covered)
            | Q(venue__commune__isnull=True, event__in=targeting.values("eventpage"))
        )


class SeanceFilterSet(SuiteFilterSet):
    q = django_filters.CharFilter(label=_("Keywords"), method="search")
    format = TaxonomyFilter(
        field_name="event__format", queryset=EventFormat.objects.all(), label=_("Format")
    )
    thematique = thematique_filter("event__thematiques")
    public = public_filter("event__publics")
    ville = CityFilter(label=_("City"))
    territoire = SeanceTerritoireFilter(
        field_name="venue__commune",
        label=_("Where the séance takes place"),
        help_text=_("An online séance, by the territories its event is meant for."),
    )
    periode = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[
            ("semaine", _("This week")),
            ("mois", _("This month")),
            ("mois-prochain", _("Next month")),
        ],
        empty_label=_("Any time"),
        method="period",
    )
    inscriptions = OpenRegistrationFilter(label=_("Registration"))
    du = django_filters.DateFilter(
        label=pgettext_lazy("resource centre", "From"),
        field_name="day",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    au = django_filters.DateFilter(
        label=pgettext_lazy("resource centre", "To"),
        field_name="day",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, cities=list, agenda=None, kept=None, **kwargs):
        """`cities()`: the cities offered, read once and only if the city filter is given or
        rendered (the agenda keeps its rendered filter block). `kept`: the `Kept` of the agenda's
        generation (resource_centre/generations.py) when the view has one already."""
        super().__init__(*args, **kwargs)
        cities = functools.cache(cities)
        self.filters["ville"].field.choices = lambda: [(city, city) for city in cities()]
        if agenda is not None:
            self._offer_terms_of(agenda, kept or generations.Kept("agenda"))

    def _offer_terms_of(self, agenda, kept):
        """Only the terms of the agenda's published events: the agenda has no counts beside its
        options, and an option none of them has would always list nothing. Their ids are kept
        until the agenda changes: finding them read the agenda's events (5 ms of PostgreSQL's
        time to check a format chosen, with 10,000 events)."""
        events = EventPage.objects.live().filter(path__startswith=agenda.path)
        used = {
            "format": (EventFormat, Exists(events.filter(format=OuterRef("pk")))),
            "thematique": (Thematique, Exists(events.filter(thematiques=OuterRef("pk")))),
            "public": (PublicVise, Exists(events.filter(publics=OuterRef("pk")))),
        }
        ids = kept.get(
            f"terms:{agenda.pk}",
            lambda: {
                name: list(model.objects.filter(condition).values_list("pk", flat=True))
                for name, (model, condition) in used.items()
            },
        )
        for name, (model, _condition) in used.items():
            self.filters[name].queryset = model.objects.filter(pk__in=ids[name])

    def search(self, qs, name, value):
        # Each word in the event's or the séance's normalised public text (agenda/search.py),
        # scored for chronological() to list the séances with the words in their titles first.
        words = query_stems(value[: conf.get("AGENDA_MAX_QUERY_LENGTH")])
        if not words:
            return qs
        fields = ("event__search_text", "search_text")
        return qs.filter(matching(words, *fields)).annotate(search_rank=relevance(words, *fields))

    @property
    def search_query(self):
        """The visitor's keywords when they search (for the highlighted titles), else ""."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        return (self.form.cleaned_data.get("q") or "")[: conf.get("AGENDA_MAX_QUERY_LENGTH")]

    def period(self, qs, name, value):
        start, end = PERIODS[value](timezone.localdate())
        return qs.filter(day__gte=start, day__lte=end)

    @property
    def problems(self):
        messages = super().problems
        dates = self.form.cleaned_data if self.is_bound else {}
        if dates.get("du") and dates.get("au") and dates["du"] > dates["au"]:
            messages.append(
                _("The “From” date is after the “To” date: no séance can fall between them.")
            )
        return messages

    @property
    def chooses_dates(self):
        """True when the visitor asked for a period, so past séances may show."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        data = self.form.cleaned_data
        return bool(data.get("periode") or data.get("du") or data.get("au"))


def city_choices():
    """The cities of the venues where séances take place (one query, on the venue index)."""
    from .models import Seance

    return list(
        Venue.objects.filter(pk__in=Seance.objects.values("venue"))
        .order_by("city")
        .values_list("city", flat=True)
        .distinct()
    )
