import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="homepage",
            options={"verbose_name": "home page", "verbose_name_plural": "home pages"},
        ),
        migrations.AlterField(
            model_name="homepage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 0),
                    ("paragraph", 1),
                    ("image", 5),
                    ("document", 8),
                    ("quote", 11),
                    ("call_to_action", 15),
                    ("embed", 16),
                    ("related_pages", 20),
                ],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "icon": "title",
                            "label": "Heading",
                            "template": "resource_centre/blocks/heading.html",
                        },
                    ),
                    1: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"icon": "pilcrow", "label": "Rich text"},
                    ),
                    2: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                    3: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Describe the image for people who cannot see it; leave empty if decorative.",
                            "label": "alternative text",
                            "required": False,
                        },
                    ),
                    4: ("wagtail.blocks.CharBlock", (), {"label": "caption", "required": False}),
                    5: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 2), ("alt_text", 3), ("caption", 4)]],
                        {},
                    ),
                    6: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "document"}),
                    7: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Defaults to the document's title.",
                            "label": "title",
                            "required": False,
                        },
                    ),
                    8: ("wagtail.blocks.StructBlock", [[("document", 6), ("title", 7)]], {}),
                    9: ("wagtail.blocks.TextBlock", (), {"label": "quote"}),
                    10: ("wagtail.blocks.CharBlock", (), {"label": "author", "required": False}),
                    11: ("wagtail.blocks.StructBlock", [[("quote", 9), ("author", 10)]], {}),
                    12: ("wagtail.blocks.CharBlock", (), {"label": "text"}),
                    13: (
                        "wagtail.blocks.PageChooserBlock",
                        (),
                        {"label": "page", "required": False},
                    ),
                    14: (
                        "wagtail.blocks.URLBlock",
                        (),
                        {"label": "or external link", "required": False},
                    ),
                    15: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 12), ("page", 13), ("url", 14)]],
                        {},
                    ),
                    16: (
                        "wagtail.embeds.blocks.EmbedBlock",
                        (),
                        {
                            "help_text": "Address of a video or other media, e.g. on PeerTube or YouTube.",
                            "icon": "media",
                            "label": "Embed",
                        },
                    ),
                    17: ("wagtail.blocks.CharBlock", (), {"label": "heading", "required": False}),
                    18: ("wagtail.blocks.PageChooserBlock", (), {}),
                    19: ("wagtail.blocks.ListBlock", (18,), {"label": "pages"}),
                    20: ("wagtail.blocks.StructBlock", [[("heading", 17), ("pages", 19)]], {}),
                },
                verbose_name="body",
            ),
        ),
    ]
