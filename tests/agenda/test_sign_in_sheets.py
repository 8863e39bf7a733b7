"""A sign-in sheet per séance: in a series, the team prints the list of those expected at each
séance (its own registrants and those registered to the whole event), from the registrations'
page; the event's sheet stays as it was."""

import csv
import io
from html import unescape

import pytest

from agenda.models import Registration
from resource_centre.dates import french_date

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


@pytest.fixture
def staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("e", "e@example.org", "x" * 12))


@pytest.mark.parametrize("per_seance", [False, True])
def test_each_seance_of_a_series_has_its_sign_in_sheet(client, staff, events, today, per_seance):
    event = events["atelier"]
    event.registration_enabled, event.registration_per_seance = True, per_seance
    event.save_revision().publish()
    first, second = event.seances.filter(day__gte=today).order_by("day")
    whole = None if per_seance else "tous"
    for name, seance in (("Awa", first), ("Bruno", second), ("Chloé", second)):
        Registration.objects.create(
            event=event,
            seance=seance if per_seance else None,
            name=f"{name} {whole or seance.pk}",
            email=f"{name.lower()}@example.org",
            status="confirmed",
            attended=True,  # ticked: at the first séance, for a registration to the series
        )
    Registration.objects.create(
        event=event,
        seance=second if per_seance else None,
        name="Annulé",
        email="x@example.org",
        status="cancelled",
    )

    page = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").content.decode()
    url = f"/admin/agenda/evenement/{event.pk}/inscriptions.csv?seance={second.pk}"
    assert f'href="{url}"' in page
    day = french_date(first.effective_date, "l j F Y")
    assert f"Séance du {day}, 09h30 à 16h30 – Le relogement :" in " ".join(unescape(page).split())
    rows = _sheet(client.get(url))
    assert rows[0][0] == "Séance" and rows[0][-1] == "Signature"
    names = sorted(row[1] for row in rows[1:])
    if per_seance:
        assert names == [f"Bruno {second.pk}", f"Chloé {second.pk}"]
    else:
        assert names == ["Awa tous", "Bruno tous", "Chloé tous"]
    assert {row[0] for row in rows[1:]} == {second.effective_date.isoformat()}
    # Present at the whole event says nothing of this séance: left blank until it is ticked
    # (tests/agenda/test_seance_attendance.py).
    assert {row[9] for row in rows[1:]} == ({"oui"} if per_seance else {""})
    # The event's own sheet names everyone expected, as before.
    everyone = _sheet(client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions.csv"))
    assert len(everyone) == 4


def test_a_sheet_for_no_seance_of_the_event_is_not_found(client, staff, events):
    event, other = events["atelier"], events["cooper"]
    base = f"/admin/agenda/evenement/{event.pk}/inscriptions.csv?seance="
    for garbage in ("abc", "", "-1", "9" * 40, "1e3", "²", str(other.seances.first().pk)):
        assert client.get(base + garbage).status_code == 404, garbage
    # Nor for a cancelled séance: nobody is expected there.
    cancelled = other.seances.get(status="cancelled")
    url = f"/admin/agenda/evenement/{other.pk}/inscriptions.csv?seance={cancelled.pk}"
    assert client.get(url).status_code == 404


def test_a_single_seance_event_offers_no_sheet_per_seance(client, staff, events):
    event = events["petit_dej"]
    page = client.get(f"/admin/agenda/evenement/{event.pk}/inscriptions/").content.decode()
    assert "?seance=" not in page
