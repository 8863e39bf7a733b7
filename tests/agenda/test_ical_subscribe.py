"""Subscribing to the agenda: webcal:// and http(s) links to a feed of the visitor's selection,
named after the centre and the filters, read back through real calendar parsers."""

import datetime
import html as html_lib
import io
import re

import pytest
import recurring_ical_events
from django.utils import timezone
from icalendar import Calendar

from agenda.models import EventPage, Registration
from agenda.series import WEEKS, series_dates
from resource_centre.models import Territoire

from .factories import bulk_events, make_event

pytestmark = pytest.mark.django_db


def subscribe_links(html):
    """The webcal:// link and the http(s) address of the feed on an agenda page."""
    webcal = re.search(r'href="(webcal://[^"]+)"', html)
    address = re.search(r'href="(https?://[^"]+/ical/[^"]*)"', html)
    assert webcal and address, "both subscribe links are on the page"
    return html_lib.unescape(webcal.group(1)), html_lib.unescape(address.group(1))


def text(value):
    """A TEXT value as calendar clients show it (RFC 5545 § 3.3.11: icalendar's parser leaves
    the calendar's NAME and X- properties escaped)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_a_filtered_listing_subscribes_to_a_feed_of_the_same_selection(client, events):
    bretagne = Territoire.objects.get(kind="region", code="53")
    query = f"thematique=renovation-urbaine&territoire={bretagne.pk}"
    html = client.get(f"/agenda/?{query}").text
    webcal, address = subscribe_links(html)
    assert "S’abonner à cette sélection (iCal)" in html
    assert "Adresse du flux pour Google Agenda ou Outlook" in html
    assert address == f"{events['atelier'].get_parent().full_url}ical/?{query}"
    assert webcal == "webcal://" + address.split("://", 1)[1]

    response = client.get(address)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'inline; filename="reso-villes-agenda-renovation-urbaine-bretagne.ics"'
    )
    calendar = Calendar.from_ical(response.content)
    name = "RésO Villes — Agenda : Rénovation urbaine, Bretagne"
    assert text(calendar["X-WR-CALNAME"]) == name and text(calendar["NAME"]) == name
    assert str(calendar["URL"]) == f"{events['atelier'].get_parent().full_url}?{query}"
    assert str(calendar["SOURCE"]) == address
    assert "Sélection : Rénovation urbaine, Bretagne." in text(calendar["X-WR-CALDESC"])
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=1)
    # The atelier's séance held in Brittany (Rennes; its two in Nantes are not), and nothing
    # else: the listing's filters.
    summaries = sorted(str(v["SUMMARY"]) for v in calendar.walk("VEVENT"))
    assert summaries == ["Atelier projet urbain et social – Le relogement"]

    # The month view of the same selection subscribes to the same feed.
    month = client.get(f"/agenda/mois/?{query}").text
    assert subscribe_links(month) == (webcal, address)


def test_a_subscription_to_a_deleted_thematique_goes_empty_rather_than_wide(client, events):
    """A calendar client polls unattended: a filter none of whose values is known any more
    matches nothing, while the listing (read by a person) ignores it with a notice."""
    from resource_centre.models import Thematique

    def summaries(query):
        return {str(v["SUMMARY"]) for v in feed(client, f"/agenda/ical/?{query}").walk("VEVENT")}

    everything = summaries("")
    renovation = summaries("thematique=renovation-urbaine")
    assert renovation and renovation < everything
    Thematique.objects.get(slug="renovation-urbaine").delete()
    assert summaries("thematique=renovation-urbaine") == set()
    assert summaries("ville=Atlantide") == set()
    assert summaries("thematique=renovation-urbaine&format=zzz") == set()
    # A known value beside the unknown one still selects (values of a filter combine with OR).
    fmt = events["atelier"].format.slug
    assert summaries(f"format={fmt}&format=zzz") == summaries(f"format={fmt}") != set()
    # Garbage that is no filter value (a date) is still ignored, and a blank value chooses nothing.
    assert summaries("du=pas-une-date") == everything
    assert summaries("ville=&format=&thematique=&territoire=&public=") == everything
    listing = client.get("/agenda/?thematique=renovation-urbaine").text
    assert "n’ont pas été reconnues" in listing or "n'ont pas été reconnues" in listing


def test_the_whole_agenda_is_named_after_the_centre(client, events):
    html = client.get("/agenda/").text
    assert "S’abonner à l’agenda (iCal)" in html
    webcal, address = subscribe_links(html)
    assert address.endswith("/agenda/ical/") and webcal.startswith("webcal://")
    calendar = feed(client, address)
    assert text(calendar["X-WR-CALNAME"]) == "RésO Villes — Agenda"
    assert len(calendar.walk("VEVENT")) == 6

    # Keywords and dates read as words in the name.
    today = timezone.localdate()
    calendar = feed(client, f"/agenda/ical/?q=médiateurs&du={today:%Y-%m-%d}")
    assert text(calendar["X-WR-CALNAME"]) == (
        f"RésO Villes — Agenda : « médiateurs », à partir du {today:%d/%m/%Y}"
    )


def test_titles_carry_their_format_once(client, index, venues, today):
    day = [dict(date=today + datetime.timedelta(days=4), venue=venues["rennes"])]
    make_event(index, "La monoparentalité précaire", day, fmt="Petit-déjeuner")
    make_event(index, "Petit-déjeuner : l'habitat indigne", day, fmt="Petit-déjeuner")
    make_event(index, "petit dejeuner des élus", day, fmt="Petit-déjeuner")
    make_event(index, "Petit guide du relogement", day, fmt="Petit-déjeuner")
    make_event(index, "Réunion du réseau des adultes-relais", day, fmt="Réunion de réseau")
    make_event(
        index, "Journée thématique : projets culturels", day, fmt="Journée thématique / séminaire"
    )
    make_event(index, "Formations des médiateurs", day, fmt="Formation")
    calendar = feed(client, "/agenda/ical/")
    assert sorted(str(v["SUMMARY"]) for v in calendar.walk("VEVENT")) == [
        "Formations des médiateurs",
        "Journée thématique : projets culturels",
        "Petit-déjeuner : La monoparentalité précaire",
        "Petit-déjeuner : Petit guide du relogement",
        "Petit-déjeuner : l'habitat indigne",
        "Réunion du réseau des adultes-relais",
        "petit dejeuner des élus",
    ]
    rss = client.get("/agenda/rss/").text
    assert "Petit-déjeuner : La monoparentalité précaire" in rss
    assert "Petit-déjeuner : Petit-déjeuner" not in rss


def test_a_series_with_its_exceptions_round_trips_through_calendar_parsers(
    client, index, venues, today
):
    """A weekly series: one séance cancelled, one postponed by two days, one full. Expanded over
    two months the way a calendar client shows it, each séance is once at its current date."""
    first = today + datetime.timedelta(days=7)
    dates = series_dates(first, first + datetime.timedelta(days=21), 1, WEEKS, first.weekday())
    assert len(dates) == 4
    statuses = ["planned", "cancelled", "postponed", "full"]
    moved = dates[2] + datetime.timedelta(days=2)
    make_event(
        index,
        "Café des habitants",
        [
            dict(
                date=date,
                start_time=datetime.time(18),
                end_time=datetime.time(20),
                venue=venues["nantes"],
                status=status,
                new_date=moved if status == "postponed" else None,
            )
            for date, status in zip(dates, statuses, strict=True)
        ],
        fmt="Rencontre",
        chapo="Un moment d'échange entre habitants.",
    )
    calendar = feed(client, "/agenda/ical/?q=cafe")
    assert text(calendar["X-WR-CALNAME"]) == "RésO Villes — Agenda : « cafe »"
    assert not any("RRULE" in v for v in calendar.walk("VEVENT"))

    occurrences = recurring_ical_events.of(calendar).between(today, today + datetime.timedelta(60))
    by_day = {o.decoded("DTSTART").date(): o for o in occurrences}
    assert sorted(by_day) == [dates[0], dates[1], moved, dates[3]]  # not the postponed's old day
    assert len({str(o["UID"]) for o in occurrences}) == 4
    for occurrence in occurrences:
        start = occurrence.decoded("DTSTART")
        assert (start.hour, str(start.tzinfo)) == (18, "Europe/Paris")
        assert occurrence.decoded("DTEND").hour == 20

    planned, cancelled, postponed, full = (by_day[d] for d in (dates[0], dates[1], moved, dates[3]))
    assert [str(o["STATUS"]) for o in (planned, cancelled, postponed, full)] == [
        "CONFIRMED",
        "CANCELLED",
        "CONFIRMED",
        "CONFIRMED",
    ]
    assert str(planned["SUMMARY"]) == "Rencontre : Café des habitants"
    assert str(cancelled["SUMMARY"]) == "ANNULÉ : Rencontre : Café des habitants"
    assert str(planned["DESCRIPTION"]).startswith("Un moment d'échange entre habitants.")
    assert str(cancelled["DESCRIPTION"]).startswith("Cette séance est annulée.")
    original = f"{dates[2].day} {_french_month(dates[2])} {dates[2].year} à 18h00"
    assert str(postponed["DESCRIPTION"]).startswith(f"Date reportée, initialement le {original}.")
    assert str(full["DESCRIPTION"]).startswith("Complet.")
    # One publication, one sequence for the event's séances.
    assert len({int(o["SEQUENCE"]) for o in occurrences}) == 1


def _french_month(day):
    months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    return months.split()[day.month - 1]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "x" * 12)
    client.force_login(user)
    return client


def test_an_edit_in_the_admin_raises_the_sequence_and_keeps_the_uids(
    editor, index, venues, today, monkeypatch
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    event = make_event(
        index,
        "Atelier évaluation",
        [
            dict(
                date=today + datetime.timedelta(days=d),
                start_time=datetime.time(9, 30),
                venue=venues["rennes"],
            )
            for d in (5, 12)
        ],
        chapo="Préparer les évaluations.",
    )
    before = {str(v["UID"]): v for v in feed(editor, "/agenda/ical/").walk("VEVENT")}
    assert len(before) == 2

    # The editor comes back an hour later and postpones the second séance by a day.
    later = timezone.now() + datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    seances = list(event.seances.order_by("sort_order"))
    rows = [
        {
            "id": seance.pk,
            "date": str(seance.date),
            "start_time": "09:30",
            "end_time": "",
            "venue": venues["rennes"].pk,
            "status": "postponed" if n else "planned",
            "new_date": str(seance.date + datetime.timedelta(days=1)) if n else "",
            "title": "",
        }
        for n, seance in enumerate(seances)
    ]
    form = {
        "title": event.title,
        "slug": event.slug,
        "format": event.format_id,
        "chapo": event.chapo,
        "body": streamfield([]),
        "annuaire_people": streamfield([]),
        "seances": inline_formset(rows, initial=len(rows)),
        "is_free": "on",
        "action-publish": "publish",
    }
    response = editor.post(f"/admin/pages/{event.pk}/edit/", nested_form_data(form))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EventPage.objects.get(pk=event.pk).last_published_at == later

    after = {str(v["UID"]): v for v in feed(editor, "/agenda/ical/").walk("VEVENT")}
    assert after.keys() == before.keys()  # the same séances, not new ones
    for uid, vevent in after.items():
        assert int(vevent["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    moved = after[f"agenda-seance-{seances[1].pk}@127.0.0.1"]
    assert moved.decoded("DTSTART").date() == seances[1].date + datetime.timedelta(days=1)
    assert str(moved["DESCRIPTION"]).startswith("Date reportée, initialement le ")


def test_a_venue_or_a_format_edited_in_the_admin_raises_the_sequence(
    editor, index, venues, today, monkeypatch
):
    """A venue's new address or a format's new name is in every calendar entry using it,
    without the events being published again: their SEQUENCE grows so that clients take it."""
    from agenda.models import EventFormat

    fmt = EventFormat.objects.create(name="Atelier")
    event = make_event(
        index,
        "Prévention des expulsions",
        [dict(date=today + datetime.timedelta(days=5), venue=venues["rennes"])],
    )
    EventPage.objects.filter(pk=event.pk).update(format=fmt)
    (before,) = feed(editor, "/agenda/ical/").walk("VEVENT")
    assert str(before["SUMMARY"]) == "Atelier : Prévention des expulsions"

    later = timezone.now() + datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    venue = venues["rennes"]
    response = editor.post(
        f"/admin/snippets/agenda/venue/edit/{venue.pk}/",
        {"name": "Maison du Blosne", "address": "3 boulevard de Yougoslavie", "city": "Rennes"},
    )
    assert response.status_code == 302
    (moved,) = feed(editor, "/agenda/ical/").walk("VEVENT")
    assert "3 boulevard de Yougoslavie" in str(moved["LOCATION"])
    assert int(moved["SEQUENCE"]) > int(before["SEQUENCE"])

    even_later = later + datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: even_later)
    response = editor.post(
        f"/admin/snippets/agenda/eventformat/edit/{fmt.pk}/",
        {"name": "Atelier d’échanges", "slug": "atelier"},
    )
    assert response.status_code == 302
    (renamed,) = feed(editor, "/agenda/ical/").walk("VEVENT")
    assert str(renamed["SUMMARY"]) == "Atelier d’échanges : Prévention des expulsions"
    assert int(renamed["SEQUENCE"]) > int(moved["SEQUENCE"])
    assert renamed.decoded("LAST-MODIFIED") == even_later.replace(microsecond=0)
    # The event was not published again; its UID is the same entry.
    assert str(renamed["UID"]) == str(before["UID"])


@pytest.mark.parametrize(
    "query",
    [
        "thematique=zzz&format=%00&territoire=abc",
        "territoire=99999999999999999999999&ville=Atlantide",
        "du=pas-une-date&au=2024-02-30&periode=hier&inscriptions=toutes",
        "q=" + "é" * 5000 + "&page=-3",
        "q=%22%28%29*OR&thematique=",
    ],
)
def test_garbage_filters_give_a_french_notice_and_a_working_feed(client, events, query):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200
    if "q=" not in query:
        assert "n’ont pas été reconnues" in response.text or "n'ont pas été reconnues" in (
            response.text
        )
    _webcal, address = subscribe_links(response.text)
    calendar = feed(client, address)
    name = text(calendar["X-WR-CALNAME"])
    assert name.startswith("RésO Villes — Agenda") and len(name) <= 150
    for garbage in ("zzz", "abc", "Atlantide", "pas-une-date", "hier", "toutes"):
        assert garbage not in name


def test_the_feed_runs_a_fixed_number_of_queries(client, index, count_queries):
    bulk_events(index, 5, seances_per_event=2)
    client.get("/agenda/ical/")  # Wagtail caches the site's root paths on the first request
    small, response = count_queries(client.get, "/agenda/ical/?format=atelier")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 10
    bulk_events(index, 60, seances_per_event=2)
    large, response = count_queries(client.get, "/agenda/ical/?format=atelier")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 130
    assert small == large


def test_a_polling_client_revalidates_an_unchanged_feed_and_gets_every_change(
    client, index, venues, today, monkeypatch
):
    """A calendar application polls the feed with the ETag it was given: the same data answers
    304 Not Modified without the feed; a new publication or a séance filled by registrations
    answers the whole feed again."""
    event = make_event(
        index,
        "Atelier mémoire des quartiers",
        [
            dict(
                date=today + datetime.timedelta(days=6),
                start_time=datetime.time(14),
                venue=venues["rennes"],
            )
        ],
        registration_enabled=True,
        capacity=1,
    )
    first = client.get("/agenda/ical/")
    vevent = Calendar.from_ical(first.content).walk("VEVENT")[0]
    # RFC 5545 § 3.8.7.2: without METHOD, DTSTAMP is when the information was last revised.
    assert vevent.decoded("DTSTAMP") == event.last_published_at.replace(microsecond=0)

    unchanged = client.get("/agenda/ical/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    for garbage in ('"zzz"', "*zzz", "\x00", "W/" + first["ETag"][:5]):
        assert client.get("/agenda/ical/", HTTP_IF_NONE_MATCH=garbage).status_code == 200

    Registration.objects.create(
        event=event, name="Awa", email="awa@example.org", status="confirmed"
    )
    full = client.get("/agenda/ical/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert full.status_code == 200 and full["ETag"] != first["ETag"]
    vevent = Calendar.from_ical(full.content).walk("VEVENT")[0]
    assert str(vevent["DESCRIPTION"]).startswith("Complet.")

    # Published again an hour later, unchanged: the sequence grows all the same.
    later = timezone.now() + datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    event.save_revision().publish()
    republished = client.get("/agenda/ical/", HTTP_IF_NONE_MATCH=full["ETag"])
    assert republished.status_code == 200
    vevent = Calendar.from_ical(republished.content).walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) > int(
        Calendar.from_ical(full.content).walk("VEVENT")[0]["SEQUENCE"]
    )


def test_a_seance_filling_up_or_freeing_a_seat_raises_the_sequence(
    client, admin_client, events, monkeypatch
):
    """« Complet. » comes and goes with the seats: by a registration, a cancellation, a hold
    that lapses without any write, and a registrant's erasure, which leaves no row to date it;
    each time the SEQUENCE grows, so clients take it."""
    from urllib.parse import unquote

    from django.core import mail

    from agenda import conf

    from .test_registrations import cancel_link, follow_confirm_link, form_data, register

    event = events["petit_dej"]
    event.registration_enabled, event.capacity = True, 1
    event.save_revision().publish()
    event.refresh_from_db()
    start = timezone.now()

    def at(hours):
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(hours=hours))

    def entry():
        (vevent,) = [
            v for v in feed(client, "/agenda/ical/").walk("VEVENT") if event.title in v["SUMMARY"]
        ]
        return "Complet." in str(vevent.get("DESCRIPTION", "")), int(vevent["SEQUENCE"])

    open_, sequence = entry()
    assert not open_
    steps = []
    at(1)
    register(client, event)  # confirmed: the one seat is taken
    steps.append(("registered", entry()))
    at(2)
    link = cancel_link(mail.outbox[-1])
    cancelled = client.post(link.split("?")[0], {"jeton": unquote(link.split("jeton=")[1])})
    assert "Votre inscription est annulée" in cancelled.text
    steps.append(("cancelled", entry()))
    at(3)
    client.post(f"{event.url}inscription/", form_data(email="zoe@example.org"))  # not confirmed
    steps.append(("held", entry()))
    hold = conf.get("AGENDA_CONFIRMATION_HOLD") / 3600
    at(3 + hold + 0.1)  # nobody writes anything: the hold lapses
    steps.append(("lapsed", entry()))
    at(4 + hold)
    follow_confirm_link(client, mail.outbox[-1])  # late, she takes the seat still free
    steps.append(("confirmed late", entry()))
    assert [(name, full) for name, (full, _s) in steps] == [
        ("registered", True),
        ("cancelled", False),
        ("held", True),
        ("lapsed", False),
        ("confirmed late", True),
    ]
    for name, (_full, after) in steps:
        assert after > sequence, name
        sequence = after
    seance = event.seances.get()
    confirmed_late = client.get(f"{event.url}seance/{seance.pk}/ics/").content

    # She asks the centre to erase her data: her seat frees, and the SEQUENCE still grows.
    at(5 + hold)
    erased = admin_client.post(
        "/admin/resource-centre/donnees-personnelles/effacer/",
        {"email": "zoe@example.org", "confirm": "zoe@example.org"},
        follow=True,
    )
    assert "a été effacé" in erased.text
    assert not Registration.objects.filter(email="zoe@example.org").exists()
    full, after = entry()
    assert not full and after > sequence
    sequence = after
    # The séance's own .ics says the same as the feed, under the same SEQUENCE.
    (single,) = Calendar.from_ical(client.get(f"{event.url}seance/{seance.pk}/ics/").content).walk(
        "VEVENT"
    )
    assert int(single["SEQUENCE"]) == sequence
    assert "Complet." not in str(single["DESCRIPTION"])
    (before,) = Calendar.from_ical(confirmed_late).walk("VEVENT")
    assert "Complet." in str(before["DESCRIPTION"]) and int(before["SEQUENCE"]) < sequence

    # Published again later, the entry is dated by the publication, still later.
    at(6 + hold)
    event.save_revision().publish()
    assert entry()[1] > sequence


def test_a_purge_of_registrations_never_lowers_a_sequence(client, events, monkeypatch):
    """A registration to a whole event counts at each of its séances: deleted by the purge (its
    address never confirmed), it leaves no row to date the change, yet no SEQUENCE goes down."""
    from django.core.management import call_command

    from agenda import conf

    from .test_registrations import form_data

    event = events["atelier"]
    event.registration_enabled, event.capacity, event.registration_per_seance = True, 5, False
    event.save_revision().publish()
    start = timezone.now()

    def at(hours):
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(hours=hours))

    def sequences():
        vevents = feed(client, "/agenda/ical/").walk("VEVENT")
        return {str(v["UID"]): int(v["SEQUENCE"]) for v in vevents if event.title in v["SUMMARY"]}

    at(1)
    client.post(f"{event.url}inscription/", form_data())  # her address is never confirmed
    at(2 + conf.get("AGENDA_CONFIRM_LINK_MAX_AGE") / 3600)  # her hold has lapsed too
    before = sequences()
    assert len(before) == event.seances.count() > 1
    call_command("purge_registrations", stdout=io.StringIO())
    assert not Registration.objects.filter(event=event).exists()
    after = sequences()
    assert after.keys() == before.keys()
    assert all(after[uid] > before[uid] for uid in before), (before, after)


def test_a_deletion_of_many_registrations_dates_each_seance_once(events):
    """The purge deletes thousands: one UPDATE per séance, not per registration; and none
    when the event itself goes, its séances with it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = events["atelier"]
    first, second, *_ = event.seances.order_by("day")
    Registration.objects.bulk_create(
        Registration(event=event, seance=seance, name=f"P{i}", email=f"p{i}@example.org")
        for i in range(60)
        for seance in (first, second, None)
    )

    def seance_updates(delete):
        with CaptureQueriesContext(connection) as queries:
            delete()
        return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "agenda_seance"')]

    assert len(seance_updates(Registration.objects.filter(event=event).delete)) == 3
    first.refresh_from_db()
    assert first.registrations_deleted_at is not None

    Registration.objects.bulk_create(
        Registration(event=event, seance=first, name=f"Q{i}", email=f"q{i}@example.org")
        for i in range(20)
    )
    assert seance_updates(EventPage.objects.get(pk=event.pk).delete) == []
    assert not Registration.objects.filter(event_id=event.pk).exists()
