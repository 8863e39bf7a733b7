"""The event page (séances, JSON-LD, .ics), the iCal feeds, RSS/Atom, month view and archive."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import formats
from icalendar import Calendar

from .factories import make_event

pytestmark = pytest.mark.django_db


def jsonld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    data = json.loads(match.group(1))
    return data if isinstance(data, list) else [data]


def test_event_page_shows_every_seance_with_its_status_and_venue(client, events):
    response = client.get(events["atelier"].url)
    html = response.text
    assert response.status_code == 200
    assert html.count('<li class="ag-seance') == 3
    assert "Le relogement" in html
    assert "Maison de quartier du Blosne</span>, 7 boulevard de Yougoslavie, 35200 Rennes" in html
    assert "Accessibilité :" in html and "Plain-pied" in html
    assert "Complète" in html
    assert html.count("Ajouter à mon agenda") == 2  # not for the séance of last month
    assert "Renaud Epstein" in html and "Rénovation urbaine" in html

    html = client.get(events["petit_dej"].url).text
    assert "le lien est envoyé aux personnes inscrites" in html
    assert "secret-room" not in html


def test_a_past_or_cancelled_event_says_so_not_how_to_register(client, index, venues, today):
    """A past séance offers no calendar file and is not "full"; an event over, or all of whose
    séances to come are cancelled, says so instead of its registration instructions."""
    from agenda.models import Seance

    day = datetime.timedelta(days=1)
    instructions = "Inscription gratuite et obligatoire auprès du centre."
    fields = dict(registration_info=instructions, registration_enabled=True, capacity=10)
    past = make_event(
        index,
        "Atelier passé",
        [dict(date=today - 30 * day, venue=venues["rennes"], status=Seance.Status.FULL)],
        **fields,
    )
    html = client.get(past.url).text
    assert "Cet événement est passé." in html and instructions not in html
    assert "Ajouter à mon agenda" not in html and "Complète" not in html
    assert "Passée" in html and "ag-seance--past" in html

    cancelled = make_event(
        index,
        "Atelier annulé",
        [dict(date=today + 8 * day, venue=venues["rennes"], status=Seance.Status.CANCELLED)],
        **fields,
    )
    html = client.get(cancelled.url).text
    assert "Cet événement est annulé." in html and instructions not in html
    assert "Les inscriptions sont closes" not in html

    # A séance on the first of a month is on « 1er ».
    first = (today.replace(day=1) + 40 * day).replace(day=1)
    html = client.get(make_event(index, "Premier du mois", [dict(date=first)]).url).text
    assert f"1er {formats.date_format(first, 'F Y')}" in html

    # One séance past, one to come: the event goes on, its past séance marked as such.
    going_on = make_event(
        index,
        "Cycle en cours",
        [
            dict(date=today - 8 * day, venue=venues["rennes"]),
            dict(date=today + 8 * day, venue=venues["rennes"]),
        ],
        **fields,
    )
    html = client.get(going_on.url).text
    assert instructions in html and "S’inscrire" in html
    assert html.count("Ajouter à mon agenda") == 1 and html.count("ag-seance--past") == 1


def test_event_jsonld_follows_google_rules(client, events):
    items = jsonld(client.get(events["atelier"].url))
    assert len(items) == 3
    first = items[0]
    assert first["@type"] == "Event" and first["@context"] == "https://schema.org"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert first["startDate"].endswith(("+01:00", "+02:00"))  # Europe/Paris, with offset
    assert first["location"]["@type"] == "Place"
    assert first["location"]["address"]["addressLocality"] == "Nantes"  # past séance first
    assert first["location"]["address"]["@type"] == "PostalAddress"
    assert first["offers"]["price"] == 0 and first["offers"]["priceCurrency"] == "EUR"
    assert first["url"] == events["atelier"].full_url
    assert first["performer"] == [{"@type": "Person", "name": "Renaud Epstein"}]
    full = next(item for item in items if item["offers"]["availability"].endswith("SoldOut"))
    assert full["eventStatus"] == "https://schema.org/EventScheduled"
    rennes = next(i for i in items if i["location"]["address"]["addressLocality"] == "Rennes")
    assert rennes["location"]["geo"]["latitude"] == 48.0863

    cancelled, postponed = jsonld(client.get(events["cooper"].url))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert postponed["eventStatus"] == "https://schema.org/EventRescheduled"
    assert postponed["startDate"] > postponed["previousStartDate"]

    (online,) = jsonld(client.get(events["petit_dej"].url))
    assert online["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in online["location"]] == ["Place", "VirtualLocation"]
    assert "secret-room" not in json.dumps(online)


def test_jsonld_cannot_break_out_of_its_script(client, index, venues, today):
    event = make_event(
        index, "</script><script>alert(1)</script>", [dict(date=today, venue=venues["rennes"])]
    )
    html = client.get(event.url).text
    assert "<script>alert(1)" not in html
    assert jsonld(client.get(event.url))[0]["name"] == "</script><script>alert(1)</script>"


def test_each_seance_downloads_as_an_ics(client, events):
    seance = events["atelier"].seances.get(title="Le relogement")
    url = f"{events['atelier'].url}seance/{seance.pk}/ics/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"agenda-seance-{seance.pk}@127.0.0.1"  # the site's host
    assert "Le relogement" in str(vevent["SUMMARY"])
    assert str(vevent["URL"]) == events["atelier"].full_url
    assert vevent.decoded("DTSTART").hour == 9
    assert str(vevent.decoded("DTSTART").tzinfo) == "Europe/Paris"
    assert calendar.walk("VTIMEZONE"), "the time zone is described (RFC 5545)"
    assert "Rennes" in str(vevent["LOCATION"])
    assert b"COMMENT" not in response.content  # icalendar's English note on its time zone


def test_ics_of_unknown_or_foreign_seance_is_a_404(client, events):
    other = events["cooper"].seances.first()
    assert client.get(f"{events['atelier'].url}seance/{other.pk}/ics/").status_code == 404
    assert client.get(f"{events['atelier'].url}seance/999999/ics/").status_code == 404
    assert client.get(f"{events['atelier'].url}seance/abc/ics/").status_code == 404


def test_ical_feed_over_get_with_stable_uids_and_cancellations(client, events):
    response = client.get("/agenda/ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 6  # the past séance (30 days ago) is kept too
    uids = [str(v["UID"]) for v in vevents]
    assert len(set(uids)) == len(uids)
    statuses = {str(v["SUMMARY"]): str(v["STATUS"]) for v in vevents}
    assert "CANCELLED" in statuses.values()
    for vevent in vevents:
        assert str(vevent["URL"]).startswith(events["atelier"].get_parent().full_url)
        assert vevent.get("DTSTAMP")

    # Editing the event keeps every UID.
    atelier = events["atelier"]
    atelier.title = "Atelier renommé"
    atelier.save_revision().publish()
    again = Calendar.from_ical(client.get("/agenda/ical/").content)
    assert sorted(str(v["UID"]) for v in again.walk("VEVENT")) == sorted(uids)


def test_filtered_view_links_to_a_feed_with_the_same_filters(client, events):
    html = client.get("/agenda/?format=coopervilles&ville=Rennes").text
    feed = events["atelier"].get_parent().full_url + "ical/?format=coopervilles&amp;ville=Rennes"
    assert f'href="{feed}"' in html  # http(s), for the clients that ask for an address
    assert f'href="webcal://{feed.split("://")[1]}"' in html
    assert "S’abonner à cette sélection" in html or "S’abonner à cette sélection" in html
    calendar = Calendar.from_ical(
        client.get("/agenda/ical/?format=coopervilles&ville=Rennes").content
    )
    summaries = {str(v["SUMMARY"]) for v in calendar.walk("VEVENT")}
    assert summaries and all("Cooper'Villes des médiateurs" in s for s in summaries)
    assert any(s.startswith("ANNULÉ") for s in summaries)


def test_rss_and_atom_feeds_of_new_events(client, events):
    response = client.get("/agenda/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    # The title already starts with the event's format: it is not said twice.
    assert "Petit-déjeuner sur la monoparentalité précaire" in titles
    links = [item.findtext("link") for item in root.iter("item")]
    assert events["atelier"].full_url in links
    atom = client.get("/agenda/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert b"Cooper'Villes des m\xc3\xa9diateurs" in atom.content


def test_month_view_is_an_accessible_table_with_navigation(client, events, today):
    response = client.get(f"/agenda/mois/{today:%Y-%m}/")
    html = response.text
    assert response.status_code == 200
    assert "<caption>Séances de" in html
    assert html.count('<th scope="col">') == 7
    assert 'aria-current="date"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert client.get("/agenda/mois/").status_code == 200
    target = events["petit_dej"].seances.get().date
    html = client.get(f"/agenda/mois/{target:%Y-%m}/").text
    assert "Petit-déjeuner sur la monoparentalité précaire" in html
    # Filters apply to the month too.
    html = client.get(f"/agenda/mois/{target:%Y-%m}/?format=atelier").text
    assert "monoparentalité" not in html


@pytest.mark.parametrize(
    "path",
    [
        "mois/2024-13/",
        "mois/0000-01/",
        "mois/9999-01/",
        "mois/abcd-ef/",
        "archives/0001/",
        "archives/abcd/",
    ],
)
def test_month_and_archive_refuse_impossible_dates_with_a_404(client, events, path):
    assert client.get(f"/agenda/{path}").status_code == 404


def test_month_navigation_at_year_boundaries(client, events):
    html = client.get("/agenda/mois/2025-12/").text
    assert "/agenda/mois/2026-01/" in html and "/agenda/mois/2025-11/" in html
    assert "Aucune séance ce mois-ci." in client.get("/agenda/mois/1995-01/").text


def test_archive_shows_past_events_with_their_report(client, index, venues):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    document = get_document_model()(
        title="Compte rendu 2024", collection=Collection.get_first_root_node()
    )
    document.file.save("cr.txt", ContentFile(b"compte rendu"))
    make_event(
        index,
        "Journée 2024",
        [dict(date=datetime.date(2024, 6, 3), venue=venues["nantes"])],
        compte_rendu=document,
    )
    make_event(
        index, "Journée 2023", [dict(date=datetime.date(2023, 5, 2), venue=venues["nantes"])]
    )
    html = client.get("/agenda/archives/").text
    assert "Événements passés de 2024" in html
    assert "Journée 2024" in html and "Journée 2023" not in html
    assert "Compte rendu : Compte rendu 2024" in html
    assert 'href="/agenda/archives/2023/"' in html
    assert "Journée 2023" in client.get("/agenda/archives/2023/").text
    assert "Aucun événement passé" in client.get("/agenda/archives/1999/").text


def test_reseau_page_lists_upcoming_and_past_meetings(client, index, venues, today):
    from agenda.models import ReseauPage

    reseau = ReseauPage(
        title="Réseau des adultes relais",
        run_by="RésO Villes",
        audience="Adultes relais",
        how_to_join="<p>Écrivez-nous.</p>",
    )
    index.add_child(instance=reseau)
    reseau.save_revision().publish()
    make_event(
        index,
        "Réunion de printemps",
        [dict(date=today + datetime.timedelta(days=9), venue=venues["rennes"])],
        reseau=reseau,
    )
    make_event(
        index,
        "Réunion d'hiver",
        [dict(date=today - datetime.timedelta(days=60), venue=venues["rennes"])],
        reseau=reseau,
    )
    make_event(index, "Autre chose", [dict(date=today, venue=venues["rennes"])])
    html = client.get(reseau.url).text
    upcoming, past = html.split("Réunions passées")
    assert "Réunion de printemps" in upcoming and "Réunion d&#x27;hiver" not in upcoming
    assert "Réunion d&#x27;hiver" in past
    assert "Autre chose" not in html
    assert "Comment y participer" in html


def test_ical_feed_is_capped_to_the_earliest_seances(client, events, settings):
    settings.RESOURCE_CENTRE = {"AGENDA_ICAL_MAX_ITEMS": 2}
    calendar = Calendar.from_ical(client.get("/agenda/ical/").content)
    starts = [v.decoded("DTSTART") for v in calendar.walk("VEVENT")]
    assert len(starts) == 2 and starts == sorted(starts)


def test_jsonld_offers_follow_the_registrations_on_the_site(client, events):
    """Google's Event offers: url, price, validFrom, availability from the real state; image."""
    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    event = events["petit_dej"]
    opens = timezone.now() + datetime.timedelta(days=2)
    event.registration_enabled = True
    event.registration_opens_at = opens
    event.image = get_image_model().objects.create(title="Affiche", file=get_test_image_file())
    event.save_revision().publish()
    (item,) = jsonld(client.get(event.url))
    offer = item["offers"]
    assert offer["url"] == event.get_full_url() + "inscription/"
    assert offer["availability"] == "https://schema.org/InStock"
    assert datetime.datetime.fromisoformat(offer["validFrom"]) == opens  # on sale from then
    assert (offer["price"], offer["priceCurrency"]) == (0, "EUR")
    assert len(item["image"]) == 3 and all(u.startswith("http") for u in item["image"])

    event.registration_opens_at = None
    event.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    event.is_free = False
    event.save_revision().publish()
    (item,) = jsonld(client.get(event.url))
    assert item["offers"]["availability"] == "https://schema.org/SoldOut"  # closed
    assert "price" not in item["offers"]


