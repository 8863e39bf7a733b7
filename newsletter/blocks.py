"""StreamField blocks of a lettre. Each has a web template (``newsletter/blocks/<type>.html``) and
an e-mail template (``newsletter/email/blocks/<type>.mjml``)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from resource_centre.blocks import CallToActionBlock, ImageBlock

from . import automatic


class EditoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])
    signature = blocks.CharBlock(label=_("Signature"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Editorial")
        template = "newsletter/blocks/edito.html"


class ArticleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    image = ImageChooserBlock(label=_("Image"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if decorative."),
    )
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or external link"), required=False)
    link_text = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Article")
        template = "newsletter/blocks/article.html"


class HeadlineBlock(ArticleBlock):
    class Meta:
        icon = "pick"
        label = _("Headline")
        template = "newsletter/blocks/headline.html"


class BriefBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])
    url = blocks.URLBlock(label=_("Link"), required=False)


class BriefsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), default=_("Briefs"))
    items = blocks.ListBlock(BriefBlock(), label=_("Briefs"))

    class Meta:
        icon = "list-ul"
        label = _("Briefs")
        template = "newsletter/blocks/briefs.html"


class PressItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    source = blocks.CharBlock(label=_("Source"), help_text=_("Newspaper, magazine or website."))
    date = blocks.DateBlock(label=_("Date"), required=False)
    url = blocks.URLBlock(label=_("Link"))


class PressReviewBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), default=_("Press review"))
    items = blocks.ListBlock(PressItemBlock(), label=_("Press articles"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Press review")
        template = "newsletter/blocks/press_review.html"


class LinkItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    url = blocks.URLBlock(label=_("Link"))
    date = blocks.DateBlock(label=_("Date"), required=False)
    summary = blocks.TextBlock(label=pgettext_lazy("resource centre", "Summary"), required=False)


class AutomaticBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    source = blocks.ChoiceBlock(choices=automatic.source_choices, label=_("Source"))
    count = blocks.IntegerBlock(label=_("Number of items"), default=5, min_value=1, max_value=20)
    parent = blocks.PageChooserBlock(
        label=_("Only below this page"),
        required=False,
        help_text=_("For the latest pages: leave empty for the whole site."),
    )
    items = blocks.ListBlock(
        LinkItemBlock(),
        label=_("Items"),
        default=[],
        help_text=_("Filled when the lettre is sent, if empty; edit them freely afterwards."),
    )

    class Meta:
        icon = "repeat"
        label = _("Automatic list")
        template = "newsletter/blocks/automatic.html"


class LettreStreamBlock(blocks.StreamBlock):
    edito = EditoBlock()
    headline = HeadlineBlock()
    article = ArticleBlock()
    briefs = BriefsBlock()
    press_review = PressReviewBlock()
    call_to_action = CallToActionBlock()
    image = ImageBlock()
    automatic = AutomaticBlock()
