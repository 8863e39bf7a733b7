"""Names and organisations with a control character are refused, in French, at every entrance of
the newsletter: the subscription form, the preferences page, the CSV import and the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsletter import links
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

ONE_LINE = "Ce champ doit tenir sur une ligne, sans retour à la ligne ni caractère de contrôle."
# A header injection, an escape sequence, a right-to-left override, a line separator, a C1
# control (the ends of a field are stripped of white space: these sit in the middle).
GARBAGE = [
    "Eve\r\nBcc: victime@example.org",
    "Eve\x1b[31m",
    "Eve\u202etxt.exe",
    "Eve\u2028Bcc",
    "Eve\x85Bcc",
]


@pytest.mark.parametrize("garbage", GARBAGE)
@pytest.mark.parametrize("field", ["name", "structure", "fonction"])
def test_the_subscription_form_refuses_control_characters(client, publication, field, garbage):
    data = {
        "name": "Eve",
        "email": "eve@example.org",
        "publications": [publication.pk],
        "consent": "on",
        field: garbage,
    }
    response = client.post("/infolettre/inscription/", data, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_preferences_page_refuses_control_characters(client, publication):
    subscriber = Subscriber.objects.create(email="paul@example.org", name="Paul", status="active")
    url = links.preferences_url(subscriber).removeprefix("http://testserver")
    response = client.post(url, {"name": "Paul\nBcc: x@example.org", "structure": "MJC"})
    assert ONE_LINE in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.name == "Paul"


def test_the_csv_import_lists_lines_with_control_characters_and_imports_the_others(
    admin_client, publication
):
    text = "email,nom,structure\nok@example.org,Ok,CCAS\nbad@example.org,Bad\x1b[2J,X\n"
    response = admin_client.post(
        "/admin/newsletter/abonnes/import/",
        {
            "file": SimpleUploadedFile("abonnes.csv", text.encode(), content_type="text/csv"),
            "publications": [publication.pk],
            "consent_source": "atelier",
        },
    )
    html = response.content.decode()
    assert "celles-ci ont été écartées" in html and f"Ligne 3 : {ONE_LINE}" in html
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ok@example.org"]


def test_the_admin_refuses_control_characters(admin_client):
    subscriber = Subscriber.objects.create(email="ana@example.org", name="Ana", status="active")
    response = admin_client.post(
        f"/admin/newsletter/subscriber/edit/{subscriber.pk}/",
        {"email": "ana@example.org", "name": "Ana\u202e", "status": "active"},
    )
    assert response.status_code == 200 and ONE_LINE in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.name == "Ana"
