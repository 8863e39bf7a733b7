"""The agenda as a visitor uses it: upcoming séances, filters, pagination, bad input."""

import datetime
import re

import pytest
from django.utils import formats, timezone

from agenda.models import EventFormat, Venue
from resource_centre.models import Territoire, Thematique

from .factories import bulk_events, make_event

pytestmark = pytest.mark.django_db


def titles(response):
    found = re.findall(r'class="ag-seance__title"><a href="[^"]+">(.*?)</a>', response.text)
    return [re.sub(r"<[^>]+>", "", t) for t in found]  # without the words' marks


def test_upcoming_seances_in_date_order_with_format_city_time_status(client, events, today):
    response = client.get("/agenda/")
    assert response.status_code == 200
    html = response.text
    assert titles(response) == [
        "Atelier projet urbain et social – Le relogement",
        "Petit-déjeuner sur la monoparentalité précaire",
        "Cooper&#x27;Villes des médiateurs",
        "Atelier projet urbain et social",
        "Cooper&#x27;Villes des médiateurs",  # postponed from day 20 to day 50: listed there
    ]
    assert "09h30 à 16h30" in html
    assert "Rennes" in html and "Sarcelles" in html
    assert "Petit-déjeuner" in html  # the format
    assert "Annulée" in html and "Complète" in html
    # Listed at its new date, the postponed séance says when it was first planned.
    first_planned = formats.date_format(today + datetime.timedelta(days=20), "j F Y")
    assert f"Reportée, initialement le {first_planned}" in html
    assert "Séances 1 à 5" in html
    assert "https://visio.example/secret-room" not in html  # only for registrants


def test_each_facet_filters_and_is_shown_as_a_removable_chip(client, events):
    response = client.get("/agenda/?format=coopervilles")
    assert set(titles(response)) == {"Cooper&#x27;Villes des médiateurs"}
    assert "Retirer le filtre Format : Cooper&#x27;Villes" in response.text

    response = client.get("/agenda/?thematique=renovation-urbaine&thematique=mediation-sociale")
    assert len(titles(response)) == 4  # values of one facet combine with OR

    response = client.get("/agenda/?public=elus")
    assert {t.split(" – ")[0] for t in titles(response)} == {"Atelier projet urbain et social"}

    response = client.get("/agenda/?ville=Sarcelles")
    assert titles(response) == ["Petit-déjeuner sur la monoparentalité précaire"]

    response = client.get("/agenda/?q=monoparentalit%C3%A9")
    assert titles(response) == ["Petit-déjeuner sur la monoparentalité précaire"]


def test_only_the_terms_of_published_events_are_offered(client, events):
    """Without counts beside them, an option no event has would always list nothing: the
    agenda offers the formats, thématiques and publics its published events have."""
    assert Thematique.objects.create(name="Thème sans événement").slug == "theme-sans-evenement"
    assert EventFormat.objects.create(name="Format sans événement").slug == "format-sans-evenement"
    # A draft's terms are not offered either, until it is published.
    draft_theme = Thematique.objects.create(name="Thème d'un brouillon")
    index = events["petit_dej"].get_parent()
    draft = make_event(
        index, "Brouillon", [dict(date=timezone.localdate())], thematiques=[draft_theme]
    )
    draft.unpublish()
    html = client.get("/agenda/").text
    assert 'value="renovation-urbaine"' in html and 'value="coopervilles"' in html
    assert 'value="theme-sans-evenement"' not in html
    assert 'value="format-sans-evenement"' not in html
    assert f'value="{draft_theme.slug}"' not in html
    draft.save_revision().publish()
    assert f'value="{draft_theme.slug}"' in client.get("/agenda/").text
    # A link to one of them still gives the agenda, with its notice.
    response = client.get("/agenda/?thematique=theme-sans-evenement")
    assert response.status_code == 200 and titles(response)


def test_a_departement_matches_the_seances_held_in_its_communes(client, events):
    ille_et_vilaine = Territoire.objects.get(kind="departement", code="35")
    bretagne = Territoire.objects.get(kind="region", code="53")
    for territoire in (ille_et_vilaine, bretagne):
        response = client.get(f"/agenda/?territoire={territoire.pk}")
        # The séances in Rennes; not the atelier's séance in Nantes (tests/agenda/
        # test_seance_place_filter.py).
        assert {t.split(" – ")[0] for t in titles(response)} == {
            "Atelier projet urbain et social",
            "Cooper&#x27;Villes des médiateurs",
        }


