"""The base of the suite's snippet viewsets.

Wagtail builds a snippet's chooser widget once, when the snippet is registered, and its labels
("Choose event format", "Edit this event format") are formatted then, in whatever language is
active at start-up: English, for every editor afterwards. The suite's choosers format them when
they are shown, in the editor's language and with the noun's gender (SAID below).

The listings of models that keep a normalised `search_text` (territoires, structures, people)
are searched as the visitors' keyword boxes are, by `NormalisedSearchIndexView`.

Wagtail's usage count (its reference index) knows foreign keys only: a thématique that tags
fiches, events and structures said "used 0 times" before it was deleted and untagged them all.
`TaggingDeleteView` says, before a snippet is deleted, what it tags; `TaggingDeleteBulkAction`
says it of each snippet deleted from a listing's selection.

Wagtail's inspect page shows a date and time in UTC (its template localises the value before
Django could convert it) and an empty value as "None": `LocalInspectView` shows them in the
site's time zone, and as "—"."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property, classproperty, lazy
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import (
    CopyView,
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
)
from wagtail.snippets.widgets import AdminSnippetChooser

from .ids import as_id
from .search import matching, query_stems


def gender(model):
    """The grammatical gender of the snippet's noun, as its viewset says (`feminine`)."""
    viewset = getattr(model, "snippet_viewset", None)
    return "feminine noun" if getattr(viewset, "feminine", False) else "masculine noun"


def _label(key, model):
    return SAID[gender(model)][key] % {"object": model._meta.verbose_name}


