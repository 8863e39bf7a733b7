"""The agenda's part of the bilan d'activité, read on the admin page: each figure against a count
the test makes itself from the rows it created; a fixed number of queries at two sizes."""

import datetime
import io
import re
from html import unescape

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from agenda.models import Registration, ReseauPage, Seance, Venue
from resource_centre.models import PublicVise, Thematique

from .factories import bulk_events, make_event

pytestmark = pytest.mark.django_db
URL = "/admin/resource-centre/bilan/"
D = datetime.date


def figures(page):
    return {
        key: unescape(value)
        for key, value in re.findall(r'data-figure="agenda\.(\w+)">([^<]*)<', page)
    }


def table(page, key):
    """{row label: [cells]} of one data table of the page."""
    found = re.search(rf'data-table="agenda\.{key}">(.*?)</table>', page, re.S)
    if not found:
        return {}
    rows = {}
    for label, cells in re.findall(
        r'<th scope="row">(?:<a href="[^"]*">)?([^<]*)(?:</a>)?</th>(.*?)</tr>',
        found.group(1),
        re.S,
    ):
        values = re.findall(r'<td class="bilan-number">([^<]*)</td>', cells)
        rows[unescape(label)] = [int(v) if v.isdigit() else v for v in values]
    return rows


@pytest.fixture
def agenda(index):
    """Events of 2024, 2025 and 2026, their séances and registrations, as the team would have
    them: per séance and per event, attendance marked or not, cancellations, a waiting list."""
    nantes = Venue.objects.create(name="Salle Bellamy", postcode="44000", city="Nantes")
    rennes = Venue.objects.create(name="Le Blosne", postcode="35200", city="Rennes")
    sante = Thematique.objects.create(name="Santé test")
    elus = PublicVise.objects.create(name="Élus test")
    reseau = ReseauPage(title="Réseau des adultes relais")
    index.add_child(instance=reseau)
    reseau.save_revision().publish()
    atelier = make_event(
        index,
        "Atelier santé",
        [
            dict(date=D(2025, 3, 10), venue=nantes),
            dict(date=D(2025, 5, 12), venue=rennes),
            dict(date=D(2025, 7, 1), venue=rennes, status=Seance.Status.CANCELLED),
        ],
        registration_enabled=True,
        registration_per_seance=True,
        thematiques=[sante],
        publics=[elus],
    )
    meeting = make_event(
        index,
        "Rencontre du réseau",
        [dict(date=D(2025, 10, 2), online=True), dict(date=D(2026, 1, 15), venue=nantes)],
        fmt="Réseau",
        reseau=reseau,
        registration_enabled=True,
    )
    old = make_event(index, "Journée 2024", [dict(date=D(2024, 11, 5), venue=rennes)])
    postponed = make_event(
        index,
        "Journée reportée",
        [
            dict(
                date=D(2024, 12, 20),
                new_date=D(2025, 1, 20),
                status=Seance.Status.POSTPONED,
                venue=rennes,
            )
        ],
        fmt="Journée thématique",
    )
    s1, s2, s3 = atelier.seances.order_by("date")
    (p1,) = postponed.seances.all()
    (o1,) = old.seances.all()
    C, W, X = "confirmed", "waiting", "cancelled"
    rows = [
        # event, séance, e-mail, status, attended
        (atelier, s1, "awa@example.org", C, True),
        (atelier, s1, "Bruno@example.org", C, True),
        (atelier, s1, "chloe@example.org", C, False),
        (atelier, s1, "dan@example.org", X, None),
        (atelier, s2, "awa@example.org", C, True),
        (atelier, s2, "eva@example.org", C, None),
        (atelier, s2, "fred@example.org", W, None),
        (atelier, s3, "gus@example.org", X, None),
        (meeting, None, "bruno@example.org", C, True),  # same person as Bruno@, in another case
        (meeting, None, "hana@example.org", C, True),
        (meeting, None, "ines@example.org", C, False),
        (postponed, p1, "jo@example.org", C, True),
        (old, o1, "kim@example.org", C, True),
        (old, o1, "lou@example.org", C, True),
    ]
    for event, seance, email, status, attended in rows:
        Registration.objects.create(
            event=event, seance=seance, name=email, email=email, status=status, attended=attended
        )
    first_day = {  # the day a registration to the whole event belongs to
        e.pk: min(s.effective_date for s in e.seances.all() if s.status != "cancelled")
        for e in (atelier, meeting, old, postponed)
    }
    regs = [
        dict(
            event=e,
            day=s.effective_date if s else first_day[e.pk],
            email=m,
            status=st,
            attended=a,
        )
        for e, s, m, st, a in rows
    ]
    seances = [s for e in (atelier, meeting, old, postponed) for s in e.seances.all()]
    return dict(regs=regs, seances=seances, reseau=reseau, atelier=atelier, meeting=meeting)


