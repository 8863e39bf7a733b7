"""The annuaire's part of the bilan d'activité: structures and people, updated and verified in
the period, by type, territory and job. Registered here (imported by the app's ready()), so the
section needs no line in wagtail_hooks.py."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from resource_centre.bilan import HOOK
from resource_centre.bilan.figures import BilanSection, Figure, Row, SectionResult, Table

from .models import Person, Structure

NOTE = gettext_lazy(
    "The annuaire records neither when an entry was created nor when it was removed: "
    "the number of entries at the start of the period, and the new and removed entries, "
    "cannot be counted. The figures marked “today” and the tables describe the annuaire "
    "as it is now."
)


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


class AnnuaireSection(BilanSection):
    key = "annuaire"
    title = gettext_lazy("Directory of actors")
    order = 300

    def compute(self, period, detail=True):
        start, end = period.datetimes()
        updated = Q(updated_at__gte=start, updated_at__lt=end)
        verified = Q(verified_at__range=(period.start, period.end))
        structures = Structure.objects.order_by().aggregate(
            n_all=Count("pk"),
            n_updated=Count("pk", filter=updated),
            n_verified=Count("pk", filter=verified),
        )
        people = Person.objects.order_by().aggregate(
            n_all=Count("pk"),
            n_updated=Count("pk", filter=updated),
            n_verified=Count("pk", filter=verified),
        )
        figures = [
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
                "structures_updated", _("Structures updated in the period"), structures["n_updated"]
            ),
            Figure("people_updated", _("People updated in the period"), people["n_updated"]),
            Figure(
                "structures_verified",
                _("Structures verified with the actor in the period"),
                structures["n_verified"],
            ),
            Figure(
                "people_verified",
                _("People verified with the actor in the period"),
                people["n_verified"],
            ),
        ]
        tables = self._tables() if detail else []
        return SectionResult(figures, tables, [NOTE])

    def _tables(self):
        none = _("Not given")
        by_type = Structure.objects.order_by().values("type", "type__name").annotate(n=Count("pk"))
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
                _("Structures today, by type"),
                [_("Type of structure"), _("Structures")],
                _rows(by_type, "type", none, lambda pk: _listing(Structure, type=pk)),
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
