"""Choosing territoires in the admin among all of France's 40,000: a type-to-search field.

`TerritoiresChooser` (the widget of a many-to-many field to Territoire) renders the chosen
territoires as ticked boxes, and a search box that asks `search` (an admin JSON view) for the
territoires matching what is typed (name, former names, INSEE code or postal code, accents and
plural ignored) and adds the one clicked. Unticking a box removes it.
"""

from django import forms
from django.db.models import Case, F, IntegerField, Value, When
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .ids import as_id
from .search import matching, query_stems

RESULTS = 20


def label(territoire):
    """ "Rennes — commune (35238)": the name, the level and, for a commune, its INSEE code (many
    communes share a name)."""
    text = f"{territoire} — {territoire.get_kind_display()}"
    if territoire.kind in ("commune", "qpv") and territoire.code:
        text += f" ({territoire.code})"
    if territoire.former:
        text += " — " + _("former")
    return text


class TerritoiresChooser(forms.SelectMultiple):
    template_name = "resource_centre/admin/territoires_chooser.html"

    class Media:
        js = ["resource_centre/admin/territoires_chooser.js"]

    def optgroups(self, name, value, attrs=None):
        """Only the chosen territoires: one query, whatever the size of the reference."""
        from .models import Territoire

        chosen = [pk for pk in (as_id(v) for v in value) if pk is not None]
        found = Territoire.objects.filter(pk__in=chosen) if chosen else []
        options = [
            self.create_option(name, t.pk, label(t), True, index) for index, t in enumerate(found)
        ]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = reverse("resource_centre_admin:territoire_search")
        return context


def search(request):
    """{"results": [{"id", "label"}]}: the territoires matching ?q=, régions and départements
    first, then communes, EPCI and QPV, the most populated first."""
    from .models import Territoire

    Kind = Territoire.Kind
    words = query_stems(request.GET.get("q", ""))
    if not words:
        return JsonResponse({"results": []})
    found = (
        Territoire.objects.filter(matching(words), former=False)
        .annotate(
            rank=Case(
                When(kind=Kind.REGION, then=Value(0)),
                When(kind=Kind.DEPARTEMENT, then=Value(1)),
                When(kind=Kind.COMMUNE, then=Value(2)),
                When(kind=Kind.EPCI, then=Value(3)),
                default=Value(4),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", F("population").desc(nulls_last=True), "name", "pk")[:RESULTS]
    )
    return JsonResponse({"results": [{"id": t.pk, "label": label(t)} for t in found]})
