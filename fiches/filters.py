"""The visitors' filters of the fiches index (a plain GET form, several values per facet)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resource_centre.filters import (
    LenientMultipleChoiceField,
    SuiteFilterSet,
    TaxonomyFilter,
    TerritoireFilter,
    public_filter,
    thematique_filter,
)
from resource_centre.search import clean_query

from .models import FichePage, PorteurType


class SearchTextField(forms.CharField):
    """Free text: cut to a sane length rather than rejected."""

    def to_python(self, value):
        return super().to_python(value)[:200]


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class YearFilter(django_filters.MultipleChoiceFilter):
    """Fiches whose action ran during one of the chosen years."""

    field_class = LenientMultipleChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for year in value:
            year = int(year)
            condition |= Q(start_date__year__lte=year) & (
                Q(end_date__year__gte=year)
                | Q(end_date__isnull=True, ongoing=True)
                | Q(end_date__isnull=True, start_date__year=year)
            )
        return qs.filter(condition)


class FicheFilterSet(SuiteFilterSet):
    q = SearchTextFilter(label=_("Keywords"), method="no_filter")
    thematique = thematique_filter()
    porteur_type = TaxonomyFilter(
        field_name="porteur_type",
        queryset=PorteurType.objects.all(),
        label=_("Type of project holder"),
    )
    public = public_filter()
    territoire = TerritoireFilter(field_name="territoires", label=_("Territory"))
    # Checkboxes, the newest years first and the others behind "Show more", like every facet.
    annee = YearFilter(label=_("Year"), widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = FichePage
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The earliest start, read along the start_date index rather than by scanning them all.
        first = (
            FichePage.objects.live()
            .filter(start_date__isnull=False)
            .order_by("start_date")
            .values_list("start_date", flat=True)
            .first()
        )
        this_year = timezone.localdate().year
        start = min(first.year if first else this_year, this_year)
        self.filters["annee"].extra["choices"] = [
            (str(y), str(y)) for y in range(this_year, start - 1, -1)
        ]
        self.form.fields["q"].widget.input_type = "search"

    def no_filter(self, queryset, name, value):
        return queryset  # the view runs the full-text search

    @property
    def search_query(self):
        self.form.is_valid()
        return clean_query(self.form.cleaned_data.get("q") or "")
