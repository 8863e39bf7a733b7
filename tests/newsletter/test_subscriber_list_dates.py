"""The readers' list takes date ranges (the bilan's links use them); a date typed or linked
wrong is said in French and removed, the whole list shown, never a 500."""

import pytest

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db
URL = "/admin/newsletter/subscriber/"


@pytest.mark.parametrize(
    "query",
    [
        "created_at__gte=xyz",
        "left_at__lt=2026-13-45",
        "created_at__gte=%00",
        "created_at__gte=0001-01-01",  # year 0 in UTC: no database date holds it
        "left_at__lt=0001-01-01",
    ],
)
def test_a_wrong_date_is_removed(admin_client, query):
    Subscriber.objects.create(email="lecteur@example.org", status="active")
    response = admin_client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert "lecteur@example.org" in response.content.decode()
    assert "ne sont pas valides : ils ont été retirés" in response.content.decode()


def test_a_date_range_lists_the_readers_of_the_period(admin_client):
    Subscriber.objects.create(email="ancien@example.org", status="active")
    Subscriber.objects.filter(email="ancien@example.org").update(created_at="2019-05-01T10:00Z")
    Subscriber.objects.create(email="nouveau@example.org", status="active")
    page = admin_client.get(f"{URL}?created_at__gte=2019-01-01&created_at__lt=2020-01-01")
    assert "ancien@example.org" in page.content.decode()
    assert "nouveau@example.org" not in page.content.decode()
