"""Self-service by the actors (signed expiring links, moderation, removal) and the centre's RGPD
and freshness tools. The e-mail path runs over a real SMTP server on 127.0.0.1."""

import html
import json
import re
import socket
import threading

import pytest
from django.core import mail

from annuaire.models import ChangeRequest, Membership, Person, Structure
from annuaire.tokens import REMOVE, UPDATE, token_for


class SmtpRecorder:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    recorder = SmtpRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    yield recorder
    controller.stop()


@pytest.fixture
def moderator(client, django_user_model):
    return django_user_model.objects.create_superuser("moderatrice", "m@example.org", "pw")


def text(response):
    return html.unescape(response.content.decode())


def approve_as_shown(client, change):
    """Approve `change` from its review page, as a moderator does: every value ticked as the
    page ticks it."""
    url = f"/admin/annuaire/moderation/{change.pk}/"
    ticked = re.findall(r'name="publish" value="(\w+)"[^>]* checked', text(client.get(url)))
    return client.post(url, {"decision": "approve", "publish": ticked}, follow=True)


def links_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.findall(r"http://testserver/\S+", body)


def test_an_actor_updates_their_entry_through_a_link_and_the_centre_moderates(
    annuaire, client, smtp_server, moderator
):
    person = Person.objects.get(email="s.barre@resovilles.example")
    page_url = f"{annuaire.url}personne/{person.pk}/"
    # 0. Their entry's page leads to the request of a link, as the listings do.
    entry = text(client.get(page_url))
    assert f'href="{annuaire.url}mise-a-jour/">C’est vous ? Mettez à jour votre fiche' in entry
    # Not where no address is recorded: the link could reach no one.
    silent = Person.objects.filter(email="").first()
    assert "C’est vous ?" not in text(client.get(f"{annuaire.url}personne/{silent.pk}/"))

    # 1. The actor asks for a link; it goes to the address on record, over SMTP.
    response = client.post(annuaire.url + "mise-a-jour/", {"email": "S.Barre@resovilles.example"})
    assert "Consultez votre messagerie" in text(response)
    assert len(smtp_server.messages) == 1
    recipients, message = smtp_server.messages[0]
    assert recipients == ["s.barre@resovilles.example"]  # as recorded, not as typed
    assert "Votre fiche dans l’annuaire de RésO Villes" in message["Subject"]
    update_url, remove_url = links_in(message)
    assert "/annuaire/modifier/?jeton=" in update_url and "/annuaire/retrait/?jeton=" in remove_url

    # 2. The form is filled with the current entry; the proposal waits for moderation.
    form = client.get(update_url)
    assert 'value="Barré"' in text(form)
    sent = client.post(
        update_url,
        {
            "first_name": "Soazig",
            "last_name": "Barré",
            "fonction": "Responsable de la documentation et de la lettre",
            "email": "s.barre@resovilles.example",
            "phone": "02 40 11 22 33",
            "consent": "on",
            "comment": "Nouveau numéro direct.",
        },
    )
    assert "Proposition reçue" in text(sent)
    # The centre is told a proposal waits for it.
    recipients, notice = smtp_server.messages[-1]
    assert recipients == ["contact@resovilles.example"]
    assert "Soazig Barré" in notice["Subject"]
    assert "/admin/annuaire/moderation/" in notice.get_body(("plain",)).get_content()
    assert ChangeRequest.objects.filter(person=person, status="pending").count() == 1
    public = text(client.get(page_url))
    assert "02 40 11 22 33" not in public  # nothing published before moderation

    # 3. The link is single-use; the removal link of the same mail still works.
    again = client.get(update_url)
    assert again.status_code == 400
    assert "n’est pas valide ou a déjà servi" in text(again)
    assert "Supprimer ma fiche" in text(client.get(remove_url))

    # 4. The centre reviews and approves; then it is published and the entry is verified.
    client.force_login(moderator)
    change = ChangeRequest.objects.get(person=person)
    review = client.get(f"/admin/annuaire/moderation/{change.pk}/")
    assert "02 40 11 22 33" in text(review)
    approve_as_shown(client, change)
    decided = text(client.get(f"/admin/annuaire/moderation/{change.pk}/"))
    assert "La proposition a été acceptée" in decided and "ne change rien" not in decided
    client.logout()
    public = text(client.get(page_url))
    assert "02 40 11 22 33" in public
    assert "Responsable de la documentation et de la lettre" in public
    person.refresh_from_db()
    assert person.verified_at is not None


