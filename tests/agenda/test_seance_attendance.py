"""Who came to each séance of a series: the team ticks a séance's signed sheet on screen, for
those registered to that séance and those registered to the whole series; the séance's CSV
sheet and the registrations page say it back, and a registration counts as attended (for the
bilan, the evaluations) when its person came to at least one séance."""

import csv
import io
from html import unescape

import pytest
from django.contrib.auth.models import Permission

from agenda.models import Attendance, Registration
from resource_centre.dates import french_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("e", "e@example.org", "x" * 12))


def _series(events, today, per_seance=False):
    event = events["atelier"]
    event.registration_enabled, event.registration_per_seance = True, per_seance
    event.save_revision().publish()
    first, second = event.seances.filter(day__gte=today).order_by("day")
    return event, first, second


def _register(event, name, seance=None, status="confirmed"):
    return Registration.objects.create(
        event=event, seance=seance, name=name, email=f"{name.lower()}@example.org", status=status
    )


def _urls(event, seance):
    base = f"/admin/agenda/evenement/{event.pk}"
    return f"{base}/seance/{seance.pk}/presences/", f"{base}/inscriptions.csv?seance={seance.pk}"


def _present_column(client, csv_url):
    response = client.get(csv_url)
    body = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    present = rows[0].index("Présents")
    return {row[1]: row[present] for row in rows[1:]}


def test_the_team_ticks_each_seance_of_a_series_for_its_whole_registrants(
    client, staff, events, today
):
    event, first, second = _series(events, today)
    awa, bruno = _register(event, "Awa"), _register(event, "Bruno")
    _register(event, "Chloé", status="waiting")
    page_url, _ = _urls(event, first)

    registrations = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").text
    assert f'href="{page_url}"' in registrations
    day = french_date(first.effective_date, "l j F Y")
    assert f"Séance du {day}, 09h30 à 16h30 – Le relogement :" in " ".join(
        unescape(registrations).split()
    )
    sheet = client.get(page_url).text
    assert f"Présences à la séance du {day}" in unescape(sheet)
    assert "Awa" in sheet and "Bruno" in sheet and "Chloé" not in sheet  # waiting: not expected
    assert "checked" not in sheet and "toute la série" in sheet

    response = client.post(page_url, {"shown": [awa.pk, bruno.pk], "present": [awa.pk]})
    assert response.status_code == 302
    assert f"Présences à la séance du {day} enregistrées." in unescape(
        client.get(response["Location"]).text
    )
    awa.refresh_from_db(), bruno.refresh_from_db()
    # Bruno may still come to the second séance: not known yet.
    assert (awa.attended, bruno.attended) == (True, None)
    # Bruno came to the second séance only; Awa, having come to the first, still counts.
    client.post(_urls(event, second)[0], {"shown": [awa.pk, bruno.pk], "present": [bruno.pk]})
    awa.refresh_from_db(), bruno.refresh_from_db()
    assert (awa.attended, bruno.attended) == (True, True)
    assert set(Attendance.objects.values_list("registration__name", "seance", "present")) == {
        ("Awa", first.pk, True),
        ("Bruno", first.pk, False),
        ("Awa", second.pk, False),
        ("Bruno", second.pk, True),
    }
    # Each séance's sheet says who came to it; the page ticks them back.
    assert _present_column(client, _urls(event, first)[1]) == {"Awa": "oui", "Bruno": "non"}
    assert _present_column(client, _urls(event, second)[1]) == {"Awa": "non", "Bruno": "oui"}
    assert (
        f'value="{bruno.pk}" id="present-{bruno.pk}" checked'
        in client.get(_urls(event, second)[0]).text
    )
    # The registrations page counts their séances, and has no single tick to undo them.
    registrations = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").text
    assert registrations.count("1 séance sur 3") == 2  # the atelier's third séance is past
    assert f'name="present" value="{awa.pk}"' not in registrations
    client.post(
        f"/admin/agenda/evenement/{event.pk}/inscriptions/", {"shown": [awa.pk], "present": []}
    )
    awa.refresh_from_db()
    assert awa.attended is True
    # The second séance is cancelled after all: Bruno's tick there no longer counts, and he
    # did not come to the first; the third is not ticked yet.
    _cancel(event, second)
    awa.refresh_from_db(), bruno.refresh_from_db()
    assert (awa.attended, bruno.attended) == (True, None)
    assert client.get(_urls(event, second)[0]).status_code == 404
    past = event.seances.get(day__lt=today)
    client.post(_urls(event, past)[0], {"shown": [awa.pk, bruno.pk], "present": []})
    awa.refresh_from_db(), bruno.refresh_from_db()
    assert (awa.attended, bruno.attended) == (True, False)


def _cancel(event, seance):
    page = event.get_latest_revision_as_object()
    seances = list(page.seances.all())
    for row in seances:
        if row.pk == seance.pk:
            row.status = "cancelled"
    page.seances = seances
    page.save_revision().publish()


