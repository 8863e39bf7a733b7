"""The admin form that describes a series of séances."""

import datetime

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from resource_centre.admin_dates import DateField, TimeField
from resource_centre.forms import ModelChoiceField

from .models import Venue
from .series import MAX_SEANCES, MONTHS, WEEKS, series_dates

# A series longer than this is almost certainly a typo in the until date.
MAX_SPAN = datetime.timedelta(days=3 * 366)


class SeriesForm(forms.Form):
    first_date = DateField(label=_("First date"))
    interval = forms.IntegerField(
        label=_("Every"), min_value=1, max_value=24, initial=1, help_text=_("A number, e.g. 2.")
    )
    unit = forms.ChoiceField(
        label=_("Frequency"),
        choices=[(WEEKS, _("weeks")), (MONTHS, _("months"))],
        initial=MONTHS,
    )
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"), choices=sorted(WEEKDAYS.items()), coerce=int
    )
    occurrence = forms.TypedChoiceField(
        label=_("Which one in the month"),
        choices=[
            ("", _("(weekly series)")),
            (1, _("1st")),
            (2, _("2nd")),
            (3, _("3rd")),
            (4, _("4th")),
            (-1, _("last")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("For a monthly series: “2nd” and Tuesday give the 2nd Tuesday of the month."),
    )
    until = DateField(label=_("Until"))
    start_time = TimeField(label=_("Start time"), required=False)
    end_time = TimeField(label=_("End time"), required=False)
    venue = ModelChoiceField(label=_("Venue"), queryset=Venue.objects.all(), required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    title = forms.CharField(label=_("Title of each séance"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        first, until = data.get("first_date"), data.get("until")
        if data.get("unit") == MONTHS and not data.get("occurrence"):
            self.add_error("occurrence", _("Choose which week of the month (e.g. 2nd)."))
        if data.get("unit") == WEEKS and data.get("occurrence"):
            self.add_error("occurrence", _("A weekly series has no week of the month."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        if end and not start and "start_time" not in self.errors:  # not after "25:00" refused
            self.add_error("start_time", _("Give the start time too."))
        if not data.get("venue") and not data.get("online"):
            self.add_error("venue", _("Choose a venue, or mark the séances as online."))
        if first and until:
            if until < first:
                self.add_error("until", _("The until date must be after the first date."))
            elif until - first > MAX_SPAN:
                self.add_error("until", _("A series can last three years at most."))
        if not self.errors:
            dates = self.dates()
            if not dates:
                self.add_error(None, _("No date of this series falls between these two dates."))
            elif len(dates) > MAX_SEANCES:
                self.add_error(
                    None,
                    _("This series has more than %(max)d séances: shorten it.")
                    % {"max": MAX_SEANCES},
                )
        return data

    def dates(self):
        data = self.cleaned_data
        return series_dates(
            data["first_date"],
            data["until"],
            data["interval"],
            data["unit"],
            data["weekday"],
            data.get("occurrence"),
        )
