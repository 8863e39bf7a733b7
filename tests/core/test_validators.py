"""The one rule for text about people: no control character (resource_centre.validators)."""

import pytest
from django.core.exceptions import ValidationError

from resource_centre.validators import (
    french_postcode,
    normalise_postcode,
    phone_number,
    plain_text,
    single_line,
)

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


@pytest.mark.parametrize(
    "value", ["02 40 58 02 03", "+33 2 40 58 02 03", "+33 (0)2 40.58.02-03", "0240580203"]
)
def test_phone_numbers_as_people_write_them_pass(value):
    phone_number(value)


@pytest.mark.parametrize(
    "value", ["abc", "12", "++++++123456", "(((( 1 2 3 4 5 6", "٠٢٤٠٥٨٠٢٠٣", "0" * 5000 + "x"]
)
def test_what_is_no_phone_number_is_refused(value):
    with pytest.raises(ValidationError):
        phone_number(value)  # at once: no backtracking blow-up on a long wrong value


@pytest.mark.parametrize("value", ["35000", "01000", "20000", "97400", "98800"])
def test_french_postcodes_pass(value):
    french_postcode(value)


@pytest.mark.parametrize("value", ["00000", "96000", "99000", "98000", "35٠٠٠", "2A004", "350"])
def test_what_is_no_french_postcode_is_refused(value):
    with pytest.raises(ValidationError):
        french_postcode(normalise_postcode(value))


def test_a_postcode_is_put_back_to_five_ascii_digits():
    assert normalise_postcode("1000") == "01000" and normalise_postcode("35 000") == "35000"
    assert normalise_postcode("٣٥٠٠") == "٣٥٠٠"  # not digits of a French postcode: refused
