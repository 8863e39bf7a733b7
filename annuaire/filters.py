"""Visitor filters of the annuaire, with the number of results each option would give.

Within a facet the options combine with OR, facets combine with AND (as everywhere in the suite).
The count beside an option is the number of results with that option added to the selections of
the OTHER facets. Each facet is counted by one grouped query, whatever the number of options or
entries; the territoire facets count everything attached to a territoire or below it (two queries).
"""

import string

import django_filters
from django import forms
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from resource_centre.filters import SuiteFilterSet, TaxonomyFilter, TerritoireFilter
from resource_centre.id_lists import Among
from resource_centre.models import Territoire, Thematique
from resource_centre.search import matching, query_stems
from resource_centre.territoire_names import label

from .models import Address, Membership, Metier, Person, Reseau, Structure, StructureType

LETTERS = [(letter, letter) for letter in string.ascii_uppercase]
# Entries read by id once per request up to this number; past it, reading their ids costs
# about as much as the subquery it would spare (19,000 people under a région, on SQLite).
MAX_MATCHES = 10_000


class _PathOf(Subquery):
    """The path of the territoire `node`, read per group: grouping by the path itself joined the
    territoires to every link and sorted their paths (17 ms of 50,000 people on SQLite, 5 ms
    this way)."""

    def __init__(self, node):
        super().__init__(Territoire.objects.filter(pk=OuterRef(node)).order_by().values("path"))

    def get_group_by_cols(self):
        return []  # a function of the grouped territoire


class AnnuaireFilterSet(SuiteFilterSet):
    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="search",
        max_length=200,
        widget=forms.TextInput({"type": "search"}),
    )
    thematique = TaxonomyFilter(
        field_name="thematiques", queryset=Thematique.objects.all(), label=_("Theme")
    )
    reseau = TaxonomyFilter(field_name="reseaux", queryset=Reseau.objects.all(), label=_("Network"))
    # Two questions visitors ask apart: where an actor works, and where it is.
    territoire = TerritoireFilter(field_name="territoires", label=_("Works on"))
    lettre = django_filters.ChoiceFilter(
        choices=LETTERS, method="by_letter", label=_("Initial"), empty_label=_("All")
    )

    # facet name → the path from the listed model to the term it counts.
    facets = {"thematique": "thematiques", "reseau": "reseaux"}

    def search(self, queryset, name, value):
        # One condition per word on the entries' normalised public text (annuaire/search.py).
        words = query_stems(value)
        if not words:
            return queryset
        found = self._matches(tuple(words))
        return (
            queryset.filter(Among("pk", found))
            if found is not None
            else queryset.filter(matching(words))
        )

    def _matches(self, words):
        """The ids of the entries whose text holds `words`, read once per request: the list and
        each facet's count then narrow by these ids instead of scanning every entry's text
        again (ten times 50,000 texts). None when they are too many to pass as parameters."""
        cache = self.__dict__.setdefault("_matches_cache", {})
        if words not in cache:
            model = self.queryset.model
            ids = list(
                model._default_manager.filter(matching(list(words)))
                .order_by()
                .values_list("pk", flat=True)[: MAX_MATCHES + 1]
            )
            cache[words] = ids if len(ids) <= MAX_MATCHES else None
        return cache[words]

    def by_letter(self, queryset, name, value):
        # The sort key has neither case nor accents: "É…" files under E.
        return queryset.filter(sort_name__startswith=value.lower())

    # Facet counts -----------------------------------------------------------------------------

    def _apply(self, selected):
        queryset = self.queryset.all()
        for name, value in selected.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_queryset(self, queryset):
        """The listed entries. Their ids are read once per request when they are at most
        MAX_MATCHES: the list, its count and the count of every facet not selected then narrow
        by ids, instead of running every filter's subquery again (six times 16 ms for a région
        and a métier in 50,000 people on SQLite)."""
        selected = self.selected()
        if not selected:
            return queryset
        filtered = self._apply(selected)
        ids = list(filtered.order_by().values_list("pk", flat=True)[: MAX_MATCHES + 1])
        return queryset.filter(Among("pk", ids)) if len(ids) <= MAX_MATCHES else filtered

    def _without(self, facet):
        """The listed entries filtered by every facet except `facet`, or None when no other
        facet is selected (then every entry counts, and no subquery is needed)."""
        selected = self.selected()
        if facet not in selected:
            return self.qs if selected else None
        del selected[facet]
        return self._apply(selected) if selected else None

    def _count(self, path, entries):
        """{term pk: entries} for one facet: a grouped query on the link table when the facet
        is a many-to-many field (each pair is unique, so COUNT(*) needs no DISTINCT), on the
        entries themselves otherwise."""
        model = self.queryset.model
        first, _sep, rest = path.partition("__")
        field = model._meta.get_field(first)
        if field.one_to_many and rest:
            # Through a child table (a person's memberships): group the child rows only.
            owner = field.field.name
            rows = field.related_model.objects.all()
            if entries is not None:
                rows = rows.filter(**{f"{owner}__in": entries.order_by().values("pk")})
            rows = (
                rows.order_by()
                .values(rest)
                .annotate(n=Count(owner, distinct=True))
                .values_list(rest, "n")
            )
        elif field.many_to_many and not rest:
            through = field.remote_field.through
            owner = field.m2m_field_name()
            term = field.m2m_reverse_field_name()
            rows = through.objects.all()
            if entries is not None:
                rows = rows.filter(**{f"{owner}__in": entries.order_by().values("pk")})
            rows = rows.order_by().values(term).annotate(n=Count("pk")).values_list(term, "n")
        else:
            rows = (entries if entries is not None else model._default_manager.all()).order_by()
            distinct = "__" in path  # through a one-to-many: an entry may appear twice
            rows = (
                rows.values(path).annotate(n=Count("pk", distinct=distinct)).values_list(path, "n")
            )
        return {pk: n for pk, n in rows if pk is not None}

    def facet_counts(self):
        """{facet name: {term pk: number of entries}}: one query per facet (two for each
        territoire facet)."""
        counts = {
            facet: self._count(path, self._without(facet)) for facet, path in self.facets.items()
        }
        counts["territoire"] = self._territoire_counts(self._without("territoire"))
        links, owner, node = self.places
        counts["situee"] = self._tree_counts(
            self._without("situee"), links.objects.filter(**{f"{node}__isnull": False}), owner, node
        )
        return counts

    def _territoire_counts(self, queryset):
        through = self.queryset.model.territoires.through
        owner = next(
            f.name
            for f in through._meta.fields
            if f.is_relation and f.related_model is self.queryset.model
        )
        # A many-to-many table holds each pair once: its rows need no DISTINCT.
        return self._tree_counts(
            queryset, through.objects.all(), owner, "territoire", unique_pairs=True
        )

    def _tree_counts(self, queryset, links, owner, node, unique_pairs=False):
        """{territoire pk: entries attached to it or below it}, in two queries, from `links`:
        rows of (`owner`: the entry, `node`: a territoire), a pair possibly repeated (two
        addresses in one commune) unless `unique_pairs`.

        1. the entries per attached territoire, with its materialised path, which names its
           ancestors: each count is added to them;
        2. an entry attached to several territoires under the same ancestor would be counted
           twice there: the links of the entries with more than one link are read (usually
           few rows) and the excess is taken off.

        With `unique_pairs` the first count is a plain COUNT, which PostgreSQL hashes instead
        of sorting 50,000 rows for a DISTINCT.
        """
        if queryset is not None:
            links = links.filter(**{f"{owner}__in": queryset.order_by().values("pk")})
        per_path = (
            links.order_by()
            .values(node)
            .annotate(
                # COUNT(id) reads the link table's index alone; COUNT(owner) read its rows.
                n=Count("pk") if unique_pairs else Count(owner, distinct=True),
                path=_PathOf(node),
            )
            .values_list("path", "n")
        )
        counts, ancestors = {}, {}
        for path, n in per_path:
            ids = Territoire.path_ids(path)
            if not ids:
                continue
            ancestors[ids[-1]] = ids
            for ancestor in ids:
                counts[ancestor] = counts.get(ancestor, 0) + n
        if not counts:
            return {}
        # More than one link, not more than one territoire: a repeated pair only costs a row.
        several = (
            links.order_by().values(owner).annotate(n=Count("pk")).filter(n__gt=1).values(owner)
        )
        by_entry = {}
        for entry, place in links.filter(**{f"{owner}__in": several}).values_list(owner, node):
            by_entry.setdefault(entry, set()).add(place)
        for nodes in by_entry.values():
            seen = {}
            for attached in nodes:
                for ancestor in ancestors.get(attached, [attached]):
                    seen[ancestor] = seen.get(ancestor, 0) + 1
            for ancestor, times in seen.items():
                if times > 1:
                    counts[ancestor] -= times - 1
        return counts

    def add_counts_to_options(self):
        """Show "option (n)" in the form; returns the counts."""
        counts = self.facet_counts()
        for facet, by_pk in counts.items():
            field = self.form.fields[facet]
            if facet in ("territoire", "situee"):
                field.label_from_instance = lambda obj, c=by_pk: (
                    f"{label(obj)} ({c.get(obj.pk, 0)})"
                )
            else:
                field.label_from_instance = lambda obj, c=by_pk: f"{obj} ({c.get(obj.pk, 0)})"
        return counts


