"""Forms the actors fill in themselves (no account)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resource_centre.fields import PostcodeFormField
from resource_centre.forms import CleanTextForm, EmailField
from resource_centre.validators import phone_number, validate_internet_email


class AskLinkForm(forms.Form):
    email = EmailField(label=_("The e-mail address recorded in the directory"))


class ProposalForm(CleanTextForm):
    """What an actor proposes for their entry, filled with it (`initial_for`). The checks of the
    public form that the admin does not make (a phone's shape, a description's length) apply to
    what the actor types: a value the centre recorded comes back unchanged, and passes."""

    DESCRIPTION_MAX_LENGTH = 5000

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email and email != (self.initial.get("email") or "").strip():
            validate_internet_email(email)
        return email

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone != (self.initial.get("phone") or "").strip():
            phone_number(phone)
        return phone

    def clean_description(self):
        description = self.cleaned_data["description"]
        if (
            description != (self.initial.get("description") or "").strip()
            and len(description) > self.DESCRIPTION_MAX_LENGTH
        ):
            raise forms.ValidationError(
                _("Keep the description within %(limit)s characters (it has %(length)s).")
                % {"limit": self.DESCRIPTION_MAX_LENGTH, "length": len(description)}
            )
        return description


class StructureProposalForm(ProposalForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    sigle = forms.CharField(label=_("Acronym"), max_length=50, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = EmailField(label=_("Generic e-mail"), required=False)
    phone = forms.CharField(label=_("Generic phone"), max_length=30, required=False)
    street = forms.CharField(label=_("Street"), max_length=255, required=False)
    postcode = PostcodeFormField(required=False)
    city = forms.CharField(label=_("City"), max_length=150, required=False)
    comment = forms.CharField(
        label=_("Message to the centre"), widget=forms.Textarea, required=False, max_length=2000
    )

    ADDRESS_FIELDS = ("street", "postcode", "city")

    @classmethod
    def initial_for(cls, structure):
        address = structure.addresses.first()
        initial = {
            f: getattr(structure, f)
            for f in ("name", "sigle", "description", "website", "email", "phone")
        }
        for f in cls.ADDRESS_FIELDS:
            initial[f] = getattr(address, f) if address else ""
        return initial


class PersonProposalForm(ProposalForm):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    fonction = forms.CharField(
        label=pgettext_lazy("resource centre", "Position"), max_length=255, required=False
    )
    email = EmailField(label=_("Personal e-mail"), required=False)
    phone = forms.CharField(label=_("Personal phone"), max_length=30, required=False)
    consent = forms.BooleanField(
        label=_("I agree that my personal e-mail and phone be published in the directory."),
        required=False,
    )
    comment = forms.CharField(
        label=_("Message to the centre"), widget=forms.Textarea, required=False, max_length=2000
    )

    ADDRESS_FIELDS = ()

    @classmethod
    def initial_for(cls, person):
        initial = {f: getattr(person, f) for f in ("first_name", "last_name", "fonction", "email")}
        initial["phone"] = person.phone
        initial["consent"] = person.has_consent
        return initial


def proposal_form_class(entry):
    from .models import Structure

    return StructureProposalForm if isinstance(entry, Structure) else PersonProposalForm
