"""StreamField blocks of a lettre. Each has a web template (``newsletter/blocks/<type>.html``) and
an e-mail template (``newsletter/email/blocks/<type>.mjml``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from resource_centre.blocks import CallToActionBlock, ImageBlock

from . import automatic


class EditoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul"])
    signature = blocks.CharBlock(label=_("signature"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Editorial")
        template = "newsletter/blocks/edito.html"


class ArticleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    image = ImageChooserBlock(label=_("image"), required=False)
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if decorative."),
    )
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or external link"), required=False)
    link_text = blocks.CharBlock(label=_("link text"), required=False)

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
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])
    url = blocks.URLBlock(label=_("link"), required=False)


class BriefsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Briefs"))
    items = blocks.ListBlock(BriefBlock(), label=_("briefs"))

    class Meta:
        icon = "list-ul"
        label = _("Briefs")
        template = "newsletter/blocks/briefs.html"


class PressItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    source = blocks.CharBlock(label=_("source"), help_text=_("Newspaper, magazine or website."))
    date = blocks.DateBlock(label=_("date"), required=False)
    url = blocks.URLBlock(label=_("link"))


class PressReviewBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Press review"))
    items = blocks.ListBlock(PressItemBlock(), label=_("press articles"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Press review")
        template = "newsletter/blocks/press_review.html"


class LinkItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("link"))
    date = blocks.DateBlock(label=_("date"), required=False)
    summary = blocks.TextBlock(label=_("summary"), required=False)


class AutomaticBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    source = blocks.ChoiceBlock(choices=automatic.source_choices, label=_("source"))
    count = blocks.IntegerBlock(label=_("number of items"), default=5, min_value=1, max_value=20)
    parent = blocks.PageChooserBlock(
        label=_("only below this page"),
        required=False,
        help_text=_("For the latest pages: leave empty for the whole site."),
    )
    items = blocks.ListBlock(
        LinkItemBlock(),
        label=_("items"),
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
