"""Names, addresses and phones with control characters are refused, in French, wherever they come
into the annuaire: the actor's proposal, the CSV import and the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annuaire.models import ChangeRequest, Person, Structure
from annuaire.tokens import UPDATE, token_for

pytestmark = pytest.mark.django_db

ONE_LINE = "Ce champ doit tenir sur une ligne, sans retour à la ligne ni caractère de contrôle."


def test_a_proposal_with_a_control_character_is_refused(annuaire, client):
    person = Person.objects.get(email="g.herve@resovilles.example")
    url = annuaire.link_url("propose", token_for(UPDATE, person))
    response = client.post(
        url, {"first_name": "Gaëlle\u202e", "last_name": "Hervé", "fonction": "Chargée\x00"}
    )
    assert response.status_code == 200 and ONE_LINE in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_the_import_rejects_a_row_with_a_control_character(annuaire, admin_client):
    before = Structure.objects.count()
    content = (
        "Nom;Code postal;Ville;Téléphone\n"
        "Maison des habitants;35000;Rennes;02 99 00 00 00\n"
        "Régie\x1b[31m de quartier;35000;Rennes;\n"
    )
    response = admin_client.post(
        "/admin/annuaire/import/",
        {"file": SimpleUploadedFile("structures.csv", content.encode())},
        follow=True,
    )
    rejected = {row.line: " ".join(row.reasons) for row in response.context["plan"].rejected}
    assert list(rejected) == [3] and ONE_LINE in rejected[3]
    assert Structure.objects.count() == before  # the preview writes nothing


def test_the_admin_refuses_a_person_name_with_a_control_character(annuaire, admin_client):
    person = Person.objects.get(email="g.herve@resovilles.example")
    url = f"/admin/snippets/annuaire/person/edit/{person.pk}/"
    response = admin_client.post(
        url, {**_form_data(admin_client.get(url)), "last_name": "Hervé\r\nX"}
    )
    assert response.status_code == 200 and ONE_LINE in response.content.decode()
    person.refresh_from_db()
    assert person.last_name == "Hervé"


def _form_data(response):
    """The admin edit form's fields as the browser would post them, formsets included."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", attrs={"method": "post", "data-edit-form": True}) or soup.select_one(
        "form[method=post]"
    )
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data
