"""Registrations as a visitor, a registrant cancelling by e-mail link, and the staff see them."""

import csv
import datetime
import io
import re
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from agenda.models import Registration
from resource_centre.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


@pytest.fixture
def event(events):
    event = events["petit_dej"]
    event.registration_enabled = True
    event.capacity = 2
    event.ask_territoire = True
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def form_data(**overrides):
    data = {
        "name": "Awa Diallo",
        "email": "awa@example.org",
        "structure": "Ville de Sarcelles",
        "fonction": "Cheffe de projet",
        "territoire": "Sarcelles",
        "needs": "Repas végétarien",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def register(client, event, **overrides):
    """Register as a visitor does: the form, then the link of the e-mail confirming the address
    (that e-mail is taken out of the outbox: the tests below look at the ones that follow)."""
    response = client.post(f"{event.url}inscription/", form_data(**overrides), follow=True)
    if response.status_code != 200 or not mail.outbox:
        return response
    message = mail.outbox[-1]
    if not message.subject.startswith("Confirmez votre inscription"):
        return response
    mail.outbox.remove(message)
    return follow_confirm_link(client, message)


def confirm_link(message):
    return re.search(r"http://\S+/inscription/confirmation/\?jeton=\S+", message.body).group(0)


def follow_confirm_link(client, message):
    link = confirm_link(message)
    return client.post(link.split("?")[0], {"jeton": unquote(link.split("jeton=")[1])}, follow=True)


def cancel_link(message):
    return re.search(r"http://\S+/inscription/annulation/\?jeton=\S+", message.body).group(0)


def test_the_event_page_leads_to_the_form_with_the_chosen_questions(client, event):
    html = client.get(event.url).text
    assert f'href="{event.url}inscription/"' in html
    html = client.get(f"{event.url}inscription/").text
    for label in (
        "Prénom et nom",
        "E-mail",
        "Structure",
        "Fonction",
        "Territoire",
        "Régime alimentaire ou besoins d’accessibilité",
        "J’accepte",
    ):
        assert label.replace("’", "&#x27;") in html or label in html, label
    assert "supprimées un an après" in html  # the consent text


def test_registration_is_confirmed_by_email_with_online_link_and_cancel_link(client, event):
    response = register(client, event)
    assert response.status_code == 200
    assert "Votre inscription est confirmée" in response.text
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.consent_at and "supprimées" in registration.consent_text
    (message,) = mail.outbox
    assert message.to == ["awa@example.org"]
    assert (
        message.subject == "Inscription confirmée : Petit-déjeuner sur la monoparentalité précaire"
    )
    assert "https://visio.example/secret-room" in message.body  # registrants get the link
    assert "RésO Villes" in message.body  # the centre signs
    assert cancel_link(message)


def test_bad_data_shows_french_errors_and_keeps_what_was_typed(client, event):
    response = register(client, event, email="pas-un-courriel", consent="", name="")
    assert response.status_code == 400
    html = response.text
    assert "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr." in html
    assert "Votre accord est nécessaire pour vous inscrire." in html
    assert "Champ requis." in html
    assert 'value="pas-un-courriel"' in html and 'value="Ville de Sarcelles"' in html
    assert not Registration.objects.exists() and not mail.outbox


@pytest.mark.parametrize("email", ["root@localhost", "a@[127.0.0.1]", "x" * 65 + "@example.org"])
def test_an_address_no_mail_reaches_on_the_internet_is_refused(client, event, email):
    """The confirmation would go to the centre's own machine or network."""
    response = register(client, event, email=email)
    assert response.status_code == 400
    assert "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr." in response.text
    assert not Registration.objects.exists() and not mail.outbox


def test_a_name_of_invisible_characters_alone_is_refused(client, event):
    """A pasted U+FEFF passed for a name: a registration nobody could read in the lists."""
    response = register(client, event, name="\ufeff\u200b", structure="\ufeff")
    assert response.status_code == 400
    assert response.text.count("Ce champ ne contient que des caractères invisibles") == 2
    assert not Registration.objects.exists() and not mail.outbox
    # Beside visible letters they are no reason to refuse.
    assert register(client, event, name="\ufeffAwa Diallo").status_code in (200, 302)
    assert Registration.objects.count() == 1


def test_full_event_puts_people_on_the_waiting_list_and_a_cancellation_promotes(client, event):
    register(client, event, email="a@example.org")
    register(client, event, email="b@example.org")
    response = register(client, event, email="c@example.org", name="Camille")
    assert "vous êtes sur la liste d’attente" in response.text
    assert Registration.objects.get(email="c@example.org").status == "waiting"
    assert mail.outbox[-1].subject.startswith("Liste d’attente")
    assert "secret-room" not in mail.outbox[-1].body  # not yet a registrant

    link = cancel_link(mail.outbox[0])
    response = client.get(link)
    assert "voulez-vous annuler" in response.text
    assert Registration.objects.get(email="a@example.org").status == "confirmed"  # GET is safe
    token = unquote(link.split("jeton=")[1])
    response = client.post(link.split("?")[0], {"jeton": token})
    assert "Votre inscription est annulée" in response.text
    assert Registration.objects.get(email="a@example.org").status == "cancelled"
    assert Registration.objects.get(email="c@example.org").status == "confirmed"
    promoted = mail.outbox[-1]
    assert promoted.to == ["c@example.org"]
    assert promoted.subject.startswith("Une place vous attend")
    assert "secret-room" in promoted.body
    assert Registration.objects.confirmed().count() == 2

    # The link works once.
    response = client.post(link.split("?")[0], {"jeton": token})
    assert response.status_code == 400
    assert "déjà annulée" in response.text


def test_no_waiting_list_refuses_politely(client, event):
    event.waiting_list = False
    event.capacity = 1
    event.save_revision().publish()
    register(client, event, email="a@example.org")
    # Once full, the page and the form say so, and nobody else gets in.
    assert "Cet événement est complet." in client.get(event.url).text
    response = register(client, event, email="b@example.org")
    assert "Cet événement est complet." in response.text
    assert 'name="email"' not in response.text
    assert not Registration.objects.filter(email="b@example.org").exists()


def test_the_same_person_cannot_take_two_seats(client, event):
    register(client, event)
    mail.outbox.clear()
    known = client.post(f"{event.url}inscription/", form_data(email="AWA@example.org"), follow=True)
    new = client.post(f"{event.url}inscription/", form_data(email="zoe@example.org"), follow=True)
    # The same answer for a known address and a new one; the e-mail tells them apart.
    assert known.status_code == new.status_code == 200
    assert "Consultez votre messagerie" in known.text
    strip = re.compile(r"csrfmiddlewaretoken[^>]*>")
    assert strip.sub("", known.text) == strip.sub("", new.text)
    already, confirm = mail.outbox
    assert already.to == ["awa@example.org"] and "déjà inscrite" in already.body
    assert cancel_link(already)
    assert confirm.to == ["zoe@example.org"] and confirm_link(confirm)
    assert Registration.objects.filter(email__iexact="awa@example.org").count() == 1


@pytest.mark.parametrize(
    "token", ["", "abc", "x" * 5000, "' OR 1=1--", "eyJyIjoxLCJ2IjowfQ:1tX:forged"]
)
def test_garbage_cancel_links_give_a_french_message(client, event, token):
    response = client.get(f"{event.url}inscription/annulation/", {"jeton": token})
    assert response.status_code == 400
    assert "Ce lien d’annulation n’est pas valide." in response.text or (
        "n’est pas valide" in response.text
    )


def test_a_link_for_another_event_does_not_cancel(client, event, events):
    register(client, event)
    link = cancel_link(mail.outbox[0])
    other = events["atelier"].url
    response = client.get(other + "inscription/annulation/?" + link.split("?")[1])
    assert response.status_code == 400
    assert Registration.objects.get().status == "confirmed"


def test_honeypot_keeps_nothing(client, event):
    response = register(client, event, website="http://spam.example")
    assert response.status_code == 200
    assert not Registration.objects.exists() and not mail.outbox


def test_a_robot_is_answered_as_a_person_is(client, events):
    """The honeypot's answer goes where a person's would, the séance chosen included."""
    event = events["atelier"]
    event.registration_enabled = event.registration_per_seance = True
    event.save_revision().publish()
    seance = event.upcoming_seances().exclude(status="full").first()
    person = client.post(f"{event.url}inscription/", form_data(seance=seance.pk))
    robot = client.post(
        f"{event.url}inscription/",
        form_data(seance=seance.pk, email="robot@example.org", website="http://spam.example"),
    )
    assert robot.status_code == person.status_code == 303
    assert robot["Location"] == person["Location"]
    assert Registration.objects.count() == 1


def test_rate_limit(client, event, settings):
    settings.RESOURCE_CENTRE = {"AGENDA_REGISTRATION_RATE": (3, 600)}
    # Mistakes are corrected, not counted: they take no seat and send nothing.
    for _ in range(5):
        mistyped = register(client, event, email="p0@example")
        assert mistyped.status_code == 400 and "Trop de tentatives" not in mistyped.text
    for i in range(3):
        register(client, event, email=f"p{i}@example.org")
    response = register(client, event, email="p9@example.org")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.text


def test_rate_limit_is_per_event_and_per_visitor_behind_a_trusted_proxy(
    client, event, events, settings
):
    settings.RESOURCE_CENTRE = {
        "AGENDA_REGISTRATION_RATE": (2, 600),
        "TRUSTED_PROXIES": ["10.0.0.2"],
    }
    other = events["atelier"]
    other.registration_enabled = True
    other.save_revision().publish()
    other.refresh_from_db()

    def attempt(target, visitor, email):
        return client.post(
            f"{target.url}inscription/",
            form_data(email=email),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=visitor,
            follow=True,
        )

    attempt(event, "198.51.100.1", "a@example.org")
    attempt(event, "198.51.100.1", "b@example.org")
    assert attempt(event, "198.51.100.1", "c@example.org").status_code == 429
    # Another event, and another visitor behind the same proxy, are not blocked.
    assert attempt(other, "198.51.100.1", "d@example.org").status_code == 200
    assert attempt(event, "198.51.100.2", "e@example.org").status_code == 200
    # Forging the header does not give a fresh bucket: the proxy appends the real address.
    forged = attempt(event, "203.0.113.50, 198.51.100.1", "f@example.org")
    assert forged.status_code == 429
    assert set(Registration.objects.values_list("email", flat=True)) == {
        "a@example.org",
        "b@example.org",
        "d@example.org",
        "e@example.org",
    }


def test_opening_and_closing_dates(client, event):
    event.registration_opens_at = timezone.now() + datetime.timedelta(days=3)
    event.save_revision().publish()
    assert "Les inscriptions ouvriront le" in client.get(f"{event.url}inscription/").text
    assert not Registration.objects.exists()
    event.registration_opens_at = None
    event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save_revision().publish()
    assert "Les inscriptions sont closes." in client.get(event.url).text
    register(client, event)
    assert not Registration.objects.exists()


def test_registration_per_seance(client, events):
    event = events["atelier"]
    event.registration_enabled = True
    event.registration_per_seance = True
    event.capacity = 1
    event.save_revision().publish()
    event.refresh_from_db()
    upcoming = event.seances.filter(day__gte=timezone.localdate()).order_by("day")
    first, second = upcoming
    response = register(client, event, seance="999999")
    assert "Choisissez l’une des séances proposées." in response.text or (
        "Choisissez l’une des séances" in response.text
    )
    assert second.status == "full"  # marked full by the editors: not offered
    assert f'value="{second.pk}"' not in client.get(f"{event.url}inscription/").text
    register(client, event, seance=first.pk, email="a@example.org")
    response = register(client, event, seance=second.pk, email="b@example.org")
    assert response.status_code == 400
    # The first séance is now full through registrations: still offered, for the waiting list.
    form = client.get(f"{event.url}inscription/").text
    assert "Toutes les places sont prises" in form
    assert "complète : liste d’attente" in form
    register(client, event, seance=first.pk, email="c@example.org")
    statuses = {r.email: (r.seance_id, r.status) for r in Registration.objects.all()}
    assert statuses == {
        "a@example.org": (first.pk, "confirmed"),
        "c@example.org": (first.pk, "waiting"),
    }
    assert "S’inscrire sur la liste d’attente" in client.get(event.url).text


def test_staff_mark_attendance_and_export_the_list(client, event, django_user_model, count_queries):
    register(client, event, email="a@example.org", name='=HYPERLINK("x")')
    register(client, event, email="b@example.org", name="Bruno")
    staff = django_user_model.objects.create_superuser("admin", "admin@example.org", "x" * 12)
    client.force_login(staff)
    url = f"/admin/agenda/evenement/{event.pk}/inscriptions/"
    response = client.get(url)
    assert response.status_code == 200
    assert "2 confirmées, 0 en liste d’attente" in response.text or "2 confirmées" in response.text
    a, b = Registration.objects.order_by("email")
    response = client.post(
        url, {"shown": [a.pk, b.pk, "junk", "²", "٣"], "present": [b.pk, "x", "²", "9" * 40]}
    )
    assert response.status_code == 302
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.attended, b.attended) == (False, True)
    # Unticking works too, in a fixed number of queries.
    one, _ = count_queries(client.post, url, {"shown": [a.pk], "present": []})
    two, response = count_queries(client.post, url, {"shown": [a.pk, b.pk], "present": []})
    assert response.status_code == 302 and two == one
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.attended, b.attended) == (False, False)
    client.post(url, {"shown": [a.pk, b.pk], "present": [b.pk]})
    # The sign-in sheet names those expected only.
    for status in ("waiting", "cancelled", "pending"):
        Registration.objects.create(
            event=event, name=f"Absent {status}", email=f"{status}@example.org", status=status
        )

    response = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0][:3] == ["Séance", "Nom", "E-mail"]
    assert rows[1][1] == '\'=HYPERLINK("x")'  # formula-safe
    assert rows[2][9] == "oui"
    assert len(rows) == 3 and "Absent" not in body
    assert client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200


