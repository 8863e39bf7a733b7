"""Editors generate a series of séances, then adjust single dates in the editor."""

import datetime
from html import unescape

import pytest

from agenda.models import EventPage
from agenda.series import MONTHS, WEEKS, series_dates

from .factories import make_event

D = datetime.date


def test_every_two_months_on_the_second_tuesday_until_june():
    assert series_dates(D(2027, 1, 1), D(2027, 6, 30), 2, MONTHS, 1, 2) == [
        D(2027, 1, 12),
        D(2027, 3, 9),
        D(2027, 5, 11),
    ]


def test_a_monthly_series_skips_an_occurrence_before_the_first_date_and_knows_the_last_week():
    # The 2nd Tuesday of January 2027 is the 12th: a series from the 20th starts in March.
    assert series_dates(D(2027, 1, 20), D(2027, 6, 30), 2, MONTHS, 1, 2)[0] == D(2027, 3, 9)
    assert series_dates(D(2027, 1, 1), D(2027, 3, 31), 1, MONTHS, 4, -1) == [
        D(2027, 1, 29),
        D(2027, 2, 26),
        D(2027, 3, 26),
    ]


def test_every_other_week_on_wednesdays():
    assert series_dates(D(2027, 1, 11), D(2027, 2, 28), 2, WEEKS, 2) == [
        D(2027, 1, 13),
        D(2027, 1, 27),
        D(2027, 2, 10),
        D(2027, 2, 24),
    ]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "x" * 12)
    client.force_login(user)
    return client


@pytest.fixture
def atelier(index, venues):
    return make_event(
        index,
        "Cycle de qualification",
        [dict(date=D(2027, 1, 5), start_time=datetime.time(9), venue=venues["rennes"])],
    )


def _url(event):
    return f"/admin/agenda/evenement/{event.pk}/seances/serie/"


GOOD = {
    "first_date": "2027-01-01",
    "interval": "2",
    "unit": "months",
    "weekday": "1",
    "occurrence": "2",
    "until": "2027-06-30",
    "start_time": "09:30",
    "end_time": "16:30",
}


@pytest.mark.django_db
def test_the_series_form_is_reached_from_the_event_editor_in_french(editor, atelier):
    edit = editor.get(f"/admin/pages/{atelier.pk}/edit/")
    assert _url(atelier) in edit.text
    assert "Générer une série de séances" in edit.text
    response = editor.get(_url(atelier))
    assert response.status_code == 200
    for label in ("Première date", "Tous les", "Jour de la semaine", "Jusqu’au", "Lieu"):
        assert label in response.text


@pytest.mark.django_db
def test_bad_input_gives_french_errors_and_adds_nothing(editor, atelier, venues):
    bad = {**GOOD, "occurrence": "", "until": "2026-01-01", "end_time": "08:00"}
    response = editor.post(_url(atelier), {**bad, "venue": venues["rennes"].pk})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Choisissez quelle semaine du mois" in html
    assert "La date de fin de série doit être après la première date." in html
    assert "L’heure de fin doit être postérieure à l’heure de début." in html
    # "25:00" is refused once, not also "give the start time".
    late = editor.post(_url(atelier), {**GOOD, "start_time": "25:00", "venue": venues["rennes"].pk})
    assert late.status_code == 400
    assert "Indiquez aussi l’heure de début" not in unescape(late.content.decode())
    assert 'value="25:00"' in late.content.decode()
    response = editor.post(_url(atelier), GOOD)  # neither venue nor online
    assert "Choisissez un lieu, ou indiquez que les séances sont en ligne." in response.text
    response = editor.post(_url(atelier), {**GOOD, "interval": "²", "venue": venues["rennes"].pk})
    assert response.status_code == 400
    assert EventPage.objects.get(pk=atelier.pk).latest_revision_id == atelier.latest_revision_id


@pytest.mark.django_db
def test_a_good_series_lands_in_a_draft_revision_and_the_live_page_is_unchanged(
    editor, atelier, venues
):
    data = {**GOOD, "venue": venues["nantes"].pk}
    preview = editor.post(_url(atelier), {**data, "preview": "1"})
    assert preview.status_code == 200
    assert "3 dates dans cette série" in preview.text and "mardi 9 mars 2027" in preview.text
    assert EventPage.objects.get(pk=atelier.pk).latest_revision_id == atelier.latest_revision_id

    response = editor.post(_url(atelier), data, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{atelier.pk}/edit/"
    assert "3 séances ajoutées à un brouillon" in response.text
    event = EventPage.objects.get(pk=atelier.pk)
    assert event.has_unpublished_changes
    assert event.seances.count() == 1  # still live as it was
    draft = event.get_latest_revision_as_object()
    seances = sorted(draft.seances.all(), key=lambda s: s.date)
    assert [s.date for s in seances] == [
        D(2027, 1, 5),
        D(2027, 1, 12),
        D(2027, 3, 9),
        D(2027, 5, 11),
    ]
    assert {(s.venue_id, s.start_time) for s in seances[1:]} == {
        (venues["nantes"].pk, datetime.time(9, 30))
    }
    # The editor shows the draft's séances, ready to adjust.
    assert "09/03/2027" in editor.get(f"/admin/pages/{event.pk}/edit/").text  # jj/mm/aaaa
    # Once published, they are séances of the event.
    event.get_latest_revision().publish()
    assert event.seances.count() == 4
    # The same series again adds nothing.
    editor.post(_url(atelier), data)
    assert (
        len(EventPage.objects.get(pk=atelier.pk).get_latest_revision_as_object().seances.all()) == 4
    )


@pytest.mark.django_db
def test_only_editors_of_the_page_generate_series(client, django_user_model, atelier):
    user = django_user_model.objects.create_user("lecteur", "l@example.org", "x" * 12)
    client.force_login(user)
    assert client.get(_url(atelier)).status_code in (302, 403)
    assert client.post(_url(atelier), GOOD).status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("first, added", [("31/12/9999", 0), ("25/12/9999", 1), ("31/12/9998", 52)])
def test_a_series_reaching_the_end_of_the_calendar_stops_there(
    editor, atelier, venues, first, added
):
    """dateutil cannot compute a week after year 9999 (a 500): the series stops at the last
    Sunday of 9999."""
    late = {**GOOD, "unit": "weeks", "occurrence": "", "weekday": "6", "interval": "1"}
    late.update({"first_date": first, "until": "31/12/9999", "venue": venues["rennes"].pk})
    response = editor.post(_url(atelier), late)
    if not added:
        assert response.status_code == 400
        assert "Aucune date de cette série" in unescape(response.content.decode())
        return
    assert response.status_code == 302
    draft = EventPage.objects.get(pk=atelier.pk).get_latest_revision_as_object()
    days = sorted(s.date for s in draft.seances.all() if s.date.year >= 9999)
    assert len(days) == added and days[-1] == D(9999, 12, 26)


@pytest.mark.django_db
def test_a_monthly_series_reaching_the_end_of_the_calendar_stops_there(editor, atelier, venues):
    late = {**GOOD, "first_date": "01/11/9999", "until": "31/12/9999", "interval": "1"}
    late.update({"weekday": "0", "occurrence": "1", "venue": venues["rennes"].pk})
    assert editor.post(_url(atelier), late).status_code == 302
    draft = EventPage.objects.get(pk=atelier.pk).get_latest_revision_as_object()
    assert sorted(s.date for s in draft.seances.all() if s.date.year == 9999) == [
        D(9999, 11, 1),
        D(9999, 12, 6),
    ]
