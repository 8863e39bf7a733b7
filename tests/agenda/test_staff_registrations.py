"""The centre's team runs registrations from the admin, as a member of the "Éditeurs" role:
adds someone by phone, cancels, gives a seat to someone waiting, writes to the registrants; a
raised capacity and a freed seat go to the waiting list in order; a séance cancelled or postponed
in the editor, and the reminder before it, reach the registrants over real SMTP."""

import datetime
from html import unescape

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.models import EventPage, Registration, Seance
from resource_centre.dates import french_date
from resource_centre.roles import EDITORS, ensure_editors_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client, events, django_user_model):
    ensure_editors_group()
    user = django_user_model.objects.create_user("chargee", "chargee@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


@pytest.fixture
def petit_dej(events):
    event = events["petit_dej"]
    event.registration_enabled = True
    event.registration_confirmation = False
    event.capacity = 2
    event.waiting_list = True
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def _register(event, name, status):
    return Registration.objects.create(
        event=event, name=name, email=f"{name.lower()}@example.org", status=status
    )


def _url(name, event, *args):
    return reverse(f"agenda_admin:{name}", args=[event.pk, *args])


def _subjects(smtp_server):
    return [(to, message["Subject"].strip()) for to, message in smtp_server.messages]


def test_the_team_reaches_events_and_registrations_from_the_agenda_menu(client, team, petit_dej):
    _register(petit_dej, "Awa", "confirmed")
    menu = client.get("/admin/").content.decode()
    assert reverse("agenda_admin:events") in menu
    page = client.get(reverse("agenda_admin:events")).content.decode()
    assert "Événements et inscriptions" in page
    assert "Petit-déjeuner sur la monoparentalité précaire" in page
    assert _url("registrations", petit_dej) in page
    # The event's editor links to its registrants.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[petit_dej.pk])).content.decode()
    assert _url("registrations", petit_dej) in editor


def test_a_registration_taken_by_phone_is_confirmed_and_told(client, team, petit_dej, smtp_server):
    form = client.get(_url("registration_add", petit_dej)).content.decode()
    assert "Ajouter une inscription" in form
    response = client.post(
        _url("registration_add", petit_dej),
        {"name": "Yasmina Haddad", "email": "yasmina@example.org", "agreed": "on", "notify": "on"},
        follow=True,
    )
    assert "Inscription enregistrée pour Yasmina Haddad (confirmée)." in response.content.decode()
    registration = Registration.objects.get(email="yasmina@example.org")
    assert registration.status == "confirmed"
    assert "chargee" in registration.consent_text
    assert _subjects(smtp_server) == [
        (["yasmina@example.org"], f"Inscription confirmée : {petit_dej.title}")
    ]


def test_an_address_already_registered_is_not_added_twice(client, team, petit_dej, smtp_server):
    """Bob calls, already registered online: a second row would send him every notice twice."""
    _register(petit_dej, "Bob", "confirmed")
    response = client.post(
        _url("registration_add", petit_dej),
        {"name": "Bob Martin", "email": " BOB@example.org", "agreed": "on", "notify": "on"},
    )
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Bob est déjà inscrit(e) avec cette adresse e-mail (confirmée)." in html
    assert 'value="Bob Martin"' in html  # what was typed stays
    assert Registration.objects.filter(event=petit_dej).count() == 1
    assert smtp_server.messages == []
    # Once cancelled, the address may register again.
    Registration.objects.filter(event=petit_dej).update(status="cancelled")
    client.post(
        _url("registration_add", petit_dej),
        {"name": "Bob Martin", "email": "bob@example.org", "agreed": "on"},
    )
    assert Registration.objects.filter(event=petit_dej, status="confirmed").count() == 1


def test_the_phone_form_refuses_garbage_in_french(client, team, petit_dej):
    response = client.post(
        _url("registration_add", petit_dej), {"name": "x\x00y", "email": "pas-une-adresse"}
    )
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr." in html
    assert "Enregistrez l’inscription seulement une fois que la personne a accepté" in html
    assert not Registration.objects.filter(event=petit_dej).exists()


def test_cancelling_gives_the_seat_to_the_first_person_waiting(
    client, team, petit_dej, smtp_server
):
    first = _register(petit_dej, "Awa", "confirmed")
    _register(petit_dej, "Bruno", "confirmed")
    waiting = _register(petit_dej, "Chloe", "waiting")
    _register(petit_dej, "Dylan", "waiting")
    page = client.get(_url("registrations", petit_dej)).content.decode()
    assert 'Annuler<span class="w-sr-only"> l’inscription (Awa' in page
    response = client.post(_url("registration_action", petit_dej, first.pk, "annuler"), follow=True)
    assert "Chloe, qui attendait, prend la place." in response.content.decode()
    # No « de » before the name, which French would elide before a vowel (« d’Awa »).
    assert "Inscription annulée pour Awa." in response.content.decode()
    # Each count agrees with its number (« 1 annulée », not « 1 annulées »).
    assert "2 confirmées, 1 en liste d’attente, 1 annulée." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert sorted(_subjects(smtp_server)) == [
        (["awa@example.org"], f"Inscription annulée : {petit_dej.title}"),
        (["chloe@example.org"], f"Une place vous attend : {petit_dej.title}"),
    ]


def test_the_team_gives_a_seat_to_someone_waiting(client, team, petit_dej, smtp_server):
    _register(petit_dej, "Awa", "confirmed")
    _register(petit_dej, "Bruno", "confirmed")
    _register(petit_dej, "Chloe", "waiting")
    dylan = _register(petit_dej, "Dylan", "waiting")
    waiting_since = dylan.updated_at
    client.post(_url("registration_action", petit_dej, dylan.pk, "confirmer"))
    dylan.refresh_from_db()
    assert dylan.status == "confirmed"
    assert dylan.updated_at > waiting_since  # the séance's calendar entry follows (agenda/ical.py)
    assert _subjects(smtp_server) == [
        (["dylan@example.org"], f"Une place vous attend : {petit_dej.title}")
    ]
    # Twice: nothing more happens, and garbage is refused without a 500.
    response = client.post(
        _url("registration_action", petit_dej, dylan.pk, "confirmer"), follow=True
    )
    assert "n’était plus sur la liste d’attente" in unescape(response.content.decode())
    for action in ["supprimer", "x" * 300]:
        response = client.post(
            _url("registration_action", petit_dej, dylan.pk, action), follow=True
        )
        assert "Action inconnue." in response.content.decode()
    assert (
        client.get(
            f"/admin/agenda/evenement/{petit_dej.pk}/inscriptions/{2**70}/annuler/"
        ).status_code
        == 404
    )
    assert (
        client.get(_url("registration_action", petit_dej, dylan.pk, "annuler")).status_code == 405
    )
    assert len(smtp_server.messages) == 1


def test_raising_the_capacity_promotes_the_waiting_list_in_order(petit_dej, smtp_server):
    for name in ["Awa", "Bruno"]:
        _register(petit_dej, name, "confirmed")
    for name in ["Chloe", "Dylan", "Emma"]:
        _register(petit_dej, name, "waiting")
    petit_dej.capacity = 4
    petit_dej.save_revision().publish()
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {
        "Awa": "confirmed",
        "Bruno": "confirmed",
        "Chloe": "confirmed",
        "Dylan": "confirmed",
        "Emma": "waiting",
    }
    assert sorted(_subjects(smtp_server)) == [
        (["chloe@example.org"], f"Une place vous attend : {petit_dej.title}"),
        (["dylan@example.org"], f"Une place vous attend : {petit_dej.title}"),
    ]


def _seance_changed(event, **changes):
    seance = event.seances.get()
    revision_page = event.get_latest_revision_as_object()
    for child in revision_page.seances.all():
        if child.pk == seance.pk:
            for name, value in changes.items():
                setattr(child, name, value)
    revision_page.save_revision().publish()


def test_cancelling_or_postponing_a_seance_emails_its_registrants_with_the_calendar(
    petit_dej, today, smtp_server
):
    _register(petit_dej, "Awa", "confirmed")
    _register(petit_dej, "Claire", "confirmed")
    _register(petit_dej, "Bruno", "waiting")
    _register(petit_dej, "Pending", "pending")
    _register(petit_dej, "Gone", "cancelled")
    # Publishing again without a change tells nobody.
    petit_dej.save_revision().publish()
    assert smtp_server.messages == []

    new_day = today + datetime.timedelta(days=12)
    # Named by the day its registrants know it by, then by its new one.
    known = f"Séance du {french_date(petit_dej.seances.get().day, 'j F')}"
    moved = f"Séance du {french_date(new_day, 'j F')}"
    with CaptureQueriesContext(connection) as queries:
        _seance_changed(petit_dej, status=Seance.Status.POSTPONED, new_date=new_day)
    # The séance's seats, for the calendar of the three e-mails, are read once, not per e-mail.
    seat_reads = [q for q in queries if 'MAX(U0."updated_at")' in q["sql"]]
    assert len(seat_reads) == 1
    assert sorted(_subjects(smtp_server)) == [
        (["awa@example.org"], f"{known} modifiée : {petit_dej.title}"),
        (["bruno@example.org"], f"{known} modifiée : {petit_dej.title}"),
        (["claire@example.org"], f"{known} modifiée : {petit_dej.title}"),
    ]
    message = smtp_server.messages[0][1]
    assert f"{new_day.day}" in message.get_body(("plain",)).get_content()
    texts = {to[0]: m.get_body(("plain",)).get_content() for to, m in smtp_server.messages}
    # Those waiting hold no seat: they are told they still wait, and how to stop waiting.
    waiting = " ".join(texts["bruno@example.org"].split())
    assert "Vous êtes toujours sur sa liste d’attente" in waiting
    assert "quittez la liste d’attente" in waiting and "tient toujours" not in waiting
    confirmed = " ".join(texts["awa@example.org"].split())
    assert "Votre inscription tient toujours" in confirmed and "liste d’attente" not in confirmed
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    vevent = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert vevent.decoded("dtstart").date() == new_day
    # Its two seats are taken: the entry says so, as the agenda's feed does under the same UID.
    (in_feed,) = [
        v
        for v in icalendar.Calendar.from_ical(Client().get("/agenda/ical/").content).walk("VEVENT")
        if v["UID"] == vevent["UID"]
    ]
    for entry in (vevent, in_feed):
        assert "Complet." in str(entry["DESCRIPTION"]) and "Date reportée" in str(
            entry["DESCRIPTION"]
        )
    assert vevent["SEQUENCE"] == in_feed["SEQUENCE"]

    _seance_changed(petit_dej, status=Seance.Status.CANCELLED, new_date=None)
    subjects = _subjects(smtp_server)[3:]
    assert sorted(subjects) == [
        (["awa@example.org"], f"{moved} annulée : {petit_dej.title}"),
        (["bruno@example.org"], f"{moved} annulée : {petit_dej.title}"),
        (["claire@example.org"], f"{moved} annulée : {petit_dej.title}"),
    ]
    cancelled = list(smtp_server.messages[-1][1].iter_attachments())[0]
    assert "STATUS:CANCELLED" in cancelled.get_content()
    # Publishing an older draft again does not tell them twice.
    petit_dej.refresh_from_db()
    petit_dej.save_revision().publish()
    assert len(smtp_server.messages) == 6


def test_reminders_go_once_to_confirmed_registrants(petit_dej, today, smtp_server, settings):
    settings.RESOURCE_CENTRE = {
        **getattr(settings, "RESOURCE_CENTRE", {}),
        "AGENDA_REMINDER_DAYS": 5,
    }
    _register(petit_dej, "Awa", "confirmed")
    _register(petit_dej, "Bruno", "waiting")
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    assert _subjects(smtp_server) == [(["awa@example.org"], f"Rappel : {petit_dej.title}")]
    body = smtp_server.messages[0][1].get_body(("plain",)).get_content()
    assert "Le Cristal" in body and "/inscription/annulation/?jeton=" in body


def test_the_team_writes_to_the_registrants(client, team, petit_dej, smtp_server):
    _register(petit_dej, "Awa", "confirmed")
    _register(petit_dej, "Bruno", "waiting")
    _register(petit_dej, "Gone", "cancelled")
    response = client.post(
        _url("registrations_message", petit_dej),
        {"subject": "Changement de salle", "text": "Rendez-vous au 1er étage."},
        follow=True,
    )
    assert "Message envoyé à 1 inscrit." in response.content.decode()
    ((to, message),) = smtp_server.messages
    assert to == ["awa@example.org"] and message["Subject"].strip() == "Changement de salle"
    assert "Rendez-vous au 1er étage." in message.get_body(("plain",)).get_content()
    response = client.post(_url("registrations_message", petit_dej), {"subject": "", "text": ""})
    assert response.status_code == 400
    assert "Champ requis." in response.content.decode()


def test_staff_actions_need_the_registration_permissions(client, petit_dej, django_user_model):
    user = django_user_model.objects.create_user("redactrice", password="x")
    user.groups.add(Group.objects.get(name="Editors"))  # edits pages, nothing more
    client.force_login(user)
    awa = _register(petit_dej, "Awa", "confirmed")
    for url in [
        reverse("agenda_admin:events"),
        _url("registration_add", petit_dej),
        _url("registrations_message", petit_dej),
    ]:
        assert client.get(url).status_code in (302, 403), url
    client.post(_url("registration_action", petit_dej, awa.pk, "annuler"))
    awa.refresh_from_db()
    assert awa.status == "confirmed"


def test_a_reminder_links_to_the_address_the_centre_set_or_to_its_own_site(
    petit_dej, smtp_server, settings
):
    """Without a request, the agenda's links came from the Wagtail Site record, left at
    « localhost » on many installs, while the fiches and the lettre used WAGTAILADMIN_BASE_URL.
    One rule now: with one site, WAGTAILADMIN_BASE_URL; with several, each page's own site."""
    import re

    from django.core.cache import cache
    from wagtail.models import Site

    settings.RESOURCE_CENTRE = {
        **getattr(settings, "RESOURCE_CENTRE", {}),
        "AGENDA_REMINDER_DAYS": 5,
    }
    settings.WAGTAILADMIN_BASE_URL = "https://www.centre.example"
    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).update(hostname="localhost", port=80)
    cache.clear()  # Wagtail caches the sites' root paths
    _register(petit_dej, "Awa", "confirmed")
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    body = smtp_server.messages[-1][1].get_body(("plain",)).get_content()
    # The séance's own online link aside (visio.example), every link leads to the site.
    links = [u for u in re.findall(r"https?://[^\s>]+", body) if "visio.example" not in u]
    assert links and all(link.startswith("https://www.centre.example/") for link in links), links

    # A second centre on the same install: each page's links lead to its own domain.
    Site.objects.filter(pk=site.pk).update(hostname="agenda.centre-a.example", port=443)
    Site.objects.create(
        hostname="centre-b.example", port=443, root_page=site.root_page.get_parent()
    )
    cache.clear()
    from agenda.models import Registration

    Registration.objects.update(reminded_at=None)
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    body = smtp_server.messages[-1][1].get_body(("plain",)).get_content()
    links = [u for u in re.findall(r"https?://[^\s>]+", body) if "visio.example" not in u]
    assert links and all(link.startswith("https://agenda.centre-a.example/") for link in links)