def test_a_structure_proposal_can_be_rejected(annuaire, client, moderator):
    structure = Structure.objects.get(name="Profession Banlieue")
    url = annuaire.link_url("propose", token_for(UPDATE, structure))
    client.post(
        url, {"name": "Profession Banlieue", "city": "Saint-Denis", "phone": "01 99 99 99 99"}
    )
    change = ChangeRequest.objects.get(structure=structure)
    client.force_login(moderator)
    client.post(f"/admin/annuaire/moderation/{change.pk}/", {"decision": "reject"})
    change.refresh_from_db()
    assert change.status == "rejected"
    structure.refresh_from_db()
    assert structure.phone == ""


def test_a_proposal_with_garbage_is_refused_in_french(annuaire, client):
    person = Person.objects.get(email="g.herve@resovilles.example")
    url = annuaire.link_url("propose", token_for(UPDATE, person))
    response = client.post(url, {"first_name": "", "last_name": "x" * 500, "email": "nope"})
    assert response.status_code == 200
    body = text(response)
    assert "Saisissez une adresse e-mail valide" in body
    assert not ChangeRequest.objects.exists()
    assert client.get(url).status_code == 200  # the link was not spent


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("postcode", "00000", "code postal français de cinq chiffres"),
        ("postcode", "98000", "code postal français de cinq chiffres"),  # Monaco's
        ("phone", "abc", "numéro de téléphone"),
        ("phone", "12", "numéro de téléphone"),
        ("description", "x" * 100_000, "5000 caractères"),
    ],
)
def test_a_structure_proposal_refuses_what_is_no_address_nor_phone(
    annuaire, client, field, value, message
):
    structure = Structure.objects.get(name="Profession Banlieue")
    url = annuaire.link_url("propose", token_for(UPDATE, structure))
    refused = client.post(url, {"name": "Profession Banlieue", "city": "Bourg", field: value})
    assert refused.status_code == 200 and message in text(refused)
    assert not ChangeRequest.objects.exists()
    accepted = {"postcode": "97400", "phone": "+33 (0)2 40.58.02-03", "description": "Centre"}
    client.post(url, {"name": "Profession Banlieue", "city": "Bourg", field: accepted[field]})
    assert ChangeRequest.objects.get().proposed[field] == accepted[field]


def test_what_the_centre_recorded_comes_back_and_passes(annuaire, client):
    """A phone or a description the admin accepted, which the public form would refuse if typed,
    is sent back unchanged with a proposal about something else."""
    structure = Structure.objects.get(name="Profession Banlieue")
    recorded = {
        "phone": "02 40 58 02 03 (standard)",
        "description": "Un centre. " * 600,
        "email": "accueil@localhost",  # the public form refuses it typed
    }
    Structure.objects.filter(pk=structure.pk).update(**recorded)
    url = annuaire.link_url("propose", token_for(UPDATE, structure))
    form = text(client.get(url))
    assert recorded["phone"] in form
    data = {"name": "Profession Banlieue", "city": "Saint-Denis", **recorded}
    sent = client.post(url, {**data, "comment": "Nouvelle ville."})
    assert "Proposition reçue" in text(sent)
    assert ChangeRequest.objects.get().proposed["phone"] == recorded["phone"]
    # Typed, such an address is refused: the centre's server would write to itself.
    ChangeRequest.objects.all().delete()
    structure.refresh_from_db()  # the proposal spent its link: a new one
    url = annuaire.link_url("propose", token_for(UPDATE, structure))
    refused = client.post(url, {**data, "email": "root@localhost"})
    assert "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr." in text(refused)
    assert not ChangeRequest.objects.exists()


