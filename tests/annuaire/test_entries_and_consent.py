"""Entry pages with JSON-LD, and the consent rule: no personal contact without recorded consent,
in any page, JSON-LD, export or search result."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from annuaire.models import Person, Structure
from annuaire.validators import validate_siret

# Gwénaëlle Hervé (RésO Villes) gave no consent; Brigitte Maltet did.
NO_CONSENT_EMAIL = "g.herve@resovilles.example"
CONSENT_EMAIL = "b.maltet@resovilles.example"


def json_ld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_structure_page_has_organization_json_ld(annuaire, client):
    structure = Structure.objects.get(name="Pôle de ressources Ville et développement social")
    response = client.get(f"{annuaire.url}structure/{structure.pk}/")
    assert response.status_code == 200
    assert "8 place de France" in response.text
    assert "Anne Fontaine" in response.text  # its team
    assert re.search(r"Mis à jour le \d\d/\d\d/\d{4}", response.text)
    data = json_ld(response)
    assert data["@type"] == "Organization"
    assert data["name"] == structure.name
    assert data["address"]["addressLocality"] == "Sarcelles"
    assert data["url"].endswith(f"/annuaire/structure/{structure.pk}/")


def test_antenne_links_to_its_parent(annuaire, client):
    antenne = Structure.objects.get(name="Ville de Rennes, antenne du Blosne")
    response = client.get(f"{annuaire.url}structure/{antenne.pk}/")
    assert "Antenne de" in response.text
    assert json_ld(response)["parentOrganization"]["name"] == antenne.parent.name


def test_person_with_consent_shows_their_own_contact(annuaire, client):
    person = Person.objects.get(email=CONSENT_EMAIL)
    response = client.get(f"{annuaire.url}personne/{person.pk}/")
    assert CONSENT_EMAIL in response.text
    data = json_ld(response)
    assert data["@type"] == "Person" and data["email"] == CONSENT_EMAIL
    assert data["worksFor"][0]["name"] == "RésO Villes"


def test_person_without_consent_shows_the_structure_contact(annuaire, client):
    person = Person.objects.get(email=NO_CONSENT_EMAIL)
    response = client.get(f"{annuaire.url}personne/{person.pk}/")
    assert NO_CONSENT_EMAIL not in response.text
    assert "contact@resovilles.example" in response.text
    assert "peut être jointe par sa structure" in response.text
    data = json_ld(response)
    assert "email" not in data and "telephone" not in data


def test_consent_date_without_source_is_not_consent(annuaire, client):
    person = Person.objects.get(email=NO_CONSENT_EMAIL)
    person.consent_at = person.updated_at.date()
    person.save()
    assert NO_CONSENT_EMAIL not in client.get(f"{annuaire.url}personne/{person.pk}/").text


def test_no_personal_contact_without_consent_leaks_anywhere(annuaire, client):
    hidden = [p.email for p in Person.objects.exclude(email="") if not p.has_consent]
    hidden += [p.phone for p in Person.objects.exclude(phone="") if not p.has_consent]
    assert len(hidden) >= 5
    urls = [annuaire.url, annuaire.url + "personnes/"]
    urls += [f"{annuaire.url}personne/{p.pk}/" for p in Person.objects.all()]
    urls += [f"{annuaire.url}structure/{s.pk}/" for s in Structure.objects.all()]
    urls += [
        annuaire.url + "export/personnes-csv/",
        annuaire.url + "export/structures-csv/",
        annuaire.url + "personnes/?q=resovilles",
        "/recherche/?q=Hervé",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for secret in hidden:
            assert secret not in text, f"{secret} leaked in {url}"
    workbook = load_workbook(
        io.BytesIO(client.get(annuaire.url + "export/personnes-xlsx/").content)
    )
    cells = {str(c) for row in workbook.active.iter_rows(values_only=True) for c in row}
    assert not cells & set(hidden)
    assert CONSENT_EMAIL in cells


def test_free_text_search_does_not_find_people_by_their_private_email(annuaire, client):
    response = client.get(annuaire.url + "personnes/?q=" + NO_CONSENT_EMAIL)
    assert "Aucune entrée ne correspond" in response.text


@pytest.mark.parametrize(
    "path", ["structure/0/", "structure/999999/", "personne/99999999999999999999/", "personne/abc/"]
)
def test_unknown_entries_are_404(annuaire, client, path):
    assert client.get(annuaire.url + path).status_code == 404


@pytest.mark.parametrize(
    "siret,valid",
    [
        ("73282932000074", True),
        ("732 829 320 00074", True),
        ("73282932000075", False),
        ("1234", False),
        ("abcdefghijklmn", False),
        ("", True),
    ],
)
def test_siret_is_checked_with_luhn(siret, valid):
    from django.core.exceptions import ValidationError

    if valid:
        validate_siret(siret)
    else:
        with pytest.raises(ValidationError):
            validate_siret(siret)


@pytest.mark.parametrize("kind", ["structures", "personnes"])
def test_export_runs_the_same_queries_at_two_sizes(annuaire, client, count_queries, kind):
    """The export streams by chunks of 2,000 rows: below that, the query count is fixed."""
    from .conftest import bulk_people, bulk_structures

    def export(url):
        response = client.get(url)
        return b"".join(response.streaming_content) if response.streaming else response.content

    url = f"{annuaire.url}export/{kind}-csv/?q=test"
    structures = bulk_structures(10)
    bulk_people(10, structures)
    small, body = count_queries(export, url)
    more = bulk_structures(1000, prefix="Autre structure de test")
    bulk_people(1000, more)
    large, body = count_queries(export, url)
    assert small == large
    assert body.count(b"\n") > 1000
    assert b"camille5@perso.example" not in body  # no consent recorded


def test_json_ld_cannot_be_broken_out_of(annuaire, client):
    structure = Structure.objects.create(name="</script><script>alert(1)</script>")
    response = client.get(f"{annuaire.url}structure/{structure.pk}/")
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["name"] == "</script><script>alert(1)</script>"


def test_half_a_consent_is_refused_in_french(annuaire):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    person = Person.objects.get(email=NO_CONSENT_EMAIL)
    with translation.override("fr"):
        person.consent_at, person.consent_source = person.updated_at.date(), " "
        with pytest.raises(ValidationError) as error:
            person.full_clean()
        assert "Indiquez d’où vient le consentement" in str(error.value.message_dict)
        person.consent_at, person.consent_source = None, "Formulaire signé"
        with pytest.raises(ValidationError) as error:
            person.full_clean()
        assert "Donnez la date du consentement" in str(error.value.message_dict)


def test_the_people_export_says_whose_contact_it_gives(annuaire, client):
    response = client.get(annuaire.url + "export/personnes-xlsx/")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = list(rows[0])
    assert {"E-mail de contact", "Téléphone de contact", "Contact de"} <= set(header)
    by_email = {row[header.index("E-mail de contact")]: row for row in rows[1:]}
    assert (
        by_email[CONSENT_EMAIL][header.index("Contact de")]
        == "la personne (consentement enregistré)"
    )
    structure_rows = [r for r in rows[1:] if r[header.index("Contact de")] == "la structure"]
    assert structure_rows  # the people without consent get their structure's contact, said so
