"""The fiches index and the fiche expérience page."""

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from resource_centre.blocks import BaseStreamBlock
from resource_centre.compat import PAGE_MODEL
from resource_centre.fields import PhoneField
from resource_centre.models.pages import Page, SuitePage
from resource_centre.panels import AppFieldPanel, AppInlinePanel, InlinePanel
from resource_centre.territoire_chooser import TerritoiresChooser

from ..panels import PorteurAnswerPanel
from .porteur import (
    chosen_structure,
    copy_structure,
    porteur_structure_blocks,
    structure_page_url,
)


def agenda_installed():
    return apps.is_installed("agenda")


RICH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

# The narrative sections of a fiche, in reading order: (field name, heading).
SECTIONS = [
    ("contexte", _("Context")),
    ("objectifs", _("Objectives")),
    ("deroulement", _("What was done")),
    ("resultats", _("Results and evaluation")),
    ("points_forts", _("Strengths")),
    ("difficultes", _("Difficulties")),
    ("conseils", _("Advice for those who want to reproduce it")),
]


class FicheIndexPage(RoutablePageMixin, SuitePage):
    offered_as_search_type = False

    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["fiches.FichePage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("experience sheets index")
        verbose_name_plural = _("experience sheets indexes")

    def fiches(self):
        """The published fiches of this index."""
        return FichePage.objects.live().public().child_of(self)

    @path("")
    def index_view(self, request):
        from ..views.index import fiche_index

        return fiche_index(request, self)

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        from ..views.exports import export_csv

        return export_csv(request, self)

    @path("export/json/", name="export_json")
    def export_json(self, request):
        from ..views.exports import export_json

        return export_json(request, self)

    @path("export/xlsx/", name="export_xlsx")
    def export_xlsx(self, request):
        from ..views.exports import export

        return export(request, self, "xlsx")

    @path("rss/", name="feed_rss")
    def feed_rss(self, request):
        from ..feeds import FichesRssFeed

        return FichesRssFeed(self)(request)

    @path("atom/", name="feed_atom")
    def feed_atom(self, request):
        from ..feeds import FichesAtomFeed

        return FichesAtomFeed(self)(request)


CONTACT_PERMISSION = "fiches.view_porteur_contact"


def _contact_panel(name):
    return FieldPanel(name, permission=CONTACT_PERMISSION)


class FichePage(SuitePage):
    chapo = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences shown in the lists.")
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    porteur_structure = StreamField(
        porteur_structure_blocks(),
        verbose_name=_("structure in the directory"),
        blank=True,
        max_num=1,
        help_text=_(
            "Choose the structure in the directory: its name and type fill the fields below."
        ),
    )
    porteur_name = models.CharField(_("project holder"), max_length=255, blank=True)
    porteur_type = models.ForeignKey(
        "fiches.PorteurType",
        verbose_name=_("type of project holder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fiches",
    )
    porteur_url = models.URLField(_("project holder's website"), blank=True)

    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_function = models.CharField(_("position"), max_length=150, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("The validation link is sent to this address."),
    )
    contact_phone = PhoneField(_("contact phone"), blank=True)
    contact_consent = models.BooleanField(
        _("the project holder agrees to publish the contact"),
        default=False,
        help_text=_("Without this agreement the contact is never shown nor exported."),
    )
    contact_consent_date = models.DateField(_("date of the agreement"), null=True, blank=True)
    contact_consent_source = models.CharField(
        _("how the agreement was given"),
        max_length=255,
        blank=True,
        help_text=_("E.g. e-mail of 12 March, signed form, validation link."),
    )

    territoires = ParentalManyToManyField(
        "resource_centre.Territoire",
        verbose_name=_("territories"),
        blank=True,
        related_name="fiches",
    )
    thematiques = ParentalManyToManyField(
        "resource_centre.Thematique", verbose_name=_("themes"), blank=True, related_name="fiches"
    )
    publics = ParentalManyToManyField(
        "resource_centre.PublicVise",
        verbose_name=_("target audiences"),
        blank=True,
        related_name="fiches",
    )

    # Indexed: the index offers the years from the earliest start on every request.
    start_date = models.DateField(_("start"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    ongoing = models.BooleanField(_("ongoing"), default=False)

    contexte = RichTextField(_("context"), blank=True, features=RICH_FEATURES)
    objectifs = RichTextField(_("objectives"), blank=True, features=RICH_FEATURES)
    deroulement = RichTextField(_("what was done"), blank=True, features=RICH_FEATURES)
    budget = models.CharField(_("budget"), max_length=255, blank=True)
    financeurs = models.TextField(_("funders"), blank=True)
    partenaires = models.TextField(_("partners"), blank=True)
    resultats = RichTextField(_("results and evaluation"), blank=True, features=RICH_FEATURES)
    points_forts = RichTextField(_("strengths"), blank=True, features=RICH_FEATURES)
    difficultes = RichTextField(_("difficulties"), blank=True, features=RICH_FEATURES)
    conseils = RichTextField(
        _("advice for those who want to reproduce it"), blank=True, features=RICH_FEATURES
    )
    documents = StreamField(
        BaseStreamBlock(),
        verbose_name=_("documents, images and links"),
        blank=True,
    )
    # What the index's keyword box searches (fiches/search.py), kept by save().
    search_text = models.TextField(editable=False, default="", serialize=False)

    # What the porteur answered, first: the editor reads it before changing the fiche.
    content_panels = (
        [PorteurAnswerPanel()]
        + Page.content_panels
        + [
            FieldPanel("chapo"),
            FieldPanel("image"),
            MultiFieldPanel(
                [
                    AppFieldPanel("porteur_structure", app_label="annuaire"),
                    FieldRowPanel([FieldPanel("porteur_name"), FieldPanel("porteur_type")]),
                    FieldPanel("porteur_url"),
                ],
                heading=_("Project holder"),
            ),
            # The porteur's contact is personal data: only editors given this permission see it,
            # and the form leaves it out (and unchanged) for the others.
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [_contact_panel("contact_name"), _contact_panel("contact_function")]
                    ),
                    FieldRowPanel(
                        [_contact_panel("contact_email"), _contact_panel("contact_phone")]
                    ),
                    _contact_panel("contact_consent"),
                    FieldRowPanel(
                        [
                            _contact_panel("contact_consent_date"),
                            _contact_panel("contact_consent_source"),
                        ]
                    ),
                ],
                heading=_("Contact"),
                permission=CONTACT_PERMISSION,
            ),
            MultiFieldPanel(
                [
                    FieldPanel("territoires", widget=TerritoiresChooser),
                    FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("publics", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Territories, themes and audiences"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldPanel("ongoing"),
                ],
                heading=_("Dates"),
            ),
            FieldPanel("contexte"),
            FieldPanel("objectifs"),
            FieldPanel("deroulement"),
            MultiFieldPanel(
                [FieldPanel("budget"), FieldPanel("financeurs"), FieldPanel("partenaires")],
                heading=_("Means"),
            ),
            FieldPanel("resultats"),
            FieldPanel("points_forts"),
            FieldPanel("difficultes"),
            FieldPanel("conseils"),
            FieldPanel("documents"),
            AppInlinePanel(
                "related_events",
                heading=_("Related events in the agenda"),
                label=_("event"),
                add_label=_("Add an event"),
                app_label="agenda",
            ),
            InlinePanel(
                "related_fiches",
                heading=_("Related experience sheets"),
                label=_("sheet"),
                add_label=_("Add a sheet"),
            ),
        ]
    )

    parent_page_types = ["fiches.FicheIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("chapo", boost=1.5),
        index.SearchField("porteur_name", boost=1.5),
        index.SearchField("contexte"),
        index.SearchField("objectifs"),
        index.SearchField("deroulement"),
        index.SearchField("budget"),
        index.SearchField("financeurs"),
        index.SearchField("partenaires"),
        index.SearchField("resultats"),
        index.SearchField("points_forts"),
        index.SearchField("difficultes"),
        index.SearchField("conseils"),
        index.SearchField("documents"),
        index.RelatedFields("porteur_type", [index.SearchField("name")]),
        index.RelatedFields("thematiques", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
        index.RelatedFields(
            "territoires", [index.SearchField("name"), index.SearchField("alternative_names")]
        ),
        index.FilterField("start_date"),
    ]

    class Meta:
        verbose_name = _("experience sheet")
        verbose_name_plural = _("experience sheets")
        permissions = [("view_porteur_contact", _("Can see and edit the project holder's contact"))]

    def save(self, *args, **kwargs):
        from ..search import fiche_text

        # Written with the page's content (publishing), not by a draft's partial save.
        self.search_text = fiche_text(self)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        structure = chosen_structure(self)
        if structure is not None:
            copy_structure(self, structure)
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot come before the start.")
        if self.ongoing and self.end_date:
            errors["ongoing"] = _(
                "An ongoing action has no end date: remove the end date or untick “ongoing”."
            )
        if errors:
            raise ValidationError(errors)
        if self.contact_consent and not self.contact_consent_date:
            self.contact_consent_date = timezone.localdate()  # the agreement is dated

    def sections(self):
        """[(heading, rich text)] of the narrative sections that are filled in."""
        return [(heading, getattr(self, name)) for name, heading in SECTIONS if getattr(self, name)]

    def story_sections(self):
        """Context, objectives and actions: what comes before the means."""
        return [s for s in self.sections() if s[0] in {h for _n, h in SECTIONS[:3]}]

    def outcome_sections(self):
        return [s for s in self.sections() if s[0] in {h for _n, h in SECTIONS[3:]}]

    def validated_on(self):
        """When the porteur validated the live content, or None (cached; exports prefill it)."""
        if not hasattr(self, "_validated_on"):
            from .validations import validation_dates

            self._validated_on = validation_dates([self]).get(self.pk)
        return self._validated_on

    def live_related_events(self):
        """The published events linked to this fiche, in one query."""
        if not agenda_installed():
            return []
        links = self.related_events.filter(event__live=True).select_related("event")
        return [link.event for link in links]

    @property
    def show_contact(self):
        return self.contact_consent and bool(
            self.contact_name or self.contact_email or self.contact_phone
        )

    def get_context(self, request, *args, **kwargs):
        from ..jsonld import fiche_jsonld

        context = super().get_context(request, *args, **kwargs)
        context["jsonld"] = fiche_jsonld(self, request)
        # A preview shows unpublished content, which the porteur may not have seen.
        context["validated_on"] = (
            None if getattr(request, "is_preview", False) else self.validated_on()
        )
        structure = chosen_structure(self)
        context["porteur_structure"] = structure
        context["porteur_structure_url"] = structure_page_url(structure) if structure else ""
        context["related"] = [
            link.fiche for link in self.related_fiches.select_related("fiche") if link.fiche.live
        ]
        context["related_events"] = self.live_related_events()
        return context


class FicheRelatedFiche(Orderable):
    page = ParentalKey(FichePage, related_name="related_fiches", on_delete=models.CASCADE)
    fiche = models.ForeignKey(
        FichePage,
        verbose_name=_("experience sheet"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("fiche", page_type="fiches.FichePage")]


class FicheRelatedEvent(Orderable):
    """An event of the agenda linked to a fiche (an FK to Page: no dependency on agenda)."""

    page = ParentalKey(FichePage, related_name="related_events", on_delete=models.CASCADE)
    event = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("event", page_type="agenda.EventPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related event")
        verbose_name_plural = _("related events")
