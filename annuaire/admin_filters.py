"""Filters of the annuaire's admin listings: dates as ranges, so that a list of entries created,
updated or verified in a period can be linked to (the bilan d'activité's figures do)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet

from resource_centre.admin_dates import DateRangeFilter

from .models import Person, Structure


class EntryFilterSet(WagtailFilterSet):
    verified_at = DateRangeFilter(label=_("Verified on"))
    # As its column says it of a structure or a person: « Mise à jour le ».
    updated_at = DateRangeFilter(label=pgettext_lazy("an entry", "Updated on"))
    created_at = DateRangeFilter(label=_("Created on"))


class StructureFilterSet(EntryFilterSet):
    class Meta:
        model = Structure
        fields = ["type", "verified_at", "updated_at", "created_at"]


class PersonFilterSet(EntryFilterSet):
    class Meta:
        model = Person
        fields = ["metier", "verified_at", "updated_at", "created_at"]
