"""Forms of the public subscription pages."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resource_centre.forms import (
    CleanTextForm,
    EmailField,
    HoneypotForm,
    ModelMultipleChoiceField,
)

from .models import Publication, Subscriber

CONSENT_TEXT = _(
    "I agree to receive the selected newsletters by e-mail. My details are used only to send "
    "them; I can unsubscribe at any time through the link in every e-mail."
)


def open_publications():
    return Publication.objects.filter(open_to_subscription=True).order_by("name")


class SubscribeForm(HoneypotForm, CleanTextForm):
    name = forms.CharField(label=_("First and last name"), max_length=150)
    email = EmailField(label=_("E-mail address"), reachable=True)
    structure = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    fonction = forms.CharField(label=_("Job title"), max_length=150, required=False)
    publications = ModelMultipleChoiceField(
        label=_("Newsletters"),
        queryset=Publication.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one newsletter."),
            "invalid_choice": _("This newsletter does not exist."),
            "invalid_pk_value": _("This newsletter does not exist."),
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Your consent is needed to send you the newsletter.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publications"].queryset = open_publications()


class ManageLinkForm(forms.Form):
    """The address of a reader whose links expired or were lost: a new one goes to it."""

    email = EmailField(label=_("The e-mail address that receives our newsletters"))


class PreferencesForm(forms.ModelForm):
    publications = ModelMultipleChoiceField(
        label=_("Newsletters I receive"),
        queryset=Publication.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("This newsletter does not exist."),
            "invalid_pk_value": _("This newsletter does not exist."),
        },
    )

    class Meta:
        model = Subscriber
        fields = ["name", "structure", "fonction"]
        labels = {
            "name": _("First and last name"),
            "structure": _("Organisation"),
            "fonction": _("Job title"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mine = Q(subscriptions__subscriber=self.instance)
        self.fields["publications"].queryset = (
            Publication.objects.filter(Q(open_to_subscription=True) | mine)
            .distinct()
            .order_by("name")
        )
        self.fields["publications"].initial = list(self.instance.publications.all())
