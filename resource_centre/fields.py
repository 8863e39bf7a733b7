"""Fields the apps share: a French postcode, taken as people and spreadsheets write it, and a
phone number as the centre records it.

One postcode field for every address (venues, structures, the public proposal form, the import),
so that "1000" or "35 000" is read the same way everywhere: the admin, a public form and a CSV
file. One phone field for every phone the centre records (its own, a structure's, a person's, a
fiche's contact), checked the same way in the admin and the import.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import french_postcode, normalise_postcode, phone_in_text, single_line


class PostcodeFormField(forms.CharField):
    default_validators = [french_postcode]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Postcode"))
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_postcode(super().to_python(value))


class PostcodeField(models.CharField):
    """Five digits, or blank: "35 000" is kept as "35000", and "1000" (a spreadsheet's reading
    of "01000") as "01000"."""

    default_validators = [french_postcode]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 10:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        return value if value is None else normalise_postcode(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PostcodeFormField, **kwargs})


class PhoneField(models.CharField):
    """A phone number, with a word beside it if need be: "02 40 58 02 03 (standard)"."""

    default_validators = [single_line, phone_in_text]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 30:
            del kwargs["max_length"]
        return name, path, args, kwargs
