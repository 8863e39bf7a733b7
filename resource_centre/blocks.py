"""StreamField blocks shared by every app of the suite."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock as WagtailSnippetChooserBlock


class SnippetChooserBlock(WagtailSnippetChooserBlock):
    """A snippet chosen in a StreamField with the suite's chooser (« Choisir une personne »,
    resource_centre/viewsets.py). The same block as Wagtail's for migrations."""

    @cached_property
    def widget(self):
        from .viewsets import SnippetChooser

        if not self.has_explicit_icon:  # the snippet's, as Wagtail's block takes it
            self.set_meta_options({"icon": self.target_model.snippet_viewset.icon})
        return SnippetChooser(self.target_model, icon=self.meta.icon)

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "wagtail.snippets.blocks.SnippetChooserBlock", args, kwargs


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "resource_centre/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "resource_centre/blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "resource_centre/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or external link"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "resource_centre/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(_("Choose a page or enter a link."))
                }
            )
        return value


class RelatedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Pages"))

    class Meta:
        icon = "list-ul"
        label = _("Related pages")
        template = "resource_centre/blocks/related_pages.html"


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("Network"),
        choices=[
            ("mastodon", "Mastodon"),
            ("bluesky", "Bluesky"),
            ("linkedin", "LinkedIn"),
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("youtube", "YouTube"),
            ("peertube", "PeerTube"),
            ("other", _("Other")),
        ],
    )
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"
        label = _("Social link")


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), icon="title", template="resource_centre/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Rich text"), icon="pilcrow")
    image = ImageBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label=pgettext_lazy("resource centre", "Embed"),
        icon="media",
        help_text=_("Address of a video or other media, e.g. on PeerTube or YouTube."),
    )
    related_pages = RelatedPagesBlock()
