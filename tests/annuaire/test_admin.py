"""The centre's editors manage the annuaire in the Wagtail admin."""

import pytest
from django.apps import apps
from django.urls import reverse

from annuaire.models import Person, Structure


@pytest.fixture
def editor(client, annuaire, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "pw")
    client.force_login(user)
    return client


def test_snippet_listings_and_forms_render(editor):
    for name in ("structure", "person", "changerequest", "structuretype", "metier", "reseau"):
        listing = editor.get(reverse(f"wagtailsnippets_annuaire_{name}:list"))
        assert listing.status_code == 200, name
        if name != "changerequest":
            assert editor.get(reverse(f"wagtailsnippets_annuaire_{name}:add")).status_code == 200
    # A réseau links to its agenda page only when the agenda is installed.
    reseau_form = editor.get(reverse("wagtailsnippets_annuaire_reseau:add")).content.decode()
    assert ("age du réseau dans l’agenda" in reseau_form) == apps.is_installed("agenda")
    structure = Structure.objects.get(name="RésO Villes")
    assert (
        editor.get(
            reverse("wagtailsnippets_annuaire_structure:edit", args=[structure.pk])
        ).status_code
        == 200
    )
    person = Person.objects.get(last_name="Maltet")
    edit = editor.get(reverse("wagtailsnippets_annuaire_person:edit", args=[person.pk]))
    assert "publié seulement avec consentement" in edit.content.decode()
    people = editor.get(reverse("wagtailsnippets_annuaire_person:list")).content.decode()
    assert reverse("annuaire_admin:person_data", args=[person.pk]) in people
    for url in ("import", "moderation", "freshness"):
        assert editor.get(reverse(f"annuaire_admin:{url}")).status_code == 200
    assert "/admin/annuaire/import/" in editor.get("/admin/").content.decode()


def test_a_wrong_siret_is_refused_in_french(editor):
    response = editor.post(
        reverse("wagtailsnippets_annuaire_structure:add"),
        {
            "name": "Association des habitants",
            "siret": "12345678901234",
            "addresses-TOTAL_FORMS": "0",
            "addresses-INITIAL_FORMS": "0",
            "addresses-MIN_NUM_FORMS": "0",
            "addresses-MAX_NUM_FORMS": "1000",
        },
    )
    assert "clé de contrôle est fausse" in response.content.decode()
    assert not Structure.objects.filter(name="Association des habitants").exists()


def test_an_address_s_postcode_is_five_digits_as_in_the_import(editor):
    """A postcode "1000" is a spreadsheet's "01000", as the import and the public form read it; "ABC" is
    refused in French."""
    address = {
        "addresses-TOTAL_FORMS": "1",
        "addresses-INITIAL_FORMS": "0",
        "addresses-MIN_NUM_FORMS": "0",
        "addresses-MAX_NUM_FORMS": "1000",
        "addresses-0-street": "1 rue de la Paix",
        "addresses-0-city": "Bourg-en-Bresse",
        "addresses-0-ORDER": "1",
    }
    add = reverse("wagtailsnippets_annuaire_structure:add")
    refused = editor.post(add, {"name": "Centre ABC", **address, "addresses-0-postcode": "ABC"})
    assert "code postal français de cinq chiffres" in refused.content.decode()
    assert not Structure.objects.filter(name="Centre ABC").exists()
    editor.post(add, {"name": "Centre 1000", **address, "addresses-0-postcode": "1000"})
    assert Structure.objects.get(name="Centre 1000").first_address.postcode == "01000"


def test_proposals_are_decided_in_the_moderation_view_only(editor):
    """The snippet admin shows proposals but cannot add or edit them: approving one in the
    moderation view is the only way it reaches the directory."""
    from annuaire.models import ChangeRequest

    person = Person.objects.get(last_name="Maltet")
    change = ChangeRequest.objects.create(person=person, proposed={"phone": "01 02 03 04 05"})
    add = editor.get(reverse("wagtailsnippets_annuaire_changerequest:add"))
    edit = editor.post(
        reverse("wagtailsnippets_annuaire_changerequest:edit", args=[change.pk]),
        {"status": "approved", "proposed": "{}"},
    )
    for refused in (add, edit):
        assert refused.status_code == 302 and refused.url == "/admin/"
    change.refresh_from_db()
    assert change.status == "pending"
    inspect = editor.get(
        reverse("wagtailsnippets_annuaire_changerequest:inspect", args=[change.pk])
    )
    assert inspect.status_code == 200


