"""Visitor filters of the annuaire, with the number of results each option would give.

Within a facet the options combine with OR, facets combine with AND (as everywhere in the suite).
The count beside an option is the number of results with that option added to the selections of
the OTHER facets. Each facet is counted by one grouped query, whatever the number of options or
entries; two for a facet through a one-to-many (the types of a person's structures) and for the
territoire facets, which count everything attached to a territoire or below it.
"""

import string
from collections import Counter

import django_filters
from django import forms
from django.db.models import Count, OuterRef, Subquery
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resource_centre import generations
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
        choices=LETTERS,
        method="by_letter",
        label=_("Initial"),
        empty_label=pgettext_lazy("resource centre", "All"),
    )

    # facet name → the path from the listed model to the term it counts.
    facets = {"thematique": "thematiques", "reseau": "reseaux"}
    # The number of listed entries, when filtering them told it (filter_queryset).
    listed_count = None

    def search(self, queryset, name, value):
        # One condition per word on the entries' normalised public text (annuaire/search.py).
        words = query_stems(value)
        if not words:
            return queryset
        condition, _left_out = self._matches(tuple(words))
        return queryset.filter(condition) if condition is not None else queryset

    def _matches(self, words):
        """(condition, left out) for the entries whose text holds `words`, read once per
        request: the list and each facet's count then narrow by ids instead of scanning every
        entry's text again (ten times 50,000 texts).

        When the words are in nearly every entry (« camille » in 50,000 people), by the ids of
        the few entries without them, also given as `left out` for the facets to count without
        the words and take those few off (facet_counts); the condition is None when there are
        none. The text condition itself when neither list is short enough to pass as a
        parameter."""
        cache = self.__dict__.setdefault("_matches_cache", {})
        if words not in cache:
            entries = self.queryset.model._default_manager.order_by()
            condition = matching(list(words))
            found = self._ids(entries.filter(condition))
            others = None if found is not None else self._ids(entries.exclude(condition))
            if found is not None:
                cache[words] = Among("pk", found), None
            elif others is not None:
                cache[words] = (~Among("pk", others) if others else None), others
            else:
                cache[words] = condition, None
        return cache[words]

    def _left_out(self):
        """The ids of the few entries the keywords leave out (see _matches), else None."""
        words = query_stems(self.selected().get("q") or "")
        return self._matches(tuple(words))[1] if words else None

    @staticmethod
    def _ids(entries):
        """The ids of `entries`, or None when they are more than MAX_MATCHES."""
        ids = list(entries.values_list("pk", flat=True)[: MAX_MATCHES + 1])
        return ids if len(ids) <= MAX_MATCHES else None

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
        and a métier in 50,000 people on SQLite). Their number is then known: `listed_count`.
        Keywords alone in nearly every entry narrow by the few they leave out already."""
        selected = self.selected()
        if not selected:
            return queryset
        filtered = self._apply(selected)
        left_out = self._left_out()
        if left_out is not None and selected.keys() == {"q"}:
            self.listed_count = self.queryset.count() - len(left_out)
            return filtered
        ids = self._ids(filtered.order_by())
        if ids is None:
            return filtered
        self.listed_count = len(ids)
        return queryset.filter(Among("pk", ids))

    def _without(self, *facets):
        """The listed entries filtered by every selection except `facets`, or None when no other
        one is selected (then every entry counts, and no subquery is needed)."""
        selected = self.selected()
        kept = {name: value for name, value in selected.items() if name not in facets}
        if not kept:
            return None
        return self.qs if len(kept) == len(selected) else self._apply(kept)

    def _counted(self, facet, count):
        """`count(entries)` ({term pk: n}) of the entries of every selection but `facet`. When
        the keywords are the only other selection and leave out only a few entries, the counts
        of every entry less those of the few: each facet then reads its links as when
        unfiltered, instead of matching them against 50,000 entries (« camille »)."""
        left_out = self._left_out()
        if left_out is None or self._without(facet, "q") is not None:
            entries = self._without(facet)
            return count(entries) if entries is not None else self._of_every_entry(facet, count)
        counts = self._of_every_entry(facet, count)
        if left_out:
            # The counts kept may be from just before a change (resource_centre/generations.py):
            # a term the few entries gained since is not among them.
            for pk, n in count(self.queryset.filter(Among("pk", left_out))).items():
                counts[pk] = max(0, counts.get(pk, 0) - n)
        return counts

    @cached_property
    def _kept(self):
        return generations.Kept("annuaire")

    def _of_every_entry(self, facet, count):
        """`count(None)`: the same for every visitor until the annuaire changes, so kept
        (resource_centre/generations.py); 70 ms of SQL for 50,000 people on PostgreSQL."""
        key = f"{type(self).__module__}.{type(self).__qualname__}:{facet}"
        return dict(self._kept.get(key, lambda: count(None)))

    def _count(self, path, entries):
        """{term pk: entries} for one facet: grouped on the link table when the facet is a
        many-to-many field (each pair is unique, so COUNT(*) needs no DISTINCT) or a child
        table, on the entries themselves otherwise."""
        model = self.queryset.model
        first, _sep, rest = path.partition("__")
        field = model._meta.get_field(first)
        if field.one_to_many and rest:
            # Through a child table (a person's memberships): their rows only.
            owner = field.field.name
            return self._link_counts(field.related_model.objects.all(), owner, rest, entries)
        if field.many_to_many and not rest:
            through = field.remote_field.through
            owner = field.m2m_field_name()
            term = field.m2m_reverse_field_name()
            rows = self._linked(through.objects.all(), owner, entries)
            rows = rows.order_by().values(term).annotate(n=Count("pk")).values_list(term, "n")
        else:
            rows = (entries if entries is not None else model._default_manager.all()).order_by()
            distinct = "__" in path  # through a one-to-many: an entry may appear twice
            rows = (
                rows.values(path).annotate(n=Count("pk", distinct=distinct)).values_list(path, "n")
            )
        return {pk: n for pk, n in rows if pk is not None}

    def facet_counts(self):
        """{facet name: {term pk: number of entries}}: one query per facet, two for a facet
        through a one-to-many and for each territoire facet; twice as many when the keywords
        leave out a few entries (see _counted)."""
        counts = {
            facet: self._counted(facet, lambda entries, path=path: self._count(path, entries))
            for facet, path in self.facets.items()
        }
        through = self.queryset.model.territoires.through
        owner = next(
            f.name
            for f in through._meta.fields
            if f.is_relation and f.related_model is self.queryset.model
        )
        counts["territoire"] = self._counted(
            "territoire",
            lambda entries: self._link_counts(
                through.objects.all(), owner, "territoire", entries, tree=True
            ),
        )
        places, place_owner, node = self.places
        counts["situee"] = self._counted(
            "situee",
            lambda entries: self._link_counts(
                places.objects.filter(**{f"{node}__isnull": False}),
                place_owner,
                node,
                entries,
                tree=True,
            ),
        )
        return counts

    @staticmethod
    def _linked(links, owner, entries):
        """`links` of the `entries` (all of them when None)."""
        if entries is None:
            return links
        return links.filter(**{f"{owner}__in": entries.order_by().values("pk")})

    @classmethod
    def _link_counts(cls, links, owner, node, entries, tree=False):
        """{term pk: `entries` linked to it} (all of them when None) from `links`, rows of
        (`owner`: an entry, `node`: a term) where an entry may have several links (a person's
        memberships, a structure's addresses); in a `tree` of territoires, the entries linked
        to a territoire or below it.
        Without a DISTINCT, which SQLite sorts slowly (31 ms against 14 for the types of
        50,000 people's structures), in two queries:

        1. the links per term (in a tree, with the territoire's materialised path, which names
           its ancestors: each count is added to them);
        2. an entry linked twice to a term (two structures of one type, two communes of one
           département) counts once there: the links of the entries with more than one link
           are read (usually few rows) and the excess is taken off.
        """
        # COUNT(id) reads the link table's index alone; COUNT(owner) read its rows.
        extra = {"path": _PathOf(node)} if tree else {}
        counts, terms_of = {}, {}
        narrowed = cls._linked(links, owner, entries)
        # Tuples, not dicts: a territoire facet reads a row per territoire linked (3,300).
        rows = narrowed.order_by().values(node).annotate(n=Count("pk"), **extra)
        for linked, n, *path in rows.values_list(node, "n", *extra):
            terms = Territoire.path_ids(path[0]) if tree else [linked]
            if linked is None or not terms:
                continue
            terms_of[linked] = terms
            for term in terms:
                counts[term] = counts.get(term, 0) + n
        if not counts:
            return {}
        # Entries among `entries`: their links need not be narrowed again (a subquery the
        # database would run twice, scanning 50,000 texts each time for a common word).
        several = (
            narrowed.order_by().values(owner).annotate(n=Count("pk")).filter(n__gt=1).values(owner)
        )
        by_entry = {}
        pairs = links.filter(**{f"{owner}__in": several}).order_by().values_list(owner, node)
        for entry, linked in pairs:
            by_entry.setdefault(entry, []).extend(terms_of.get(linked, ()))
        for terms in by_entry.values():
            for term, times in Counter(terms).items():
                if times > 1:
                    counts[term] -= times - 1
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
