"""The annuaire's part of the bilan d'activité: structures and people at the start and end of the
period, created, removed (``RemovedEntry``), updated and verified in it, by type, territory and
job. Registered here (imported by the app's ready()), so the
section needs no line in wagtail_hooks.py."""

from django.apps import apps
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks

from resource_centre.bilan import HOOK
from resource_centre.bilan.figures import BilanSection, Figure, Row, SectionResult, Table

from .models import Person, RemovedEntry, Structure

STRUCTURE, PERSON = RemovedEntry.Kind.STRUCTURE, RemovedEntry.Kind.PERSON


def _created_before(moment):
    """There at `moment` if created before it; undated entries predate the recording of dates."""
    return Q(created_at__lt=moment) | Q(created_at__isnull=True)


def _listing(model, **filters):
    url = reverse(f"wagtailsnippets_annuaire_{model._meta.model_name}:list")
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"{url}?{query}" if query else url


def _rows(values, field, none, link=None):
    rows = [
        Row(
            item[field + "__name"] or none,
            [item["n"]],
            link(item[field]) if link and item[field] else "",
        )
        for item in values
    ]
    return sorted(rows, key=lambda r: (-r.values[0], r.label))


def _participants_by_type(period):
    """Participants present at the agenda's séances of the period, by the type of their
    structure when the organisation they typed is one of the annuaire's (same name, whatever
    the case and accents; a name several types share is not counted), in one query."""
    from agenda.bilan import registrations_of

    one_type = (
        Structure.objects.filter(sort_name=OuterRef("structure_key"))
        .order_by()
        .values("sort_name")
        .annotate(types=Count("type", distinct=True), name=Min("type__name"))
        .filter(types=1)
        .values("name")
    )
    counted = (
        registrations_of(period)
        .filter(attended=True)
        .annotate(type_name=Subquery(one_type))
        .order_by()
        .values("type_name")
        .annotate(n=Count("pk"))
    )
    rows, unknown = [], 0
    for item in counted:
        if item["type_name"] is None:
            unknown += item["n"]
        else:
            rows.append(Row(item["type_name"], [item["n"]]))
    rows.sort(key=lambda r: (-r.values[0], r.label))
    if unknown:
        rows.append(Row(_("Organisation not given or not in the annuaire"), [unknown]))
    return Table(
        "participants_types",
        _("Participants present at the séances, by type of structure"),
        [_("Type of structure"), _("Present")],
        rows,
    )