def test_the_moderation_menu_needs_the_rights_of_the_view(client, annuaire, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("lectrice", "l@example.org", "pw")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_structure"])
    )
    client.force_login(user)
    assert reverse("annuaire_admin:moderation") not in client.get("/admin/").content.decode()
    user.user_permissions.add(Permission.objects.get(codename="change_person"))
    client.force_login(user)
    assert reverse("annuaire_admin:moderation") in client.get("/admin/").content.decode()


def test_editors_search_structures_and_people_as_visitors_do(editor):
    """The admin's lists search as the annuaire's keyword box does (accents, case, plural), and
    still find what that text leaves out as typed (a SIRET)."""
    Structure.objects.filter(name="RésO Villes").update(siret="41234567800015")
    structures = reverse("wagtailsnippets_annuaire_structure:list")
    people = reverse("wagtailsnippets_annuaire_person:list")
    for url, query, expected in [
        (structures, "reso villes", "RésO Villes"),
        (structures, "41234567800015", "RésO Villes"),
        (people, "gwenaelle herve", "Gwénaëlle Hervé"),
        (people, "GWÉNAËLLE", "Gwénaëlle Hervé"),
        (people, "documentalistes", "Soazig Barré"),
    ]:
        response = editor.get(url, {"q": query})
        assert response.status_code == 200
        assert expected in response.content.decode(), (query, expected)
    listed = editor.get(people, {"q": "reso villes"}).content.decode()
    # The people of RésO Villes, each listed once (their structure is a join).
    for name in ("Brigitte Maltet", "Gwénaëlle Hervé", "Soazig Barré"):
        assert listed.count(f'_title">{name}</span>') == 1, name
    for garbage in ("%%%", "\x00", "'\"<>", "é" * 300):
        assert editor.get(people, {"q": garbage}).status_code == 200
        assert editor.get(structures, {"q": garbage}).status_code == 200


def test_impossible_places_dates_and_parents_are_refused_in_french(editor):
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone, translation

    future = timezone.localdate() + datetime.timedelta(days=30)
    response = editor.post(
        reverse("wagtailsnippets_annuaire_structure:add"),
        {
            "name": "Centre du futur",
            "verified_at": future.strftime("%d/%m/%Y"),
            "addresses-TOTAL_FORMS": "1",
            "addresses-INITIAL_FORMS": "0",
            "addresses-MIN_NUM_FORMS": "0",
            "addresses-MAX_NUM_FORMS": "1000",
            "addresses-0-city": "Brest",
            "addresses-0-latitude": "999",
            "addresses-0-longitude": "-400",
            "addresses-0-ORDER": "1",
        },
    )
    html = response.content.decode()
    assert "Cette date est encore à venir : indiquez le jour où cela a eu lieu." in html
    assert "inférieure ou égale à 90" in html and "supérieure ou égale à -180" in html
    assert 'value="999"' in html  # what was typed stays
    assert not Structure.objects.filter(name="Centre du futur").exists()

    # An antenne of itself, or of its own antenne.
    head = Structure.objects.get(name="RésO Villes")
    antenne = Structure.objects.create(name="Antenne de RésO Villes", parent=head)
    with translation.override("fr"):
        for parent in (head, antenne):
            head.parent = parent
            with pytest.raises(ValidationError) as refused:
                head.full_clean()
            assert "ne peut appartenir ni à elle-même" in str(refused.value.message_dict["parent"])
        person = Person.objects.get(last_name="Maltet")
        person.consent_at, person.consent_source = future, "formulaire"
        with pytest.raises(ValidationError) as refused:
            person.full_clean()
        assert "encore à venir" in str(refused.value.message_dict["consent_at"])


def test_a_phone_without_its_digits_is_refused_and_a_word_beside_them_kept(editor):
    """The admin took « abc » for a phone; a number with a word (« (standard) ») stays valid,
    as the centre records it."""
    form = {
        "name": "Maison des projets",
        "addresses-TOTAL_FORMS": "0",
        "addresses-INITIAL_FORMS": "0",
        "addresses-MIN_NUM_FORMS": "0",
        "addresses-MAX_NUM_FORMS": "1000",
    }
    add = reverse("wagtailsnippets_annuaire_structure:add")
    for garbage in ("abc", "voir le site", "n.c."):
        response = editor.post(add, {**form, "phone": garbage})
        html = response.content.decode()
        assert "n’est pas un numéro de téléphone : saisissez ses chiffres" in html, garbage
        assert "Maison des projets" in html  # what was typed stays
    assert not Structure.objects.filter(name="Maison des projets").exists()
    for phone in ("02 40 58 02 03 (standard)", "+33 (0)2 40 58 02 03", "3939"):
        Structure.objects.filter(name="Maison des projets").delete()
        assert editor.post(add, {**form, "phone": phone}).status_code == 302, phone
        assert Structure.objects.get(name="Maison des projets").phone == phone


