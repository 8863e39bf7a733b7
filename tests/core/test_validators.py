"""The one rule for text about people: no control character (resource_centre.validators)."""

import pytest
from django.core.exceptions import ValidationError

from resource_centre.validators import plain_text, single_line

REFUSED_EVERYWHERE = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u2067"]
LINE_BREAKS = ["\n", "\r", "\t", "\u2028", "\u2029"]
FINE = ["Awa Diallo", "Cité de l'Étoile – Bobigny", "O'Brien & Fils", "Ça va ? 😊", "", None]


@pytest.mark.parametrize("char", REFUSED_EVERYWHERE)
def test_control_characters_are_refused_in_both_kinds_of_text(char):
    for validator in (single_line, plain_text):
        with pytest.raises(ValidationError) as raised:
            validator(f"Awa{char}Diallo")
        assert raised.value.code == "control_characters"


@pytest.mark.parametrize("char", LINE_BREAKS)
def test_line_breaks_are_refused_in_a_single_line_only(char):
    with pytest.raises(ValidationError):
        single_line(f"Awa{char}Diallo")
    if char not in ("\u2028", "\u2029"):
        plain_text(f"Awa{char}Diallo")


@pytest.mark.parametrize("value", FINE)
def test_ordinary_french_text_passes(value):
    single_line(value)
    plain_text(value)
