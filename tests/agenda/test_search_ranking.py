"""The agenda's keyword box lists the séances with the visitor's words in their titles first, and
marks the words found in the titles and in an excerpt of the standfirst (safely escaped)."""

import datetime
import html
import re

import pytest

from agenda.models import Venue

from .factories import bulk_events, make_event

pytestmark = pytest.mark.django_db


def listed(response):
    """The titles of the listed séances, in order, without their marks."""
    assert response.status_code == 200
    found = re.findall(r'class="ag-seance__title"><a href="[^"]*">(.*?)</a>', response.text)
    return [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in found]


@pytest.fixture
def agenda(index, today):
    day = datetime.timedelta(days=1)
    maison = Venue.objects.create(name="Maison de santé Zéphyr", city="Rennes")
    make_event(
        index,
        "Rencontre Zéphyr des acteurs",
        [dict(date=today + day)],
        chapo="Un atelier sur la santé des habitants.",
    )
    make_event(index, "Petit-déjeuner Zéphyr", [dict(date=today + 2 * day, venue=maison)])
    make_event(index, "Forum Zéphyr", [dict(date=today + 3 * day, title="Santé mentale")])
    make_event(index, "Atelier santé Zéphyr", [dict(date=today + 5 * day)])
    return index


def test_the_words_in_a_title_come_first_then_by_date(client, agenda):
    assert listed(client.get(agenda.url, {"q": "santés zephyr"})) == [
        "Forum Zéphyr – Santé mentale",  # the séance's title, in 3 days
        "Atelier santé Zéphyr",  # the event's title, in 5 days
        "Rencontre Zéphyr des acteurs",  # its standfirst, tomorrow
        "Petit-déjeuner Zéphyr",  # its venue, in 2 days
    ]


def test_more_words_in_the_title_come_first(client, agenda):
    # Every event here is an "Atelier" (its format).
    assert listed(client.get(agenda.url, {"q": "atelier sante"})) == [
        "Atelier santé Zéphyr",  # both words in its title
        "Forum Zéphyr – Santé mentale",  # one in its séance's title
        "Rencontre Zéphyr des acteurs",  # none: by date
        "Petit-déjeuner Zéphyr",
    ]


def test_without_keyword_the_agenda_is_chronological(client, agenda):
    assert listed(client.get(agenda.url)) == [
        "Rencontre Zéphyr des acteurs",
        "Petit-déjeuner Zéphyr",
        "Forum Zéphyr – Santé mentale",
        "Atelier santé Zéphyr",
    ]
    assert "<mark>" not in client.get(agenda.url).text


def test_the_words_found_are_marked_in_titles_and_excerpts(client, agenda):
    text = client.get(agenda.url, {"q": "SANTES habitant"}).text
    assert "Atelier <mark>santé</mark> Zéphyr" not in text  # "habitant" is not in its text
    excerpt = re.search(r'class="ag-seance__excerpt">(.*?)</p>', text).group(1)
    assert excerpt == "Un atelier sur la <mark>santé</mark> des <mark>habitants</mark>."
    text = client.get(agenda.url, {"q": "sante"}).text
    assert "Atelier <mark>santé</mark> Zéphyr" in text
    assert "<mark>Santé</mark> mentale" in text


def test_marked_titles_and_excerpts_are_escaped(client, index, today):
    make_event(
        index,
        "<script>alert('titre')</script> Santé & co",
        [dict(date=today)],
        chapo='<img src=x onerror="alert(1)"> La santé <b>pour tous</b>',
    )
    text = client.get(index.url, {"q": "santé"}).text
    assert "<script>alert" not in text and "<img src=x" not in text and "<b>pour" not in text
    assert "<mark>Santé</mark> &amp; co" in text
    assert "La <mark>santé</mark> pour tous" in text


def test_a_keyword_search_runs_the_same_queries_at_two_sizes(client, index, count_queries):
    url = index.url
    params = {"q": "événements chapô", "format": "atelier"}
    client.get(url, params)  # warm the caches
    bulk_events(index, 5)
    small, response = count_queries(client.get, url, params)
    assert len(listed(response)) == 5
    bulk_events(index, 300)
    large, response = count_queries(client.get, url, params)
    assert "<mark>Événement</mark>" in response.text
    assert small == large


def test_the_migration_puts_the_titles_first_in_existing_text(client, agenda):
    import importlib

    from django.apps import apps

    from agenda.models import EventPage, Seance
    from resource_centre.search import normalise

    migration = importlib.import_module("agenda.migrations.0010_search_text_titles_first")
    for event in EventPage.objects.all():  # as agenda 0006 wrote it: no title part
        EventPage.objects.filter(pk=event.pk).update(search_text=normalise(event.title))
    Seance.objects.update(search_text="")
    migration.titles_first(apps, None)
    assert listed(client.get(agenda.url, {"q": "atelier sante"}))[:2] == [
        "Atelier santé Zéphyr",
        "Forum Zéphyr – Santé mentale",
    ]


def test_the_ranked_results_page_through_in_their_order(client, index, today):
    from agenda.models import EventFormat

    forum = EventFormat.objects.create(name="Forum")
    bulk_events(index, 24, formats=[forum])  # "forum" in their format only
    make_event(index, "Forum des quartiers", [dict(date=today + datetime.timedelta(days=60))])
    first = listed(client.get(index.url, {"q": "forums"}))
    # The title match comes first though it is the latest; the others follow by date.
    assert len(first) == 20 and first[0] == "Forum des quartiers"
    second = client.get(index.url, {"q": "forums", "page": "2"})
    assert len(listed(second)) == 5
    assert set(first).isdisjoint(listed(second))
    assert 'rel="next"' not in second.text and 'rel="prev"' in second.text
    assert listed(client.get(index.url, {"q": "forums", "page": "abc"})) == first
    assert listed(client.get(index.url, {"q": "forums", "page": "99999999999999999999"})) == []
