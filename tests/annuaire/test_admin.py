"""The centre's editors manage the annuaire in the Wagtail admin."""

import pytest
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
        assert editor.get(reverse(f"wagtailsnippets_annuaire_{name}:add")).status_code == 200
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
