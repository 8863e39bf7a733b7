"""The web archive of a publication and the lettre page (also the web version of the e-mail)."""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from resource_centre.models.pages import Page, SuitePage
from resource_centre.pagination import get_page

from ..blocks import LettreStreamBlock


class NewsletterIndexPage(SuitePage):
    """The public archive of past lettres of one publication (or of all of them)."""

    offered_as_search_type = False

    intro = models.TextField(_("introduction"), blank=True)
    publication = models.ForeignKey(
        "newsletter.Publication",
        verbose_name=_("publication"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to list the lettres of every publication below this page."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("publication")]
    subpage_types = ["newsletter.LettrePage"]
    template = "newsletter/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lettres = (
            LettrePage.objects.live()
            .public()
            .child_of(self)
            .select_related("publication")
            .order_by("-date", "-number", "-pk")
        )
        if self.publication_id:
            lettres = lettres.filter(publication_id=self.publication_id)
        paginator = Paginator(lettres, 20)
        page_obj = get_page(paginator, request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            lettres=page_obj.object_list,
            page_obj=page_obj,
            querystring_without_page=query.urlencode(),
        )
        return context


class LettreCopyForm(CopyForm):
    """Copying a lettre makes the next one. The form offers no alias: an alias would be a second
    lettre with the same number in its publication."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)


class LettrePage(SuitePage):
    """One numbered, dated lettre of a publication, composed of lettre blocks."""

    publication = models.ForeignKey(
        "newsletter.Publication",
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        related_name="lettres",
    )
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    subject = models.CharField(
        _("e-mail subject"), max_length=200, blank=True, help_text=_("Defaults to the title.")
    )
    preheader = models.CharField(
        _("preview text"),
        max_length=200,
        blank=True,
        help_text=_("The line mail software shows after the subject."),
    )
    body = StreamField(LettreStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("publication"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    template = "newsletter/lettre_page.html"
    # A copy is the next lettre of the publication: it takes the next free number (see save()).
    exclude_fields_in_copy = ["number"]
    copy_form_class = LettreCopyForm

    class Meta:
        verbose_name = _("lettre")
        verbose_name_plural = _("lettres")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"], name="newsletter_lettre_number_unique"
            )
        ]

    def __str__(self):
        return self.title

    @classmethod
    def next_number(cls, publication_id):
        latest = cls.objects.filter(publication_id=publication_id).aggregate(n=models.Max("number"))
        return (latest["n"] or 0) + 1

    def save(self, *args, **kwargs):
        if self.number is None and self.publication_id:  # a copy (number excluded from copies)
            self.number = self.next_number(self.publication_id)
        return super().save(*args, **kwargs)

    @property
    def email_subject(self):
        return self.subject or self.title

    @property
    def date_display(self):
        return date_format(self.date, "F Y")

    # The editor previews the web page and the e-mail, at Wagtail's desktop and mobile widths.
    @property
    def preview_modes(self):
        return [("", _("Web page")), ("email", _("E-mail"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            from ..rendering import MjmlError, render_lettre

            try:
                rendered = render_lettre(self, preview=True)
            except MjmlError as error:
                return HttpResponse(str(error), content_type="text/plain; charset=utf-8")
            return HttpResponse(
                rendered.personalise_html(rendered.sample_values(self.publication.name))
            )
        return super().serve_preview(request, mode_name)
