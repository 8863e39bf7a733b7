"""The "Éditeurs" role: the centre's team runs every app without being superusers."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from agenda.models import EventPage
from fiches.models import FichePage
from resource_centre.models import ContentPage
from resource_centre.roles import EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, demo_site, django_user_model):
    user = django_user_model.objects.create_user("chargee", "chargee@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def test_the_demo_gives_the_team_its_role(client, editor):
    fiche = FichePage.objects.live().first()
    event = EventPage.objects.live().first()
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])).status_code == 200
    registrations = reverse("agenda_admin:registrations", args=[event.pk])
    assert client.get(registrations).status_code == 200
    assert editor.has_perm("wagtailadmin.access_admin")
    assert fiche.permissions_for_user(editor).can_publish()


def test_the_role_gives_no_access_to_accounts_or_personal_data_requests(client, editor):
    for url in ["/admin/users/", reverse("resource_centre_admin:personal_data")]:
        assert client.get(url).status_code in (302, 403), url


def test_setup_creates_the_role_and_running_it_again_adds_nothing(demo_site):
    Group.objects.filter(name=EDITORS).delete()
    call_command("setup_resource_centre", stdout=open("/dev/null", "w"))
    group = Group.objects.get(name=EDITORS)
    counts = (group.permissions.count(), group.page_permissions.count())
    assert counts[0] > 20 and counts[1] > 0
    call_command("setup_resource_centre", stdout=open("/dev/null", "w"))
    group.refresh_from_db()
    assert (group.permissions.count(), group.page_permissions.count()) == counts


def test_wagtail_s_default_workflow_reads_in_french(client, editor):
    from wagtail.models import Task, Workflow

    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Task.objects.filter(name="Relecture des modérateurs").exists()
    page = ContentPage.objects.live().first()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Moderators approval" not in html
    assert "Relecture des modérateurs" in html


def test_a_workflow_the_site_named_is_left_alone(demo_site):
    from wagtail.models import Workflow

    Workflow.objects.create(name="Moderators approval ")
    Workflow.objects.create(name="Validation du directeur")
    call_command("setup_resource_centre", stdout=open("/dev/null", "w"))
    assert Workflow.objects.filter(name="Validation du directeur").exists()
    assert Workflow.objects.filter(name="Moderators approval ").exists()
