"""Page types of the agenda: the index, events (with their séances) and réseaux."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.search import index

from resource_centre.blocks import BaseStreamBlock
from resource_centre.models.pages import Page, SuitePage
from resource_centre.panels import AppFieldPanel, InlinePanel
from resource_centre.territoire_chooser import TerritoiresChooser

from .people import chosen_people, people_blocks
from .seances import Seance


def _document(verbose_name):
    return models.ForeignKey(
        get_document_model_string(),
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class AgendaIndexPage(RoutablePageMixin, SuitePage):
    """The agenda: upcoming séances with filters, month view, archive and feeds."""

    offered_as_search_type = False

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = ["agenda.EventPage", "agenda.ReseauPage"]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def seances(self):
        return Seance.objects.published_under(self).for_listing()

    # Sub-views (implemented in agenda.views) -------------------------------------------------

    @path("")
    def agenda(self, request):
        from .. import views

        return views.agenda(self, request)

    @path("ical/")
    def ical_feed(self, request):
        from .. import views

        return views.agenda_ical(self, request)

    @re_path(r"^export/(?P<fmt>csv|xlsx|json)/$", name="export")
    def export(self, request, fmt):
        from ..exports import export

        return export(self, request, fmt)

    @path("rss/")
    def rss_feed(self, request):
        from ..feeds import NewEventsFeed

        return NewEventsFeed(self)(request)

    @path("atom/")
    def atom_feed(self, request):
        from ..feeds import NewEventsAtomFeed

        return NewEventsAtomFeed(self)(request)

    @path("mois/")
    @re_path(r"^mois/(?P<year>\d{4})-(?P<month>\d{2})/$")
    def month(self, request, year=None, month=None):
        from .. import views

        return views.month(self, request, year, month)

    @path("archives/")
    @re_path(r"^archives/(?P<year>\d{4})/$")
    def archive(self, request, year=None):
        from .. import views

        return views.archive(self, request, year)


class ReseauPage(SuitePage):
    """The standing network of one profession; its meetings are events of the agenda."""

    intro = models.TextField(_("introduction"), blank=True)
    description = RichTextField(_("description"), blank=True)
    run_by = models.TextField(_("who runs it"), blank=True)
    audience = models.TextField(_("who it is for"), blank=True)
    how_to_join = RichTextField(_("how to join"), blank=True)
    thematiques = ParentalManyToManyField(
        "resource_centre.Thematique", verbose_name=_("themes"), blank=True
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("run_by"),
        FieldPanel("audience"),
        FieldPanel("how_to_join"),
        FieldPanel("thematiques"),
        FieldPanel("image"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("audience"),
    ]
    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        seances = (
            Seance.objects.filter(event__live=True, event__reseau=self)
            .for_listing()
            .chronological()
        )
        today = timezone.localdate()
        context.update(
            _paginated(request, "a-venir", "upcoming", seances.upcoming(today)),
            **_paginated(request, "passees", "past", seances.past(today).reverse()),
        )
        return context


def _paginated(request, param, name, seances):
    """One page of a réseau's meetings, its own GET parameter keeping the other list's page."""
    from urllib.parse import urlencode

    from resource_centre.pagination import UncountedPage

    from .. import conf

    page = UncountedPage(seances, request.GET.get(param), conf.get("AGENDA_PER_PAGE"))
    others = {k: v for k, v in request.GET.items() if k in ("a-venir", "passees") and k != param}
    return {
        f"{name}_seances": page.object_list,
        f"{name}_page": page,
        f"{name}_query": urlencode(others) + "&" if others else "",
    }


class EventPage(RoutablePageMixin, SuitePage):
    """An event of any format (an atelier of six séances in six cities is one event)."""

    format = models.ForeignKey(
        "agenda.EventFormat",
        verbose_name=_("format"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="events",
    )
    reseau = models.ForeignKey(
        "agenda.ReseauPage",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("For a meeting of a network."),
    )
    chapo = models.TextField(_("standfirst"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    # The agenda's keyword box reads this normalised public text. Computed by save() from the
    # other fields (so publishing any revision recomputes it); not in revisions.
    search_text = models.TextField(editable=False, default="", serialize=False)
    thematiques = ParentalManyToManyField(
        "resource_centre.Thematique", verbose_name=_("themes"), blank=True
    )
    territoires = ParentalManyToManyField(
        "resource_centre.Territoire", verbose_name=_("territories"), blank=True
    )
    publics = ParentalManyToManyField(
        "resource_centre.PublicVise", verbose_name=_("target audiences"), blank=True
    )
    animateurs = models.TextField(_("facilitators"), blank=True, help_text=_("One per line."))
    intervenants = models.TextField(_("speakers"), blank=True, help_text=_("One per line."))
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    annuaire_people = StreamField(
        people_blocks(),
        verbose_name=_("facilitators and speakers from the directory"),
        blank=True,
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = _document(_("programme"))
    compte_rendu = _document(_("report"))
    publication = _document(_("publication"))
    is_free = models.BooleanField(_("free of charge"), default=True)
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Where to register, if anywhere.")
    )
    registration_info = models.TextField(_("registration details"), blank=True)
    # Registrations taken on the site.
    registration_enabled = models.BooleanField(_("take registrations on the site"), default=False)
    registration_opens_at = models.DateTimeField(_("registrations open on"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registrations close on"), null=True, blank=True
    )
    registration_confirmation = models.BooleanField(
        _("registrants confirm their address by e-mail"),
        default=True,
        help_text=_(
            "A registration takes its seat once the registrant opens the link e-mailed to them; "
            "meanwhile the seat is held for a while, but unconfirmed registrations never hold "
            "more than half the seats: nobody can fill the event with invented addresses."
        ),
    )
    registration_per_seance = models.BooleanField(
        _("one registration per séance"),
        default=False,
        help_text=_("Otherwise one registration covers every séance of the event."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats per séance or per event; leave empty for no limit."),
    )
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    ask_structure = models.BooleanField(_("ask for the organisation"), default=True)
    ask_fonction = models.BooleanField(_("ask for the job title"), default=True)
    ask_territoire = models.BooleanField(_("ask for the territory"), default=False)
    ask_needs = models.BooleanField(_("ask for dietary or accessibility needs"), default=True)
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        default=_(
            "I agree that the centre keeps these details to organise this event and to send "
            "me information about it. They are deleted one year after the event."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("format"),
        FieldPanel("reseau"),
        FieldPanel("chapo"),
        InlinePanel(
            "seances",
            heading=_("Séances"),
            label=_("séance"),
            add_label=_("Add a séance"),
            min_num=1,
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("thematiques"),
                FieldPanel("publics"),
                FieldPanel("territoires", widget=TerritoiresChooser),
            ],
            heading=_("Themes, audiences and territories"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("animateurs"),
                FieldPanel("intervenants"),
                AppFieldPanel("annuaire_people", app_label="annuaire"),
                FieldPanel("partners"),
            ],
            heading=_("People and partners"),
        ),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("programme"), FieldPanel("compte_rendu"), FieldPanel("publication")],
            heading=_("Documents"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("registration_url"),
                FieldPanel("registration_info"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("registration_per_seance"),
                FieldPanel("registration_confirmation"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                FieldPanel("ask_structure"),
                FieldPanel("ask_fonction"),
                FieldPanel("ask_territoire"),
                FieldPanel("ask_needs"),
                FieldPanel("consent_text"),
            ],
            heading=_("Registrations on the site"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("chapo"),
        index.SearchField("body"),
        index.SearchField("intervenants"),
        index.FilterField("format"),
    ]
    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def save(self, *args, **kwargs):
        from ..search import event_text

        # Written with the page's content (publishing), not by a draft's partial save.
        self.search_text = event_text(self)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..jsonld import event_jsonld

        context = super().get_context(request, *args, **kwargs)
        # Sorted here, not by the database: a preview's séances come from a revision.
        seances = sorted(
            self.seances.select_related("venue"),
            key=lambda s: (s.effective_date, s.start_time or datetime.time.min, s.pk or 0),
        )
        self.count_seats(seances)
        context["seances"] = seances
        context["people"] = chosen_people(self)
        context["jsonld"] = event_jsonld(self, seances, request)
        context["today"] = timezone.localdate()
        # What the registration block says first: the event is over, or all that was to come of
        # it is cancelled (rather than "registrations are closed" and the editor's instructions).
        to_come = [s for s in seances if not s.is_past]
        context["event_over"] = bool(seances) and not to_come
        context["event_cancelled"] = bool(to_come) and all(
            s.status == Seance.Status.CANCELLED for s in to_come
        )
        return context

    @path("seance/<id:seance_id>/ics/")
    def seance_ics(self, request, seance_id):
        from .. import views

        return views.seance_ics(self, request, seance_id)

    @path("inscription/")
    def register(self, request):
        from .. import registration_views

        return registration_views.register(self, request)

    @path("inscription/envoyee/", name="registration_done")
    def registration_done(self, request):
        from .. import registration_views

        return registration_views.done(self, request)

    @path("inscription/confirmation/")
    def confirm_registration(self, request):
        from .. import registration_views

        return registration_views.confirm(self, request)

    @path("inscription/annulation/")
    def cancel_registration(self, request):
        from .. import registration_views

        return registration_views.cancel(self, request)

    @path("evaluation/")
    def evaluate(self, request):
        from .. import evaluation_views

        return evaluation_views.answer(self, request)

    def count_seats(self, seances):
        """Set seats_taken on these séances of the event, in one query."""
        from .registrations import Registration

        counts = dict(
            Registration.objects.holding_seats()
            .filter(event_id=self.pk)
            .order_by()
            .values("seance")
            .annotate(n=Count("pk"))
            .values_list("seance", "n")
        )
        for seance in seances:
            seance.seats_taken = counts.get(seance.pk if self.registration_per_seance else None, 0)
        return seances

    def upcoming_seances(self, today=None):
        """The séances still to come and not cancelled, with the seats taken at each."""
        return (
            Seance.objects.filter(event_id=self.pk)
            .upcoming(today)
            .exclude(status=Seance.Status.CANCELLED)
            .select_related("event")
            .with_seats()
        )

    def clean(self):
        super().clean()
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"registration_closes_at": _("Registrations must close after they open.")}
            )

    def registration_state(self, now=None):
        """None (no registration on the site), "not_yet", "open", "waiting" (only the waiting
        list is left), "full" or "closed" (by its closing date, or once the last séance is past).
        """
        if not self.registration_enabled:
            return None
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "closed"
        seances = list(self.upcoming_seances(timezone.localdate(now)))
        if not seances:
            return "closed"
        if all(s.status == Seance.Status.FULL for s in seances):
            return "full"
        if self.capacity is None or any(not s.is_full for s in seances):
            return "open"
        return "waiting" if self.waiting_list else "full"

    def lines(self, field):
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]