def test_a_structure_proposal_s_postcode_is_five_digits(annuaire, client, moderator):
    """As in the admin: "ABC" is refused in French; "1000", as a spreadsheet writes "01000", is
    put back to five digits."""
    structure = Structure.objects.get(name="Profession Banlieue")
    url = annuaire.link_url("propose", token_for(UPDATE, structure))
    refused = client.post(url, {"name": "Profession Banlieue", "city": "Bourg", "postcode": "ABC"})
    assert "code postal français de cinq chiffres" in text(refused)
    assert not ChangeRequest.objects.exists()
    client.post(url, {"name": "Profession Banlieue", "city": "Bourg", "postcode": "1000"})
    change = ChangeRequest.objects.get(structure=structure)
    client.force_login(moderator)
    approve_as_shown(client, change)
    structure.refresh_from_db()
    assert structure.first_address.postcode == "01000"


def test_unknown_addresses_get_the_same_answer_and_no_mail(annuaire, client):
    response = client.post(annuaire.url + "mise-a-jour/", {"email": "inconnu@example.org"})
    assert "Consultez votre messagerie" in text(response)
    assert mail.outbox == []


def test_link_requests_are_rate_limited_alike_for_known_and_unknown_addresses(
    annuaire, client, settings
):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_LINK_REQUESTS_PER_HOUR": 2}
    url = annuaire.url + "mise-a-jour/"
    # Typing mistakes send nothing and are not counted.
    for typo in ("g.herve@", "g.herve.resovilles.example", ""):
        mistyped = client.post(url, {"email": typo})
        assert mistyped.status_code == 200 and "Trop de demandes" not in text(mistyped)
    for email in ("inconnu@example.org", "g.herve@resovilles.example"):
        assert "Consultez votre messagerie" in text(client.post(url, {"email": email}))
    sent = len(mail.outbox)
    for email in ("inconnu@example.org", "g.herve@resovilles.example"):
        refused = client.post(url, {"email": email})
        assert refused.status_code == 429
        assert "Trop de demandes depuis votre connexion" in text(refused)
        assert "Consultez votre messagerie" not in text(refused)
    assert len(mail.outbox) == sent


@pytest.mark.parametrize("email", ["", "pas-une-adresse", "x" * 300 + "@example.org", "a@b@c"])
def test_garbage_addresses_get_a_french_message(annuaire, client, email):
    response = client.post(annuaire.url + "mise-a-jour/", {"email": email})
    assert response.status_code == 200
    body = text(response)
    assert any(
        m in body
        for m in (
            "Saisissez une adresse e-mail valide",
            "Ce champ est obligatoire",
            "Champ requis",
            "caractères",
        )
    )
    assert mail.outbox == []


def test_forged_expired_and_misused_tokens_open_nothing(annuaire, client, settings):
    person = Person.objects.get(email="g.herve@resovilles.example")
    structure = Structure.objects.get(name="Profession Banlieue")
    garbage = [
        "",
        "abc",
        "x" * 5000,
        token_for(UPDATE, person)[:-2] + "zz",
        token_for(UPDATE, person),  # made for updating, used for removal
        token_for(UPDATE, structure),  # structures are not removed this way
    ]
    for token in garbage:
        response = client.get(annuaire.url + "retrait/", {"jeton": token})
        assert response.status_code == 400
        assert "Ce lien n" in text(response)
    settings.RESOURCE_CENTRE = {"ANNUAIRE_LINK_MAX_AGE": -1}
    expired = client.get(annuaire.link_url("propose", token_for(UPDATE, person)))
    assert expired.status_code == 400 and "Ce lien a expiré" in text(expired)
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_new_link_revokes_the_older_ones_and_a_proposal_spends_it(annuaire, client):
    person = Person.objects.get(email="g.herve@resovilles.example")
    old = annuaire.link_url("propose", token_for(UPDATE, person))
    old_removal = annuaire.link_url("remove", token_for(REMOVE, person))
    assert client.get(old).status_code == 200
    client.post(annuaire.url + "mise-a-jour/", {"email": person.email})
    person.refresh_from_db()
    new = annuaire.link_url("propose", token_for(UPDATE, person))
    for older in (old, old_removal):
        refused = client.get(older)
        assert refused.status_code == 400 and "déjà servi" in text(refused)
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "fonction": "Chargée de mission",
        "email": person.email,
        "consent": "on",
    }
    assert "Proposition reçue" in text(client.post(new, data))
    assert client.post(new, data).status_code == 400  # spent: a replay proposes nothing
    assert person.change_requests.count() == 1


