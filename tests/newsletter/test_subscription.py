"""A visitor subscribes with double opt-in, manages preferences and unsubscribes; bad input."""

import re

import pytest
from django.core import mail

from newsletter import links
from newsletter.models import Publication, Subscriber
from resource_centre.tokens import InvalidToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def revue(db):
    return Publication.objects.create(
        name="Revue de presse",
        slug="revue-de-presse",
        sender_name="RésO Villes",
        sender_email="revue@resovilles.example",
    )


def _subscribe(client, publication_ids, email="marie@example.org", **extra):
    data = {
        "name": "Marie Curie",
        "email": email,
        "structure": "Ville de Rennes",
        "fonction": "Cheffe de projet",
        "publications": publication_ids,
        "consent": "on",
        **extra,
    }
    return client.post("/infolettre/inscription/", data, REMOTE_ADDR="192.0.2.7")


def _confirm_link(message):
    return re.search(r"http://testserver(/infolettre/confirmer/\S+/)", message.body).group(1)


def test_double_opt_in_subscription_records_consent(client, publication, revue):
    response = client.get("/infolettre/inscription/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "J’accepte de recevoir par e-mail les lettres choisies" in page
    assert "Lettre mensuelle" in page and "Revue de presse" in page

    response = _subscribe(client, [publication.pk, revue.pk])
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "un e-mail avec un lien de confirmation est en route" in response.content.decode()
    subscriber = Subscriber.objects.get(email="marie@example.org")
    assert subscriber.status == "pending" and not subscriber.subscriptions.exists()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Confirmez votre inscription"
    link = _confirm_link(mail.outbox[0])

    # A link scanner GETs the link: nothing is confirmed.
    response = client.get(link)
    assert response.status_code == 200
    assert "Confirmer mon inscription" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"

    response = client.post(link, REMOTE_ADDR="192.0.2.8")
    assert "Inscription confirmée" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "active"
    assert set(subscriber.publications.values_list("slug", flat=True)) == {
        "lettre-mensuelle",
        "revue-de-presse",
    }
    assert subscriber.consent_at is not None
    assert subscriber.consent_ip == "192.0.2.8"
    assert subscriber.consent_source == "formulaire d’inscription"
    assert subscriber.consent_version == "2026-01"


def test_the_consent_proof_records_the_visitor_behind_a_trusted_proxy(
    client, publication, settings
):
    settings.RESOURCE_CENTRE = {"TRUSTED_PROXIES": ["10.0.0.2"]}
    _subscribe(client, [publication.pk])
    client.post(
        _confirm_link(mail.outbox[0]),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.50, 198.51.100.23",
    )
    subscriber = Subscriber.objects.get(email="marie@example.org")
    assert subscriber.status == "active" and subscriber.consent_ip == "198.51.100.23"


def test_duplicate_subscription_does_not_reveal_a_known_address(client, publication, revue):
    known = Subscriber.objects.create(
        email="connu@example.org", name="Déjà Abonné", structure="CCAS", status="active"
    )
    known.subscriptions.create(publication=publication)

    first = _subscribe(client, [revue.pk], email="connu@example.org", name="Usurpateur")
    second = _subscribe(client, [revue.pk], email="inconnu@example.org")

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert client.get(first["Location"]).content == client.get(second["Location"]).content
    known.refresh_from_db()
    assert known.name == "Déjà Abonné"  # a stranger cannot overwrite someone's details
    assert list(known.publications.all()) == [publication]  # nothing without confirmation
    assert len(mail.outbox) == 2
    # Confirming adds the new publication for the real owner of the address.
    known_mail = next(m for m in mail.outbox if m.to == ["connu@example.org"])
    client.post(_confirm_link(known_mail))
    assert set(known.publications.all()) == {publication, revue}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        # Addresses no mail reaches on the internet: the server would write to itself.
        ({"email": "root@localhost"}, "Saisissez une adresse e-mail valide"),
        ({"email": "a@[127.0.0.1]"}, "Saisissez une adresse e-mail valide"),
        ({"email": "x" * 65 + "@example.org"}, "Saisissez une adresse e-mail valide"),
        ({"name": "\ufeff"}, "Ce champ ne contient que des caractères invisibles"),
        ({"name": "\u200b \u2060"}, "Ce champ ne contient que des caractères invisibles"),
        ({"publications": []}, "Choisissez au moins une lettre."),
        ({"publications": ["xyz"]}, "Cette lettre n’existe pas."),
        ({"publications": ["99999"]}, "Cette lettre n’existe pas."),
        ({"publications": ["9" * 30]}, "Cette lettre n’existe pas."),
        ({"publications": ["9223372036854775808"]}, "Cette lettre n’existe pas."),
        ({"consent": ""}, "Votre consentement est nécessaire"),
        ({"name": "x" * 500}, "Assurez-vous que cette valeur comporte au plus 150 caractères"),
    ],
)
def test_subscription_form_garbage_gets_a_french_message(client, publication, changes, message):
    data = {
        "name": "Marie",
        "email": "marie@example.org",
        "publications": [publication.pk],
        "consent": "on",
    }
    data.update(changes)
    response = client.post("/infolettre/inscription/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    "token",
    ["garbage", "a" * 3000, "eyJzIjoxfQ:1abc:forged", "%00", "..", "'; DROP TABLE--"],
)
def test_forged_tokens_get_a_french_message(client, token):
    for prefix in ("confirmer", "desinscription", "preferences"):
        for method in (client.get, client.post):
            response = method(f"/infolettre/{prefix}/{token}/")
            assert response.status_code in (400, 404)
            if response.status_code == 400:
                assert "Ce lien n’est pas valide" in response.content.decode()


