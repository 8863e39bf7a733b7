"""The editors' forms of the porteur validation task (recording a decision on their behalf)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resource_centre.forms import CleanTextForm


class OnBehalfForm(CleanTextForm):
    comment = forms.CharField(
        label=_("How the project holder answered, and what they said"),
        required=False,
        max_length=4000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("E.g. “By phone on 12 March: agrees with the text.”"),
    )


class RequiredCommentOnBehalfForm(OnBehalfForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].error_messages["required"] = _(
            "Say which changes the project holder asks for."
        )
