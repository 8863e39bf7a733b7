"""Choosing territoires in the admin among all of France's 40,000: a type-to-search field.

`TerritoiresChooser` (the widget of a many-to-many field to Territoire) renders the chosen
territoires as ticked boxes, and a search box that asks `search` (an admin JSON view) for the
territoires matching what is typed (name, former names, INSEE code or postal code, accents and
plural ignored) and adds the one clicked. Unticking a box removes it.
"""

from django import forms
from django.http import JsonResponse
from django.urls import reverse

from .ids import as_id
from .territoire_names import label, with_context

RESULTS = 20


class TerritoiresChooser(forms.SelectMultiple):
    template_name = "resource_centre/admin/territoires_chooser.html"

    class Media:
        js = ["resource_centre/admin/territoires_chooser.js"]

    def optgroups(self, name, value, attrs=None):
        """Only the chosen territoires: one query, whatever the size of the reference."""
        from .models import Territoire

        chosen = [pk for pk in (as_id(v) for v in value) if pk is not None]
        found = with_context(Territoire.objects.filter(pk__in=chosen)) if chosen else []
        options = [
            self.create_option(name, t.pk, label(t), True, index) for index, t in enumerate(found)
        ]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = reverse("resource_centre_admin:territoire_search")
        return context


def search(request):
    """{"results": [{"id", "label"}]}: the territoires matching ?q=, best first."""
    from .models import Territoire

    found = with_context(Territoire.objects.search(request.GET.get("q", ""))[:RESULTS])
    return JsonResponse({"results": [{"id": t.pk, "label": label(t)} for t in found]})
