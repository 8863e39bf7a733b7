"""What every public form of the suite shares."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from .ids import as_id
from .validators import plain_text, single_line, validate_internet_email


class EmailField(forms.EmailField):
    """An e-mail address, said « e-mail » as everywhere in the suite (Django's message says
    « courriel »), with an example; at most 254 characters (RFC 5321).

    `reachable`: an address a visitor gives the centre to write to, which mail must reach on the
    internet (validate_internet_email). A lookup of an address already recorded (the personal
    data, a lost link) takes any address Django reads: records may hold others."""

    default_error_messages = {
        "invalid": _("Enter a valid e-mail address, e.g. nom@exemple.fr."),
    }

    def __init__(self, *, reachable=False, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        if reachable:
            self.validators = [
                validate_internet_email if v is validate_email else v for v in self.validators
            ]


class HoneypotForm(forms.Form):
    """A public form with a field hidden from people (resource_centre/includes/honeypot.html)
    that robots fill: `is_spam` then, and the view keeps nothing and says nothing."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"] = self.fields.pop("website")  # last, after the real fields
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


def _beside_django(validator):
    """`validator`, silent on a value holding a NUL character: Django's form field refuses it
    with its own message, which is enough (one message per mistake)."""

    def validate(value):
        if "\x00" not in str(value):
            validator(value)

    return validate


class CleanTextForm(forms.Form):
    """A form whose text fields refuse control characters: one line for a text input, lines
    but no other control character for a text area (model forms get the same from the models)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.check_text(self.fields.values())

    @staticmethod
    def check_text(fields):
        """Give these fields the check (a form adding fields after creation calls it for them)."""
        for field in fields:
            if type(field) is forms.CharField:  # e-mail and URL fields check their own syntax
                textarea = isinstance(field.widget, forms.Textarea)
                field.validators.append(_beside_django(plain_text if textarea else single_line))

    def describe_errors(self):
        """Tie each field to its help text and error messages for screen readers."""
        for name, field in self.fields.items():
            ids = []
            if field.help_text:
                ids.append(f"id_{name}-help")
            if name in self.errors:
                ids.append(f"id_{name}-errors")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


def _check_ids(field, values, code):
    """Refuse, before any query, a submitted id that no database column can hold."""
    if (field.to_field_name or "pk") != "pk":
        return
    for value in values:
        if value not in field.empty_values and as_id(value) is None:
            raise forms.ValidationError(
                field.error_messages[code], code=code, params={"pk": value, "value": value}
            )


class ModelChoiceField(forms.ModelChoiceField):
    """A model choice that answers "invalid choice" to a forged id ("x", 2**70), never a 500."""

    def to_python(self, value):
        _check_ids(self, [value], "invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Model choices that answer "invalid value" to forged ids ("x", 2**70), never a 500."""

    def _check_values(self, value):
        _check_ids(self, value, "invalid_pk_value")
        return super()._check_values(value)