def test_ticks_for_the_whole_event_are_shown_until_a_seance_is_ticked(client, staff, events, today):
    """Before attendance per séance, a registration to a series had one tick: it stays shown,
    and is kept when the event is published again."""
    event, first, _second = _series(events, today)
    awa, bruno = _register(event, "Awa"), _register(event, "Bruno")
    Registration.objects.filter(pk=awa.pk).update(attended=True)
    Registration.objects.filter(pk=bruno.pk).update(attended=False)
    event.get_latest_revision_as_object().save_revision().publish()
    awa.refresh_from_db(), bruno.refresh_from_db()
    assert (awa.attended, bruno.attended) == (True, False)
    registrations = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").text
    assert "oui (pointé pour tout l’événement)" in registrations
    assert "non (pointé pour tout l’événement)" in registrations
    _register(event, "Chloé")
    assert (
        "Chloé : pas encore pointé"
        in client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").text
    )


def test_an_event_of_one_seance_is_ticked_on_its_registrations_page(client, staff, events):
    event = events["petit_dej"]
    seance = event.seances.get()
    assert client.get(_urls(event, seance)[0]).status_code == 404
    assert "/presences/" not in client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").text


def test_a_seance_s_own_registrants_are_ticked_on_its_sheet(client, staff, events, today):
    event, first, second = _series(events, today, per_seance=True)
    awa, bruno = _register(event, "Awa", first), _register(event, "Bruno", second)
    page_url, csv_url = _urls(event, second)
    assert "Awa" not in client.get(page_url).text
    # Awa is not on the second séance's sheet: her id posted there changes nothing.
    client.post(page_url, {"shown": [awa.pk, bruno.pk], "present": [awa.pk, bruno.pk]})
    awa.refresh_from_db(), bruno.refresh_from_db()
    assert (awa.attended, bruno.attended) == (None, True)
    assert not Attendance.objects.exists()
    assert _present_column(client, csv_url) == {"Bruno": "oui"}
    # On the registrations page, a registration to one séance keeps its own tick.
    registrations = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").text
    assert f'name="present" value="{bruno.pk}" id="present-{bruno.pk}" checked' in registrations


def test_garbage_and_other_events_seances_are_refused(client, staff, events, today):
    event, first, _second = _series(events, today)
    awa = _register(event, "Awa")
    other = events["cooper"]
    base = f"/admin/agenda/evenement/{event.pk}/seance/"
    assert client.get(f"{base}{other.seances.first().pk}/presences/").status_code == 404
    cancelled = other.seances.get(status="cancelled")
    url = f"/admin/agenda/evenement/{other.pk}/seance/{cancelled.pk}/presences/"
    assert client.get(url).status_code == 404
    for garbage in ("abc", "-1", "9" * 40, "²"):
        assert client.get(f"{base}{garbage}/presences/").status_code == 404, garbage
    page_url, _ = _urls(event, first)
    garbage = ["abc", "", "-1", "9" * 40, "1e3", "²", "<b>"]
    response = client.post(page_url, {"shown": [*garbage, awa.pk], "present": garbage})
    assert response.status_code == 302
    assert Attendance.objects.get(registration=awa, seance=first).present is False


def test_ticking_needs_the_change_permission(client, events, today, django_user_model):
    event, first, _second = _series(events, today)
    awa = _register(event, "Awa")
    page_url, _ = _urls(event, first)
    user = django_user_model.objects.create_user("lecteur", "l@example.org", "x" * 12)
    for codename in ("access_admin", "view_registration"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    page = client.get(page_url)
    assert page.status_code == 200 and "disabled" in page.text
    assert "Enregistrer les présences" not in page.text
    assert client.post(page_url, {"shown": [awa.pk], "present": [awa.pk]}).status_code in (302, 403)
    awa.refresh_from_db()
    assert awa.attended is None and not Attendance.objects.exists()


@pytest.mark.parametrize("per_seance", [False, True])
def test_a_seance_s_sheet_runs_a_fixed_number_of_queries(
    client, staff, events, today, count_queries, per_seance
):
    event, first, _second = _series(events, today, per_seance)
    page_url, _ = _urls(event, first)
    seance = first if per_seance else None

    def queries(size):
        people = [_register(event, f"Personne {size} {n}", seance) for n in range(size)]
        shown = [p.pk for p in people]
        client.get(page_url)  # what a process looks up once (content types…) is not counted
        reading, response = count_queries(client.get, page_url)
        assert response.status_code == 200 and f"Personne {size} {size - 1}" in response.text
        ticking, response = count_queries(client.post, page_url, {"shown": shown, "present": shown})
        assert response.status_code == 302
        assert Registration.objects.filter(pk__in=shown, attended=True).count() == size
        return reading, ticking

    # Both under the 20 rows whose bulk insert the tests analyse on PostgreSQL (tests/planner.py).
    assert queries(2) == queries(19)
