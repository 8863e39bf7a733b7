"""The staff's forms on an event's registrations: add someone, write to the registrants."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resource_centre.forms import CleanTextForm

from .forms import RegistrantForm, SeanceChoiceField
from .models import Seance


def _seance_field(event, label, required, empty_label=None):
    return SeanceChoiceField(
        label=label,
        queryset=event.seances.exclude(status=Seance.Status.CANCELLED)
        .select_related("venue")
        .order_by("day", "start_time"),
        required=required,
        empty_label=empty_label,
        error_messages={"invalid_choice": _("Choose one of the séances listed.")},
    )


class StaffRegistrationForm(RegistrantForm):
    """Someone registered by phone or in person: the same details as the public form."""

    agreed = forms.BooleanField(
        label=_("The person agreed to the event's consent text"),
        error_messages={"required": _("Record the registration only once the person agreed.")},
    )
    notify = forms.BooleanField(
        label=_("Send them the confirmation e-mail"), required=False, initial=True
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        if event.registration_per_seance:
            self.fields = {"seance": _seance_field(event, _("Séance"), True), **self.fields}
        if event.consent_text:
            self.fields["agreed"].help_text = event.consent_text


class MessageForm(CleanTextForm):
    """A message from the staff to the registrants of the event or of one séance."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Message"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    include_waiting = forms.BooleanField(
        label=_("Also write to the people on the waiting list"), required=False
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        if event.seances.exists():
            self.fields = {
                "seance": _seance_field(
                    event, _("Séance"), False, empty_label=_("Every séance of the event")
                ),
                **self.fields,
            }
