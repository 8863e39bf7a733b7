"""The readers' export holds the readers the admin's list shows for the same query (status,
lettre, dates, search, order), in the suite's one CSV dialect."""

import pytest

from tests.marks import module_needs_apps

module_needs_apps("newsletter")

from newsletter.models import Publication, Subscriber  # noqa: E402
from tests.core.test_exports import body, read_csv  # noqa: E402
from tests.newsletter.conftest import add_subscribers  # noqa: E402

pytestmark = pytest.mark.django_db

LIST = "/admin/newsletter/subscriber/"
EXPORT = "/admin/newsletter/abonnes/export/"


@pytest.fixture
def readers(db):
    monthly = Publication.objects.create(
        name="Lettre mensuelle", slug="mensuelle", sender_email="l@example.org"
    )
    weekly = Publication.objects.create(name="Brève", slug="breve", sender_email="b@example.org")
    add_subscribers(monthly, 6, prefix="mensuel")
    add_subscribers(weekly, 3, prefix="hebdo", status="bounced")
    Subscriber.objects.filter(email="mensuel2@example.org").update(status="unsubscribed")
    return monthly, weekly


def listed(client, query):
    response = client.get(LIST, {**query, "p": "1"})
    assert response.status_code == 200
    return [s.email for s in response.context["view"].get_queryset()]


def test_the_export_holds_the_lists_readers_for_the_same_query(admin_client, readers):
    monthly, weekly = readers
    queries = [
        {"status__exact": "active"},
        {"publications__id__exact": str(weekly.pk)},
        {"q": "mensuel", "o": "0"},
        {"status__exact": "active", "publications__id__exact": str(monthly.pk), "q": "mensuel1"},
    ]
    every = listed(admin_client, {})
    for query in queries:
        expected = listed(admin_client, query)
        assert 0 < len(expected) < len(every), query
        rows = read_csv(admin_client.get(EXPORT, query))
        assert [next(iter(row.values())) for row in rows] == expected, query
    rows = read_csv(admin_client.get(EXPORT, {"status": "bounced"}))  # the old link still works
    assert {next(iter(row.values())) for row in rows} == {f"hebdo{i}@example.org" for i in range(3)}


def test_the_list_links_its_export_with_its_query(admin_client, readers):
    html = admin_client.get(LIST, {"status__exact": "bounced"}).content.decode()
    assert f'href="{EXPORT}?status__exact=bounced"' in html


def test_garbage_in_the_query_gets_a_french_message_not_an_error(admin_client, readers):
    for query in (
        {"created_at__gte": "pas une date"},
        {"publications__id__exact": "abc"},
        {"nope__exact": "1"},
    ):
        response = admin_client.get(EXPORT, query)
        assert response.status_code in (200, 400), query
        if response.status_code == 400:
            assert "filtres" in body(response).decode()
