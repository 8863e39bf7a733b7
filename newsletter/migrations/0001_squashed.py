"""The initial state of the app, squashed from its earlier migrations (their data
migrations only filled rows that a new database does not have).

Page foreign keys and page types go to the site's base page model (Wagtail 8 can swap it).
"""

import django.db.models.deletion
import swapper
import django.db.models.functions.text
import newsletter.automatic
import newsletter.models.publications
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

from resource_centre.compat import PAGE_MODEL, PAGE_PTR


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("newsletter", "0001_initial"),
        ("newsletter", "0002_email_case_insensitive_block_defaults"),
    ]

    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Publication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=150, unique=True, verbose_name="name")),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the subscription form.",
                        verbose_name="description",
                    ),
                ),
                ("sender_name", models.CharField(max_length=150, verbose_name="sender name")),
                ("sender_email", models.EmailField(max_length=254, verbose_name="sender e-mail")),
                (
                    "reply_to",
                    models.EmailField(blank=True, max_length=254, verbose_name="reply-to address"),
                ),
                (
                    "template",
                    models.CharField(
                        choices=newsletter.models.publications.template_choices,
                        default="newsletter/email/lettre.mjml",
                        max_length=200,
                        verbose_name="e-mail template",
                    ),
                ),
                (
                    "open_to_subscription",
                    models.BooleanField(
                        default=True,
                        help_text="Offered on the public subscription form.",
                        verbose_name="open to subscription",
                    ),
                ),
            ],
            options={
                "verbose_name": "publication",
                "verbose_name_plural": "publications",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Subscriber",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254, unique=True, verbose_name="e-mail")),
                ("name", models.CharField(blank=True, max_length=150, verbose_name="name")),
                (
                    "structure",
                    models.CharField(blank=True, max_length=200, verbose_name="structure"),
                ),
                (
                    "fonction",
                    models.CharField(blank=True, max_length=150, verbose_name="job title"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "waiting for confirmation"),
                            ("active", "active"),
                            ("unsubscribed", "unsubscribed"),
                            ("bounced", "address rejected"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "consent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="consent given on"),
                ),
                (
                    "consent_ip",
                    models.GenericIPAddressField(
                        blank=True, null=True, verbose_name="consent IP address"
                    ),
                ),
                (
                    "consent_source",
                    models.CharField(blank=True, max_length=200, verbose_name="source of consent"),
                ),
                (
                    "consent_version",
                    models.CharField(
                        blank=True, max_length=50, verbose_name="consent wording version"
                    ),
                ),
                (
                    "bounce_reason",
                    models.CharField(blank=True, max_length=500, verbose_name="rejection reason"),
                ),
                ("token_version", models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                "verbose_name": "subscriber",
                "verbose_name_plural": "subscribers",
                "ordering": ["email"],
            },
        ),
        migrations.CreateModel(
            name="NewsletterIndexPage",
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
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty to list the lettres of every publication below this page.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="newsletter.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "newsletter archive",
                "verbose_name_plural": "newsletter archives",
            },
            bases=(PAGE_MODEL,),
        ),
        migrations.CreateModel(
            name="LettrePage",
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
                ("number", models.PositiveIntegerField(verbose_name="number")),
                ("date", models.DateField(verbose_name="date")),
                (
                    "subject",
                    models.CharField(
                        blank=True,
                        help_text="Defaults to the title.",
                        max_length=200,
                        verbose_name="e-mail subject",
                    ),
                ),
                (
                    "preheader",
                    models.CharField(
                        blank=True,
                        help_text="The line mail software shows after the subject.",
                        max_length=200,
                        verbose_name="preview text",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [
                            ("edito", 3),
                            ("headline", 11),
                            ("article", 11),
                            ("briefs", 17),
                            ("press_review", 24),
                            ("call_to_action", 26),
                            ("image", 29),
                            ("automatic", 37),
                        ],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "title", "required": False},
                            ),
                            1: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {"features": ["bold", "italic", "link", "ul"], "label": "text"},
                            ),
                            2: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "signature", "required": False},
                            ),
                            3: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 0), ("text", 1), ("signature", 2)]],
                                {},
                            ),
                            4: ("wagtail.blocks.CharBlock", (), {"label": "title"}),
                            5: (
                                "wagtail.images.blocks.ImageChooserBlock",
                                (),
                                {"label": "image", "required": False},
                            ),
                            6: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Describe the image for people who cannot see it; leave empty if decorative.",
                                    "label": "alternative text",
                                    "required": False,
                                },
                            ),
                            7: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "ul", "ol"],
                                    "label": "text",
                                },
                            ),
                            8: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {"label": "page", "required": False},
                            ),
                            9: (
                                "wagtail.blocks.URLBlock",
                                (),
                                {"label": "or external link", "required": False},
                            ),
                            10: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "link text", "required": False},
                            ),
                            11: (
                                "wagtail.blocks.StructBlock",
                                [
                                    [
                                        ("title", 4),
                                        ("image", 5),
                                        ("alt_text", 6),
                                        ("text", 7),
                                        ("page", 8),
                                        ("url", 9),
                                        ("link_text", 10),
                                    ]
                                ],
                                {},
                            ),
                            12: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "Briefs", "label": "heading"},
                            ),
                            13: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {"features": ["bold", "italic", "link"], "label": "text"},
                            ),
                            14: (
                                "wagtail.blocks.URLBlock",
                                (),
                                {"label": "link", "required": False},
                            ),
                            15: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 4), ("text", 13), ("url", 14)]],
                                {},
                            ),
                            16: ("wagtail.blocks.ListBlock", (15,), {"label": "briefs"}),
                            17: (
                                "wagtail.blocks.StructBlock",
                                [[("heading", 12), ("items", 16)]],
                                {},
                            ),
                            18: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "Press review", "label": "heading"},
                            ),
                            19: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"help_text": "Newspaper, magazine or website.", "label": "source"},
                            ),
                            20: (
                                "wagtail.blocks.DateBlock",
                                (),
                                {"label": "date", "required": False},
                            ),
                            21: ("wagtail.blocks.URLBlock", (), {"label": "link"}),
                            22: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 4), ("source", 19), ("date", 20), ("url", 21)]],
                                {},
                            ),
                            23: ("wagtail.blocks.ListBlock", (22,), {"label": "press articles"}),
                            24: (
                                "wagtail.blocks.StructBlock",
                                [[("heading", 18), ("items", 23)]],
                                {},
                            ),
                            25: ("wagtail.blocks.CharBlock", (), {"label": "text"}),
                            26: (
                                "wagtail.blocks.StructBlock",
                                [[("text", 25), ("page", 8), ("url", 9)]],
                                {},
                            ),
                            27: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "image"}),
                            28: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "caption", "required": False},
                            ),
                            29: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 27), ("alt_text", 6), ("caption", 28)]],
                                {},
                            ),
                            30: ("wagtail.blocks.CharBlock", (), {"label": "heading"}),
                            31: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {"choices": newsletter.automatic.source_choices, "label": "source"},
                            ),
                            32: (
                                "wagtail.blocks.IntegerBlock",
                                (),
                                {
                                    "default": 5,
                                    "label": "number of items",
                                    "max_value": 20,
                                    "min_value": 1,
                                },
                            ),
                            33: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {
                                    "help_text": "For the latest pages: leave empty for the whole site.",
                                    "label": "only below this page",
                                    "required": False,
                                },
                            ),
                            34: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {"label": "summary", "required": False},
                            ),
                            35: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 4), ("url", 21), ("date", 20), ("summary", 34)]],
                                {},
                            ),
                            36: (
                                "wagtail.blocks.ListBlock",
                                (35,),
                                {
                                    "default": [],
                                    "help_text": "Filled when the lettre is sent, if empty; edit them freely afterwards.",
                                    "label": "items",
                                },
                            ),
                            37: (
                                "wagtail.blocks.StructBlock",
                                [
                                    [
                                        ("heading", 30),
                                        ("source", 31),
                                        ("count", 32),
                                        ("parent", 33),
                                        ("items", 36),
                                    ]
                                ],
                                {},
                            ),
                        },
                        verbose_name="content",
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lettres",
                        to="newsletter.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "lettre",
                "verbose_name_plural": "lettres",
            },
            bases=(PAGE_MODEL,),
        ),
        migrations.CreateModel(
            name="Send",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("idempotency_key", models.CharField(editable=False, max_length=64, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "scheduled"),
                            ("sending", "sending"),
                            ("paused", "paused"),
                            ("cancelled", "cancelled"),
                            ("done", "done"),
                        ],
                        default="scheduled",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("scheduled_at", models.DateTimeField(verbose_name="send at")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "frozen_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="recipients frozen on"
                    ),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                ),
                ("subject", models.CharField(blank=True, max_length=255, verbose_name="subject")),
                ("html", models.TextField(blank=True, editable=False)),
                ("text", models.TextField(blank=True, editable=False)),
                (
                    "last_error",
                    models.CharField(blank=True, max_length=500, verbose_name="last error"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
                (
                    "lettre",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sends",
                        to="newsletter.lettrepage",
                        verbose_name="lettre",
                    ),
                ),
                (
                    "publications",
                    models.ManyToManyField(
                        related_name="sends", to="newsletter.publication", verbose_name="lists"
                    ),
                ),
            ],
            options={
                "verbose_name": "send",
                "verbose_name_plural": "sends",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Delivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "pending"), ("sent", "sent"), ("failed", "failed")],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("reason", models.CharField(blank=True, max_length=500, verbose_name="reason")),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("next_attempt_at", models.DateTimeField(blank=True, null=True)),
                ("claimed_by", models.CharField(blank=True, max_length=40)),
                ("claimed_at", models.DateTimeField(blank=True, null=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="newsletter.publication",
                    ),
                ),
                (
                    "send",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="newsletter.send",
                    ),
                ),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="newsletter.subscriber",
                    ),
                ),
            ],
            options={
                "verbose_name": "delivery",
                "verbose_name_plural": "deliveries",
            },
        ),
        migrations.CreateModel(
            name="Subscription",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="subscribed on"),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="subscriptions",
                        to="newsletter.publication",
                    ),
                ),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="subscriptions",
                        to="newsletter.subscriber",
                    ),
                ),
            ],
            options={
                "verbose_name": "subscription",
                "verbose_name_plural": "subscriptions",
            },
        ),
        migrations.AddField(
            model_name="subscriber",
            name="publications",
            field=models.ManyToManyField(
                blank=True,
                related_name="subscribers",
                through="newsletter.Subscription",
                to="newsletter.publication",
                verbose_name="publications",
            ),
        ),
        migrations.AddConstraint(
            model_name="lettrepage",
            constraint=models.UniqueConstraint(
                fields=("publication", "number"), name="newsletter_lettre_number_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["send", "status"], name="newsletter_delivery_status"),
        ),
        migrations.AddConstraint(
            model_name="delivery",
            constraint=models.UniqueConstraint(
                fields=("send", "subscriber"), name="newsletter_one_delivery"
            ),
        ),
        migrations.AddConstraint(
            model_name="subscription",
            constraint=models.UniqueConstraint(
                fields=("subscriber", "publication"), name="newsletter_one_subscription"
            ),
        ),
        migrations.AddConstraint(
            model_name="subscriber",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                name="newsletter_subscriber_email_ci",
                violation_error_message="A subscriber with this e-mail address already exists.",
            ),
        ),
    ]
