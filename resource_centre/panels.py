"""Editor panels shared by the apps: a record's name and slug, and links to another app.

A slug follows the name as it is typed (Wagtail's own title-to-slug sync), until the editor
changes the slug by hand.

A link to another optional app of the suite (the agenda, the annuaire):
The field behind such a panel always exists, so that the model state (and so the migrations) is
the same whatever apps are installed; the panel is in the form only when the other app is
installed, which it checks when the form is built, not when the module is imported.
"""

from django.apps import apps
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel, Panel, TitleFieldPanel
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
