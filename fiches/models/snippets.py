"""The editable list of kinds of porteur de projet (collectivité, association, EPCI…)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resource_centre.models.taxonomies import SlugFromName
from resource_centre.panels import name_and_slug_panels


class PorteurType(SlugFromName, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        pgettext_lazy("resource centre", "slug"), max_length=100, unique=True, blank=True
    )

    panels = name_and_slug_panels()

    class Meta:
        ordering = ["name"]
        verbose_name = _("type of project holder")
        verbose_name_plural = _("types of project holder")

    def __str__(self):
        return self.name
