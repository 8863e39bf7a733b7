"""The lettre's part of the bilan d'activité: lettres sent in the period, messages delivered and
failed, readers at the start and end of the period (from when each became a reader and left),
arrivals and departures, subscriptions per publication. Registered here (imported by the app's
ready()), so the section needs no line in wagtail_hooks.py."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks

from resource_centre.bilan import HOOK
from resource_centre.bilan.figures import (
    BilanSection,
    Figure,
    Row,
    SectionResult,
    Table,
    month_rows,
)

from .models import Delivery, Publication, Send, Subscriber, Subscription
from .models.subscribers import LEFT

ACTIVE = Subscriber.Status.ACTIVE


def _reader_on(moment):
    """Readers at `moment`: active before it, and not gone by then (those who left at an unknown
    date, before departures were recorded, are not counted)."""
    return Q(active_since__lt=moment) & (
        Q(left_at__gte=moment) | Q(left_at__isnull=True, status=ACTIVE)
    )


class NewsletterSection(BilanSection):
    key = "newsletter"
    title = gettext_lazy("Newsletter")
    order = 400

    def compute(self, period, detail=True):
        start, end = period.datetimes()
        sends = Send.objects.filter(
            status=Send.Status.DONE, finished_at__gte=start, finished_at__lt=end
        ).order_by()
        sent = sends.aggregate(n_sends=Count("pk"), n_lettres=Count("lettre", distinct=True))
        deliveries = Delivery.objects.filter(send__in=sends).order_by()
        delivered = deliveries.aggregate(
            n_sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
            n_failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
        )
        new = Q(created_at__gte=start, created_at__lt=end)
        readers = Subscriber.objects.order_by().aggregate(
            n_active=Count("pk", filter=Q(status=ACTIVE)),
            n_start=Count("pk", filter=_reader_on(start)),
            n_end=Count("pk", filter=_reader_on(end)),
            n_new=Count("pk", filter=new),
            n_new_active=Count("pk", filter=new & Q(status=ACTIVE)),
            n_left=Count("pk", filter=Q(left_at__gte=start, left_at__lt=end)),
            n_left_unknown=Count("pk", filter=Q(status__in=LEFT, left_at__isnull=True)),
        )
        subscribers = reverse("newsletter_subscriber_modeladmin_index")
        send_list = reverse("newsletter_admin:send_list")
        figures = [
            Figure("lettres", _("Lettres sent"), sent["n_lettres"], send_list),
            Figure("sends", _("Sends finished"), sent["n_sends"], send_list),
            Figure("delivered", _("Messages delivered"), delivered["n_sent"], send_list),
            Figure("failed", _("Messages failed"), delivered["n_failed"], send_list),
            Figure(
                "active",
                _("Active readers today"),
                readers["n_active"],
                f"{subscribers}?status={ACTIVE}",
                comparable=False,
            ),
            Figure("start", _("Readers at the start of the period"), readers["n_start"]),
            Figure("end", _("Readers at the end of the period"), readers["n_end"]),
            Figure(
                "new",
                _("New readers in the period"),
                readers["n_new"],
                f"{subscribers}?created_at__gte={start.date()}&created_at__lt={end.date()}",
            ),
            Figure(
                "new_active", _("New readers in the period, still active"), readers["n_new_active"]
            ),
            Figure(
                "left",
                _("Readers who left in the period (unsubscribed or address rejected)"),
                readers["n_left"],
                f"{subscribers}?left_at__gte={start.date()}&left_at__lt={end.date()}",
            ),
        ]
        months = Subscription.objects.filter(created_at__gte=start, created_at__lt=end)
        tables = [
            Table(
                "months",
                _("New subscriptions per month"),
                [_("Month"), _("Subscriptions")],
                month_rows(period, months, "created_at", datetimes=True),
                "line",
            ),
            Table(
                "publications",
                _("Per publication"),
                [
                    _("Publication"),
                    _("Active readers today"),
                    _("New subscriptions"),
                    _("Messages delivered"),
                    _("Messages failed"),
                ],
                self._publications(deliveries, start, end, subscribers) if detail else [],
            ),
        ]
        notes = []
        if readers["n_left_unknown"]:
            notes.append(
                ngettext(
                    "%(count)s reader left before the suite recorded departures: they are "
                    "counted neither among the readers at the start nor among those who left.",
                    "%(count)s readers left before the suite recorded departures: they are "
                    "counted neither among the readers at the start nor among those who left.",
                    readers["n_left_unknown"],
                )
                % {"count": readers["n_left_unknown"]}
            )
        return SectionResult(figures, tables, notes)

    def _publications(self, deliveries, start, end, subscribers):
        per_publication = {
            item["pk"]: item
            for item in Publication.objects.order_by()
            .values("pk", "name")
            .annotate(
                active=Count("subscriptions", filter=Q(subscriptions__subscriber__status=ACTIVE)),
                new=Count(
                    "subscriptions",
                    filter=Q(
                        subscriptions__created_at__gte=start, subscriptions__created_at__lt=end
                    ),
                ),
            )
        }
        messages = {
            item["publication"]: item
            for item in deliveries.values("publication").annotate(
                sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
                failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
            )
        }
        return sorted(
            (
                Row(
                    item["name"],
                    [
                        item["active"],
                        item["new"],
                        messages.get(pk, {}).get("sent", 0),
                        messages.get(pk, {}).get("failed", 0),
                    ],
                    f"{subscribers}?publications={pk}",
                )
                for pk, item in per_publication.items()
            ),
            key=lambda r: (-r.values[0], r.label),
        )


@hooks.register(HOOK)
def newsletter_bilan_section():
    return NewsletterSection()