def test_expired_confirmation_link(client, publication, settings):
    subscriber = Subscriber.objects.create(email="tard@example.org")
    token = links.confirm_token(subscriber, [publication.pk], "formulaire")
    settings.RESOURCE_CENTRE = {"NEWSLETTER_CONFIRM_MAX_AGE": -1}
    response = client.post(f"/infolettre/confirmer/{token}/")
    assert response.status_code == 400
    assert "Ce lien a expiré" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


def test_a_manage_token_cannot_confirm_and_revoked_links_stop_working(client, publication):
    subscriber = Subscriber.objects.create(email="a@example.org", status="active")
    manage = links.manage_token(subscriber)
    assert client.post(f"/infolettre/confirmer/{manage}/").status_code == 400
    subscriber.token_version += 1
    subscriber.save()
    assert client.get(f"/infolettre/preferences/{manage}/").status_code == 400


def test_preferences_unsubscribe_and_delete(client, publication, revue):
    subscriber = Subscriber.objects.create(email="paul@example.org", name="Paul", status="active")
    subscriber.subscriptions.create(publication=publication)
    url = links.preferences_url(subscriber).removeprefix("http://testserver")

    page = client.get(url).content.decode()
    assert "Lettres envoyées à paul@example.org." in page
    response = client.post(
        url, {"name": "Paul Martin", "structure": "MJC", "fonction": "", "publications": [revue.pk]}
    )
    assert "Vos préférences sont enregistrées." in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.name == "Paul Martin"
    assert list(subscriber.publications.all()) == [revue]

    for garbage in ("abc", "9" * 30, "-1", "\x00"):
        response = client.post(url, {"name": "Paul", "publications": [garbage]})
        assert "Cette lettre n’existe pas." in response.content.decode()

    unsubscribe = links.unsubscribe_url(subscriber, revue.pk).removeprefix("http://testserver")
    page = client.get(unsubscribe).content.decode()
    assert "Ne plus envoyer « Revue de presse » à paul@example.org ?" in page
    subscriber.refresh_from_db()
    assert subscriber.status == "active"  # GET changes nothing
    response = client.post(unsubscribe)
    assert "paul@example.org ne recevra plus « Revue de presse »." in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    # Leaving the last list revoked the links sent so far; the page offers a fresh one.
    assert client.get(url).status_code == 400
    assert client.post(unsubscribe).status_code == 400
    url = re.search(r'href="(/infolettre/preferences/[^"]+/)"', response.text).group(1)

    # Erasing asks first: the button of the preferences page leads to a confirmation.
    asked = client.post(url, {"delete": "1"}).content.decode()
    assert "Effacer paul@example.org et vos coordonnées ?" in asked
    assert Subscriber.objects.filter(email="paul@example.org").exists()
    response = client.post(url, {"delete": "confirmed"})
    assert "Vos données sont supprimées" in response.content.decode()
    assert not Subscriber.objects.filter(email="paul@example.org").exists()
    assert client.get(url).status_code == 400


def test_subscription_requests_are_rate_limited_per_connection(client, publication, settings):
    settings.RESOURCE_CENTRE = {"NEWSLETTER_SUBSCRIBE_RATE": (3, 3600)}
    Subscriber.objects.create(email="connu@example.org", status="active")
    # A form with mistakes is corrected, not counted.
    for _ in range(4):
        assert _subscribe(client, [publication.pk], email="v0@").status_code == 200
    for i in range(3):
        assert _subscribe(client, [publication.pk], email=f"v{i}@example.org").status_code == 302
    assert len(mail.outbox) == 3

    known = _subscribe(client, [publication.pk], email="connu@example.org")
    unknown = _subscribe(client, [publication.pk], email="nouveau@example.org")

    assert known.status_code == unknown.status_code == 429
    html = known.content.decode()
    assert "Trop de tentatives depuis votre connexion. Veuillez réessayer plus tard." in html

    # Same answer whether or not the address is known, and no e-mail goes out.
    def masked(content):
        content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())
        return content.replace("connu@", "X@").replace("nouveau@", "X@")

    assert masked(known.content) == masked(unknown.content)
    assert len(mail.outbox) == 3
    assert not Subscriber.objects.filter(email="nouveau@example.org").exists()
    # Another connection is not affected.
    other = client.post(
        "/infolettre/inscription/",
        {
            "name": "Ana",
            "email": "ana@example.org",
            "publications": [publication.pk],
            "consent": "on",
        },
        REMOTE_ADDR="198.51.100.4",
    )
    assert other.status_code == 302


