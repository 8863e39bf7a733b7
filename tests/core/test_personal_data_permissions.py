"""Personal data in the admin is given by its own permission, never by page editing.

An editor of Wagtail's "Editors" group edits every page; without the dedicated permissions they
see no registrant, no reader, no person's export and no porteur's contact.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from agenda.models import EventPage, Registration
from annuaire.models import Person
from fiches.models import FichePage
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def _grant(user, *perms):
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


@pytest.fixture
def editor(demo_site, django_user_model, client):
    user = django_user_model.objects.create_user("editrice", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def event(demo_site):
    event = EventPage.objects.live().first()
    Registration.objects.create(
        event=event,
        status=Registration.Status.CONFIRMED,
        name="Awa Diallo",
        email="awa.diallo@example.org",
        needs="Fauteuil roulant",
    )
    return event


def _urls(event):
    seance = event.seances.exclude(status="cancelled").first()
    return [
        f"/admin/agenda/evenement/{event.pk}/inscriptions/",
        f"/admin/agenda/evenement/{event.pk}/inscriptions.csv",
        f"/admin/agenda/evenement/{event.pk}/seance/{seance.pk}/presences/",
        "/admin/newsletter/subscriber/",
        "/admin/newsletter/abonnes/export/",
        f"/admin/annuaire/personne/{Person.objects.first().pk}/donnees/",
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, event):
    for url in _urls(event):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_an_editor_without_the_permissions_sees_no_personal_data(client, editor, event):
    assert event.permissions_for_user(editor).can_edit()  # page editing is not enough
    assert Subscriber.objects.exists()
    for url in _urls(event):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"awa.diallo@example.org" not in response.content
    # No "Registrations" button on the event, and no attendance change by a crafted POST.
    edit = client.get(f"/admin/pages/{event.pk}/edit/").text
    assert "/inscriptions/" not in edit
    registration = Registration.objects.get(email="awa.diallo@example.org")
    client.post(
        f"/admin/agenda/evenement/{event.pk}/inscriptions/",
        {"shown": [registration.pk], "present": [registration.pk]},
    )
    registration.refresh_from_db()
    assert registration.attended is None


def test_view_registration_reads_and_change_registration_marks_attendance(client, editor, event):
    url = f"/admin/agenda/evenement/{event.pk}/inscriptions/"
    _grant(editor, "agenda.view_registration")
    page = client.get(url)
    assert page.status_code == 200 and "Fauteuil roulant" in page.text
    assert "Enregistrer les présences" not in page.text
    assert client.get(url.rstrip("/") + ".csv").status_code == 200
    registration = Registration.objects.get(email="awa.diallo@example.org")
    data = {"shown": [registration.pk], "present": [registration.pk]}
    # A registration to the whole event is ticked on a séance's sheet.
    seance = event.seances.exclude(status="cancelled").first()
    sheet = f"/admin/agenda/evenement/{event.pk}/seance/{seance.pk}/presences/"
    assert client.get(sheet).status_code == 200
    for target in (url, sheet):
        assert client.post(target, data).status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.attended is None
    _grant(editor, "agenda.change_registration")
    editor = type(editor).objects.get(pk=editor.pk)  # permissions are cached on the user
    client.force_login(editor)
    assert client.post(sheet, data)["Location"] == url
    registration.refresh_from_db()
    assert registration.attended is True


def test_the_porteur_contact_is_hidden_and_kept_for_editors_without_the_permission(client, editor):
    fiche = FichePage.objects.live().first()
    fiche.contact_name, fiche.contact_email = "Awa Diallo", "awa.porteuse@example.org"
    fiche.save_revision().publish()
    email = fiche.contact_email
    edit_url = f"/admin/pages/{fiche.pk}/edit/"
    page = client.get(edit_url).text
    assert 'name="contact_email"' not in page and email not in page
    # The editor's form has no contact fields, so saving it leaves the contact as it was.
    form_class = FichePage.get_edit_handler().get_form_class()
    form = form_class(instance=fiche, for_user=editor)
    assert not {"contact_email", "contact_phone", "contact_name"} & set(form.fields)

    _grant(editor, "fiches.view_porteur_contact")
    editor = type(editor).objects.get(pk=editor.pk)
    client.force_login(editor)
    page = client.get(edit_url).text
    assert 'name="contact_email"' in page and email in page