def test_date_presets_and_range(client, events, today):
    response = client.get(
        f"/agenda/?du={today + datetime.timedelta(days=4)}&au={today + datetime.timedelta(days=12)}"
    )
    assert titles(response) == [
        "Petit-déjeuner sur la monoparentalité précaire",
        "Cooper&#x27;Villes des médiateurs",
    ]
    # A range in the past shows past séances too.
    response = client.get(f"/agenda/?du={today - datetime.timedelta(days=60)}&au={today}")
    assert titles(response) == ["Atelier projet urbain et social"]
    # Dates the wrong way round: said in French, the dates kept in the form, nothing listed.
    late, early = today + datetime.timedelta(days=12), today + datetime.timedelta(days=4)
    response = client.get(f"/agenda/?du={late}&au={early}")
    assert response.status_code == 200 and titles(response) == []
    text = response.content.decode()
    assert "La date « Du » est après la date « Au » : aucune séance ne peut s’y trouver." in text
    assert f'value="{late}"' in text and f'value="{early}"' in text
    assert "La date « Du »" not in client.get(f"/agenda/?du={early}&au={late}").text


def _listed(seances):
    return [
        (f"{s.event.title} – {s.title}" if s.title else s.event.title).replace("'", "&#x27;")
        for s in seances
    ]


def test_date_presets_show_exactly_the_seances_of_their_period(client, events, index, venues):
    import calendar

    from agenda.models import Seance

    from .factories import make_event

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    last = calendar.monthrange(today.year, today.month)[1]
    month_end = today.replace(day=last)
    next_first = month_end + datetime.timedelta(days=1)
    next_end = next_first.replace(day=calendar.monthrange(next_first.year, next_first.month)[1])
    bounds = {
        "semaine": (monday, monday + datetime.timedelta(days=6)),
        "mois": (today.replace(day=1), month_end),
        "mois-prochain": (next_first, next_end),
    }
    # A séance at each edge, so that no period is empty and the edges are tested.
    make_event(
        index,
        "Rencontre aux bornes",
        [
            dict(date=d, venue=venues["nantes"])
            for d in {monday, monday + datetime.timedelta(days=6), next_first, next_end}
        ],
    )
    for preset, (start, end) in bounds.items():
        expected = _listed(
            Seance.objects.filter(day__gte=start, day__lte=end)
            .select_related("event")
            .order_by("day", "start_time", "pk")
        )
        assert expected, preset
        response = client.get(f"/agenda/?periode={preset}")
        assert titles(response) == expected, preset


def _cell(html, day):
    return html.split(f'data-day="{day:%Y-%m-%d}"', 1)[1].split("</td>", 1)[0]


def test_a_postponed_seance_counts_at_its_new_date(client, events, today):
    postponed = events["cooper"].seances.get(status="postponed")
    original, new = postponed.date, postponed.new_date
    cooper = "Cooper&#x27;Villes des médiateurs"
    # The range filter: found around its new date, not around its original one.
    assert titles(client.get(f"/agenda/?du={original}&au={original}")) == []
    assert titles(client.get(f"/agenda/?du={new}&au={new}")) == [cooper]
    # The month grid: in the cell of the new date.
    html = client.get(f"/agenda/mois/{new:%Y-%m}/").text
    assert "Cooper" in _cell(html, new)
    assert "Cooper" not in _cell(client.get(f"/agenda/mois/{original:%Y-%m}/").text, original)
    # Still upcoming after its original date has passed.
    postponed.date = today - datetime.timedelta(days=3)
    postponed.save()
    assert cooper in titles(client.get("/agenda/"))
    assert "Cooper" not in client.get(f"/agenda/archives/{postponed.date.year}/").text


def test_empty_result_says_so(client, events):
    response = client.get("/agenda/?q=introuvable-xyzzy")
    assert "Aucune séance ne correspond à ces filtres" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "format=inconnu",
        "thematique=999999",
        "territoire=abc",
        "territoire=99999999999999999999999",
        "public=%27%20OR%201%3D1--",
        "ville=Atlantis",
        "du=2024-02-31",
        "au=pas-une-date",
        "du=99999-01-01",
        "periode=hier",
        "page=abc",
        "page=-3",
        "page=999999999999999999999",
        "q=" + "x" * 5000,
        "q=%00%3Cscript%3E",
        "format=atelier&format=atelier&format=",
    ],
)
def test_garbage_gives_a_normal_page_with_a_french_message(client, events, query):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1]
    if query.split("=")[0] in {
        "format",
        "thematique",
        "territoire",
        "public",
        "ville",
        "du",
        "au",
        "periode",
    } and not query.startswith("format=atelier"):
        assert "n’ont pas été reconnues et ont été ignorées" in response.text or (
            "n'ont pas été reconnues" in response.text
        )
    for route in ("mois/", "ical/"):
        assert client.get(f"/agenda/{route}?{query}").status_code == 200


