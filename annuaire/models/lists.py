"""The editable term lists of the annuaire: types of structure, métiers and réseaux."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from resource_centre.compat import PAGE_MODEL
from resource_centre.models.taxonomies import TaxonomyTerm
from resource_centre.panels import AppPageChooserPanel


class StructureType(TaxonomyTerm):
    """Collectivité, EPCI, association, service de l'État, bailleur social, centre social…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("type of structure")
        verbose_name_plural = _("types of structure")


class Metier(TaxonomyTerm):
    """Chef de projet politique de la ville, coordonnateur PRE, adulte relais, élu…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("job")
        verbose_name_plural = _("jobs")


class Reseau(TaxonomyTerm):
    """A standing network of professionals, that structures and people belong to.

    When the agenda is installed, a réseau can point at the agenda's page of that network (an FK
    to Page restricted in the chooser: no dependency on the agenda app)."""

    agenda_page = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("page of the network in the agenda"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        AppPageChooserPanel("agenda_page", page_type="agenda.ReseauPage", app_label="agenda"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("network")
        verbose_name_plural = _("networks")
