"""The agenda's part of the bilan d'activité: events and séances held, registrations and
attendance (from the sign-in sheet, ``Registration.attended``), réseaux, places.

A registration belongs to the period of its séance, or, for a registration to the whole event,
of the event's first séance held. Every figure comes from a fixed number of grouped queries."""

import re

from django.db.models import Count, Min, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resource_centre.bilan.figures import (
    BilanSection,
    Figure,
    Row,
    SectionResult,
    Table,
    month_rows,
    ratio,
)

from .evaluations import averages_by_question
from .models import Evaluation, EvaluationInvitation, EventPage, Registration, Seance

CANCELLED = Seance.Status.CANCELLED
POSTCODE_CITY = re.compile(
    r"\b\d{5}\s+(?P<city>[^\d\n,]+?)\s*(?:cedex\b.*)?$", re.IGNORECASE | re.MULTILINE
)


def centre_city():
    """The city of the centre, read from the postal address in its settings (“44000 Nantes”)."""
    from resource_centre.models import CentreSettings

    address = (
        CentreSettings.objects.filter(site__is_default_site=True)
        .values_list("address", flat=True)
        .first()
    )
    found = POSTCODE_CITY.findall(address or "")
    return found[-1].strip() if found else ""


def held_in(period):
    return Seance.objects.filter(day__range=(period.start, period.end), event__live=True)


def registrations_of(period):
    """The registrations to séances of the period; one to the whole event belongs to the day of
    the event's first séance held (a semi-join computed once, not a subquery per row)."""
    first_held_in_period = (
        Seance.objects.exclude(status=CANCELLED)
        .order_by()
        .values("event")
        .annotate(first=Min("day"))
        .filter(first__range=(period.start, period.end))
        .values("event")
    )
    return Registration.objects.filter(event__live=True).filter(
        Q(seance__day__range=(period.start, period.end))
        | Q(seance__isnull=True, event__in=first_held_in_period)
    )


def _rows(values, key, label, columns, missing, url=None):
    rows = [
        Row(
            str(item[label] or missing),
            [item[c] for c in columns],
            url(item[key]) if url and item[key] else "",
        )
        for item in values
    ]
    return sorted(rows, key=lambda r: (-(r.values[0] or 0), r.label))


def _present_per_term(per_event, through, term, events, none):
    """Rows of participants present per term of the events (an audience, a territory), summed
    from the per-event counts; events without a term under "none"."""
    present, names, tagged = {}, {}, set()
    for event_id, term_id, name in through.objects.filter(eventpage_id__in=events).values_list(
        "eventpage_id", f"{term}_id", f"{term}__name"
    ):
        if event_id in per_event:
            present[term_id] = present.get(term_id, 0) + per_event[event_id]["present"]
            names[term_id] = name
            tagged.add(event_id)
    rows = [Row(names[term_id], [count]) for term_id, count in present.items()]
    untagged = sum(item["present"] for pk, item in per_event.items() if pk not in tagged)
    if untagged:
        rows.append(Row(none, [untagged]))
    return sorted(rows, key=lambda r: (-r.values[0], r.label))


def _kind_label(territoire):
    return "QPV" if territoire.kind == territoire.Kind.QPV else territoire.get_kind_display()


def _present_by_home_territory(present, none):
    """Rows per région, département, EPCI and QPV the participants present come from (their
    recognised territoire and everything above it), in two queries whatever the size."""
    from resource_centre.models import Territoire

    per_place = list(
        present.order_by()
        .values("recognised_territoire", "recognised_territoire__path")
        .annotate(n=Count("pk"))
    )
    totals, unknown = {}, 0
    for item in per_place:
        if item["recognised_territoire"] is None:
            unknown += item["n"]
            continue
        for pk in Territoire.path_ids(item["recognised_territoire__path"]):
            totals[pk] = totals.get(pk, 0) + item["n"]
    kinds = Territoire.Kind
    shown = [kinds.REGION, kinds.DEPARTEMENT, kinds.EPCI, kinds.QPV]  # regions first, then down
    places = Territoire.objects.filter(pk__in=totals, kind__in=shown)
    rows = [
        Row(f"{place.name} ({_kind_label(place)})", [totals[place.pk]])
        for place in sorted(places, key=lambda t: (shown.index(t.kind), -totals[t.pk], t.name))
    ]
    if unknown:
        rows.append(Row(_("Territory not given or not recognised"), [unknown]))
    return rows