def test_reseau_page_paginates_its_meetings_instead_of_cutting_them(
    client, index, venues, today, settings
):
    from agenda.models import ReseauPage

    settings.RESOURCE_CENTRE = {"AGENDA_PER_PAGE": 2}
    reseau = ReseauPage(title="Réseau des chefs de projet")
    index.add_child(instance=reseau)
    reseau.save_revision().publish()
    for n in range(1, 4):
        make_event(
            index,
            f"Passée {n}",
            [dict(date=today - datetime.timedelta(days=10 * n), venue=venues["rennes"])],
            reseau=reseau,
        )
        make_event(
            index,
            f"À venir {n}",
            [dict(date=today + datetime.timedelta(days=10 * n), venue=venues["rennes"])],
            reseau=reseau,
        )
    html = client.get(reseau.url).text
    assert "À venir 1" in html and "À venir 2" in html and "À venir 3" not in html
    assert "Passée 1" in html and "Passée 3" not in html
    assert 'href="?a-venir=2" rel="next"' in html and 'href="?passees=2" rel="next"' in html
    html = client.get(f"{reseau.url}?a-venir=2&passees=2").text
    assert "À venir 3" in html and "À venir 1" not in html
    assert "Passée 3" in html and "Passée 1" not in html
    assert 'href="?passees=2&amp;a-venir=1" rel="prev"' in html
    assert client.get(f"{reseau.url}?a-venir=x&passees=99999999").status_code == 200


def test_registering_elsewhere_says_with_whom(client, index, venues, today):
    """« Inscription obligatoire auprès du centre » without a form or a link: the page gives the
    centre's e-mail and phone, the way to do it. With the site's form or a link, it does not."""
    from wagtail.models import Site

    from resource_centre.models import CentreSettings

    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.email, centre.phone = "contact@centre.example", "02 99 00 00 00"
    centre.save()
    day = datetime.timedelta(days=1)
    seances = [dict(date=today + 8 * day, venue=venues["rennes"])]
    info = dict(registration_info="Inscription gratuite et obligatoire auprès du centre.")
    html = client.get(make_event(index, "Atelier sur inscription", seances, **info).url).text
    assert 'Contact : <a href="mailto:contact@centre.example">contact@centre.example</a>' in html
    assert 'href="tel:0299000000"' in html
    on_site = make_event(index, "Atelier du site", seances, registration_enabled=True, **info)
    linked = make_event(
        index, "Atelier lié", seances, registration_url="https://inscription.example/", **info
    )
    for event in (on_site, linked):
        assert (
            "mailto:contact@centre.example"
            not in client.get(event.url)
            .text.split('id="ag-registration-title"')[1]
            .split("</section>")[0]
        )
