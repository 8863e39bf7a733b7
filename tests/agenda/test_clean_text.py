"""The registration form refuses names and organisations with control characters, in French."""

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