def test_a_proposal_reads_as_editors_write_in_its_inspect_page(editor):
    """It showed the raw JSON ({'phone': …}), « Personne None » and its times in UTC."""
    import datetime

    from django.utils import timezone

    from annuaire.models import ChangeRequest

    structure = Structure.objects.get(name="RésO Villes")
    change = ChangeRequest.objects.create(
        structure=structure, proposed={"phone": "02 40 00 00 01", "city": "Saint-Herblain"}
    )
    sent = timezone.make_aware(datetime.datetime(2026, 7, 1, 21, 30), datetime.UTC)
    ChangeRequest.objects.filter(pk=change.pk).update(created_at=sent)
    page = editor.get(
        reverse("wagtailsnippets_annuaire_changerequest:inspect", args=[change.pk])
    ).text
    html = page[page.index("<dl>") : page.index("</dl>")]
    edit_url = reverse("wagtailsnippets_annuaire_structure:edit", args=[structure.pk])
    assert f'<a href="{edit_url}">RésO Villes</a>' in html
    assert "<li>téléphone générique : 02 40 00 00 01</li>" in html
    assert "<li>ville : Saint-Herblain</li>" in html
    assert "{&#x27;phone" not in html and "None" not in html
    assert "1 juillet 2026 23:30" in html  # in Paris, summer time: UTC + 2
    assert "21:30" not in html


@pytest.mark.parametrize("bad", [{"addresses-0-id": "abc"}, {"addresses-0-ORDER": "un"}])
def test_a_hand_edited_address_row_is_refused_with_a_message(editor, bad):
    """A structure's address rows are guarded as every inline list of the suite: no 500, a
    French message, the structure unchanged."""
    structure = Structure.objects.get(name="RésO Villes")
    address = structure.addresses.first()
    data = {
        "name": "RésO Villes (tapé)",
        "addresses-TOTAL_FORMS": "1",
        "addresses-INITIAL_FORMS": "1",
        "addresses-MIN_NUM_FORMS": "0",
        "addresses-MAX_NUM_FORMS": "1000",
        "addresses-0-id": str(address.pk),
        "addresses-0-ORDER": "1",
        "addresses-0-street": address.street,
        "addresses-0-postcode": address.postcode,
        "addresses-0-city": address.city,
        **bad,
    }
    response = editor.post(
        reverse("wagtailsnippets_annuaire_structure:edit", args=[structure.pk]), data
    )
    assert response.status_code == 200
    assert "Une ligne de cette liste ne correspond plus" in response.content.decode()
    assert "RésO Villes (tapé)" in response.content.decode()
    assert Structure.objects.filter(name="RésO Villes").exists()


@pytest.mark.parametrize(
    "query",
    [
        "created_at_from=0001-01-01",
        "updated_at_from=01/01/0001",
        "verified_at_to=31/12/9999",
        "created_at_from=01/01/1899&created_at_to=01/01/2020",
    ],
)
def test_a_period_out_of_the_calendar_is_refused_in_french(editor, query):
    """Year 1 at midnight in Paris is year 0 in UTC, which no database date holds: was a 500."""
    for name in ("structure", "person"):
        page = editor.get(reverse(f"wagtailsnippets_annuaire_{name}:list") + "?" + query)
        assert page.status_code == 200, name
        assert "Choisissez des dates entre 1900 et 2999." in page.text, name
        # The results the filter drawer fetches as it changes.
        results = editor.get(reverse(f"wagtailsnippets_annuaire_{name}:list_results") + "?" + query)
        assert results.status_code == 200, name
        for html in (page.text, results.text):
            assert "Certains filtres de la liste ne sont pas valides" in html, name
        assert "Choisissez des dates entre 1900 et 2999." in results.text, name
    # The entries are listed, the period left out.
    listing = editor.get(reverse("wagtailsnippets_annuaire_structure:list") + "?" + query)
    assert "RésO Villes" in listing.text


def test_a_valid_period_filters_without_a_warning(editor):
    url = reverse("wagtailsnippets_annuaire_structure:list_results")
    results = editor.get(url + "?created_at_from=01/01/2000&created_at_to=31/12/2999")
    assert "RésO Villes" in results.text
    assert "ne sont pas valides" not in results.text
    # The drawer names the period as the column does, of a structure: « Mise à jour le ».
    listing = editor.get(reverse("wagtailsnippets_annuaire_structure:list")).text
    assert "Mise à jour le" in listing and "Mis à jour le" not in listing
    # A period before every entry's creation lists none of them.
    assert "RésO Villes" not in editor.get(url + "?created_at_to=01/01/1990").text
