"""The porteur de projet taken from the annuaire, when that app is installed."""

import pytest
from django.urls import reverse

from fiches.models import FichePage
from tests.marks import with_apps, without_apps

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure(fiches_site):
    from annuaire.models import AnnuaireIndexPage, Structure, StructureType

    home = fiches_site.get_parent()
    annuaire = AnnuaireIndexPage(title="Annuaire des acteurs", slug="annuaire")
    home.add_child(instance=annuaire)
    annuaire.save_revision().publish()
    kind = StructureType.objects.create(name="Régie de quartier")
    return Structure.objects.create(name="Régie de quartier de Kervénanec", type=kind)


@with_apps("annuaire")
def test_a_structure_of_the_annuaire_is_the_porteur(client, make_fiche, structure):
    fiche = make_fiche(title="Chantier d'insertion", publish=False)
    fiche.porteur_structure = [("structure", structure)]
    fiche.full_clean()
    fiche.save_revision().publish()
    fiche = FichePage.objects.get(pk=fiche.pk)
    # Its name and type fill the fiche's own fields, which the list and exports read.
    assert fiche.porteur_name == "Régie de quartier de Kervénanec"
    assert fiche.porteur_type.name == "Régie de quartier"

    html = client.get(fiche.url).content.decode()
    link = f'href="/annuaire/structure/{structure.pk}/">Régie de quartier de Kervénanec</a>'
    assert link in html and "(Régie de quartier)" in html

    index = fiche.get_parent()
    listed = client.get(index.url, {"porteur_type": "regie-de-quartier"}).content.decode()
    assert "Chantier d&#x27;insertion" in listed or "Chantier d'insertion" in listed
    assert "1 fiche expérience" in listed


@with_apps("annuaire")
def test_the_editor_offers_the_structure_chooser(client, fiches_site, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["fiches", "fichepage", fiches_site.pk])
    html = client.get(url).content.decode()
    assert "Structure dans l’annuaire" in html


@without_apps("annuaire", "agenda")
def test_without_the_annuaire_and_the_agenda_the_editor_has_no_link_to_them(
    client, fiches_site, editor
):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["fiches", "fichepage", fiches_site.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "orteur de projet" in html
    assert "Structure dans l’annuaire" not in html
    assert "Événements liés dans l’agenda" not in html


def test_without_a_structure_the_name_and_type_typed_in_are_kept(client, make_fiche):
    fiche = make_fiche(title="Atelier vélo", porteur_name="Association Vélo Cité")
    fiche.full_clean()
    assert fiche.porteur_name == "Association Vélo Cité"
    assert "Association Vélo Cité" in client.get(fiche.url).content.decode()
