"""The initial state of the app, squashed from its earlier migrations (their data
migrations only filled rows that a new database does not have).

Page foreign keys and page types go to the site's base page model (Wagtail 8 can swap it).
"""

import django.core.validators
import django.db.models.deletion
import swapper
import modelsearch.index
import wagtail.fields
from django.db import migrations, models

from resource_centre.compat import PAGE_MODEL, PAGE_PTR


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("resource_centre", "0001_initial"),
    ]

    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentPage",
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
                "verbose_name": "content page",
                "verbose_name_plural": "content pages",
            },
            bases=(PAGE_MODEL,),
        ),
        migrations.CreateModel(
            name="PublicVise",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=150, unique=True, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(blank=True, max_length=150, unique=True, verbose_name="slug"),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
            ],
            options={
                "verbose_name": "target audience",
                "verbose_name_plural": "target audiences",
                "ordering": ["name"],
                "abstract": False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="Thematique",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=150, unique=True, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(blank=True, max_length=150, unique=True, verbose_name="slug"),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
            ],
            options={
                "verbose_name": "theme",
                "verbose_name_plural": "themes",
                "ordering": ["name"],
                "abstract": False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="CentreSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(blank=True, max_length=150, verbose_name="name of the centre"),
                ),
                ("baseline", models.CharField(blank=True, max_length=255, verbose_name="baseline")),
                ("address", models.TextField(blank=True, verbose_name="postal address")),
                ("phone", models.CharField(blank=True, max_length=30, verbose_name="phone")),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="contact e-mail"),
                ),
                (
                    "primary_colour",
                    models.CharField(
                        default="#1d4f91",
                        help_text="Used for headings and buttons in the site's e-mails.",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^#[0-9A-Fa-f]{6}$",
                                "Enter a colour as # followed by six hexadecimal digits, e.g. #1d4f91.",
                            )
                        ],
                        verbose_name="primary colour",
                    ),
                ),
                (
                    "accent_colour",
                    models.CharField(
                        default="#c2410c",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^#[0-9A-Fa-f]{6}$",
                                "Enter a colour as # followed by six hexadecimal digits, e.g. #1d4f91.",
                            )
                        ],
                        verbose_name="accent colour",
                    ),
                ),
                (
                    "social_links",
                    wagtail.fields.StreamField(
                        [("link", 2)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {
                                    "choices": [
                                        ("mastodon", "Mastodon"),
                                        ("bluesky", "Bluesky"),
                                        ("linkedin", "LinkedIn"),
                                        ("facebook", "Facebook"),
                                        ("instagram", "Instagram"),
                                        ("youtube", "YouTube"),
                                        ("peertube", "PeerTube"),
                                        ("other", "Other"),
                                    ],
                                    "label": "network",
                                },
                            ),
                            1: ("wagtail.blocks.URLBlock", (), {"label": "address"}),
                            2: ("wagtail.blocks.StructBlock", [[("network", 0), ("url", 1)]], {}),
                        },
                        verbose_name="social links",
                    ),
                ),
                (
                    "legal_notice",
                    wagtail.fields.RichTextField(blank=True, verbose_name="legal notice"),
                ),
                (
                    "rgpd_contact_name",
                    models.CharField(
                        blank=True,
                        help_text="Person or service visitors write to about their personal data.",
                        max_length=150,
                        verbose_name="data protection contact",
                    ),
                ),
                (
                    "rgpd_contact_email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="data protection e-mail"
                    ),
                ),
                (
                    "logo",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="logo",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "resource centre",
            },
        ),
        migrations.CreateModel(
            name="Territoire",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("region", "region"),
                            ("departement", "department"),
                            ("epci", "EPCI"),
                            ("commune", "municipality"),
                            ("qpv", "priority neighbourhood (QPV)"),
                        ],
                        max_length=12,
                        verbose_name="level",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "code",
                    models.CharField(
                        blank=True,
                        help_text="INSEE code (région, département, commune), SIREN (EPCI) or QPV code.",
                        max_length=20,
                        verbose_name="official code",
                    ),
                ),
                (
                    "alternative_names",
                    models.CharField(
                        blank=True,
                        help_text="Former or usual names that visitors may search for, e.g. a former region.",
                        max_length=255,
                        verbose_name="other names",
                    ),
                ),
                (
                    "path",
                    models.CharField(db_index=True, default="", editable=False, max_length=255),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="resource_centre.territoire",
                        verbose_name="parent",
                    ),
                ),
            ],
            options={
                "verbose_name": "territory",
                "verbose_name_plural": "territories",
                "ordering": ["path"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("code", ""), _negated=True),
                        fields=("kind", "code"),
                        name="resource_centre_territoire_unique_code",
                    )
                ],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
    ]
