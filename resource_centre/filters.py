"""What every visitor-facing filter of the suite shares (agenda, fiches, annuaire).

- `SuiteFilterSet` ignores values it does not recognise instead of failing, and says so in French;
  it lists the active filters, each with the URL that removes it. A `strict` one (a calendar
  feed, which a client polls with no one to read a notice) matches nothing when every value of a
  filter is unknown, a thématique since deleted for instance: a subscription never widens to
  the whole agenda.
- `TerritoireFilter` matches a territoire and everything below it (a département finds what is tagged
  with its EPCI, communes and QPV); visitors search and browse its options (territoire_picker.py).
- `TaxonomyFilter` is the multi-valued filter for thématiques, publics and any other term list.
Within a facet the chosen values combine with OR; facets combine with AND.
"""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .ids import as_id
from .models import PublicVise, Territoire, Thematique
from .search import no_word_in
from .territoire_names import label as territoire_label
from .territoire_picker import Picker, TerritoirePicker

MAX_VALUES = 100  # per facet; more is no longer a visitor's choice


def _usable(item):
    """A value worth looking up: a string without NUL (PostgreSQL refuses it) of sane length."""
    return isinstance(item, str) and "\x00" not in item and len(item) <= 200


def _given(value):
    """The values of a multiple choice but the blank ones (`?ville=` chooses nothing: it is not an
    unknown city)."""
    values = value if isinstance(value, list | tuple) else [value]
    return [item for item in values if not isinstance(item, str) or item.strip()]


def querystring(request, drop=("page",)):
    """The visitor's GET parameters without `drop` and empty values: a tidy, shareable query."""
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        kept = [value for value in values if value.strip()]
        if key not in drop and kept:
            query.setlist(key, kept)
    return query.urlencode()


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known choices and remembers the others in `ignored` (shown as a message)."""

    def clean(self, value):
        self.ignored = []
        if not value:
            return []
        value = _given(value)
        known = {str(choice) for choice, _label in self.choices}
        kept = []
        for item in value[:MAX_VALUES]:
            (kept if _usable(item) and str(item) in known else self.ignored).append(str(item))
        return kept


class TermChoiceIterator(forms.models.ModelChoiceIterator):
    """Reads a facet's terms in one plain query, kept for the form's other passes over them:
    ModelChoiceIterator's .iterator() opens a server-side cursor on PostgreSQL (three round trips
    for a dozen terms) and reads them again on every pass."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class LenientModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Keeps the values it knows and remembers the others in `ignored`, instead of failing."""

    iterator = TermChoiceIterator

    def clean(self, value):
        self.ignored = []
        value = _given(value) if value else []
        if not value:
            # Nothing chosen. Not `queryset.none()`: testing whether it is empty compiled the
            # query of the options offered (the agenda's, with a subquery each) for nothing.
            return []
        key = self.to_field_name or "pk"
        model_field = (
            self.queryset.model._meta.pk
            if key == "pk"
            else self.queryset.model._meta.get_field(key)
        )
        candidates = []
        for item in value:
            if not _usable(item):
                self.ignored.append(str(item).replace("\x00", ""))
                continue
            try:
                candidate = model_field.to_python(item)
            except (forms.ValidationError, ValueError, TypeError):
                candidate = None
            if candidate is None or (isinstance(candidate, int) and as_id(candidate) is None):
                self.ignored.append(item)  # unparsable, or an id no database column can hold
            else:
                candidates.append(candidate)
        found = self.queryset.filter(**{f"{key}__in": candidates[:MAX_VALUES]})
        known = {str(getattr(obj, key)) for obj in found}
        self.ignored += [str(c) for c in candidates if str(c) not in known]
        return found


def _is_foreign_key(model, name):
    try:
        return model._meta.get_field(name).many_to_one
    except FieldDoesNotExist:  # "", "pk", or a path of several hops
        return False


def linked_to(queryset, path, terms):
    """`queryset` narrowed to the rows linked to one of `terms` through `path` ("thematiques",
    "event__thematiques", "addresses__commune"…), each hop as a subquery on its own table (for a
    many-to-many field, its link table: pk IN (SELECT owner FROM link WHERE term IN …)). No join,
    so no row comes twice, and the database starts from the few links rather than from every
    row (a région's 1,300 territoires against 5,000 fiches).

    But a foreign key to a foreign key ("event__format") is a join, which repeats no row either:
    the database may then also walk the rows in the listing's order and stop at its page (the
    agenda's séances by day), when the terms are common. A subquery over every event made
    PostgreSQL hash them all first (100 ms for a format of 40,000 séances, 10 ms this way)."""
    first, _sep, rest = path.partition("__")
    try:
        field = queryset.model._meta.get_field(first)
    except FieldDoesNotExist:  # "pk": the terms are rows of the model itself, or their ids
        if isinstance(terms, list):
            terms = [getattr(term, "pk", term) for term in terms]
        return queryset.filter(**{f"{path}__in": terms})
    if field.many_to_one and _is_foreign_key(field.related_model, rest):
        return queryset.filter(**{f"{path}__in": terms})
    if rest:
        related = linked_to(field.related_model._default_manager.all(), rest, terms)
        if field.one_to_many:
            return queryset.filter(pk__in=related.values(field.field.name))
        return linked_to(queryset, first, related)
    if field.many_to_many and not field.auto_created:
        links = field.remote_field.through._default_manager.filter(
            **{f"{field.m2m_reverse_field_name()}__in": terms}
        )
        return queryset.filter(pk__in=links.values(field.m2m_field_name()))
    return queryset.filter(**{f"{path}__in": terms})


class TaxonomyFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = LenientModelMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        # The terms chosen, read when the form was cleaned: as values in the query, for the
        # database's planner to weigh (a rare format is read by its events, a common one in
        # day order), not as a subquery.
        return linked_to(qs, self.field_name, list(value)) if value else qs


class PickerChoiceIterator(TermChoiceIterator):
    """Iterates over what the field's picker offers, instead of all the field accepts."""

    def __iter__(self):
        picker = getattr(self.field, "picker", None)
        if picker is None:
            yield from super().__iter__()
            return
        for territoire in picker.options():
            yield self.choice(territoire)

    def __len__(self):
        picker = getattr(self.field, "picker", None)
        return super().__len__() if picker is None else len(picker.options())


class TerritoireChoiceField(LenientModelMultipleChoiceField):
    """Accepts any territoire, offers only what its picker shows (France has 40,000)."""

    iterator = PickerChoiceIterator
    picker = None

    def label_from_instance(self, obj):
        return territoire_label(obj)


class TerritoireFilter(TaxonomyFilter):
    """Territoires chosen with `TerritoirePicker` (search and browse, without JavaScript);
    matches a territoire and everything below it."""

    field_class = TerritoireChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Territoire.objects.all())
        kwargs.setdefault("to_field_name", "pk")
        kwargs.setdefault("widget", TerritoirePicker)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        parent = getattr(self, "parent", None)
        if field.picker is None and parent is not None:
            name = next((n for n, f in parent.filters.items() if f is self), self.field_name)
            data = parent.data if hasattr(parent.data, "getlist") else QueryDict()
            chosen = [as_id(v) for v in data.getlist(name)[:MAX_VALUES] if _usable(v)]
            field.picker = field.widget.picker = Picker(name, data, chosen)
        return field

    def filter(self, qs, value):
        if not value:
            return qs
        # As a subquery: a région covers 1,300 territoires, not worth reading (each facet's count
        # applies this filter again).
        return linked_to(qs, self.field_name, Territoire.objects.covering(value))


def thematique_filter(field_name="thematiques", queryset=None, **kwargs):
    queryset = Thematique.objects.all() if queryset is None else queryset
    return TaxonomyFilter(field_name=field_name, queryset=queryset, label=_("Theme"), **kwargs)


def public_filter(field_name="publics", queryset=None, **kwargs):
    queryset = PublicVise.objects.all() if queryset is None else queryset
    return TaxonomyFilter(field_name=field_name, queryset=queryset, label=_("Audience"), **kwargs)


class SuiteFilterSet(django_filters.FilterSet):
    """A FilterSet that never fails on bad input and can describe its active filters."""

    def __init__(self, data=None, *args, request=None, strict=False, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.request = request
        self.strict = strict

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.none() if self.strict and self.only_unknown() else queryset

    def only_unknown(self):
        """Whether a filter was given values and none of them is known."""
        self.form.is_valid()
        return any(
            getattr(field, "ignored", None) and not self.form.cleaned_data.get(name)
            for name, field in self.form.fields.items()
        )

    @property
    def problems(self):
        """French messages for every value that was ignored."""
        self.form.is_valid()
        notice = no_word_in(self._keywords)
        messages = [notice] if notice else []
        for name, field in self.form.fields.items():
            label = field.label or name
            if getattr(field, "ignored", None) or name in self.form.errors:
                messages.append(
                    _("Some values of the filter “%(label)s” were not recognised and were ignored.")
                    % {"label": label}
                )
        return messages

    @property
    def browsing(self):
        """Whether the visitor searches or browses a territoire picker: without JavaScript the
        page reloads with what the picker found, to be shown unfolded."""
        pickers = (getattr(field, "picker", None) for field in self.form.fields.values())
        return any(p is not None and (p.query or p.node is not None) for p in pickers)

    def selected(self):
        """{filter name: cleaned value} of the filters the visitor set, in the form's order (an
        empty choice of terms counts as not set)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "", [], ())
            and not (hasattr(value, "exists") and not value)
            # Keywords with no word in them ("!!!") search nothing: not an active filter.
            and not (name == "q" and no_word_in(value))
        }

    @property
    def _keywords(self):
        """The keyword box's text ("q", in every listing of the suite), as cleaned."""
        return getattr(self.form, "cleaned_data", {}).get("q") if "q" in self.form.fields else ""

    def active_filters(self):
        """[(facet label, value label, URL without that value)] for the selected values."""
        active = []
        for name, value in self.selected().items():
            field = self.form.fields[name]
            values = (
                list(value)
                if hasattr(value, "__iter__") and not isinstance(value, str)
                else [value]
            )
            for item in values:
                raw = self._raw_value(field, item)
                active.append(
                    (field.label or name, self._display(field, item), self._url_without(name, raw))
                )
        return active

    @staticmethod
    def _raw_value(field, item):
        key = getattr(field, "to_field_name", None)
        if hasattr(item, "_meta"):
            return str(getattr(item, key or "pk"))
        if hasattr(item, "isoformat"):
            return item.isoformat()
        return str(item)

    @staticmethod
    def _display(field, item):
        if hasattr(item, "_meta"):
            return str(item)
        for value, label in getattr(field, "choices", []):
            if str(value) == str(item):
                return str(label)
        if hasattr(item, "strftime"):
            return item.strftime("%d/%m/%Y")
        return str(item)

    def _url_without(self, name, raw):
        query = self.data.copy()
        query.setlist(name, [v for v in query.getlist(name) if v != raw])
        query.pop("page", None)
        return "?" + query.urlencode() if query else "?"
