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

from .ids import as_id
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
            found = Territoire.objects.filter(parent=self.node, former=False).order_by("name")
        else:
            found = Territoire.objects.filter(parent__isnull=True, former=False).order_by("name")
        found = list(found.annotate(below=Exists(below)))
        self.truncated = bool(self.query) and len(found) > RESULTS
        found = found[:RESULTS] if self.query else found
        if self.node is not None:
            self.node.below = True
            found.insert(0, self.node)
        self.found = len(found) - (self.node is not None)
        taken = {t.pk for t in chosen}
        self._options = with_context(chosen + [t for t in found if t.pk not in taken])
        return self._options

    def url(self, node=None):
        """This page's query with the browse at `node` (None: France) and no search."""
        query = QueryDict(mutable=True)
        if hasattr(self.data, "lists"):
            for key, values in self.data.lists():
                if key not in ("page", self.query_name, self.browse_name):
                    query.setlist(key, values)
        if node is not None:
            query[self.browse_name] = str(node)
        return f"?{query.urlencode()}#{self.name}-picker"


class TerritoirePicker(forms.CheckboxSelectMultiple):
    template_name = "resource_centre/widgets/territoire_picker.html"
    is_picker = True
    picker = None  # set by the filter for each request

    class Media:
        js = ["resource_centre/js/territoire_picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [o for _g, group, _i in context["widget"]["optgroups"] for o in group]
        picker = self.picker
        for option in options:
            territoire = option["value"].instance
            option["browse_url"] = (
                picker.url(territoire.pk)
                if picker and getattr(territoire, "below", False) and territoire != picker.node
                else None
            )
        context["widget"].update(
            chosen=[o for o in options if o["selected"]],
            others=[o for o in options if not o["selected"]],
            picker=picker,
            trail=[(t, picker.url(t.pk)) for t in picker.trail] if picker else [],
            root_url=picker.url() if picker else "?",
        )
        return context
