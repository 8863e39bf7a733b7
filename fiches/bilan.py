"""The fiches' part of the bilan d'activité: fiches expériences published in the period, by theme,
territory and type of porteur, and how long porteurs took to answer their validation link."""

import statistics

from django.db.models import Count, Q
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
)

from .models import FicheIndexPage, FichePage, PorteurValidationTaskState

NOTE = gettext_lazy(
    "“Online at the end of the period” counts the fiches published by then and still "
    "online today: a fiche unpublished since is not counted. The time to answer runs "
    "from the last link sent to the porteur."
)
ANSWERED = [PorteurValidationTaskState.STATUS_APPROVED, PorteurValidationTaskState.STATUS_REJECTED]


def _by(queryset, field, none):
    """Counts per term, grouped by its id (two territoires may share a name): a fiche counts once
    per group, so no DISTINCT."""
    relation = field.removesuffix("__name")
    rows = [
        Row(item[field] or none, [item["n"]])
        for item in queryset.values(relation, field).annotate(n=Count("pk"))
    ]
    return sorted(rows, key=lambda r: (-r.values[0], r.label))


class FichesSection(BilanSection):
    key = "fiches"
    title = gettext_lazy("Fiches expériences")
    order = 200

    def compute(self, period, detail=True):
        start, end = period.datetimes()
        live = FichePage.objects.live().order_by()  # no ORDER BY path in the GROUP BY
        published = live.filter(first_published_at__gte=start, first_published_at__lt=end)
        index = FicheIndexPage.objects.values_list("pk", flat=True).first()
        listing = reverse("wagtailadmin_explore", args=[index]) if index else ""
        totals = live.aggregate(
            n_published=Count(
                "pk", filter=Q(first_published_at__gte=start, first_published_at__lt=end)
            ),
            n_online=Count("pk", filter=Q(first_published_at__lt=end)),
        )
        states = PorteurValidationTaskState.objects.filter(link_sent_at__isnull=False)
        counts = states.aggregate(
            n_sent=Count("pk", filter=Q(link_sent_at__gte=start, link_sent_at__lt=end)),
            n_approved=Count(
                "pk",
                filter=Q(
                    status=PorteurValidationTaskState.STATUS_APPROVED,
                    finished_at__gte=start,
                    finished_at__lt=end,
                ),
            ),
            n_rejected=Count(
                "pk",
                filter=Q(
                    status=PorteurValidationTaskState.STATUS_REJECTED,
                    finished_at__gte=start,
                    finished_at__lt=end,
                ),
            ),
            n_waiting=Count(
                "pk",
                filter=Q(link_sent_at__lt=end)
                & (Q(finished_at__isnull=True) | Q(finished_at__gte=end)),
            ),
        )
        delays = [
            (finished - sent).total_seconds() / 86400
            for sent, finished in states.filter(
                status__in=ANSWERED, finished_at__gte=start, finished_at__lt=end
            ).values_list("link_sent_at", "finished_at")
        ]
        # The fiches and answers of the period, as counted here.
        of_period = reverse("fiches_admin:fiches_of_period") + "?" + period.query()
        figures = [
            Figure(
                "published", _("Fiches published in the period"), totals["n_published"], of_period
            ),
            Figure(
                "online", _("Fiches online at the end of the period"), totals["n_online"], listing
            ),
            Figure("links_sent", _("Validation links sent to porteurs"), counts["n_sent"]),
            Figure(
                "approved", _("Fiches approved by their porteur"), counts["n_approved"], of_period
            ),
            Figure("rejected", _("Changes requested by porteurs"), counts["n_rejected"], of_period),
            Figure(
                "waiting",
                _("Fiches waiting for their porteur at the end of the period"),
                counts["n_waiting"],
                of_period,
            ),
            Figure(
                "delay_mean",
                _("Average time to answer (link sent → answer)"),
                round(statistics.fmean(delays), 1) if delays else None,
                unit="days",
            ),
            Figure(
                "delay_median",
                _("Median time to answer"),
                round(statistics.median(delays), 1) if delays else None,
                unit="days",
            ),
        ]
        months = month_rows(period, published, "first_published_at", datetimes=True)
        none = _("Not given")
        tables = [
            Table(
                "months",
                _("Fiches published per month"),
                [_("Month"), _("Fiches")],
                months,
                "line",
            ),
        ]
        if detail:  # the breakdowns; the previous period's are not shown
            tables += self._breakdowns(published, none)
        return SectionResult(figures, tables, [NOTE])

    def _breakdowns(self, published, none):
        return [
            Table(
                "thematiques",
                _("By theme"),
                [_("Theme"), _("Fiches")],
                _by(published, "thematiques__name", none),
            ),
            Table(
                "territoires",
                _("By territory"),
                [_("Territory"), _("Fiches")],
                _by(published, "territoires__name", none),
            ),
            Table(
                "porteurs",
                _("By type of project holder"),
                [_("Type of project holder"), _("Fiches")],
                _by(published, "porteur_type__name", none),
            ),
        ]