class AnnuaireSection(BilanSection):
    key = "annuaire"
    title = gettext_lazy("Directory of actors")
    order = 300

    def compute(self, period, detail=True):
        start, end = period.datetimes()

        def _in_period(model, field):
            # The listing's date range filter (Wagtail's "…_from" and "…_to", days included).
            return _listing(
                model, **{f"{field}_from": period.start.isoformat(), f"{field}_to": period.end}
            )

        updated = Q(updated_at__gte=start, updated_at__lt=end)
        verified = Q(verified_at__range=(period.start, period.end))
        new = Q(created_at__gte=start, created_at__lt=end)
        counts = {}
        for kind, model in ((PERSON, Person), (STRUCTURE, Structure)):
            counts[kind] = model.objects.order_by().aggregate(
                n_all=Count("pk"),
                n_updated=Count("pk", filter=updated),
                n_verified=Count("pk", filter=verified),
                n_at_start=Count("pk", filter=_created_before(start)),
                n_at_end=Count("pk", filter=_created_before(end)),
                n_new=Count("pk", filter=new),
                n_undated=Count("pk", filter=Q(created_at__isnull=True)),
            )
        # The entries removed since: there at a date if created before it and removed after.
        for item in (
            RemovedEntry.objects.order_by()
            .values("kind")
            .annotate(
                at_start=Count("pk", filter=_created_before(start) & Q(removed_at__gte=start)),
                at_end=Count("pk", filter=_created_before(end) & Q(removed_at__gte=end)),
                new=Count("pk", filter=new),
                removed=Count("pk", filter=Q(removed_at__gte=start, removed_at__lt=end)),
            )
        ):
            total = counts[item["kind"]]
            total["n_at_start"] += item["at_start"]
            total["n_at_end"] += item["at_end"]
            total["n_new"] += item["new"]
            total["n_removed"] = item["removed"]
        structures, people = counts[STRUCTURE], counts[PERSON]
        figures = []
        for key, model, total, labels in (
            (
                "structures",
                Structure,
                structures,
                (
                    _("Structures at the start of the period"),
                    _("Structures at the end of the period"),
                    _("New structures in the period"),
                    _("Structures removed in the period"),
                ),
            ),
            (
                "people",
                Person,
                people,
                (
                    _("People at the start of the period"),
                    _("People at the end of the period"),
                    _("New people in the period"),
                    _("People removed in the period"),
                ),
            ),
        ):
            figures += [
                Figure(f"{key}_start", labels[0], total["n_at_start"]),
                Figure(f"{key}_end", labels[1], total["n_at_end"]),
                Figure(f"{key}_new", labels[2], total["n_new"], _in_period(model, "created_at")),
                Figure(f"{key}_removed", labels[3], total.get("n_removed", 0)),
            ]
        figures += [
            Figure(
                "structures",
                _("Structures in the annuaire today"),
                structures["n_all"],
                _listing(Structure),
                comparable=False,
            ),
            Figure(
                "people",
                _("People in the annuaire today"),
                people["n_all"],
                _listing(Person),
                comparable=False,
            ),
            Figure(
                "structures_updated",
                _("Structures updated in the period"),
                structures["n_updated"],
                _in_period(Structure, "updated_at"),
            ),
            Figure(
                "people_updated",
                _("People updated in the period"),
                people["n_updated"],
                _in_period(Person, "updated_at"),
            ),
            Figure(
                "structures_verified",
                _("Structures verified with the actor in the period"),
                structures["n_verified"],
                _in_period(Structure, "verified_at"),
            ),
            Figure(
                "people_verified",
                _("People verified with the actor in the period"),
                people["n_verified"],
                _in_period(Person, "verified_at"),
            ),
        ]
        notes = []
        undated = structures["n_undated"] + people["n_undated"]
        if undated:
            notes.append(
                ngettext(
                    "%(count)s entry was in the annuaire before the suite recorded when entries "
                    "are created: it is counted as present since the start of any period.",
                    "%(count)s entries were in the annuaire before the suite recorded when entries "
                    "are created: they are counted as present since the start of any period.",
                    undated,
                )
                % {"count": undated}
            )
        notes.append(
            _(
                "The tables describe the annuaire as it is now, with the structures created and "
                "removed in the period by type."
            )
        )
        tables = self._tables(new, start, end) if detail else []
        if detail and apps.is_installed("agenda"):
            tables.append(_participants_by_type(period))
            notes.append(
                _(
                    "Participants are counted by type of structure when the organisation they "
                    "typed when registering is a structure of the annuaire, spelt as it is listed."
                )
            )
        return SectionResult(figures, tables, notes)

    def _tables(self, new, start, end):
        none = _("Not given")
        # Per type: today, created in the period (still there or since removed), removed.
        per_type = {
            item["type"]: [item["type__name"] or none, item["n"], 0, 0]
            for item in Structure.objects.order_by()
            .values("type", "type__name")
            .annotate(n=Count("pk"))
        }
        for item in Structure.objects.filter(new).order_by().values("type").annotate(n=Count("pk")):
            per_type[item["type"]][2] += item["n"]
        for item in (
            RemovedEntry.objects.filter(kind=STRUCTURE)
            .order_by()
            .values("type", "type__name")
            .annotate(
                new=Count("pk", filter=new),
                removed=Count("pk", filter=Q(removed_at__gte=start, removed_at__lt=end)),
            )
        ):
            row = per_type.setdefault(item["type"], [item["type__name"] or none, 0, 0, 0])
            row[2] += item["new"]
            row[3] += item["removed"]
        type_rows = sorted(
            (
                Row(label, values, _listing(Structure, type=pk) if pk and values[0] else "")
                for pk, (label, *values) in per_type.items()
                if any(values)
            ),
            key=lambda r: (-r.values[0], r.label),
        )
        by_territory = (
            Structure.objects.order_by()
            .values("territoires", "territoires__name")
            .annotate(n=Count("pk"))
        )
        by_metier = (
            Person.objects.order_by().values("metier", "metier__name").annotate(n=Count("pk"))
        )
        return [
            Table(
                "types",
                _("Structures by type"),
                [
                    _("Type of structure"),
                    _("Structures today"),
                    _("Created in the period"),
                    _("Removed in the period"),
                ],
                type_rows,
            ),
            Table(
                "territoires",
                _("Structures today, by territory"),
                [_("Territory"), _("Structures")],
                _rows(by_territory, "territoires", none),
            ),
            Table(
                "metiers",
                _("People today, by job"),
                [_("Job"), _("People")],
                _rows(by_metier, "metier", none, lambda pk: _listing(Person, metier=pk)),
            ),
        ]


@hooks.register(HOOK)
def annuaire_bilan_section():
    return AnnuaireSection()
