"""The porteur de projet as a structure of the annuaire, when that app is installed.

The link is a StreamField block rather than a foreign key, so that fiches never depend on the
annuaire's migrations. The block is always declared (the model state is the same with or without
the annuaire); its panel shows only when the annuaire is installed. When a structure is chosen,
its name and type are copied into the fiche's own porteur fields, which the filters, search and
exports read without extra queries.
"""

from django.apps import apps
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


def annuaire_installed():
    return apps.is_installed("annuaire")


def porteur_structure_blocks():
    from resource_centre.blocks import SnippetChooserBlock

    # The model is named, not imported: it is only resolved once an editor uses the chooser.
    return [("structure", SnippetChooserBlock("annuaire.Structure", label=_("Structure")))]


def chosen_structure(fiche):
    """The annuaire structure chosen as porteur, or None (also when it was deleted)."""
    if not annuaire_installed():
        return None
    for block in fiche.porteur_structure or []:
        if block.block_type == "structure" and block.value is not None:
            return block.value
    return None


def copy_structure(fiche, structure):
    """The structure's name and type become the fiche's porteur name and type."""
    from .snippets import PorteurType

    fiche.porteur_name = structure.name
    kind = structure.type
    if kind is not None:
        slug = slugify(kind.name)[:100]
        fiche.porteur_type = (
            PorteurType.objects.filter(slug=slug).first()
            or PorteurType.objects.filter(name__iexact=kind.name).first()
            or PorteurType.objects.create(name=kind.name)
        )


def structure_page_url(structure):
    """The structure's page in the first live annuaire, or ""."""
    from annuaire.models import AnnuaireIndexPage

    annuaire = AnnuaireIndexPage.objects.live().first()
    return annuaire.structure_url(structure) if annuaire else ""
