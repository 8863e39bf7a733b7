"""The demo fiches drawn from the seeds, and the admin of the porteur types."""

import pytest
from django.urls import reverse

from fiches.models import FichePage, PorteurType

pytestmark = pytest.mark.django_db


def test_demo_fiches_come_from_the_seeds_and_load_twice_without_duplicates(client, fiches_site):
    from demo.content import fiches

    fiches.load()
    assert FichePage.objects.live().count() == 4
    lorient = FichePage.objects.get(slug="formation-acteurs-habitants-lorient")
    assert {t.code for t in lorient.territoires.all()} >= {"56121"}
    strasbourg = FichePage.objects.get(slug="reseaux-pluridisciplinaires-strasbourg")
    assert "67482" in {t.code for t in strasbourg.territoires.all()}
    mediation = FichePage.objects.get(slug="couts-evites-mediation-sociale")
    assert "LaFédé" in mediation.porteur_name
    assert {t.name for t in mediation.thematiques.all()} >= {"Médiation sociale"}
    irev = FichePage.objects.get(slug="diagnostic-partage-de-territoire")
    assert irev.porteur_url == "https://www.diagnostic-territoire.org"
    response = client.get("/")
    assert 'href="/fiches-experiences/"' in response.content.decode()  # in the menu
    # The fiches go through the porteur's validation, then the moderators'.
    from wagtail.models import Workflow

    workflow = fiches_site.get_workflow()
    assert workflow.name == "Validation des fiches expériences"
    assert [t.specific.__class__.__name__ for t in workflow.tasks] == [
        "PorteurValidationTask",
        "GroupApprovalTask",
    ]
    assert [g.name for g in workflow.tasks[1].specific.groups.all()] == ["Moderators"]
    assert Workflow.objects.filter(name=workflow.name).count() == 1
    assert client.get(fiches_site.url).status_code == 200


def test_the_site_search_finds_fiches(client, fiches_site):
    response = client.get(reverse("resource_centre:search"), {"q": "Médios"})
    assert "Mesurer les coûts évités par la médiation sociale" in response.content.decode()


def test_editors_manage_the_list_of_porteur_types(client, fiches_site, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_fiches_porteurtype:add")
    response = client.post(url, {"name": "Mission locale"})
    assert response.status_code == 302
    assert PorteurType.objects.get(name="Mission locale").slug == "mission-locale"
    listing = client.get(reverse("wagtailsnippets_fiches_porteurtype:list")).content.decode()
    assert "Mission locale" in listing and "Centre social" in listing
    # The editor's form of a fiche offers them (a snippet chooser).
    form = client.get(
        reverse("wagtailadmin_pages:add", args=["fiches", "fichepage", fiches_site.pk])
    ).content.decode()
    assert 'name="porteur_type"' in form
    assert "porteur accepte la publication du contact" in form.lower()
