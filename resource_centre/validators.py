"""Text that people type about people (names, organisations, addresses): no control character;
a French postcode where an address asks for one; a phone number in the public forms.

A line break in a name would end an e-mail header; a NUL, an escape or a bidirectional override
would corrupt exports and listings. Every entrance (public forms, the admin through the models,
CSV and XLSX imports) refuses them with the same French message.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

# C0 and C1 controls, DEL, Unicode line and paragraph separators, bidirectional overrides.
_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same, less the tab and line breaks a multi-line text may hold.
_PLAIN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class InternetEmailValidator(EmailValidator):
    """An address mail reaches on the internet: a domain with a dot (not « localhost »), not an
    IP address in brackets, and a local part of 64 characters at most (RFC 5321). What visitors
    type or a file imports must not have the centre's server write to its own machine."""

    def __init__(self):
        super().__init__(
            message=_("Enter a valid e-mail address, e.g. nom@exemple.fr."), allowlist=[]
        )

    def __call__(self, value):
        super().__call__(value)
        if len(value.rpartition("@")[0]) > 64:
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def validate_domain_part(self, domain_part):
        return not domain_part.startswith("[") and super().validate_domain_part(domain_part)


validate_internet_email = InternetEmailValidator()


def _visible(value):
    """Refuse a text of invisible characters alone (a pasted U+FEFF, U+200B): it passes for
    filled in, a name nobody can read."""
    if value and all(c.isspace() or unicodedata.category(c) in ("Cf", "Cc") for c in value):
        raise ValidationError(
            _("This field holds only invisible characters: type it again."), code="invisible"
        )


def single_line(value):
    """A one-line text: a name, an organisation, a job title, a phone number."""
    if value and _SINGLE_LINE.search(value):
        raise ValidationError(
            _("This field must fit on one line, without line breaks or control characters."),
            code="control_characters",
        )
    _visible(value)


def plain_text(value):
    """A text of several lines (needs, a description): line breaks, but no control character."""
    if value and _PLAIN_TEXT.search(value):
        raise ValidationError(
            _("This text contains control characters: remove them."),
            code="control_characters",
        )
    _visible(value)


# Five digits, of a département (01 to 95, Corsica's 20), overseas (97…) or of a collectivité
# of the Pacific (986 to 988); not 00…, 96…, 99…, nor Monaco's 98000.
_POSTCODE = re.compile(r"(?:0[1-9]|[1-8][0-9]|9[0-5]|97)[0-9]{3}|98[6-8][0-9]{2}")


def normalise_postcode(text):
    """A postcode as a spreadsheet or a person may give it, back to five digits: "35 000" →
    "35000", and "1000" → "01000" (a spreadsheet reads "01000" as a number)."""
    digits = "".join(str(text or "").split())
    four = len(digits) == 4 and digits.isascii() and digits.isdigit()
    return digits.zfill(5) if four else digits


def french_postcode(value):
    """A French postcode: five digits ("35000"; Corsica's are 20…, overseas 97… and 986…988…)."""
    if value and not _POSTCODE.fullmatch(value):
        raise ValidationError(
            _("Enter a French postcode of five digits, e.g. 35000."),
            code="postcode",
        )


# Groups of digits, one separator between two (or a "(0)" after the country code), a "+" first.
# A separator is required between groups: no two ways to read a run of digits, so no
# backtracking blow-up on a long wrong value.
_PHONE = re.compile(r"\+?[0-9]+(?:(?:\s+|\s*[.\-/]\s*|\s*\(0\)\s*)[0-9]+)*")


def phone_number(value):
    """A phone number as people write it ("02 40 58 02 03", "+33 (0)2 40 58 02 03"): groups of
    digits and separators, at least six digits."""
    if value and not (_PHONE.fullmatch(value) and sum(c in "0123456789" for c in value) >= 6):
        raise ValidationError(
            _("Enter a phone number, e.g. 02 40 58 02 03."),
            code="phone",
        )


def phone_in_text(value):
    """A phone number recorded by the centre or imported: its digits (four at least, for a
    short number such as 3939), a word may go with them ("02 40 58 02 03 (standard)"), but
    not words alone ("abc", "voir site"). Laxer than `phone_number`, which public forms use."""
    if value and sum(c in "0123456789" for c in value) < 4:
        raise ValidationError(
            _(
                "“%(value)s” is not a phone number: type its digits, e.g. 02 40 58 02 03; a word "
                "may follow, e.g. “02 40 58 02 03 (standard)”."
            ),
            code="phone",
            params={"value": value},
        )


# The coordinates of a place (a venue, an address), in degrees.
LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


def not_after_today(value):
    """A date of something that happened (a check, a consent), so not one to come."""
    from django.utils import timezone

    if value and value > timezone.localdate():
        raise ValidationError(_("This date is still to come: give the day it happened."))
