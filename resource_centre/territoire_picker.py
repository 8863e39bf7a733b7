"""The visitors' territoire filter among France's 40,000 territoires, usable without JavaScript.

The field renders as checkboxes: the chosen territoires, ticked, then either the territoires
matching what the visitor typed in `<name>_q`, or one level of the browse in `<name>_dans`
(France's régions by default; else a territoire and what lies directly below it: région ›
département › EPCI › commune › QPV), each with a link one level down. Submitting the form
searches; with JavaScript, territoire_picker.js fetches the same page as the visitor types or
browses and swaps the options in, keeping what is ticked. A fixed number of queries per picker.
"""

from django import forms
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .ids import as_id
from .search import sort_key
from .territoire_names import with_context

RESULTS = 20
MAX_QUERY = 100


def _text(data, key):
    value = data.get(key, "") if hasattr(data, "get") else ""
    return " ".join(str(value).replace("\x00", "").split())[:MAX_QUERY]


class Picker:
    """What one territoire filter offers in one request: `options()` (chosen first), `trail`
    (the browse level's ancestors), and the links that browse."""

    def __init__(self, name, data, chosen):
        from .models import Territoire

        self.name = name
        self.data = data
        self.chosen_ids = [pk for pk in chosen if pk is not None]
        self.query = _text(data, self.query_name)
        self.node = None
        self.trail = []
        if not self.query and (pk := as_id(_text(data, self.browse_name))):
            path = Territoire.objects.filter(pk=pk).values_list("path", flat=True).first()
            if path:
                ancestors = list(
                    Territoire.objects.filter(pk__in=Territoire.path_ids(path)).order_by("path")
                )
                self.node, self.trail = ancestors[-1], ancestors[:-1]
        self._options = None
        self.found = 0
        self.truncated = False
        self.overseas = False

    @property
    def query_name(self):
        return f"{self.name}_q"

    @property
    def browse_name(self):
        return f"{self.name}_dans"

    def options(self):
        """The chosen territoires, then those found or browsed, each with `context` (where it
        lies) and `below` (whether it has territoires under it)."""
        if self._options is not None:
            return self._options
        from .models import Territoire

        below = Territoire.objects.filter(parent=OuterRef("pk"), former=False)
        chosen = list(
            Territoire.objects.filter(pk__in=self.chosen_ids)
            .annotate(below=Exists(below))
            .order_by("path")
        )
        if self.query:
            found = Territoire.objects.search(self.query)[: RESULTS + 1]
        elif self.node is not None:
            found = Territoire.objects.filter(parent=self.node, former=False)
        else:
            found = Territoire.objects.filter(parent__isnull=True, former=False)
        found = list(found.annotate(below=Exists(below)))
        self.truncated = bool(self.query) and len(found) > RESULTS
        if self.query:
            found = found[:RESULTS]
        else:  # by name as people sort it: « Île-de-France » under I, not after « Wallis »
            found.sort(key=lambda t: (sort_key(t.name), t.pk))
        # At the top, the régions and the collectivités d'outre-mer beside them.
        self.overseas = any(t.overseas_collectivity for t in found)
        if self.node is not None:
            self.node.below = True
            found.insert(0, self.node)
        self.found = len(found) - (self.node is not None)
        taken = {t.pk for t in chosen}
        self._options = with_context(chosen + [t for t in found if t.pk not in taken])
        return self._options

    @cached_property
    def _kept(self):
        """This page's query without the page, the search and the browse."""
        query = QueryDict(mutable=True)
        if hasattr(self.data, "lists"):
            for key, values in self.data.lists():
                if key not in ("page", self.query_name, self.browse_name):
                    query.setlist(key, values)
        return query.urlencode()

    def url(self, node=None):
        """This page's query with the browse at `node` (None: France) and no search."""
        query = self._kept
        if node is not None:
            query += ("&" if query else "") + urlencode({self.browse_name: str(node)})
        return f"?{query}#{self.name}-picker"


def _items(name, options, checked):
    """The options as <li>, written in one pass (a template loop cost a millisecond per ten)."""
    browse = gettext("Browse")
    return format_html_join(
        "\n",
        '<li class="rc-choice"><input type="checkbox" name="{}" value="{}" id="{}-{}"{}>'
        '<label for="{}-{}">{}</label>{}</li>',
        (
            (
                name,
                o["value"],
                name,
                o["value"],
                mark_safe(" checked") if checked else "",
                name,
                o["value"],
                o["label"],
                format_html(
                    ' <a class="rc-picker__down" href="{}" data-browse="{}">{}'
                    '<span class="rc-visually-hidden"> {}</span></a>',
                    o["browse_url"],
                    o["value"],
                    browse,
                    o["value"].instance,
                )
                if o["browse_url"]
                else "",
            )
            for o in options
        ),
    )


class TerritoirePicker(forms.CheckboxSelectMultiple):
    template_name = "resource_centre/widgets/territoire_picker.html"
    is_picker = True
    picker = None  # set by the filter for each request

    class Media:
        js = ["resource_centre/js/territoire_picker.js"]

    def get_context(self, name, value, attrs):
        # Not ChoiceWidget's: its option dicts (attributes copied, ids, three templates each)
        # cost more than the rest of the picker; the options are written by `_items`.
        context = forms.Widget.get_context(self, name, value, attrs)
        ticked = set(context["widget"]["value"])
        picker = self.picker
        chosen, others = [], []
        for choice, label in self.choices:
            territoire = choice.instance
            below = picker and getattr(territoire, "below", False) and territoire != picker.node
            option = {"value": choice, "label": label, "browse_url": below and picker.url(choice)}
            (chosen if str(choice) in ticked else others).append(option)
        context["widget"].update(
            chosen=_items(name, chosen, checked=True),
            others=_items(name, others, checked=False),
            picker=picker,
            trail=[(t, picker.url(t.pk)) for t in picker.trail] if picker else [],
            root_url=picker.url() if picker else "?",
        )
        return context