def _in(year, day):
    return day.year == year


def test_agenda_figures_match_counts_from_the_rows(admin_client, agenda):
    page = admin_client.get(URL + "?annee=2025").content.decode()
    got = figures(page)
    for year, column in ((2025, 0), (2024, 1)):
        seances = [s for s in agenda["seances"] if _in(year, s.effective_date)]
        held = [s for s in seances if s.status != "cancelled"]
        regs = [r for r in agenda["regs"] if _in(year, r["day"])]
        present = [r for r in regs if r["attended"] is True]
        absent = [r for r in regs if r["attended"] is False and r["status"] == "confirmed"]
        in_person = [s for s in held if not s.online]
        expected = {
            "events": len({s.event_id for s in held}),
            "seances": len(held),
            "seances_cancelled": len(seances) - len(held),
            "online": len([s for s in held if s.online]),
            "confirmed": len([r for r in regs if r["status"] == "confirmed"]),
            "present": len(present),
            "people": len({r["email"].lower() for r in present}),
            "absent": len(absent),
            "unmarked": len(
                [r for r in regs if r["status"] == "confirmed" and r["attended"] is None]
            ),
            "cancellations": len([r for r in regs if r["status"] == "cancelled"]),
            "waiting": len([r for r in regs if r["status"] == "waiting"]),
        }
        if column == 0:
            assert {k: int(got[k]) for k in expected} == expected
            # The same figures in the XLSX export, on the agenda's own sheet.
            response = admin_client.get(URL + "bilan.xlsx?annee=2025")
            sheet = load_workbook(io.BytesIO(response.content))["Agenda"]
            rows = {row[0]: row[1:3] for row in sheet.iter_rows(values_only=True) if row}
            assert rows["Participants présents"][0] == expected["present"]
            assert rows["Séances tenues"][0] == expected["seances"]
            rate = 100 * len(present) / (len(present) + len(absent))
            assert got["attendance_rate"] == f"{rate:.1f}".replace(".", ",") + "\xa0%"
            outside = [s for s in in_person if s.venue.city != "Nantes"]
            share = 100 * len(outside) / len(in_person)
            assert got["outside_share"] == f"{share:.1f}".replace(".", ",") + "\xa0%"
        else:
            # The previous year's column, beside it.
            for key, value in expected.items():
                assert re.search(
                    rf'data-figure="agenda\.{key}">[^<]*</td>\s*<td class="bilan-number">{value}<',
                    page,
                ), key


def test_each_agenda_figure_links_to_the_events_that_make_it(admin_client, agenda):
    """Following a figure's link gives the events of the period, whose totals are the figure."""
    page = admin_client.get(URL + "?annee=2025").content.decode()
    got = figures(page)
    link = re.search(
        r'<a href="([^"]+)">Inscriptions confirmées</a></th>\s*<td[^>]*data-figure="agenda\.confirmed"',
        page,
    ).group(1)
    assert unescape(link) == "/admin/agenda/evenements/?du=01/01/2025&au=31/12/2025"
    listing = admin_client.get(unescape(link)).content.decode()
    assert "Événements tenus en 2025" in unescape(listing)
    total = re.search(r'<tr data-event="total">(.*?)</tr>', listing, re.S).group(1)
    cells = [int(v) for v in re.findall(r"<td>(\d+)</td>", total)]
    keys = ["seances", "confirmed", "present", "absent", "cancellations", "waiting", "evaluations"]
    assert dict(zip(keys, cells, strict=True)) == {k: int(got[k]) for k in keys}
    rows = re.findall(r'<tr data-event="\d+">(.*?)</tr>', listing, re.S)
    held = [r for r in rows if int(re.findall(r"<td>(\d+)</td>", r)[0]) > 0]
    assert len(held) == int(got["events"])
    # Garbage in the period: a French message and the current year, never an error page.
    response = admin_client.get("/admin/agenda/evenements/?du=32/13/2025&au=x", follow=True)
    assert response.status_code == 200
    assert "« 32/13/2025 » n’est pas une date" in unescape(response.content.decode())


