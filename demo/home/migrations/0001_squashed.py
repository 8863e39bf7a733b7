"""The initial state of the app, squashed from its earlier migrations (their data
migrations only filled rows that a new database does not have).

Page foreign keys and page types go to the site's base page model (Wagtail 8 can swap it).
"""

import django.db.models.deletion
import swapper
import wagtail.fields
from django.db import migrations, models

from resource_centre.compat import PAGE_MODEL, PAGE_PTR


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("home", "0001_initial"),
        ("home", "0002_alter_homepage_options_alter_homepage_body"),
    ]

    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="HomePage",
            fields=[
                (
                    PAGE_PTR,
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=PAGE_MODEL,
                    ),
                ),
                ("intro", models.TextField(blank=True, verbose_name="introduction")),
                (
                    "body",
                    wagtail.fields.StreamField(
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
                            4: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "caption", "required": False},
                            ),
                            5: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 2), ("alt_text", 3), ("caption", 4)]],
                                {},
                            ),
                            6: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {"label": "document"},
                            ),
                            7: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Defaults to the document's title.",
                                    "label": "title",
                                    "required": False,
                                },
                            ),
                            8: (
                                "wagtail.blocks.StructBlock",
                                [[("document", 6), ("title", 7)]],
                                {},
                            ),
                            9: ("wagtail.blocks.TextBlock", (), {"label": "quote"}),
                            10: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "author", "required": False},
                            ),
                            11: (
                                "wagtail.blocks.StructBlock",
                                [[("quote", 9), ("author", 10)]],
                                {},
                            ),
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
                            17: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "heading", "required": False},
                            ),
                            18: ("wagtail.blocks.PageChooserBlock", (), {}),
                            19: ("wagtail.blocks.ListBlock", (18,), {"label": "pages"}),
                            20: (
                                "wagtail.blocks.StructBlock",
                                [[("heading", 17), ("pages", 19)]],
                                {},
                            ),
                        },
                        verbose_name="body",
                    ),
                ),
            ],
            options={
                "verbose_name": "home page",
                "verbose_name_plural": "home pages",
            },
            bases=(PAGE_MODEL,),
        ),
    ]
