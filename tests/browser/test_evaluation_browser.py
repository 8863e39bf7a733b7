"""An attendee answers the fiche d'évaluation from the link e-mailed the day after the séance,
once; the centre's team reads the anonymous result in the admin. In a real browser."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from .axe import assert_accessible
from .signin import sign_in_as_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def attended(demo_site):
    """Yesterday's atelier (a format the demo evaluates), Nolwenn marked present."""
    from agenda.models import AgendaIndexPage, Registration
    from tests.agenda.factories import make_event

    event = make_event(
        AgendaIndexPage.objects.get(),
        "Atelier d'hier sur la participation des habitants",
        [dict(date=timezone.localdate() - datetime.timedelta(days=1))],
        fmt="Atelier",
    )
    Registration.objects.create(
        event=event,
        seance=event.seances.get(),
        name="Nolwenn Le Bihan",
        email="nolwenn@example.org",
        status="confirmed",
        attended=True,
    )
    return event


def test_an_attendee_answers_once_and_the_team_reads_it(
    attended, live_server, page, django_user_model, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    mail.outbox.clear()
    call_command("send_evaluations", stdout=open("/dev/null", "w"))
    (message,) = mail.outbox
    assert message.to == ["nolwenn@example.org"] and message.subject.startswith("Votre avis")
    link = re.search(r"https?://\S+/evaluation/\?jeton=\S+", message.body).group(0)
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Votre avis")
    assert_accessible(page)

    # A missing rating is refused in French, and what was written stays.
    page.get_by_label(re.compile("Ce que vous retenez")).fill("Des échanges très concrets.")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("alert")).to_contain_text("Veuillez corriger")
    expect(page.get_by_label(re.compile("Ce que vous retenez"))).to_have_value(
        "Des échanges très concrets."
    )
    assert_accessible(page)
    for question in ("satisfait", "utiles", "riches"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("status")).to_contain_text("vos réponses sont enregistrées")
    assert_accessible(page)

    # The same link again: already answered.
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    expect(page.get_by_role("alert")).to_contain_text("déjà été remplie")

    # The team reads it from the event's registrants, without a name.
    sign_in_as_editor(page, live_server, django_user_model)
    page.goto(live_server.url + f"/admin/agenda/evenement/{attended.pk}/inscriptions/")
    page.get_by_role("link", name="Évaluations").click()
    main = page.locator("main")
    expect(main).to_contain_text("1 réponse")
    expect(main).to_contain_text("moyenne 4,0 / 5")
    expect(main).to_contain_text("Des échanges très concrets.")
    expect(main).not_to_contain_text("Nolwenn")
