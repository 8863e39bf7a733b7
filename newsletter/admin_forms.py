"""Forms of the staff views: send a lettre, send a test, import subscribers."""

import datetime
import uuid

from django import forms
from django.core.validators import validate_email
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from resource_centre.admin_dates import DateTimeField
from resource_centre.forms import ModelMultipleChoiceField

from .models import Publication, Subscriber


def lists_field(label):
    """A choice of one or more publications' lists, with French errors for forged values."""
    return ModelMultipleChoiceField(
        label=label,
        queryset=Publication.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one list."),
            "invalid_choice": _("This list does not exist."),
            "invalid_pk_value": _("This list does not exist."),
        },
    )


class ListsWithReadersField(ModelMultipleChoiceField):
    """The lists, each labelled with its number of active readers (one query for them all)."""

    def label_from_instance(self, obj):
        readers = getattr(obj, "readers", None)
        if readers is None:
            return obj.name
        return ngettext(
            "%(name)s — %(count)d active reader",
            "%(name)s — %(count)d active readers",
            readers,
        ) % {"name": obj.name, "count": readers}


def publications_with_readers():
    return Publication.objects.order_by("name").annotate(
        readers=Count(
            "subscriptions",
            filter=Q(subscriptions__subscriber__status=Subscriber.Status.ACTIVE),
        )
    )


class SendForm(forms.Form):
    WHEN_CHOICES = [("now", _("Now")), ("later", _("At a set time"))]

    publications = ListsWithReadersField(
        label=_("Lists"),
        queryset=Publication.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one list."),
            "invalid_choice": _("This list does not exist."),
            "invalid_pk_value": _("This list does not exist."),
        },
    )
    when = forms.ChoiceField(
        label=_("When"), choices=WHEN_CHOICES, widget=forms.RadioSelect, initial="now"
    )
    # The admin's own date picker and formats (jj/mm/aaaa HH:MM), as every date of the suite.
    scheduled_at = DateTimeField(
        label=_("Send at"),
        required=False,
        help_text=_("Only for a send at a set time."),
        error_messages={"invalid": _("Enter a date and time, e.g. 02/03/2026 09:00.")},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publications"].queryset = publications_with_readers()
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean(self):
        data = super().clean()
        if data.get("when") == "later":
            when = data.get("scheduled_at")
            if "scheduled_at" in self.errors:
                pass  # "31/02" refused already: one message for one mistake
            elif not when:
                self.add_error("scheduled_at", _("Enter the date and time of the send."))
            elif when <= timezone.now():
                self.add_error("scheduled_at", _("Choose a time in the future."))
            elif when > timezone.now() + datetime.timedelta(days=366):  # "9999": a typing slip
                self.add_error("scheduled_at", _("Choose a time within the next year."))
        else:
            data["scheduled_at"] = None
        return data


class TestSendForm(forms.Form):
    addresses = forms.CharField(
        label=_("Test addresses"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Up to 10 addresses, one per line or separated by commas."),
    )

    def clean_addresses(self):
        raw = self.cleaned_data["addresses"].replace(",", "\n").replace(";", "\n")
        addresses = [line.strip() for line in raw.splitlines() if line.strip()]
        bad = []
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                bad.append(address)
        if bad:
            raise forms.ValidationError(
                _("These addresses are not valid: %(list)s") % {"list": ", ".join(bad)}
            )
        if not addresses:
            raise forms.ValidationError(_("Enter at least one address."))
        if len(addresses) > 10:
            raise forms.ValidationError(_("Send a test to 10 addresses at most."))
        return addresses


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Columns: email, name, structure, fonction, named on the first line. A CSV file is "
            "read in UTF-8 (“CSV UTF-8” in Excel), with commas or semicolons."
        ),
    )
    publications = lists_field(_("Subscribe them to"))
    consent_source = forms.CharField(
        label=_("Source of consent"),
        max_length=200,
        help_text=_("How these people agreed, e.g. “registration form of the 12 March atelier”."),
    )


class SubscriberAdminForm(WagtailAdminModelForm):
    """A reader the team makes active records where their consent comes from, as an import
    does; a consent already recorded is shown, never rewritten."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["consent_source"]
        if self.instance.consent_at:
            field.disabled = True
            field.help_text = _("Recorded on %(date)s.") % {
                "date": formats.date_format(timezone.localtime(self.instance.consent_at))
            }
        else:
            field.help_text = _(
                "Needed to make the reader active: how they agreed to receive the lettre, e.g. "
                "“asked by e-mail on 12 March”."
            )

    def clean(self):
        data = super().clean()
        active = data.get("status") == Subscriber.Status.ACTIVE
        if active and not self.instance.consent_at and not data.get("consent_source"):
            self.add_error(
                "consent_source",
                _(
                    "Say how this reader agreed to receive the lettre: an active reader needs a "
                    "recorded consent."
                ),
            )
        return data

    def save(self, commit=True):
        reader = self.instance
        if reader.status == Subscriber.Status.ACTIVE and not reader.consent_at:
            reader.consent_at, reader.consent_ip, reader.consent_version = (
                timezone.now(),
                None,
                "admin",
            )
        return super().save(commit)
