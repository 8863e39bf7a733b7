"""The site search ranks its pages by relevance; on SQLite, beyond SEARCH_RELEVANCE_LIMIT matches
(a word on every page), newest first instead, every match still listed and counted."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from .test_pages_and_search import add_pages

pytestmark = pytest.mark.django_db


def listed(response):
    """The titles of the listed pages, in order, without the marks of the words found."""
    assert response.status_code == 200
    found = re.findall(r'class="rc-result__title"><a href="[^"]*">(.*?)</a>', response.text)
    return [re.sub("</?mark>", "", title) for title in found]


@pytest.mark.parametrize("limit", [1000, 5])
def test_a_common_word_lists_and_counts_every_page(client, demo_site, settings, limit):
    settings.RESOURCE_CENTRE = {"SEARCH_RELEVANCE_LIMIT": limit, "SEARCH_RESULTS_PER_PAGE": 50}
    add_pages(demo_site, 30)
    response = client.get(reverse("resource_centre:search"), {"q": "zorglubs"})
    assert "30 résultats" in response.text
    titles = listed(response)
    assert len(titles) == 30, titles
    assert sorted(titles) == sorted(f"Page zorglub {i}" for i in range(30))


def test_beyond_the_limit_on_sqlite_the_newest_come_first(client, demo_site, settings):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL ranks every match")
    settings.RESOURCE_CENTRE = {"SEARCH_RELEVANCE_LIMIT": 5}
    add_pages(demo_site, 8)
    from resource_centre.models import ContentPage

    newest = (
        ContentPage.objects.live()
        .filter(slug__startswith="zorglub")
        .order_by("-last_published_at", "-id")
        .first()
    )
    titles = listed(client.get(reverse("resource_centre:search"), {"q": "zorglub"}))
    assert titles[0] == newest.title