def evaluations_of(period):
    """The answers about séances of the period (an answer whose séance was deleted: by its day)."""
    return Evaluation.objects.filter(
        Q(seance__day__range=(period.start, period.end))
        | Q(seance__isnull=True, answered_on__range=(period.start, period.end))
    )


def _ratings(evaluations):
    return Table(
        "evaluations",
        _("Evaluations: average rating per question (from 1 to 5)"),
        [_("Question"), _("Answers"), _("Average rating")],
        [Row(label, [n, average]) for label, n, average in averages_by_question(evaluations)],
        "",
    )


class AgendaSection(BilanSection):
    key = "agenda"
    title = gettext_lazy("Agenda")
    order = 100

    def compute(self, period, detail=True):
        held = held_in(period).exclude(status=CANCELLED)
        city = centre_city()
        in_person = Q(online=False, venue__isnull=False)
        outside = in_person & ~Q(venue__city__iexact=city) if city else Q(pk__isnull=True)
        seances = held_in(period).aggregate(
            n_held=Count("pk", filter=~Q(status=CANCELLED)),
            n_cancelled=Count("pk", filter=Q(status=CANCELLED)),
            n_events=Count("event", filter=~Q(status=CANCELLED), distinct=True),
            n_online=Count("pk", filter=~Q(status=CANCELLED) & Q(online=True)),
            n_in_person=Count("pk", filter=~Q(status=CANCELLED) & in_person),
            n_outside=Count("pk", filter=~Q(status=CANCELLED) & outside),
        )
        registrations = registrations_of(period)
        counts = registrations.aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
            present=Count("pk", filter=Q(attended=True)),
            absent=Count("pk", filter=Q(attended=False, status=Registration.Status.CONFIRMED)),
            unmarked=Count(
                "pk", filter=Q(attended__isnull=True, status=Registration.Status.CONFIRMED)
            ),
            people=Count(Lower("email"), filter=Q(attended=True), distinct=True),
        )
        # The events of the period with the same counts per event, and their totals.
        events_url = reverse("agenda_admin:events") + "?" + period.query()
        figures = [
            Figure("events", _("Events held"), seances["n_events"], events_url),
            Figure("seances", _("Séances held"), seances["n_held"], events_url),
            Figure("seances_cancelled", _("Séances cancelled"), seances["n_cancelled"], events_url),
            Figure("online", _("Séances held online"), seances["n_online"]),
            Figure("confirmed", _("Confirmed registrations"), counts["confirmed"], events_url),
            Figure("present", _("Participants present"), counts["present"], events_url),
            Figure("people", _("Different people present"), counts["people"]),
            Figure(
                "absent", _("No-shows (registered, marked absent)"), counts["absent"], events_url
            ),
            Figure(
                "unmarked",
                _("Confirmed registrations without attendance marked"),
                counts["unmarked"],
                events_url,
            ),
            Figure(
                "attendance_rate",
                _("Attendance rate (present among those marked)"),
                ratio(counts["present"], counts["present"] + counts["absent"]),
                unit="%",
            ),
            Figure("cancellations", _("Cancelled registrations"), counts["cancelled"], events_url),
            Figure("waiting", _("People still on a waiting list"), counts["waiting"], events_url),
        ]
        answered = evaluations_of(period)
        invited = EvaluationInvitation.objects.filter(seance__day__range=(period.start, period.end))
        n_answered, n_invited = answered.count(), invited.count()
        figures += [
            Figure("evaluations", _("Evaluations answered"), n_answered, events_url),
            Figure(
                "evaluation_rate",
                _("Share of those invited who answered the evaluation"),
                ratio(n_answered, n_invited),
                unit="%",
            ),
        ]
        notes = []
        if city:
            figures.append(
                Figure(
                    "outside_share",
                    _("Share of in-person séances held outside %(city)s") % {"city": city},
                    ratio(seances["n_outside"], seances["n_in_person"]),
                    unit="%",
                )
            )
        else:
            notes.append(
                _(
                    "The share of séances held outside the centre's city needs the centre's postal "
                    "address (postcode and city) in Settings › Centre de ressources."
                )
            )
        notes.append(
            _(
                "Participants are counted by the territory they typed when registering, once "
                "recognised among the reference territoires (a name shared by several places, or "
                "misspelt, stays unrecognised); the events' own audiences and territories are "
                "counted apart."
            )
        )
        months = Table(
            "months",
            _("Séances held per month"),
            [_("Month"), _("Séances")],
            month_rows(period, held, "day"),
            "line",
        )
        tables = [months]
        if detail:
            tables += [*self._tables(period, held, registrations), _ratings(answered)]
        return SectionResult(figures, tables, notes)

    def _tables(self, period, held, registrations):
        none = _("Not given")
        by_format = held.values("event__format_id", "event__format__name").annotate(
            events=Count("event", distinct=True), seances=Count("pk")
        )
        # The registrations read once, counted per event; formats, audiences and territories
        # are then summed from the events (whose terms are read from their own small tables).
        per_event = {
            item["event"]: item
            for item in registrations.values("event", "event__format_id").annotate(
                confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
                present=Count("pk", filter=Q(attended=True)),
            )
        }
        present_by_format = {}
        for item in per_event.values():
            total = present_by_format.setdefault(
                item["event__format_id"], {"confirmed": 0, "present": 0}
            )
            total["confirmed"] += item["confirmed"]
            total["present"] += item["present"]
        format_rows = sorted(
            (
                Row(
                    item["event__format__name"] or none,
                    [
                        item["events"],
                        item["seances"],
                        present_by_format.get(item["event__format_id"], {}).get("confirmed", 0),
                        present_by_format.get(item["event__format_id"], {}).get("present", 0),
                    ],
                )
                for item in by_format
            ),
            key=lambda r: (-r.values[0], r.label),
        )
        # Grouped by id: each séance or registration then counts once per group, no DISTINCT.
        by_theme = held.values("event__thematiques", "event__thematiques__name").annotate(
            events=Count("event", distinct=True), seances=Count("pk")
        )
        present = registrations.filter(attended=True)
        events = held_in(period).values("event_id")
        by_public = _present_per_term(
            per_event, EventPage.publics.through, "publicvise", events, none
        )
        by_territory = _present_per_term(
            per_event, EventPage.territoires.through, "territoire", events, none
        )
        reseau_meetings = (
            held.filter(event__reseau__isnull=False)
            .values("event__reseau_id", "event__reseau__title")
            .annotate(meetings=Count("pk"))
        )
        reseau_people = {
            item["event__reseau_id"]: item["people"]
            for item in present.filter(event__reseau__isnull=False)
            .values("event__reseau_id")
            .annotate(people=Count(Lower("email"), distinct=True))
        }
        reseau_rows = sorted(
            (
                Row(
                    item["event__reseau__title"],
                    [item["meetings"], reseau_people.get(item["event__reseau_id"], 0)],
                    reverse("wagtailadmin_pages:edit", args=[item["event__reseau_id"]]),
                )
                for item in reseau_meetings
            ),
            key=lambda r: (-r.values[0], r.label),
        )
        from_territories = _present_by_home_territory(present, none)
        cities = (
            held.filter(online=False, venue__isnull=False)
            .values("venue__city")
            .annotate(n=Count("pk"))
        )
        return [
            Table(
                "formats",
                _("By format"),
                [
                    _("Format"),
                    _("Events"),
                    _("Séances"),
                    _("Confirmed registrations"),
                    _("Present"),
                ],
                format_rows,
            ),
            Table(
                "thematiques",
                _("By theme"),
                [_("Theme"), _("Events"), _("Séances")],
                _rows(
                    by_theme,
                    "event__thematiques__name",
                    "event__thematiques__name",
                    ["events", "seances"],
                    none,
                ),
            ),
            Table(
                "reseaux",
                _("Networks"),
                [_("Network"), _("Meetings"), _("Different people present")],
                reseau_rows,
            ),
            Table(
                "publics",
                _("Participants present, by audience the event targets"),
                [_("Target audience"), _("Present")],
                by_public,
            ),
            Table(
                "territoires",
                _("Participants present, by territory the event targets"),
                [_("Territory"), _("Present")],
                by_territory,
            ),
            Table(
                "provenance",
                _("Participants present, by the territory they come from"),
                [_("Territory"), _("Present")],
                from_territories,
            ),
            Table(
                "villes",
                _("In-person séances, by city"),
                [_("City"), _("Séances")],
                _rows(cities, "venue__city", "venue__city", ["n"], none),
            ),
        ]
