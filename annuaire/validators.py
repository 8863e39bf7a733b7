"""Validation of French business identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_ok(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_siret(value):
    return "".join(str(value or "").split())


def validate_siret(value):
    """14 digits passing the Luhn check (La Poste's establishments are the known exception)."""
    siret = normalise_siret(value)
    if not siret:
        return
    if len(siret) != 14 or not siret.isdigit():
        raise ValidationError(_("A SIRET number has exactly 14 digits."), code="siret_length")
    if not luhn_ok(siret) and not (siret.startswith("356000000") and sum(map(int, siret)) % 5 == 0):
        raise ValidationError(
            _("This SIRET number is not valid (its check digit is wrong)."), code="siret_luhn"
        )