def traces_of(name):
    """Wagtail history entries that still name someone."""
    from wagtail.models import ModelLogEntry

    return list(ModelLogEntry.objects.filter(label__icontains=name))


def with_history(person, user):
    """The person as edited in the admin, with a proposal reviewed there: all in the history."""
    from wagtail.log_actions import log

    change = ChangeRequest.objects.create(person=person, proposed={"phone": "01"})
    log(instance=person, action="wagtail.edit", user=user)
    log(instance=change, action="wagtail.edit", user=user)
    assert traces_of(person.last_name)
    return person


def test_removal_deletes_the_personal_data(annuaire, client, moderator):
    person = with_history(Person.objects.get(email="g.herve@resovilles.example"), moderator)
    url = annuaire.link_url("remove", token_for(REMOVE, person))
    confirm = client.get(url)
    assert "Supprimer ma fiche" in text(confirm)
    done = client.post(url)
    assert "ses données personnelles ont été supprimées" in text(done)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Person.objects.filter(last_name="Hervé").exists()
    assert not Membership.objects.filter(person_id=person.pk).exists()
    assert client.get(f"{annuaire.url}personne/{person.pk}/").status_code == 404
    assert traces_of("Hervé") == []  # nor does the admin history keep the name


def test_deleting_a_person_in_the_admin_erases_their_history(annuaire, client, moderator):
    client.force_login(moderator)
    kept = with_history(Person.objects.get(email="b.maltet@resovilles.example"), moderator)
    person = with_history(Person.objects.get(email="g.herve@resovilles.example"), moderator)
    response = client.post(f"/admin/snippets/annuaire/person/delete/{person.pk}/")
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert traces_of("Hervé") == []

    other = with_history(Person.objects.get(email="s.barre@resovilles.example"), moderator)
    bulk = client.post(
        f"/admin/bulk/annuaire/person/delete/?next=/admin/&id={other.pk}", {"id": [other.pk]}
    )
    assert bulk.status_code == 302
    assert not Person.objects.filter(pk=other.pk).exists()
    assert traces_of("Barré") == []
    assert traces_of(kept.last_name)  # the history of the others stays


def test_the_admin_exports_everything_held_on_one_person(annuaire, client, moderator):
    person = Person.objects.get(email="g.herve@resovilles.example")
    ChangeRequest.objects.create(person=person, proposed={"phone": "01"}, comment="merci")
    client.force_login(moderator)
    response = client.get(f"/admin/annuaire/personne/{person.pk}/donnees/")
    data = json.loads(response.content)
    assert data["email"] == "g.herve@resovilles.example"
    assert data["structures"] == [{"structure": "RésO Villes", "role": ""}]
    assert data["proposed_changes"][0]["comment"] == "merci"