def test_registrations_admin_needs_the_registration_permission(client, event, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("lecteur", "l@example.org", "x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/")
    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect
    assert "Awa" not in response.content.decode()
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").status_code == 200
    assert client.get("/admin/agenda/evenement/999999/inscriptions/").status_code == 404


def test_the_agenda_filters_events_open_for_registration(client, event, events):
    response = client.get("/agenda/?inscriptions=ouvertes")
    assert "Petit-déjeuner sur la monoparentalité précaire" in response.text
    assert "Atelier projet urbain" not in response.text
    assert "Retirer le filtre Inscription : Inscriptions ouvertes" in response.text
    response = client.get("/agenda/?inscriptions=nimporte")
    assert "ont été ignorées" in response.text


def test_a_seance_filled_through_registrations_shows_as_full(client, event, count_queries):
    """Capacity 2, per event: two confirmed seats make the séance full everywhere."""
    import json

    def jsonld():
        html = client.get(event.url).text
        return json.loads(html.split('type="application/ld+json">')[1].split("</script>")[0])

    offer = jsonld()["offers"]
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"] == event.get_full_url() + "inscription/"
    assert (offer["price"], offer["priceCurrency"]) == (0, "EUR")
    title = "Petit-déjeuner sur la monoparentalité précaire"
    assert title in client.get("/agenda/?inscriptions=ouvertes").text
    register(client, event, email="a@example.org")
    register(client, event, email="b@example.org")

    listing = client.get("/agenda/?ville=Sarcelles").text
    assert "Complète" in listing
    assert title not in client.get("/agenda/?inscriptions=ouvertes").text
    assert jsonld()["offers"]["availability"] == "https://schema.org/SoldOut"
    page = client.get(event.url).text
    assert "Complète" in page and "S’inscrire sur la liste d’attente" in page
    form = client.get(f"{event.url}inscription/").text
    assert "vous rejoignez la liste d’attente" in form
    # Listings count seats without a query per séance.
    queries_before, _ = count_queries(client.get, "/agenda/")
    register(client, event, email="c@example.org", name="Camille")
    assert Registration.objects.get(email="c@example.org").status == "waiting"
    queries_after, _ = count_queries(client.get, "/agenda/")
    assert queries_after == queries_before


def test_registrations_close_once_the_last_seance_is_past(client, event):
    event.seances.update(date=timezone.localdate() - datetime.timedelta(days=1))
    assert event.registration_closes_at is None
    assert "Cet événement est passé." in client.get(event.url).text
    assert "Les inscriptions sont closes." in client.get(f"{event.url}inscription/").text
    register(client, event)
    assert not Registration.objects.exists()


def test_removing_a_seance_keeps_its_registrations_cancelled(client, events):
    event = events["atelier"]
    event.registration_enabled = True
    event.registration_per_seance = True
    event.save_revision().publish()
    seance = event.seances.filter(day__gte=timezone.localdate()).order_by("day").first()
    register(client, event, seance=seance.pk)
    event = type(event).objects.get(pk=event.pk)
    event.seances = [s for s in event.seances.all() if s.pk != seance.pk]
    event.save_revision().publish()
    # Kept for the staff to see; cancelled, as its séance (tests/agenda/test_seance_removed.py).
    registration = Registration.objects.get()
    assert registration.seance is None and registration.status == "cancelled"


def test_the_confirmation_is_queued_not_sent_during_the_request(client, event, settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    response = client.post(f"{event.url}inscription/", form_data(), follow=True)
    assert "Consultez votre messagerie" in response.text
    assert Registration.objects.get(email="awa@example.org").status == "pending"
    assert mail.outbox == []  # nothing went out while the visitor waited
    (queued,) = default_task_backend.results
    assert "awa" not in repr(queued.args)  # the task record holds an id, not the message
    outgoing = OutgoingEmail.objects.get(pk=queued.args[0])
    assert outgoing.to == ["awa@example.org"]
    assert "/inscription/confirmation/?jeton=" in outgoing.text
    assert "secret-room" not in outgoing.text
    queued.task.call(*queued.args, **queued.kwargs)  # what the worker does later
    assert mail.outbox[0].to == ["awa@example.org"]


def test_a_seat_is_taken_only_once_the_address_is_confirmed(client, event, settings):
    """Invented addresses hold seats for the hold only; a GET of the link changes nothing."""
    event.capacity = 1
    event.save_revision().publish()
    client.post(f"{event.url}inscription/", form_data(email="invente@example.org"), follow=True)
    (message,) = mail.outbox
    assert message.subject == (
        "Confirmez votre inscription : Petit-déjeuner sur la monoparentalité précaire"
    )
    squatter = Registration.objects.get()
    assert squatter.status == "pending" and squatter.hold_until > timezone.now()
    # The mail says how long the seat is held, apart from how long the link works.
    held = timezone.localtime(squatter.hold_until)
    assert f"Votre place vous est réservée jusqu’au {held:%-d} " in message.body
    assert f"{held:%Y, %Hh%M} pendant que vous confirmez" in message.body
    link = confirm_link(message)
    assert "Confirmer mon inscription" in client.get(link).text
    squatter.refresh_from_db()
    assert squatter.status == "pending"  # a mail scanner opening the link confirms nothing

    # While the seat is held, the next visitor goes to the waiting list.
    register(client, event, email="b@example.org")
    assert Registration.objects.get(email="b@example.org").status == "waiting"

    # Once the hold lapses, the seat goes to the person waiting, not to the next newcomer.
    Registration.objects.filter(pk=squatter.pk).update(
        hold_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.post(f"{event.url}inscription/", form_data(email="c@example.org"), follow=True)
    follow_confirm_link(
        client, next(m for m in mail.outbox if m.to == ["c@example.org"] and confirm_link(m))
    )
    assert Registration.objects.get(email="b@example.org").status == "confirmed"
    assert any(m.to == ["b@example.org"] and "Une place" in m.subject for m in mail.outbox)
    assert Registration.objects.get(email="c@example.org").status == "waiting"
    # Confirming late puts the first visitor on the waiting list, and the link works once.
    response = follow_confirm_link(client, message)
    assert "liste d’attente" in response.text
    squatter.refresh_from_db()
    assert squatter.status == "waiting"
    replay = follow_confirm_link(client, message)
    assert replay.status_code == 400 and "déjà confirmée" in replay.text


def test_confirmation_can_be_switched_off_per_event(client, event):
    event.registration_confirmation = False
    event.save_revision().publish()
    response = client.post(f"{event.url}inscription/", form_data(), follow=True)
    assert "Votre inscription est confirmée" in response.text
    assert Registration.objects.get().status == "confirmed"
    assert mail.outbox[0].subject.startswith("Inscription confirmée")


@pytest.mark.parametrize("token", ["", "abc", "x" * 5000, "eyJpZCI6MSwidiI6MH0:1tX:forged"])
def test_garbage_confirm_links_give_a_french_message(client, event, token):
    for method in (client.get, client.post):
        response = method(f"{event.url}inscription/confirmation/", {"jeton": token})
        assert response.status_code == 400
        assert "Ce lien de confirmation n’est pas valide." in response.text


def test_an_expired_confirm_link_takes_no_seat(client, event, settings):
    client.post(f"{event.url}inscription/", form_data(), follow=True)
    settings.RESOURCE_CENTRE = {"AGENDA_CONFIRM_LINK_MAX_AGE": -1}
    response = follow_confirm_link(client, mail.outbox[0])
    assert response.status_code == 400 and "Ce lien de confirmation a expiré" in response.text
    assert Registration.objects.get().status == "pending"


def test_unconfirmed_registrations_never_hold_more_than_half_the_seats(client, event):
    event.capacity = 4
    event.save_revision().publish()
    for i in range(5):
        client.post(
            f"{event.url}inscription/", form_data(email=f"invente{i}@example.org"), follow=True
        )
    registrations = Registration.objects.filter(event=event)
    assert registrations.holding_seats().count() == 2  # half of 4
    assert registrations.filter(status="pending").count() == 5
    # Real visitors still find seats, and confirming takes one.
    assert (
        "S’inscrire" in client.get(event.url).text or "inscription/" in client.get(event.url).text
    )
    register(client, event, email="vraie@example.org")
    assert Registration.objects.get(email="vraie@example.org").status == "confirmed"


def test_the_form_and_the_page_after_it_say_which_seances_and_a_reload_registers_nothing(
    client, event
):
    """The form says when and where one registers; its answer is a page of its own (a redirect),
    that names the séances and can be reloaded without registering or e-mailing again."""
    seance = event.upcoming_seances().select_related("venue").first()
    where = seance.venue.name if seance.venue else "En ligne"
    form = client.get(f"{event.url}inscription/").text
    assert "Vous vous inscrivez à cette séance" in form or "à ces séances" in form
    assert where in form
    response = client.post(f"{event.url}inscription/", form_data())
    assert response.status_code == 303
    assert response["Location"] == f"{event.url}inscription/envoyee/?etat=check_email"
    page = client.get(response["Location"]).text
    assert "Consultez votre messagerie" in page and "courriers indésirables" in page
    assert where in page and str(seance.effective_date.year) in page
    for _reload in range(2):
        assert client.get(response["Location"]).status_code == 200
    assert Registration.objects.count() == 1 and len(mail.outbox) == 1


def test_the_page_after_a_registration_takes_garbage_in_its_url(client, event):
    for query in (
        "etat=%3Cscript%3E&seance=abc",
        "etat=&seance=-1",
        "seance=%00",
        "etat=confirmed",
    ):
        response = client.get(f"{event.url}inscription/envoyee/?{query}")
        assert response.status_code == 200, query
        assert "<script>" not in response.text
    assert "Consultez votre messagerie" in client.get(f"{event.url}inscription/envoyee/").text


def test_a_seance_to_choose_reads_with_its_day_and_time(client, events):
    event = events["atelier"]
    event.registration_enabled = True
    event.registration_per_seance = True
    event.save_revision().publish()
    seance = event.upcoming_seances().exclude(status="full").order_by("day").first()
    form = client.get(f"{event.url}inscription/").text
    from resource_centre.dates import french_date

    label = french_date(seance.effective_date, "l j F Y")
    if seance.start_time:
        label += f", {seance.start_time:%H}h{seance.start_time:%M}"
    assert label in form
    response = client.post(
        f"{event.url}inscription/", form_data(seance=seance.pk, email="s@example.org")
    )
    assert response["Location"].endswith(f"?etat=check_email&seance={seance.pk}")
    page = client.get(response["Location"]).text
    assert french_date(seance.effective_date, "l j F Y") in page