_lazy_label = lazy(_label, str)


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser, its buttons in the noun's gender (« Choisir une autre
    structure », « Modifier ce lieu »), where Wagtail's French says « Choisir un autre
    structure » and « Modifier ce/cette structure »."""

    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        self.choose_one_text = _lazy_label("choose", model)
        self.choose_another_text = _lazy_label("choose another", model)
        self.link_to_chosen_text = _lazy_label("edit", model)


class SuiteSnippetChooserViewSet(SnippetChooserViewSet):
    @cached_property
    def widget_class(self):
        return SnippetChooser(model=self.model, icon=self.icon)


def tagged_counts(obj):
    """[(number, verbose name)] of what `obj` tags through many-to-many fields (fiches,
    events, structures…), one count query per relation."""
    counts = []
    for relation in obj._meta.related_objects:
        if relation.many_to_many:
            # Through the link table: some relations have no accessor (related_name="+").
            links = relation.through._default_manager.filter(
                **{relation.field.m2m_reverse_field_name(): obj.pk}
            )
            number = links.count()
            meta = relation.related_model._meta
            if number:
                counts.append(
                    (number, meta.verbose_name if number == 1 else meta.verbose_name_plural)
                )
    return counts


class TaggingDeleteView(DeleteView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tagged"] = tagged_counts(self.object)
        return context


class LocalInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value)
        return value


class _Said:
    """A view saving a snippet that says a plain save with the viewset's `said` (SAID below):
    « Structure « X » créée. » (Wagtail's snippet views word it themselves, ignoring
    `success_message`)."""

    said = None

    def get_success_message(self, instance=None):
        if self.said is None or self.action not in ("create", "edit"):
            return super().get_success_message(instance)
        message = self.said["created" if self.action == "create" else "updated"]
        return message % {
            "model_name": capfirst(self.model._meta.verbose_name),
            "object": instance or self.object,
        }


class SaidEditView(_Said, EditView):
    pass


class _Named(_Said):
    """A creation view (a new snippet, a copy) titled by the viewset's `new_item_label`
    (« Nouvelle structure ») instead of « Nouveau: Structure » and « Nouvel(le) : Structure »."""

    new_item_label = None

    def get_page_title(self):
        return self.new_item_label or super().get_page_title()

    def get_page_subtitle(self):
        return "" if self.new_item_label else super().get_page_subtitle()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if self.new_item_label and items:
            items = [*items[:-1], {**items[-1], "label": self.new_item_label}]
        return items


class NamedCreateView(_Named, CreateView):
    pass


class NamedCopyView(_Named, CopyView):
    pass


# What the admin says of a snippet saved, deleted or chosen, with its noun's gender (« Structure
# « X » créée. », « Lieu « X » créé. », « Choisir une autre structure »), where Wagtail's French
# says « créé(e) » and « Choisir un autre structure ».
SAID = {
    "masculine noun": {
        "created": pgettext_lazy("masculine noun", "%(model_name)s '%(object)s' created."),
        "updated": pgettext_lazy("masculine noun", "%(model_name)s '%(object)s' updated."),
        "deleted": pgettext_lazy("masculine noun", "%(model_name)s '%(object)s' deleted."),
        "choose": pgettext_lazy("masculine noun", "Choose %(object)s"),
        "choose another": pgettext_lazy("masculine noun", "Choose another %(object)s"),
        "edit": pgettext_lazy("masculine noun", "Edit this %(object)s"),
    },
    "feminine noun": {
        "created": pgettext_lazy("feminine noun", "%(model_name)s '%(object)s' created."),
        "updated": pgettext_lazy("feminine noun", "%(model_name)s '%(object)s' updated."),
        "deleted": pgettext_lazy("feminine noun", "%(model_name)s '%(object)s' deleted."),
        "choose": pgettext_lazy("feminine noun", "Choose %(object)s"),
        "choose another": pgettext_lazy("feminine noun", "Choose another %(object)s"),
        "edit": pgettext_lazy("feminine noun", "Edit this %(object)s"),
    },
}
# A form refused: no noun, so no gender (Wagtail's « Le(la) structure n'a pas pu être créé(e) »).
NOT_CREATED = pgettext_lazy("resource centre", "Nothing was created: correct the errors below.")
NOT_SAVED = pgettext_lazy("resource centre", "Nothing was saved: correct the errors below.")


class SuiteSnippetViewSet(SnippetViewSet):
    """The suite's snippets. French needs the noun's gender where Wagtail writes « Ajouter
    un(e) lieu » and « Nouvel(le) : Lieu »: each viewset words its `add_item_label` (the
    listing's button) and `new_item_label` (the creation's breadcrumb)."""

    chooser_viewset_class = SuiteSnippetChooserViewSet
    delete_view_class = TaggingDeleteView
    inspect_view_class = LocalInspectView
    add_view_class = NamedCreateView
    copy_view_class = NamedCopyView
    edit_view_class = SaidEditView
    delete_template_name = "resource_centre/admin/confirm_delete.html"
    # Says which filters were left out, also in the results the filter drawer fetches.
    index_results_template_name = "resource_centre/admin/index_results.html"
    add_item_label = None
    new_item_label = None
    # The grammatical gender of the model's name, for the messages of SAID.
    feminine = False

    @property
    def said(self):
        return SAID["feminine noun" if self.feminine else "masculine noun"]

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        if self.add_item_label:
            view_kwargs["add_item_label"] = self.add_item_label
        return view_kwargs

    def get_add_view_kwargs(self, **kwargs):
        return {
            **super().get_add_view_kwargs(**kwargs),
            "new_item_label": self.new_item_label,
            "said": self.said,
            "error_message": NOT_CREATED,
        }

    def get_copy_view_kwargs(self, **kwargs):
        # Wagtail's copy view is an add view: its kwargs are the add view's (above).
        return {**super().get_copy_view_kwargs(**kwargs), "new_item_label": self.new_item_label}

    def get_edit_view_kwargs(self, **kwargs):
        return {
            **super().get_edit_view_kwargs(**kwargs),
            "said": self.said,
            "error_message": NOT_SAVED,
        }

    def get_delete_view_kwargs(self, **kwargs):
        return {**super().get_delete_view_kwargs(**kwargs), "success_message": self.said["deleted"]}


class TaggingDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete, for the suite's snippets, listing what each selected one tags."""

    template_name = "resource_centre/admin/confirm_bulk_delete.html"

    @classproperty
    def models(cls):
        return [
            model
            for model in get_snippet_models()
            if isinstance(getattr(model, "snippet_viewset", None), SuiteSnippetViewSet)
        ]

    @classmethod
    def get_queryset(cls, model, object_ids):
        # A hand-edited id ("abc", 2**64) selects nothing instead of failing the query: none
        # left is a 404, as for an id that does not exist.
        return super().get_queryset(model, [pk for pk in object_ids if as_id(pk) is not None])

    def object_context(self, snippet):
        return {**super().object_context(snippet), "tagged": tagged_counts(snippet)}


class NormalisedSearchIndexView(IndexView):
    """The listing of a model that keeps a normalised `search_text` (resource_centre/search.py),
    searched as the visitors' keyword boxes are: accents, case and plural ignored ("helene"
    finds Hélène, "rennes metropole" Rennes Métropole). What the viewset's `search_fields` hold
    still matches as typed, for what the text leaves out (a SIRET)."""

    def search_queryset(self, queryset):
        as_typed = super().search_queryset(queryset)
        words = query_stems(self.search_query) if self.is_searching else []
        if not words:
            return as_typed
        # By key: a search field across a join (a person's structures) repeats rows.
        return queryset.filter(matching(words) | Q(pk__in=as_typed.values("pk")))
