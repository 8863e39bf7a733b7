"""Animateurs and intervenants chosen from the annuaire, when that app is installed.

They live in a StreamField rather than a foreign key, so that the agenda neither depends on the
annuaire's migrations nor breaks without it: the person block is always declared (the model state
is the same with or without the annuaire), its panel shows only when the annuaire is installed,
and the free-text fields of the event serve otherwise.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def annuaire_installed():
    return apps.is_installed("annuaire")


def people_blocks():
    from resource_centre.blocks import SnippetChooserBlock

    class PersonBlock(blocks.StructBlock):
        person = SnippetChooserBlock("annuaire.Person", label=_("Person"))
        role = blocks.ChoiceBlock(
            choices=[("animateur", _("facilitator")), ("intervenant", _("speaker"))],
            default="intervenant",
            label=_("Role"),
        )

        class Meta:
            icon = "user"
            label = _("person from the directory")

    return [("person", PersonBlock())]


def chosen_people(event):
    """{"animateur": [(person, url)], "intervenant": [...]} of the people still in the annuaire."""
    people = {"animateur": [], "intervenant": []}
    if not annuaire_installed():
        return people
    from annuaire.models import AnnuaireIndexPage

    annuaire = AnnuaireIndexPage.objects.live().first()
    for block in event.annuaire_people or []:
        person = block.value.get("person")
        if person is not None:  # None when the person was removed from the annuaire (RGPD)
            url = annuaire.person_url(person) if annuaire else ""
            people[block.value.get("role") or "intervenant"].append((person, url))
    return people
