"""The registration form refuses names and organisations with control characters, in French."""

import re

import pytest

from agenda.models import Registration

from .test_registrations import event, form_data, register  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

ONE_LINE = "Ce champ doit tenir sur une ligne, sans retour à la ligne ni caractère de contrôle."


@pytest.mark.parametrize("field", ["name", "structure", "fonction", "territoire"])
def test_a_registration_with_a_control_character_is_refused(client, event, field):  # noqa: F811
    response = register(client, event, **{field: "Awa\r\nBcc: x@example.org"})
    assert response.status_code == 400 and ONE_LINE in response.content.decode()
    assert not Registration.objects.exists()


def test_needs_may_span_lines_but_hold_no_control_character(client, event):  # noqa: F811
    response = register(client, event, needs="Repas végétarien\x1b[2J")
    assert "Ce texte contient des caractères de contrôle" in response.content.decode()
    assert not Registration.objects.exists()
    response = register(client, event, needs="Repas végétarien\r\nAccès en fauteuil")
    assert "Votre inscription est confirmée" in response.content.decode()
    assert Registration.objects.get().needs.splitlines() == [
        "Repas végétarien",
        "Accès en fauteuil",
    ]


def test_a_nul_character_gets_one_message(client, event):  # noqa: F811
    """Django refuses it; the suite's own check of control characters does not say it again."""
    response = register(client, event, name="Awa\x00 Diallo")
    assert response.status_code == 400
    errors = re.search(r'id="id_name-errors">(.*?)</ul>', response.content.decode(), re.S)[1]
    assert errors.count("<li>") == 1 and "caractère nul" in errors
