"""A visitor finds the next Cooper'Villes in the agenda, in a real browser."""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from .axe import assert_accessible
from .signin import sign_in_as_superuser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_filters_the_agenda_and_opens_an_event(demo_site, live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(page.locator(".ag-seance").first).to_be_visible()
    assert_accessible(page)
    # The territoire search's button holds its word on one line beside the box (it wrapped as
    # « Recherch/er » in the sidebar at 1280 px).
    button = page.locator("#territoire-picker .rc-picker__row button").bounding_box()
    one_line = page.get_by_label("Mots-clés").bounding_box()  # the row stretches its box too
    assert button["height"] <= one_line["height"] + 2, (button, one_line)

    # Filter on a format and a city, with the plain GET form.
    page.get_by_role("group", name="Format").get_by_label("Cooper'Villes").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"format=coopervilles"))
    results = page.locator(".ag-results")
    expect(results.locator(".ag-seance__title").first).to_contain_text("Cooper'Villes")
    for title in results.locator(".ag-seance__title").all_inner_texts():
        assert "Cooper'Villes" in title
    expect(page.get_by_role("link", name=re.compile("Retirer le filtre Format"))).to_be_visible()
    expect(page.get_by_role("link", name="S’abonner à cette sélection (iCal)")).to_have_attribute(
        "href", re.compile(r"ical/\?format=coopervilles")
    )
    assert_accessible(page)

    # A filter that matches nothing says so.
    page.get_by_label("Mots-clés").fill("introuvable xyzzy")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_role("status")).to_contain_text("Aucune séance ne correspond")
    page.get_by_role("link", name="Retirer le filtre Mots-clés : introuvable xyzzy").click()

    # Open the event and register.
    results.get_by_role("link", name="Cooper'Villes Ateliers Santé Ville").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cooper'Villes Ateliers Santé Ville")
    expect(page.get_by_role("link", name=re.compile("Ajouter à mon agenda")).first).to_be_visible()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_accessible(page)
    event_url = page.url

    page.get_by_role("link", name=re.compile("^S’inscrire")).click()
    page.get_by_label("Prénom et nom").fill("Nolwenn Le Bihan")
    page.get_by_label("E-mail").fill("nolwenn")  # a typo
    page.get_by_label("Structure").fill("Ville de Lorient")
    page.get_by_role("button", name="S’inscrire").click()
    expect(page.get_by_role("alert")).to_contain_text("Veuillez corriger")
    expect(page.get_by_label("Structure")).to_have_value("Ville de Lorient")
    assert_accessible(page)
    page.get_by_label("E-mail").fill("nolwenn@example.org")
    page.get_by_label("J’accepte").check()
    page.get_by_role("button", name="S’inscrire").click()
    expect(page.get_by_role("status")).to_contain_text("Consultez votre messagerie")
    # The seat is taken once the address is confirmed, with the button behind the e-mailed link.
    (message,) = mail.outbox
    assert message.to == ["nolwenn@example.org"]
    page.goto(re.search(r"http://\S+/inscription/confirmation/\?jeton=\S+", message.body).group(0))
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    expect(page.get_by_role("status")).to_contain_text("Votre inscription est confirmée")
    assert len(mail.outbox) == 2 and mail.outbox[1].subject.startswith("Inscription confirmée")
    page.goto(event_url)

    # The month view, navigable without JavaScript.
    page.get_by_role("link", name="Retour à l’agenda").click()
    page.get_by_role("link", name="Vue par mois").click()
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Mois suivant")).click()
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)


def _wait_until(page, condition, timeout=15):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(100)


def _choose(page, chooser_id, label):
    """Pick a snippet in a Wagtail chooser modal."""
    page.locator(f"#{chooser_id}-chooser [data-chooser-action-choose]").first.click()
    page.locator(".modal").get_by_role("link", name=label).click()
    expect(page.locator(f"#{chooser_id}-chooser [data-chooser-title]")).to_contain_text(label)


def test_editor_creates_an_event_with_three_seances_in_the_wagtail_editor(
    live_server, page, django_user_model
):
    from agenda.models import EventFormat, EventPage, Venue
    from demo.content import core
    from tests.agenda.factories import agenda_index

    index = agenda_index(core.load())
    EventFormat.objects.create(name="Atelier")
    Venue.objects.create(name="Salle Bellamy", postcode="44000", city="Nantes")
    sign_in_as_superuser(page, live_server, django_user_model)

    # Wagtail autosaves as the editor types. The autosave that first carries the last séance
    # reaches the server, but its answer (the séances' new ids) is held back until the editor has
    # clicked Publish: the publish must wait for it, or it saves those séances a second time.
    held = []

    def hold_the_answer(route):
        request = route.request
        if (
            not held
            and request.method == "POST"
            and request.headers.get("accept") == "application/json"
            and re.search(r'name="seances-2-venue"\r\n\r\n\d', request.post_data or "")
        ):
            held.append((route, route.fetch()))
        else:
            route.fallback()

    page.route(re.compile(r"/admin/pages/(add/|\d+/edit/)"), hold_the_answer)
    page.goto(live_server.url + f"/admin/pages/add/agenda/eventpage/{index.pk}/")
    page.locator("#id_title").fill("Atelier évaluation des CUCS")
    _choose(page, "id_format", "Atelier")
    page.locator("#id_chapo").fill("Trois séances pour préparer les évaluations.")
    dates = ["2030-03-12", "2030-05-14", "2030-07-09"]
    for i, day in enumerate(dates):
        if i:
            page.locator("#id_seances-ADD").click()
        page.locator(f"#id_seances-{i}-date").fill(day)
        page.locator(f"#id_seances-{i}-start_time").fill("09:30")
        page.locator(f"#id_seances-{i}-end_time").fill("16:30")
        page.keyboard.press("Escape")  # close the date/time picker
        _choose(page, f"id_seances-{i}-venue", "Salle Bellamy")

    # Publish, from the menu of the save button, while that autosave's answer is on its way.
    _wait_until(page, lambda: held)
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_timeout(500)
    route, answer = held[0]
    route.fulfill(response=answer)
    expect(page.locator(".messages")).to_contain_text("Atelier évaluation des CUCS")
    event = EventPage.objects.get(title="Atelier évaluation des CUCS")
    assert event.live
    assert [f"{s.date:%Y-%m-%d}" for s in event.seances.order_by("date")] == dates

    # The agenda lists its three séances.
    page.goto(live_server.url + index.url + "?du=2030-01-01&au=2030-12-31")
    seances = page.locator(".ag-seance__title", has_text="Atelier évaluation des CUCS")
    expect(seances).to_have_count(3)
    expect(page.locator(".ag-results")).to_contain_text("Nantes")