def test_freshness_list_and_verification_requests(annuaire, client, moderator, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_FRESHNESS_DAYS": 30}
    client.force_login(moderator)
    page = text(client.get("/admin/annuaire/verification/"))
    assert "plus de 30 jours" in page
    assert "Profession Banlieue" in page  # verified in 2025
    assert "Gwénaëlle Hervé" in page  # never verified
    client.post("/admin/annuaire/verification/")
    recipients = {m.to[0] for m in mail.outbox}
    assert "contact@professionbanlieue.example" in recipients
    assert "g.herve@resovilles.example" in recipients
    assert all("Vérifier et corriger" in m.body for m in mail.outbox)
    # Each mail says how to stop these requests or have the entry removed.
    assert all("ne plus recevoir ces demandes" in m.body for m in mail.outbox)
    herve = Person.objects.get(email="g.herve@resovilles.example")
    assert herve.verification_requested_at is not None
    assert "Demande envoyée le" in text(client.get("/admin/annuaire/verification/"))

    # Asking again right away mails nobody: every entry was asked a moment ago.
    sent = len(mail.outbox)
    again = client.post("/admin/annuaire/verification/", follow=True)
    assert "0 demande de vérification envoyée" in text(again)
    assert len(mail.outbox) == sent


def test_verification_requests_go_in_batches_to_willing_actors_and_pages(
    annuaire, client, moderator, settings, monkeypatch
):
    from annuaire.admin_views import freshness

    from .conftest import bulk_structures

    settings.RESOURCE_CENTRE = {"ANNUAIRE_FRESHNESS_DAYS": 30}
    bulk_structures(60)
    Person.objects.filter(email="g.herve@resovilles.example").update(no_verification_requests=True)
    client.force_login(moderator)
    first = text(client.get("/admin/annuaire/verification/"))
    assert "Page 1 sur 2" in first
    assert "Structure de test 00059" not in first
    assert "Structure de test 00059" in text(
        client.get("/admin/annuaire/verification/?structures=2")
    )

    monkeypatch.setattr(freshness, "BATCH", 25)
    willing = freshness.to_ask(Structure).count() + freshness.to_ask(Person).count()
    response = client.post("/admin/annuaire/verification/", follow=True)
    assert "25 demandes de vérification envoyées" in text(response)
    assert f"{willing - 25} autres fiches peuvent encore être sollicitées" in text(response)
    while freshness.to_ask(Structure).exists() or freshness.to_ask(Person).exists():
        client.post("/admin/annuaire/verification/")
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == willing  # each one once
    assert "g.herve@resovilles.example" not in recipients  # asked to be left alone


def test_verification_requests_need_the_rights_on_people_too(annuaire, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("struct", "s@example.org", "pw")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_structure"])
    )
    client.force_login(user)
    response = client.post("/admin/annuaire/verification/")
    assert response.status_code == 302 and response.url == "/admin/"
    assert not mail.outbox
    assert "/admin/annuaire/verification/" not in text(client.get("/admin/"))


def test_withdrawing_consent_unpublishes_the_personal_contact_at_once(annuaire, client):
    person = Person.objects.get(email="s.barre@resovilles.example")
    page_url = f"{annuaire.url}personne/{person.pk}/"
    # 0. Their entry's page leads to the request of a link, as the listings do.
    entry = text(client.get(page_url))
    assert f'href="{annuaire.url}mise-a-jour/">C’est vous ? Mettez à jour votre fiche' in entry
    # Not where no address is recorded: the link could reach no one.
    silent = Person.objects.filter(email="").first()
    assert "C’est vous ?" not in text(client.get(f"{annuaire.url}personne/{silent.pk}/"))
    assert "s.barre@resovilles.example" in text(client.get(page_url))
    url = annuaire.link_url("propose", token_for(UPDATE, person))
    sent = client.post(
        url,
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "fonction": person.fonction,
            "email": person.email,
        },
    )
    assert "ne sont plus publiés" in text(sent)
    # No moderation needed: the page shows the structure's contact right away.
    public = text(client.get(page_url))
    assert "s.barre@resovilles.example" not in public
    assert "contact@resovilles.example" in public
    person.refresh_from_db()
    assert not person.has_consent and person.consent_source == ""


def test_the_review_page_says_consent_in_french(annuaire, client, moderator):
    person = Person.objects.get(email="g.herve@resovilles.example")
    change = ChangeRequest.objects.create(person=person, proposed={"consent": True})
    client.force_login(moderator)
    review = text(client.get(f"/admin/annuaire/moderation/{change.pk}/"))
    row = re.search(r">Consentement[^<]*</label></td><td>([^<]*)</td><td>([^<]*)</td>", review)
    assert row and row.groups() == ("non donné", "donné")
    assert "True" not in review and "False" not in review


