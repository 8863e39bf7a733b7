"""Page types of the core: the base every suite page extends, and a general content page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from .. import conf
from ..blocks import BaseStreamBlock
from ..compat import get_page_model_for_subclassing

# Reusable apps subclass whatever base page model the host site uses (Wagtail 8's WAGTAIL_PAGE_MODEL);
# a custom base page app must then come before the suite in INSTALLED_APPS.
Page = get_page_model_for_subclassing()


class SuitePage(Page):
    """Base of every public page of the suite: renders inside the configured base layout."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = conf.get("BASE_TEMPLATE")
        return context


class ContentPage(SuitePage):
    """A general page (presentation of the centre, its team, its programme) built from shared blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