def test_agenda_tables_match_counts_from_the_rows(admin_client, agenda):
    page = admin_client.get(URL + "?du=01/01/2025&au=31/12/2025").content.decode()
    regs = [r for r in agenda["regs"] if r["day"].year == 2025]
    held = [
        s for s in agenda["seances"] if s.effective_date.year == 2025 and s.status != "cancelled"
    ]
    atelier_regs = [r for r in regs if r["event"] == agenda["atelier"]]
    assert table(page, "formats")["Atelier"] == [
        1,
        len([s for s in held if s.event_id == agenda["atelier"].pk]),
        len([r for r in atelier_regs if r["status"] == "confirmed"]),
        len([r for r in atelier_regs if r["attended"]]),
    ]
    assert table(page, "thematiques")["Santé test"] == [1, 2]
    assert table(page, "publics")["Élus test"] == [len([r for r in atelier_regs if r["attended"]])]
    meeting_present = {
        r["email"].lower() for r in regs if r["event"] == agenda["meeting"] and r["attended"]
    }
    assert table(page, "reseaux")["Réseau des adultes relais"] == [1, len(meeting_present)]
    months = table(page, "months")
    assert len(months) == 12
    assert sum(v[0] for v in months.values()) == len(held)
    assert table(page, "villes") == {
        "Rennes": [len([s for s in held if not s.online and s.venue.city == "Rennes"])],
        "Nantes": [len([s for s in held if not s.online and s.venue.city == "Nantes"])],
    }


def test_participants_are_counted_by_the_territory_they_come_from(admin_client, agenda):
    """The territory typed at registration, recognised among the reference territoires, rolls
    up to its EPCI, département and région; a QPV named after its commune is found too."""
    typed = ["Rennes – Maurepas", "rennes", "Nantes", "Nulle-Part-sur-Mer", ""]
    present = list(Registration.objects.filter(attended=True).order_by("pk"))
    for n, registration in enumerate(present):
        registration.territoire = typed[n % len(typed)]
        registration.save()
    assert Registration.objects.get(pk=present[0].pk).recognised_territoire.name == "Maurepas"
    page = admin_client.get(URL + "?annee=2025").content.decode()
    in_2025 = {r["email"] for r in agenda["regs"] if r["day"].year == 2025 and r["attended"]}
    came = [typed[n % len(typed)] for n, r in enumerate(present) if r.email in in_2025]
    rennes = len([t for t in came if t.lower().startswith("rennes")])
    nantes = came.count("Nantes")
    expected = {
        "Bretagne (région)": [rennes],
        "Pays de la Loire (région)": [nantes],
        "Ille-et-Vilaine (département)": [rennes],
        "Loire-Atlantique (département)": [nantes],
        "Rennes Métropole (EPCI)": [rennes],
        "Nantes Métropole (EPCI)": [nantes],
        "Maurepas (QPV)": [came.count("Rennes – Maurepas")],
        "Territoire non renseigné ou non reconnu": [len(came) - rennes - nantes],
    }
    got = table(page, "provenance")
    assert {k: v for k, v in got.items() if v != [0]} == {
        k: v for k, v in expected.items() if v != [0]
    }


def test_the_agenda_section_runs_a_fixed_number_of_queries(admin_client, index, count_queries):
    def grow(count):
        events = bulk_events(index, count, seances_per_event=2, start=D(2025, 1, 1))
        seances = Seance.objects.filter(event_id__in=[e.pk for e in events])
        Registration.objects.bulk_create(
            Registration(
                event_id=s.event_id,
                seance=s,
                name="x",
                email=f"p{s.pk}-{k}@example.org",
                status="confirmed",
                attended=k % 3 != 0,
                created_at=timezone.now(),
            )
            for s in seances
            for k in range(4)
        )

    grow(5)
    small, response = count_queries(admin_client.get, URL + "?annee=2025")
    assert response.status_code == 200
    grow(60)
    large, response = count_queries(admin_client.get, URL + "?annee=2025")
    assert int(figures(response.content.decode())["present"]) > 200
    assert small == large


def test_the_demo_bilan_reads_the_past_seances_sign_in_sheets(admin_client, demo_site):
    from demo.content import agenda as demo_agenda

    today = timezone.localdate()
    rows = list(Registration.objects.select_related("seance"))
    assert rows and all(r.seance.effective_date < today for r in rows)
    demo_agenda.load()  # loading again adds no one
    assert Registration.objects.count() == len(rows)
    # The last twelve months, whatever today's date (the demo places its séances around it).
    year_ago = today - datetime.timedelta(days=365)
    this_year = [r for r in rows if r.seance.effective_date > year_ago]
    page = admin_client.get(
        URL + f"?du={year_ago + datetime.timedelta(days=1):%d/%m/%Y}&au={today:%d/%m/%Y}"
    )
    got = figures(page.content.decode())
    assert int(got["present"]) == len([r for r in this_year if r.attended]) > 50
    assert int(got["absent"]) == len([r for r in this_year if r.attended is False]) > 0
    assert int(got["people"]) == len({r.email for r in this_year if r.attended})
