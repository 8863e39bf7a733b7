"""The centre's team runs an event's registrants in Chromium, as a member of the "Éditeurs"
role (not a superuser): from the Agenda menu to the event's registrants, a registration taken by
phone, a cancellation whose seat goes to the first person waiting, a message to the registrants,
who came to each séance of a series;
and a venue created from inside the event's form."""

import re

import pytest
from playwright.sync_api import expect

from resource_centre.dates import french_date

from .axe import assert_accessible
from .signin import sign_in_as_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def full_event(demo_site):
    from agenda.models import EventPage, Registration

    event = EventPage.objects.live().filter(registration_per_seance=False).first()
    event.registration_enabled = True
    event.capacity = 2
    event.waiting_list = True
    event.save_revision().publish()
    Registration.objects.filter(event=event).delete()
    for name, email, status in [
        ("Awa", "awa@example.org", "confirmed"),
        ("Bruno", "bruno@example.org", "confirmed"),
        ("Chloé", "chloe@example.org", "waiting"),
    ]:
        Registration.objects.create(event=event, name=name, email=email, status=status)
    return event


def test_the_team_runs_registrants_from_the_agenda_menu(
    full_event, live_server, page, django_user_model, smtp_server
):
    from agenda.models import Registration

    sign_in_as_editor(page, live_server, django_user_model)
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="Centre de ressources").click()
    sidebar.get_by_role("button", name="Agenda", exact=True).click()
    sidebar.get_by_role("link", name="Événements et inscriptions", exact=True).click()
    expect(page).to_have_title(re.compile("Événements et inscriptions"))
    page.get_by_role("link", name=f"Inscriptions à {full_event.title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(full_event.title)
    expect(page.locator("main")).to_contain_text("2 confirmées, 1 en liste d’attente")
    assert_accessible(page, "main")

    # Awa cancels by phone: the team cancels, Chloé takes the seat.
    page.get_by_role("button", name=re.compile("^Annuler l’inscription \\(Awa")).click()
    expect(page.locator(".messages")).to_contain_text("Chloé, qui attendait, prend la place.")
    assert Registration.objects.get(name="Chloé").status == "confirmed"

    # Someone registers by phone.
    page.get_by_role("link", name="Ajouter une inscription").click()
    page.get_by_label("Prénom et nom").fill("Yannick Le Roux")
    page.get_by_role("textbox", name="E-mail").fill("yannick@example.org")
    page.get_by_label("La personne a accepté le texte de consentement").check()
    page.get_by_role("button", name="Enregistrer l’inscription").click()
    expect(page.locator(".messages")).to_contain_text(
        "Inscription enregistrée pour Yannick Le Roux"
    )
    assert Registration.objects.get(name="Yannick Le Roux").status == "waiting"  # full again

    # A message to the registrants.
    page.get_by_role("link", name="Écrire aux inscrits").click()
    page.get_by_label("Objet").fill("Changement de salle")
    page.get_by_label("Message").fill("Rendez-vous au premier étage.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".messages")).to_contain_text("Message envoyé à 2 inscrits.")
    subjects = {(tuple(to), m["Subject"].strip()) for to, m in smtp_server.messages}
    assert (("chloe@example.org",), "Changement de salle") in subjects
    assert (("awa@example.org",), f"Inscription annulée : {full_event.title}") in subjects
    page.goto("about:blank")


def test_a_venue_is_created_from_the_event_form(demo_site, live_server, page, django_user_model):
    from agenda.models import AgendaIndexPage, Venue

    index = AgendaIndexPage.objects.get()
    sign_in_as_editor(page, live_server, django_user_model)
    page.goto(live_server.url + f"/admin/pages/add/agenda/eventpage/{index.pk}/")
    page.locator("#id_seances-0-venue-chooser [data-chooser-action-choose]").first.click()
    modal = page.locator(".modal")
    modal.get_by_role("tab", name="Nouveau lieu").click()
    modal.get_by_label("Nom").fill("Tiers-lieu de la Courrouze")
    modal.get_by_label("Ville").fill("Rennes")
    modal.get_by_role("button", name="Créer un lieu").click()
    expect(page.locator("#id_seances-0-venue-chooser [data-chooser-title]")).to_contain_text(
        "Tiers-lieu de la Courrouze"
    )
    assert Venue.objects.filter(name="Tiers-lieu de la Courrouze", city="Rennes").exists()
    page.goto("about:blank")


def test_a_seance_cancelled_in_the_editor_emails_its_registrants(
    full_event, live_server, page, django_user_model, smtp_server
):
    from agenda.models import Seance

    seance = full_event.seances.order_by("sort_order").first()
    sign_in_as_editor(page, live_server, django_user_model)
    page.goto(live_server.url + f"/admin/pages/{full_event.pk}/edit/")
    page.locator("#id_seances-0-status").select_option(Seance.Status.CANCELLED)
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text(full_event.title)
    assert Seance.objects.get(pk=seance.pk).status == Seance.Status.CANCELLED
    subjects = sorted((tuple(to), m["Subject"].strip()) for to, m in smtp_server.messages)
    cancelled = f"Séance du {french_date(seance.day, 'j F')} annulée : {full_event.title}"
    assert subjects == [
        (("awa@example.org",), cancelled),
        (("bruno@example.org",), cancelled),
        (("chloe@example.org",), cancelled),
    ]
    page.goto("about:blank")


def test_the_team_ticks_who_came_to_each_seance_of_a_series(
    demo_site, live_server, page, django_user_model
):
    from django.db.models import Count, Q

    from agenda.models import EventPage, Registration

    held = ~Q(seances__status="cancelled")
    event = (
        EventPage.objects.live()
        .annotate(held=Count("seances", filter=held))
        .filter(held__gt=1)
        .first()
    )
    event.registration_enabled, event.registration_per_seance = True, False
    event.save_revision().publish()
    Registration.objects.filter(event=event).delete()
    for name in ("Awa", "Bruno"):
        Registration.objects.create(
            event=event, name=name, email=f"{name.lower()}@example.org", status="confirmed"
        )
    first = event.seances.exclude(status="cancelled").order_by("day", "start_time", "pk").first()
    day = french_date(first.effective_date, "l j F Y")

    sign_in_as_editor(page, live_server, django_user_model)
    page.goto(live_server.url + f"/admin/agenda/evenement/{event.pk}/inscriptions/")
    seance = page.get_by_role("listitem").filter(has_text=f"Séance du {day}").first
    seance.get_by_role("link", name="présences").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Présences à la séance du {day}")
    assert_accessible(page, "main")
    page.get_by_label("Awa était présent(e)").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Présences à la séance du {day} enregistrées."
    )
    rows = page.locator("main tbody tr")
    expect(rows.filter(has_text="Awa")).to_contain_text(f"1 séance sur {event.held}")
    expect(rows.filter(has_text="Bruno")).to_contain_text(f"0 séance sur {event.held}")
    # Bruno may come to the next séances.
    assert list(
        Registration.objects.filter(event=event).order_by("name").values_list("attended", flat=True)
    ) == [True, None]
    page.goto("about:blank")
