"""Filters of the annuaire's admin listings: dates as ranges, so that a list of entries created,
updated or verified in a period can be linked to (the bilan d'activité's figures do)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .models import Person, Structure


def _date_range(label):
    return django_filters.DateFromToRangeFilter(label=label, widget=DateRangePickerWidget)


class EntryFilterSet(WagtailFilterSet):
    verified_at = _date_range(_("Verified on"))
    updated_at = _date_range(_("Updated on"))
    created_at = _date_range(_("Created on"))


class StructureFilterSet(EntryFilterSet):
    class Meta:
        model = Structure
        fields = ["type", "verified_at", "updated_at", "created_at"]


class PersonFilterSet(EntryFilterSet):
    class Meta:
        model = Person
        fields = ["metier", "verified_at", "updated_at", "created_at"]
