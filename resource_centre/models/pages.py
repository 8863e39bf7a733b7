"""Page types of the core: the base every suite page extends, and a general content page."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from .. import language
from ..blocks import BaseStreamBlock
from ..compat import get_page_model_for_subclassing
from ..layout import base_template
from ..search import normalise

# Reusable apps subclass whatever base page model the host site uses (Wagtail 8's WAGTAIL_PAGE_MODEL);
# a custom base page app must then come before the suite in INSTALLED_APPS.
Page = get_page_model_for_subclassing()


FRENCH_SEARCH_FIELD = "french_search_text"


def _is_text(field):
    return isinstance(field, index.SearchField)


def _texts(value):
    """A searched value (a string, a StreamField's list of strings, a term) as plain text."""
    if isinstance(value, list | tuple):
        return " ".join(_texts(v) for v in value)
    return strip_tags(str(value)) if value else ""


class SuitePageForm(WagtailAdminPageForm):
    """The editor form of the suite's page types: it brings the suite's editor scripts there
    only, not into the host's own page editors."""

    class Media:
        # A Publish or Save waits for the autosave on its way (see the script).
        js = ["resource_centre/js/submit_after_autosave.js"]


class SuitePage(Page):
    """Base of every public page of the suite: renders inside the configured base layout."""

    base_form_class = SuitePageForm
    # Offered in the site search's "type of content" choice; not for the home and the indexes
    # (one agenda, one annuaire…), which no visitor narrows a search to.
    offered_as_search_type = True

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = base_template()
        return context

    def __init_subclass__(cls, **kwargs):
        # Each page type serves (routes and previews included, whichever mixin provides them) in
        # its page's language, whatever the host's LANGUAGE_CODE.
        super().__init_subclass__(**kwargs)
        for name in ("serve", "serve_preview"):
            setattr(cls, name, language.in_page_language(getattr(cls, name)))
        # Each page type is indexed with the French normalised text of its searched fields too,
        # which the site search and the fiches' search query (resource_centre/search.py).
        fields = list(getattr(cls, "search_fields", []))
        if not any(getattr(f, "field_name", None) == FRENCH_SEARCH_FIELD for f in fields):
            cls.search_fields = [*fields, index.SearchField(FRENCH_SEARCH_FIELD)]

    def searched_texts(self, skip=()):
        """The plain text of every searched field of this page but `skip` (and of the terms it
        is linked to, e.g. its thématiques)."""
        texts = []
        for field in self.search_fields:
            if isinstance(field, index.RelatedFields):
                related = field.get_value(self)
                items = related.all() if hasattr(related, "all") else [related] if related else []
                for item in items:
                    texts += [_texts(sub.get_value(item)) for sub in field.fields if _is_text(sub)]
            elif _is_text(field) and field.field_name not in {FRENCH_SEARCH_FIELD, *skip}:
                texts.append(_texts(field.get_value(self)))
        return texts

    def french_search_text(self):
        """The normalised text of every other searched field of this page, so that accents and
        plurals never matter."""
        return normalise(*self.searched_texts())


class ContentPage(SuitePage):
    """A general page (presentation of the centre, its team, its programme) built from shared blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
