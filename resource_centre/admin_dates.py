"""Dates and times in the admin, typed and shown the French way (jj/mm/aaaa, HH:MM).

Wagtail's date widgets show ``WAGTAIL_DATE_FORMAT`` (ISO by default), but Django parses what is
typed with the formats of the editor's language, so a widget in jj/mm/aaaa could read
03/04/2027 as 4 March for an editor whose admin is in English. Here every admin date field reads
the widget's own format first, then ISO; and the date picker no longer replaces a value it cannot
read with today's date (its ``validateOnBlur``), so a typo reaches the form and gets an error."""

import django_filters
from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django_filters.fields import DateRangeField
from wagtail.admin import widgets
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import datetime as picker

# What the README asks hosts to set, and the demo sets.
FRENCH_FORMATS = {
    "WAGTAIL_DATE_FORMAT": "%d/%m/%Y",
    "WAGTAIL_DATETIME_FORMAT": "%d/%m/%Y %H:%M",
    "WAGTAIL_TIME_FORMAT": "%H:%M",
}

ISO_DATE = ["%Y-%m-%d"]
ISO_TIME = ["%H:%M:%S", "%H:%M"]
# "9h30" and "9h", as the French write times.
FRENCH_TIME = ["%Hh%M", "%Hh"]


def _setting(name):
    """WAGTAIL_DATE_FORMAT, else Wagtail's own default (DEFAULT_DATE_FORMAT)."""
    return getattr(settings, name, getattr(picker, name.replace("WAGTAIL_", "DEFAULT_")))


def date_input_formats():
    return [_setting("WAGTAIL_DATE_FORMAT"), *ISO_DATE]


def time_input_formats():
    return [_setting("WAGTAIL_TIME_FORMAT"), *ISO_TIME, *FRENCH_TIME]


def datetime_input_formats():
    return [
        _setting("WAGTAIL_DATETIME_FORMAT"),
        *(f"{day} {time}" for day in ISO_DATE for time in ISO_TIME),
        *(f"{_setting('WAGTAIL_DATE_FORMAT')} {time}" for time in FRENCH_TIME),
    ]


class DateField(forms.DateField):
    """A date in the suite's own admin forms: Wagtail's picker, the formats above."""

    widget = widgets.AdminDateInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", date_input_formats())
        super().__init__(**kwargs)


class TimeField(forms.TimeField):
    widget = widgets.AdminTimeInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", time_input_formats())
        super().__init__(**kwargs)


class DateTimeField(forms.DateTimeField):
    widget = widgets.AdminDateTimeInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", datetime_input_formats())
        super().__init__(**kwargs)


def register_overrides():
    """Every admin model form (the suite's and the host's) parses what its widget shows."""
    for model_field, form_field in [
        (models.DateField, DateField),
        (models.TimeField, TimeField),
        (models.DateTimeField, DateTimeField),
    ]:
        register_form_field_override(
            model_field, override={"form_class": form_field, "widget": form_field.widget}
        )


# The years an admin listing's period may name: year 1 at midnight in Paris is year 0 in UTC,
# which no database date holds (an OverflowError, a 500, before this bound).
FIRST_YEAR, LAST_YEAR = 1900, 2999


class _BoundedDateRange(DateRangeField):
    def compress(self, data_list):
        for day in data_list or ():
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise forms.ValidationError(
                    _("Choose dates between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                    code="out_of_range",
                )
        return super().compress(data_list)


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """A period in an admin listing's filters (Wagtail's date range picker), refused with a
    message beyond FIRST_YEAR–LAST_YEAR."""

    field_class = _BoundedDateRange

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateRangePickerWidget)
        super().__init__(**kwargs)