def test_the_form_describes_each_publication(client, publication):
    publication.description = "Chaque mois, l’actualité des quartiers."
    publication.save()
    html = client.get("/infolettre/inscription/").content.decode()
    assert "Lettre mensuelle" in html and "Chaque mois, l’actualité des quartiers." in html


def _payload(token):
    """What anyone holding the link can read of it (it is signed, not encrypted)."""
    import base64
    import zlib

    data = token.split(":")[0]
    raw = base64.urlsafe_b64decode(data.lstrip(".") + "=" * (-len(data) % 4))
    return (zlib.decompress(raw) if data.startswith(".") else raw).decode()


def test_a_confirmation_link_works_once_and_dies_with_an_unsubscribe(
    client, publication, revue, settings
):
    _subscribe(client, [publication.pk])
    link = _confirm_link(mail.outbox[0])
    token = link.split("/")[-2]
    readable = _payload(token)
    assert "192.0.2" not in readable and "marie" not in readable.lower()

    assert "Inscription confirmée" in client.post(link, REMOTE_ADDR="192.0.2.8").text
    subscriber = Subscriber.objects.get(email="marie@example.org")
    consent_at = subscriber.consent_at
    # Clicked again: it is said confirmed already, and the consent is not recorded again.
    for replay in (client.post(link, REMOTE_ADDR="203.0.113.1"), client.get(link)):
        assert replay.status_code == 200
        assert "Votre inscription est déjà confirmée" in replay.text
    subscriber.refresh_from_db()
    assert subscriber.consent_at == consent_at and subscriber.consent_ip == "192.0.2.8"
    # Clicked again once expired (found in the mailbox a week later): still confirmed, not a
    # link to renew.
    settings.RESOURCE_CENTRE = {"NEWSLETTER_CONFIRM_MAX_AGE": -1}
    late = client.get(link)
    assert late.status_code == 200 and "Votre inscription est déjà confirmée" in late.text
    settings.RESOURCE_CENTRE = {}

    # A second request for another list, then an unsubscribe before confirming it.
    _subscribe(client, [revue.pk])
    second = _confirm_link(mail.outbox[1])
    manage = links.manage_token(subscriber)
    client.post(f"/infolettre/desinscription/{manage}/")
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    for old in (link, second):
        assert client.post(old).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and not subscriber.subscriptions.exists()
    assert subscriber.consent_at == consent_at


def test_a_link_voided_by_another_confirmation_is_not_said_confirmed(
    client, publication, revue, settings
):
    """Two requests, two links; confirming the first voids the second (one counter per reader):
    it must not say the second list is confirmed."""
    _subscribe(client, [publication.pk])
    _subscribe(client, [revue.pk])
    first, second = (_confirm_link(m) for m in mail.outbox)
    client.post(first)
    for method in (client.get, client.post):
        response = method(second)
        assert response.status_code == 400
        assert "Votre inscription est déjà confirmée" not in response.text
    settings.RESOURCE_CENTRE = {"NEWSLETTER_CONFIRM_MAX_AGE": -1}
    expired = client.get(second)
    assert expired.status_code == 400 and "Ce lien a expiré" in expired.text
    subscriber = Subscriber.objects.get(email="marie@example.org")
    assert [s.publication for s in subscriber.subscriptions.all()] == [publication]


def test_leaving_one_list_of_two_keeps_the_links_working(client, publication, revue):
    subscriber = Subscriber.objects.create(email="lea@example.org", status="active")
    subscriber.subscriptions.create(publication=publication)
    subscriber.subscriptions.create(publication=revue)
    other_list = links.unsubscribe_url(subscriber, publication.pk).removeprefix("http://testserver")
    client.post(links.unsubscribe_url(subscriber, revue.pk).removeprefix("http://testserver"))
    subscriber.refresh_from_db()
    assert subscriber.status == "active"
    assert client.post(other_list).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_a_double_click_on_confirm_records_one_consent(client, publication):
    """Two requests with the same link: the spend is a conditional update, so one wins."""
    from newsletter import subscriptions

    _subscribe(client, [publication.pk])
    token = _confirm_link(mail.outbox[0]).split("/")[-2]
    first = subscriptions.confirm_subscription(token, "192.0.2.8")
    with pytest.raises(InvalidToken):
        subscriptions.confirm_subscription(token, "192.0.2.9")
    assert first is not None
    subscriber = Subscriber.objects.get(email="marie@example.org")
    subscriber.confirm_version -= 1  # as a request that read the row before the first spent it
    assert links.CONFIRM.spend(subscriber) is False


