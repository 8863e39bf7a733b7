"""The public registration form, shaped by the questions the centre chose to ask."""

from django import forms
from django.utils.dateformat import time_format
from django.utils.translation import gettext_lazy as _

from resource_centre.dates import french_date
from resource_centre.forms import CleanTextForm, EmailField, HoneypotForm, ModelChoiceField

from .models import Seance


class SeanceChoiceField(ModelChoiceField):
    def label_from_instance(self, seance):
        # As the agenda writes it: « lundi 21 décembre 2026, 09h30 – Titre (Rennes) ».
        label = french_date(seance.effective_date, "l j F Y")
        if seance.start_time:
            label += ", " + time_format(seance.start_time, "H\\hi")
        if seance.title:
            label += f" – {seance.title}"
        if seance.venue:
            label += f" ({seance.venue.city})"
        if seance.is_booked_up:
            label += " – " + str(_("full: waiting list"))
        return label


class RegistrantForm(CleanTextForm):
    """Who registers: the details the public form and the staff's form both ask."""

    name = forms.CharField(label=_("First and last name"), max_length=150)
    email = EmailField(label=_("E-mail"), reachable=True)
    structure = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    fonction = forms.CharField(label=_("Job title"), max_length=200, required=False)
    territoire = forms.CharField(label=_("Territory"), max_length=200, required=False)
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegistrationForm(HoneypotForm, RegistrantForm):
    seance = SeanceChoiceField(
        label=_("Séance"),
        queryset=Seance.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the séances listed.")},
    )
    field_order = ["seance"]
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Your consent is needed to register.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.registration_per_seance:
            seances = (
                event.upcoming_seances()
                .exclude(status=Seance.Status.FULL)
                .select_related("venue")
                .order_by("day", "start_time")
            )
            if event.capacity is not None and not event.waiting_list:
                seances = seances.exclude(seats_taken__gte=event.capacity)
            self.fields["seance"].queryset = seances
        else:
            del self.fields["seance"]
        for name, flag in (
            ("structure", event.ask_structure),
            ("fonction", event.ask_fonction),
            ("territoire", event.ask_territoire),
            ("needs", event.ask_needs),
        ):
            if not flag:
                del self.fields[name]
        if event.consent_text:
            self.fields["consent"].help_text = event.consent_text
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
