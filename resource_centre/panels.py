"""Editor panels shared by the apps: a record's name and slug, and links to another app.

A slug follows the name as it is typed (Wagtail's own title-to-slug sync), until the editor
changes the slug by hand.

A link to another optional app of the suite (the agenda, the annuaire):
The field behind such a panel always exists, so that the model state (and so the migrations) is
the same whatever apps are installed; the panel is in the form only when the other app is
installed, which it checks when the form is built, not when the module is imported.

The suite's inline lists of rows (`InlinePanel` here) refuse a row's hand-edited hidden id or
order, or the id of a row deleted meanwhile, with a message (`ChildFormSet`).
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField
from django.forms.formsets import ORDERING_FIELD_NAME
from django.forms.models import BaseModelFormSet
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin import panels
from wagtail.admin.panels import FieldPanel, PageChooserPanel, Panel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput


def name_and_slug_panels(name="name", slug="slug"):
    """The name, then its slug, filled from the name in the admin."""
    # The records' slugs are ASCII (SlugField): "Élus" must give "elus", not the "élus" that a
    # site allowing Unicode page slugs (Wagtail's default) would type, and the form then refuse.
    ascii_slug = SlugInput(attrs={"data-w-slug-allow-unicode-value": False})
    return [
        TitleFieldPanel(name, targets=[slug], placeholder=False, classname=""),
        FieldPanel(slug, widget=ascii_slug),
    ]


class _RowId(ModelChoiceField):
    """The hidden id of a row: one of the rows the form was built from, even when it is no
    longer saved (a revision being restored holds a row deleted since: it is saved again), or
    a saved row, as Django checks it."""

    def __init__(self, queryset, row, **kwargs):
        super().__init__(queryset, **kwargs)
        self.row = row

    def to_python(self, value):
        row = self.row(value)
        return row if row is not None else super().to_python(value)


class ChildFormSet(BaseChildFormSet):
    """modelcluster's formset of an inline panel's rows, where a row's hidden fields (its id, its
    order) holding what no page writes (only a hand-edited form sends it), or the id of a row
    deleted meanwhile, refuse the form with a message: not a 500 (modelcluster converts the id
    unguarded), nor an error on a field nobody sees. The rows are shown again as typed, the
    wrong id too: sent again, it is refused again, never saved as a new row.

    The rows the form was built from are those of the page's latest revision, or of the older
    one an editor restores (Wagtail's « Revenir à cette version »): a row of those deleted since
    is then saved again, as publishing that revision does."""

    tampered = False

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk_name = self.model._meta.pk.name
        field = form.fields[pk_name]
        form.fields[pk_name] = _RowId(
            field.queryset, self._row, initial=field.initial, required=False, widget=field.widget
        )

    def _row(self, pk):
        """The row of id `pk` among those the form was built from, or None."""
        try:
            return self._existing_object(self.model._meta.pk.to_python(pk))
        except ValidationError:
            return None

    def _construct_form(self, i, **kwargs):
        if self.is_bound and i < self.initial_form_count():
            pk = self.data.get(f"{self.add_prefix(i)}-{self.model._meta.pk.name}")
            if pk != "" and not self._reads(pk, self._get_to_python(self.model._meta.pk)):
                self.tampered = True
                # As modelcluster builds a row, with a new instance instead of reading the id.
                kwargs["instance"] = self.model()
                return super(BaseModelFormSet, self)._construct_form(i, **kwargs)
        if self.is_bound and self.can_order:
            order = self.data.get(f"{self.add_prefix(i)}-{ORDERING_FIELD_NAME}")
            if order not in (None, "") and not self._reads(order, int):
                self.tampered = True
        return super()._construct_form(i, **kwargs)

    @staticmethod
    def _reads(value, to_python):
        try:
            return value is not None and (to_python(value) or True)
        except (ValidationError, ValueError, TypeError):
            return False

    def clean(self):
        super().clean()
        pk_name = self.model._meta.pk.name
        # An id no longer among the saved rows (deleted meanwhile) is an error on a hidden field
        # too, unless the row is deleted in this form as well.
        gone = any(
            pk_name in form.errors
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
        )
        if self.tampered or gone:
            raise ValidationError(
                _(
                    "A row of this list no longer matches the saved ones (deleted meanwhile, or "
                    "the form was changed outside the page): reload the page, then make your "
                    "changes again."
                ),
                code="tampered",
            )


class InlinePanel(panels.InlinePanel):
    """Wagtail's InlinePanel, with `ChildFormSet`: the one the suite's models use.

    `add_label` words its button as French needs it, with the noun's gender (« Ajouter une
    séance »), where Wagtail's own says « Ajouter un(e) séance »."""

    def __init__(self, *args, add_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(panels.InlinePanel.BoundPanel):
        template_name = "resource_centre/panels/inline_panel.html"

    def get_form_options(self):
        options = super().get_form_options()
        for formset in options.get("formsets", {}).values():
            formset["formset"] = ChildFormSet
        return options


class _Hidden(Panel.BoundPanel):
    def is_shown(self):
        return False

    def render_html(self, parent_context=None):
        return ""


class _WithApp:
    def __init__(self, *args, app_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.app_label = app_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "app_label": self.app_label}

    def _installed(self):
        return apps.is_installed(self.app_label)

    def get_form_options(self):
        return super().get_form_options() if self._installed() else {}

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if self._installed():
            return super().get_bound_panel(instance, request, form, prefix)
        return _Hidden(panel=self, instance=instance, request=request, form=form, prefix=prefix)


class AppFieldPanel(_WithApp, FieldPanel):
    """A FieldPanel shown only when ``app_label`` is installed."""


class AppPageChooserPanel(_WithApp, PageChooserPanel):
    """A PageChooserPanel (whose page type lives in ``app_label``) shown only with that app."""


class AppInlinePanel(_WithApp, InlinePanel):
    """An InlinePanel shown only when ``app_label`` is installed."""