def test_an_expired_unsubscribe_link_leads_to_a_new_one(client, publication, settings):
    """A reader whose unsubscribe link expired (a lettre of three years ago) can still leave:
    the page offers a new link, which goes to the address alone."""
    subscriber = Subscriber.objects.create(email="ancien@example.org", status="active")
    subscriber.subscriptions.create(publication=publication)
    old = links.manage_token(subscriber, publication.pk)
    settings.RESOURCE_CENTRE = {"NEWSLETTER_LINK_MAX_AGE": -1}
    for method in (client.get, client.post):
        expired = method(f"/infolettre/desinscription/{old}/")
        assert expired.status_code == 400
        page = expired.content.decode()
        assert "Ce lien a expiré" in page and 'href="/infolettre/lien/"' in page
    settings.RESOURCE_CENTRE = {}

    form = client.get("/infolettre/lien/")
    assert "Gérer mon abonnement" in form.content.decode()
    sent = client.post("/infolettre/lien/", {"email": " Ancien@Example.org "})
    assert "un e-mail avec un lien" in sent.content.decode()
    (message,) = mail.outbox
    assert message.to == ["ancien@example.org"]
    assert message.subject == "Gérer votre abonnement"
    unsubscribe = re.search(r"http://testserver(/infolettre/desinscription/\S+/)", message.body)
    preferences = re.search(r"http://testserver(/infolettre/preferences/\S+/)", message.body)
    assert client.get(preferences.group(1)).status_code == 200
    client.post(unsubscribe.group(1))
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and not subscriber.subscriptions.exists()


def test_asking_for_a_link_tells_nothing_about_the_address(client, publication, settings):
    Subscriber.objects.create(email="connu@example.org", status="active")

    def masked(response):
        content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return content.replace("connu@", "X@").replace("inconnu@", "X@")

    known = client.post("/infolettre/lien/", {"email": "connu@example.org"})
    unknown = client.post("/infolettre/lien/", {"email": "inconnu@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert masked(known) == masked(unknown)
    assert [m.to for m in mail.outbox] == [["connu@example.org"]]
    for garbage in ("", "pas-une-adresse", "a@" + "b" * 300 + ".fr", "\x00@x.fr"):
        refused = client.post("/infolettre/lien/", {"email": garbage})
        assert refused.status_code == 200 and "nl-errors" in refused.content.decode(), garbage
    assert len(mail.outbox) == 1
    settings.RESOURCE_CENTRE = {"NEWSLETTER_SUBSCRIBE_RATE": (2, 3600)}
    client.post("/infolettre/lien/", {"email": "connu@example.org"})
    limited = client.post("/infolettre/lien/", {"email": "connu@example.org"})
    assert limited.status_code == 429
    assert "Trop de tentatives" in limited.content.decode()


def test_a_robot_filling_the_hidden_field_subscribes_nobody(client, publication):
    """The subscription form has the registration form's honeypot: the same answer, no mail,
    nothing kept."""
    page = client.get("/infolettre/inscription/").content.decode()
    assert 'class="rc-hp" aria-hidden="true"' in page and 'tabindex="-1"' in page
    assert "Les champs marqués d’un astérisque (*) sont obligatoires." in page
    response = _subscribe(client, [publication.pk], email="robot@example.org", website="spam")
    assert (
        response.status_code == 302 and response["Location"] == "/infolettre/inscription/envoyee/"
    )
    assert not mail.outbox and not Subscriber.objects.filter(email="robot@example.org").exists()


def test_a_reader_who_never_confirmed_is_told_so_not_given_lists(client, publication, revue):
    """Choosing lists from a preferences link would send nothing to an unconfirmed reader: the
    page says to confirm, and still lets them erase their address."""
    _subscribe(client, [publication.pk])
    client.post("/infolettre/lien/", {"email": "marie@example.org"})
    message = next(m for m in mail.outbox if m.subject == "Gérer votre abonnement")
    url = re.search(r"http://testserver(/infolettre/preferences/\S+/)", message.body).group(1)
    page = client.get(url).content.decode()
    assert "Votre inscription n’est pas confirmée" in page
    assert 'name="publications"' not in page
    client.post(url, {"name": "Marie", "publications": [publication.pk, revue.pk]})
    subscriber = Subscriber.objects.get(email="marie@example.org")
    assert subscriber.status == "pending" and not subscriber.subscriptions.exists()
    client.post(url, {"delete": "confirmed"})
    assert not Subscriber.objects.filter(email="marie@example.org").exists()
