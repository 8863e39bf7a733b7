"""Dates typed the French way in every date field of the suite's admin forms, by a member of the
"Éditeurs" role: what is saved is what was typed, and a typo is an error, never today's date."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .signin import sign_in_as_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARCH_18 = datetime.date(2027, 3, 18)


def _type(page, selector, text):
    """Type as an editor does, then leave the field (where the picker used to replace it)."""
    field = page.locator(selector)
    field.click()
    field.fill("")
    field.press_sequentially(text)
    page.keyboard.press("Escape")
    field.press("Tab")
    expect(field).to_have_value(text)


def _save_draft(page):
    page.get_by_role("button", name="Enregistrer le brouillon").click()


def test_dates_typed_the_french_way_are_saved_as_typed(
    demo_site, live_server, page, django_user_model
):
    from agenda.models import EventPage, Seance
    from fiches.models import FichePage

    sign_in_as_editor(page, live_server, django_user_model)

    # An event: a séance's date and times, a postponement, the registration window.
    event = EventPage.objects.filter(seances__isnull=False).distinct().first()
    page.goto(live_server.url + f"/admin/pages/{event.pk}/edit/")
    _type(page, "#id_seances-0-date", "18/03/2027")
    _type(page, "#id_seances-0-start_time", "9h30")
    _type(page, "#id_seances-0-end_time", "16:45")
    page.locator("#id_seances-0-status").select_option(Seance.Status.POSTPONED)
    _type(page, "#id_seances-0-new_date", "02/04/2027")
    _type(page, "#id_registration_opens_at", "01/02/2027 09:00")
    _type(page, "#id_registration_closes_at", "17/03/2027 18:00")
    _save_draft(page)
    expect(page.locator(".messages")).to_contain_text(event.title)
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    # The séance typed in (the draft lists its séances in their own order, not the form's).
    seance = next((s for s in draft.seances.all() if s.date == MARCH_18), None)
    assert seance is not None, [s.date for s in draft.seances.all()]
    assert seance.new_date == datetime.date(2027, 4, 2)
    assert (seance.start_time, seance.end_time) == (datetime.time(9, 30), datetime.time(16, 45))
    opens = draft.registration_opens_at.astimezone(datetime.UTC).replace(tzinfo=None)
    assert opens == datetime.datetime(2027, 2, 1, 8, 0)  # 9:00 in Paris, in winter
    # Shown back the French way.
    expect(page.locator("#id_seances-0-date")).to_have_value("18/03/2027")
    expect(page.locator("#id_registration_opens_at")).to_have_value("01/02/2027 09:00")

    # A typo is a French error, the typed value stays, nothing is saved.
    _type(page, "#id_seances-0-date", "32/13/2027")
    _save_draft(page)
    expect(page.locator(".messages")).to_contain_text("ne peut être enregistrée")
    expect(page.get_by_text("Saisissez une date valide.")).to_be_visible()
    expect(page.locator("#id_seances-0-date")).to_have_value("32/13/2027")
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert MARCH_18 in [s.date for s in draft.seances.all()]

    # A series of séances: one on each day of the rule that has none yet (the demo's own séances,
    # dated from today, may fall on one of them).
    planned = {s.date for s in draft.seances.all()}
    page.goto(live_server.url + f"/admin/agenda/evenement/{event.pk}/seances/serie/")
    _type(page, "#id_first_date", "18/03/2027")
    _type(page, "#id_until", "17/06/2027")
    page.locator("#id_unit").select_option("weeks")
    page.locator("#id_interval").fill("4")
    page.locator("#id_weekday").select_option("3")  # Thursday
    _type(page, "#id_start_time", "14h")
    page.locator("#id_venue").select_option(index=1)
    page.get_by_role("button", name="Ajouter ces séances à un brouillon").click()
    expect(page.locator(".messages")).to_contain_text("séances")
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    rule = {MARCH_18 + datetime.timedelta(weeks=4 * n) for n in range(4)}  # to 10 June
    added = {(s.date, s.start_time) for s in draft.seances.all() if s.date in rule - planned}
    assert {day for day, _time in added} == rule - planned != set()
    assert {time for _day, time in added} == {datetime.time(14, 0)}

    # A fiche: the action's period.
    fiche = FichePage.objects.live().first()
    page.goto(live_server.url + f"/admin/pages/{fiche.pk}/edit/")
    _type(page, "#id_start_date", "18/03/2027")
    _type(page, "#id_end_date", "30/06/2027")
    page.locator("#id_ongoing").uncheck()
    _save_draft(page)
    expect(page.locator(".messages")).to_contain_text(fiche.title)
    draft = FichePage.objects.get(pk=fiche.pk).get_latest_revision_as_object()
    assert (draft.start_date, draft.end_date) == (MARCH_18, datetime.date(2027, 6, 30))
    page.goto("about:blank")  # stop the editor's background pings before the server stops


def test_a_lettre_is_scheduled_at_a_date_typed_the_french_way(
    demo_site, live_server, page, django_user_model
):
    from newsletter.models import LettrePage, Send

    lettre = LettrePage.objects.live().first()
    sign_in_as_editor(page, live_server, django_user_model)
    page.goto(live_server.url + f"/admin/newsletter/lettre/{lettre.pk}/")
    page.get_by_label("À une date et une heure choisies").check()
    _type(page, "#id_scheduled_at", "18/03/2027 09:00")
    page.get_by_role("button", name="Envoyer…").click()
    expect(page.get_by_role("heading", name=re.compile("le 18 mars 2027 09:00 ?"))).to_be_visible()
    page.get_by_role("button", name=re.compile("^Oui, programmer")).click()
    expect(page.get_by_text("L’envoi est programmé.")).to_be_visible()
    send = Send.objects.get(lettre=lettre)
    when = send.scheduled_at.astimezone(datetime.UTC).replace(tzinfo=None)
    assert when == datetime.datetime(2027, 3, 18, 8, 0)  # 9:00 in Paris, in winter
    page.goto("about:blank")
