from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from resource_centre.blocks import BaseStreamBlock
from resource_centre.compat import in_menu
from resource_centre.models.pages import Page, SuitePage


class HomePage(SuitePage):
    """The demo's home page; a host site keeps its own."""

    offered_as_search_type = False

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = in_menu(self.get_children().live().public())
        # What is new on the site, from whichever feature apps are installed: one query each.
        if apps.is_installed("agenda"):
            from agenda.models import Seance

            context["next_seances"] = (
                Seance.objects.published_under(self)
                .upcoming()
                .for_listing()
                .order_by("day", "start_time", "pk")[:4]
            )
        if apps.is_installed("fiches"):
            from fiches.models import FichePage

            context["latest_fiches"] = (
                FichePage.objects.live()
                .public()
                .descendant_of(self)
                .order_by("-first_published_at")[:3]
            )
        if apps.is_installed("newsletter"):
            from newsletter.models import LettrePage

            context["latest_lettre"] = (
                LettrePage.objects.live()
                .public()
                .descendant_of(self)
                .order_by("-first_published_at")
                .first()
            )
        return context
