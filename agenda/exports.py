"""Exports of the agenda's list (CSV, XLSX, JSON): the séances the list shows for the same
filters, in its order, under the centre's licence."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resource_centre.exports import Column, Export, centre_licence
from resource_centre.models import PublicVise, Territoire, Thematique


def _venue(part):
    return lambda seance: getattr(seance.venue, part) if seance.venue_id else ""


def _names(relation):
    return lambda seance: [term.name for term in getattr(seance.event, relation).all()]


def _postponed_from(seance):
    return seance.date if seance.status == seance.Status.POSTPONED and seance.new_date else None


def columns(request):
    return [
        Column("id", gettext_lazy("Identifier"), lambda s: s.pk),
        Column("event", gettext_lazy("Event"), lambda s: s.event.title),
        Column("seance", gettext_lazy("Séance"), lambda s: s.title),
        Column(
            "format",
            gettext_lazy("Format"),
            lambda s: s.event.format.name if s.event.format else "",
        ),
        Column("date", gettext_lazy("Date"), lambda s: s.effective_date),
        Column("start_time", gettext_lazy("Start time"), lambda s: s.start_time),
        Column("end_time", gettext_lazy("End time"), lambda s: s.end_time),
        Column("status", gettext_lazy("Status"), lambda s: s.get_status_display()),
        Column("postponed_from", gettext_lazy("Postponed from"), _postponed_from),
        Column("venue", gettext_lazy("Venue"), _venue("name")),
        Column("address", gettext_lazy("Street"), _venue("address")),
        Column("postcode", gettext_lazy("Postcode"), _venue("postcode")),
        Column("city", gettext_lazy("City"), _venue("city")),
        Column("online", gettext_lazy("Online"), lambda s: s.online),
        Column("themes", gettext_lazy("Themes"), _names("thematiques")),
        Column("audiences", gettext_lazy("Audiences"), _names("publics")),
        Column("territories", gettext_lazy("Territories"), _names("territoires")),
        Column("url", gettext_lazy("Page"), lambda s: s.event.get_full_url(request)),
    ]


def export(page, request, fmt):
    from .views import listed_seances

    filterset, seances = listed_seances(page, request)
    seances = seances.prefetch_related(
        Prefetch("event__thematiques", queryset=Thematique.objects.only("name")),
        Prefetch("event__publics", queryset=PublicVise.objects.only("name")),
        Prefetch("event__territoires", queryset=Territoire.objects.only("name")),
    )
    return Export(
        f"agenda-{timezone.localdate():%Y-%m-%d}",
        columns(request),
        seances.iterator(chunk_size=2000),
        title=_("Agenda"),
        items_key="seances",
        licence=centre_licence(request),
        request=request,
        filterset=filterset,
    ).response(fmt)
