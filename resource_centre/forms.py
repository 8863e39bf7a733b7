"""What every public form of the suite shares."""

from django import forms

from .validators import plain_text, single_line


class CleanTextForm(forms.Form):
    """A form whose text fields refuse control characters: one line for a text input, lines
    but no other control character for a text area (model forms get the same from the models)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.CharField:  # e-mail and URL fields check their own syntax
                textarea = isinstance(field.widget, forms.Textarea)
                field.validators.append(plain_text if textarea else single_line)