class StructureFilterSet(AnnuaireFilterSet):
    type = TaxonomyFilter(
        field_name="type", queryset=StructureType.objects.all(), label=_("Type of structure")
    )
    situee = TerritoireFilter(field_name="addresses__commune", label=_("Located in"))
    facets = {"type": "type", "thematique": "thematiques", "reseau": "reseaux"}
    places = (Address, "structure", "commune")  # where a structure is: its addresses' communes

    class Meta:
        model = Structure
        fields = ["q", "type", "thematique", "reseau", "situee", "territoire", "lettre"]


class PersonFilterSet(AnnuaireFilterSet):
    metier = TaxonomyFilter(field_name="metier", queryset=Metier.objects.all(), label=_("Job"))
    type = TaxonomyFilter(
        field_name="memberships__structure__type",
        queryset=StructureType.objects.all(),
        label=_("Type of structure"),
    )
    facets = {
        "metier": "metier",
        "type": "memberships__structure__type",
        "thematique": "thematiques",
        "reseau": "reseaux",
    }

    situee = TerritoireFilter(
        field_name="memberships__structure__addresses__commune", label=_("Located in")
    )
    # Where a person is: the communes of their structures' addresses.
    places = (Membership, "person", "structure__addresses__commune")

    class Meta:
        model = Person
        fields = ["q", "metier", "type", "thematique", "reseau", "situee", "territoire", "lettre"]


def membership_prefetch():
    from django.db.models import Prefetch

    return Prefetch("memberships", queryset=Membership.objects.select_related("structure"))
