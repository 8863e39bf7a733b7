"""The editable term lists of the annuaire: types of structure, métiers and réseaux."""

from django.utils.translation import gettext_lazy as _

from resource_centre.models.taxonomies import TaxonomyTerm


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
    """A standing network of professionals, that structures and people belong to."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("network")
        verbose_name_plural = _("networks")
