"""A person's rights across the suite: staff find, export and erase everything held on one
address; afterwards no table of the database holds the address or the name."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.utils import timezone
from wagtail.log_actions import log

from agenda.models import Attendance, EventPage, Registration
from annuaire.models import ChangeRequest, Person
from fiches.models import FichePage
from newsletter.models import Publication, Subscriber
from resource_centre.mail import queue_email

pytestmark = pytest.mark.django_db

EMAIL = "maelys.quintard@example.org"
NAME = "Maëlys Quintard"
URL = "/admin/resource-centre/donnees-personnelles/"


def _everywhere(demo_site, settings):
    """The person as the suite meets her: a reader, a registrant, a directory entry with a
    proposal and admin history, a porteur's contact in two revisions, e-mails still waiting."""
    subscriber = Subscriber.objects.create(email=EMAIL, name=NAME, status="active")
    subscriber.subscriptions.create(publication=Publication.objects.first())
    log(subscriber, "wagtail.edit")
    event = EventPage.objects.live().first()
    Registration.objects.create(
        event=event, name=NAME, email=EMAIL, status="confirmed", needs="Fauteuil roulant"
    )
    person = Person.objects.create(first_name="Maëlys", last_name="Quintard", email=EMAIL)
    log(person, "wagtail.edit")
    ChangeRequest.objects.create(person=person, proposed={"email": EMAIL, "phone": "0798765432"})
    fiche = FichePage.objects.live().first()
    fiche.contact_name, fiche.contact_email = NAME, EMAIL
    fiche.save_revision().publish()
    fiche.contact_phone = "07 98 76 54 32"
    fiche.save_revision()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queue_email(f"Bonjour {NAME}", f"Bonjour {NAME}", [EMAIL])
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(  # a record from before tasks carried ids
        task_path="resource_centre.mail.send_email",
        args_kwargs={"args": ["Objet", f"Bonjour {NAME}", [EMAIL]], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )


def _rows_naming(*needles):
    """Every row of every table whose text holds one of `needles` (case-insensitive)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row).lower()
                found += [(table, n) for n in needles if n.lower() in text]
    return found


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("dpo", password="x" * 12)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_personal_data"),
    )
    client.force_login(user)
    return user


def test_staff_find_export_and_erase_everything_held_on_a_person(
    demo_site, settings, client, staff
):
    _everywhere(demo_site, settings)
    registration = Registration.objects.filter(email=EMAIL).first()
    seance = registration.event.seances.first()
    Attendance.objects.create(registration=registration, seance=seance, present=True)
    assert {table for table, _ in _rows_naming(EMAIL)} >= {
        "newsletter_subscriber",
        "agenda_registration",
        "annuaire_person",
        "annuaire_changerequest",
        "fiches_fichepage",
        "wagtailcore_revision",
        "resource_centre_outgoingemail",
        "django_tasks_database_dbtaskresult",
    }

    page = client.post(URL, {"email": EMAIL.upper()})
    assert page.status_code == 200
    for section in (
        "Lettre d’information",
        "Inscriptions aux événements",
        "Annuaire",
        "Fiches expériences",
        "E-mails en attente d’envoi",
    ):
        assert section in page.text, section

    export = client.post(URL + "export/", {"email": EMAIL})
    document = json.loads(export.content)
    assert export["Content-Disposition"].startswith("attachment")
    dumped = json.dumps(document, ensure_ascii=False)
    assert "Fauteuil roulant" in dumped and "0798765432" in dumped and NAME in dumped
    start = seance.start_time or ""
    attendance = f'"seance": "{seance.effective_date}", "start_time": "{start}"'
    assert attendance in dumped and '"present": true' in dumped

    # A mistyped confirmation erases nothing.
    refused = client.post(URL + "effacer/", {"email": EMAIL, "confirm": "autre@example.org"})
    assert refused.status_code == 400 and Subscriber.objects.filter(email=EMAIL).exists()

    done = client.post(URL + "effacer/", {"email": EMAIL, "confirm": EMAIL}, follow=True)
    assert "a été effacé" in done.text
    left = _rows_naming(EMAIL, NAME, "0798765432", "07 98 76 54 32")
    assert left == [], left
    assert not Attendance.objects.exists()
    assert "Rien" in client.post(URL, {"email": EMAIL}).text


@pytest.mark.parametrize("garbage", ["", "pas-une-adresse", "a" * 300 + "@x.fr", "\x00@x.fr"])
def test_garbage_addresses_get_a_french_message(demo_site, client, staff, garbage):
    page = client.post(URL, {"email": garbage})
    assert page.status_code == 400
    assert (
        "Saisissez une adresse e-mail valide" in page.text
        or "Champ requis" in page.text
        or ("au plus 254 caractères" in page.text)
    )
    response = client.post(URL + "effacer/", {"email": garbage, "confirm": garbage})
    assert response.status_code == 400


def test_the_screen_needs_its_own_permission(demo_site, client, django_user_model):
    assert client.get(URL).status_code == 302  # anonymous: to the login
    editor = django_user_model.objects.create_user("editrice", password="x" * 12)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for response in (
        client.post(URL, {"email": EMAIL}),
        client.post(URL + "export/", {"email": EMAIL}),
        client.post(URL + "effacer/", {"email": EMAIL, "confirm": EMAIL}),
    ):
        assert response.status_code in (302, 403)


def test_an_address_the_public_forms_now_refuse_is_still_found_and_erased(demo_site, client, staff):
    """Recorded before the public forms refused addresses only the server reaches (or typed in
    the admin): the person's rights hold all the same."""
    event = EventPage.objects.live().first()
    Registration.objects.create(
        event=event, name="Local", email="root@localhost", status="confirmed"
    )
    found = client.post(URL, {"email": "root@localhost"})
    assert found.status_code == 200 and event.title in found.text
    done = client.post(URL + "effacer/", {"email": "root@localhost", "confirm": "root@localhost"})
    assert done.status_code == 302
    assert not Registration.objects.filter(email="root@localhost").exists()