def test_pagination_keeps_the_filters(client, index, today):
    fmt = EventFormat.objects.create(name="Forum")
    bulk_events(index, 45, formats=[fmt])
    response = client.get("/agenda/?format=forum&du=")
    assert "Page 1" in response.text and "Séances 1 à 20" in response.text
    assert 'href="?format=forum&amp;page=2" rel="next"' in response.text
    response = client.get("/agenda/?format=forum&page=3")
    assert len(titles(response)) == 5
    assert "Séances 41 à 45" in response.text
    assert 'rel="next"' not in response.text and 'page=2" rel="prev"' in response.text
    response = client.get("/agenda/?format=forum&page=4000")
    assert "Il n’y a aucune séance sur cette page." in response.text
    assert 'href="?format=forum">Revenir à la première page' in response.text
    # Past the end, no "previous" leads to another empty page.
    assert 'rel="prev"' not in response.text


def _listing_urls(today):
    month = f"{today:%Y-%m}"
    return [
        "/agenda/",
        "/agenda/?format=atelier&thematique=sante&ville=Rennes&periode=mois&q=Evenement",
        f"/agenda/?territoire={Territoire.objects.get(kind='region', code='53').pk}&page=2",
        f"/agenda/mois/{month}/",
        f"/agenda/mois/{month}/?format=atelier",
        "/agenda/ical/",
        "/agenda/ical/?thematique=sante",
        "/agenda/rss/",
        "/agenda/atom/",
        "/agenda/archives/",
    ]


def test_query_count_does_not_grow_with_the_number_of_events(client, index, count_queries, today):
    rennes = Territoire.objects.get(kind="commune", code="35238")
    formats = [EventFormat.objects.create(name=n) for n in ("Atelier", "Rencontre")]
    venues = [
        Venue.objects.create(name="A", city="Rennes"),
        Venue.objects.create(name="B", city="Nantes"),
    ]
    sante = Thematique.objects.get(slug="sante")
    start = today - datetime.timedelta(days=5)

    def make(count):
        events = bulk_events(
            index,
            count,
            seances_per_event=2,
            start=start,
            formats=formats,
            venues=venues,
            thematiques=[sante],
        )
        from agenda.models import EventPage

        EventPage.territoires.through.objects.bulk_create(
            [EventPage.territoires.through(eventpage_id=e.pk, territoire=rennes) for e in events]
        )

    make(10)
    small = {}
    for url in _listing_urls(today):
        client.get(url)  # warm caches (site root paths, content types)
        small[url], response = count_queries(client.get, url)
        assert response.status_code == 200, url
    make(990)
    for url in _listing_urls(today):
        queries, response = count_queries(client.get, url)
        assert response.status_code == 200, url
        assert queries == small[url], (
            f"{url}: {small[url]} queries at 10 events, {queries} at 1,000"
        )
    # Nothing kept: two of them read the tokens of the menu and of the filter block, and the
    # terms offered are read as ids to keep, then as terms for the block (tests/agenda/
    # test_kept_filters.py: a visit with them kept runs fewer).
    assert small["/agenda/"] <= 20


def test_the_month_view_keeps_the_filters_of_the_agenda(client, events, today):
    html = client.get("/agenda/?format=coopervilles&page=1").text
    assert 'href="/agenda/mois/?format=coopervilles"' in html
    response = client.get("/agenda/mois/?format=coopervilles")
    month = response.text
    assert "Retirer le filtre Format : Cooper&#x27;Villes" in month
    links = re.findall(r'href="(/agenda/mois/\d{4}-\d{2}/[^"]*)" rel="(?:prev|next)"', month)
    assert len(links) == 2 and all(link.endswith("?format=coopervilles") for link in links)
    assert 'href="/agenda/?format=coopervilles"' in month  # back to the same list
    # The filter applies to the grid.
    atelier_day = events["atelier"].seances.order_by("day").last().day
    grid = client.get(f"/agenda/mois/{atelier_day:%Y-%m}/?format=coopervilles").text
    assert "Atelier projet urbain" not in grid