@pytest.mark.django_db(transaction=True)
def test_removal_links_already_mailed_keep_working_after_the_upgrade():
    """Before `removal_link_version`, a removal link carried the person's `link_version`: the
    migration that adds it starts each person at that version, so the link last mailed works."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("annuaire", "0009_postcode_field")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_person = executor.loader.project_state(before).apps.get_model("annuaire", "Person")
    mailed = old_person.objects.create(first_name="Awa", last_name="Diallo", link_version=3)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    person = Person.objects.get(pk=mailed.pk)
    assert person.removal_link_version == 3 and person.link_version == 3


def test_the_moderator_publishes_some_values_of_a_proposal_and_leaves_out_the_others(
    annuaire, client, moderator
):
    """A proposal was all or nothing: one wrong value meant rejecting the right ones too."""
    structure = Structure.objects.get(name="Profession Banlieue")
    url = annuaire.link_url("propose", token_for(UPDATE, structure))
    client.post(
        url, {"name": "Profession Banlieue", "city": "Saint-Ouen", "phone": "01 48 09 26 36"}
    )
    change = ChangeRequest.objects.get(structure=structure)
    city_before = structure.first_address.city
    client.force_login(moderator)
    review_url = f"/admin/annuaire/moderation/{change.pk}/"
    review = text(client.get(review_url))
    assert 'name="publish" value="phone" id="publish-phone" checked' in review
    assert 'name="publish" value="city" id="publish-city" checked' in review
    # Nothing ticked (or only names that are no row of it): refused in French, nothing published.
    for publish in ([], ["siret", "<script>", "0" * 5000]):
        refused = client.post(review_url, {"decision": "approve", "publish": publish}, follow=True)
        assert "Cochez au moins une valeur à publier, ou refusez la proposition." in text(refused)
    change.refresh_from_db()
    assert change.status == "pending"
    # The phone only.
    done = client.post(review_url, {"decision": "approve", "publish": ["phone"]}, follow=True)
    assert "Les valeurs cochées sont publiées ; les autres ont été écartées." in text(done)
    structure.refresh_from_db()
    assert structure.phone == "01 48 09 26 36"
    assert structure.first_address.city == city_before != "Saint-Ouen"
    change.refresh_from_db()
    assert change.status == "approved"


def test_an_address_is_published_whole_and_a_consent_with_its_contact(annuaire, client, moderator):
    """Ticking the city alone gave « 44000 Saint-Herblain », found in no commune; a consent
    published without the new address it was given for published the old one."""
    structure = Structure.objects.get(name="Profession Banlieue")
    url = annuaire.link_url("propose", token_for(UPDATE, structure))
    client.post(
        url,
        {
            "name": "Profession Banlieue",
            "street": "1 rue Neuve",
            "postcode": "93400",
            "city": "Saint-Ouen",
        },
    )
    change = ChangeRequest.objects.get(structure=structure)
    client.force_login(moderator)
    review_url = f"/admin/annuaire/moderation/{change.pk}/"
    before = (structure.first_address.street, structure.first_address.city)
    refused = client.post(review_url, {"decision": "approve", "publish": ["city"]}, follow=True)
    assert "Publiez l’adresse entière ou pas du tout" in text(refused)
    structure.refresh_from_db()
    assert (structure.first_address.street, structure.first_address.city) == before

    person = Person.objects.get(email="g.herve@resovilles.example")
    proposal = ChangeRequest.objects.create(
        person=person, proposed={"email": "gwen@example.org", "consent": True}
    )
    refused = client.post(
        f"/admin/annuaire/moderation/{proposal.pk}/",
        {"decision": "approve", "publish": ["consent"]},
        follow=True,
    )
    assert "Le consentement porte sur les coordonnées proposées avec lui" in text(refused)
    person.refresh_from_db()
    assert not person.has_consent and person.email == "g.herve@resovilles.example"
    approve_as_shown(client, proposal)
    person.refresh_from_db()
    assert person.has_consent and person.email == "gwen@example.org"
