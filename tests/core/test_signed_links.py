"""The one way the suite signs account-less links (resource_centre.tokens.SignedLink), and every
link of the suite refusing what is forged, expired, replayed or revoked."""

import pytest

from agenda import registrations as agenda_links
from annuaire import tokens as annuaire_links
from fiches import validation as fiches_links
from newsletter import links as newsletter_links
from newsletter.models import Publication, Subscriber
from resource_centre.tokens import InvalidToken, SignedLink

pytestmark = pytest.mark.django_db

LINK = SignedLink("tests.link", "newsletter.Subscriber", "token_version", max_age=60)


@pytest.fixture
def reader():
    return Subscriber.objects.create(email="lien@example.org", name="Lou Lien")


def _reason(link, token):
    with pytest.raises(InvalidToken) as error:
        link.open(token)
    return error.value.reason


def test_a_link_opens_its_row_and_nothing_else(reader):
    token = LINK.make(reader, p=[3])
    row, data = LINK.open(token)
    assert row == reader and data == {"p": [3]}
    other_purpose = SignedLink("tests.other", "newsletter.Subscriber", "token_version", 60)
    assert _reason(other_purpose, token) == "invalid"
    for forged in (token[:-2] + "xx", "", "x" * 5000, token.replace(":", ";"), None):
        assert _reason(LINK, forged) == "invalid"


def test_expired_revoked_spent_and_deleted(reader):
    token = LINK.make(reader)
    expired = SignedLink("tests.link", "newsletter.Subscriber", "token_version", max_age=-1)
    assert _reason(expired, token) == "expired"

    row, _data = LINK.open(token)
    assert LINK.spend(row) is True
    assert _reason(LINK, token) == "revoked"
    stale = Subscriber.objects.get(pk=reader.pk)
    stale.token_version -= 1  # a concurrent request that opened the link before the spend
    assert LINK.spend(stale) is False

    fresh = LINK.make(row)
    LINK.revoke(row)
    assert _reason(LINK, fresh) == "revoked"
    newest = LINK.make(row)
    row.delete()
    assert _reason(LINK, newest) == "invalid"


def test_every_link_of_the_suite_goes_through_signed_link():
    links = [
        newsletter_links.CONFIRM,
        newsletter_links.MANAGE,
        agenda_links.CONFIRM,
        agenda_links.CANCEL,
        fiches_links.LINK,
        *annuaire_links.LINKS[annuaire_links.UPDATE],
        *annuaire_links.LINKS[annuaire_links.REMOVE],
    ]
    assert all(isinstance(link, SignedLink) for link in links)
    purposes = [link.purpose for link in links]
    assert len(set(purposes)) == len(purposes)  # no link opens another's action
    for link in links:  # every one expires
        max_age = link.max_age() if callable(link.max_age) else link.max_age
        assert 0 < max_age <= 3 * 365 * 86400  # unsubscribe links in old lettres: two years


def test_links_already_in_mailboxes_keep_working(client, reader):
    """An unsubscribe link made before SignedLink (payload {"s", "v", "p"}) still unsubscribes."""
    from resource_centre.tokens import make_token

    lettre = Publication.objects.create(name="Lettre", slug="lettre", sender_email="l@example.org")
    reader.status = "active"
    reader.save()
    reader.subscriptions.create(publication=lettre)
    old = make_token("newsletter.manage", {"s": reader.pk, "v": reader.token_version, "p": None})
    response = client.post(f"/infolettre/desinscription/{old}/")
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == "unsubscribed"
