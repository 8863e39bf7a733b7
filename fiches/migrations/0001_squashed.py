"""The initial state of the app, squashed from its earlier migrations (their data
migrations only filled rows that a new database does not have).

Page foreign keys and page types go to the site's base page model (Wagtail 8 can swap it).
"""

import django.db.models.deletion
import swapper
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.db import migrations, models

from resource_centre.compat import PAGE_MODEL, PAGE_PTR


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("fiches", "0001_initial"),
        ("fiches", "0002_porteur_validation_of_a_revision"),
        ("fiches", "0003_porteur_structure"),
        ("fiches", "0004_related_events"),
    ]

    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ("resource_centre", "0001_squashed"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="FicheIndexPage",
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
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "experience sheets index",
                "verbose_name_plural": "experience sheets indexes",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name="PorteurType",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(blank=True, max_length=100, unique=True, verbose_name="slug"),
                ),
            ],
            options={
                "verbose_name": "type of project holder",
                "verbose_name_plural": "types of project holder",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="PorteurValidationTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
            ],
            options={
                "verbose_name": "Validation by the project holder",
                "verbose_name_plural": "Validations by the project holder",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.CreateModel(
            name="PorteurValidationTaskState",
            fields=[
                (
                    "taskstate_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.taskstate",
                    ),
                ),
                ("link_version", models.PositiveIntegerField(default=0)),
                (
                    "link_sent_to",
                    models.EmailField(blank=True, max_length=254, verbose_name="link sent to"),
                ),
                (
                    "link_sent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="link sent at"),
                ),
                (
                    "link_opened_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="link opened at"),
                ),
                ("link_revoked", models.BooleanField(default=False, verbose_name="link revoked")),
            ],
            options={
                "verbose_name": "validation by the project holder (state)",
                "verbose_name_plural": "validations by the project holder (states)",
            },
            bases=("wagtailcore.taskstate",),
        ),
        migrations.CreateModel(
            name="FichePage",
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
                (
                    "chapo",
                    models.TextField(
                        blank=True,
                        help_text="Two or three sentences shown in the lists.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "porteur_structure",
                    wagtail.fields.StreamField(
                        [("structure", 0)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.snippets.blocks.SnippetChooserBlock",
                                ("annuaire.Structure",),
                                {"label": "structure"},
                            )
                        },
                        help_text="Choose the structure in the directory: its name and type fill the fields below.",
                        verbose_name="structure in the directory",
                    ),
                ),
                (
                    "porteur_name",
                    models.CharField(blank=True, max_length=255, verbose_name="project holder"),
                ),
                (
                    "porteur_url",
                    models.URLField(blank=True, verbose_name="project holder's website"),
                ),
                (
                    "contact_name",
                    models.CharField(blank=True, max_length=150, verbose_name="contact person"),
                ),
                (
                    "contact_function",
                    models.CharField(blank=True, max_length=150, verbose_name="position"),
                ),
                (
                    "contact_email",
                    models.EmailField(
                        blank=True,
                        help_text="The validation link is sent to this address.",
                        max_length=254,
                        verbose_name="contact e-mail",
                    ),
                ),
                (
                    "contact_phone",
                    models.CharField(blank=True, max_length=30, verbose_name="contact phone"),
                ),
                (
                    "contact_consent",
                    models.BooleanField(
                        default=False,
                        help_text="Without this agreement the contact is never shown nor exported.",
                        verbose_name="the project holder agrees to publish the contact",
                    ),
                ),
                (
                    "contact_consent_date",
                    models.DateField(blank=True, null=True, verbose_name="date of the agreement"),
                ),
                (
                    "contact_consent_source",
                    models.CharField(
                        blank=True,
                        help_text="E.g. e-mail of 12 March, signed form, validation link.",
                        max_length=255,
                        verbose_name="how the agreement was given",
                    ),
                ),
                ("start_date", models.DateField(blank=True, null=True, verbose_name="start")),
                ("end_date", models.DateField(blank=True, null=True, verbose_name="end")),
                ("ongoing", models.BooleanField(default=False, verbose_name="ongoing")),
                ("contexte", wagtail.fields.RichTextField(blank=True, verbose_name="context")),
                ("objectifs", wagtail.fields.RichTextField(blank=True, verbose_name="objectives")),
                (
                    "deroulement",
                    wagtail.fields.RichTextField(blank=True, verbose_name="what was done"),
                ),
                ("budget", models.CharField(blank=True, max_length=255, verbose_name="budget")),
                ("financeurs", models.TextField(blank=True, verbose_name="funders")),
                ("partenaires", models.TextField(blank=True, verbose_name="partners")),
                (
                    "resultats",
                    wagtail.fields.RichTextField(blank=True, verbose_name="results and evaluation"),
                ),
                (
                    "points_forts",
                    wagtail.fields.RichTextField(blank=True, verbose_name="strengths"),
                ),
                (
                    "difficultes",
                    wagtail.fields.RichTextField(blank=True, verbose_name="difficulties"),
                ),
                (
                    "conseils",
                    wagtail.fields.RichTextField(
                        blank=True, verbose_name="advice for those who want to reproduce it"
                    ),
                ),
                (
                    "documents",
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
                        verbose_name="documents, images and links",
                    ),
                ),
                (
                    "image",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="main image",
                    ),
                ),
                (
                    "publics",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="fiches",
                        to="resource_centre.publicvise",
                        verbose_name="target audiences",
                    ),
                ),
                (
                    "territoires",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="fiches",
                        to="resource_centre.territoire",
                        verbose_name="territories",
                    ),
                ),
                (
                    "thematiques",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="fiches",
                        to="resource_centre.thematique",
                        verbose_name="themes",
                    ),
                ),
                (
                    "porteur_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="fiches",
                        to="fiches.porteurtype",
                        verbose_name="type of project holder",
                    ),
                ),
            ],
            options={
                "verbose_name": "experience sheet",
                "verbose_name_plural": "experience sheets",
            },
            bases=(PAGE_MODEL,),
        ),
        migrations.CreateModel(
            name="FicheRelatedEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=PAGE_MODEL,
                        verbose_name="event",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_events",
                        to="fiches.fichepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "related event",
                "verbose_name_plural": "related events",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="FicheRelatedFiche",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "fiche",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="fiches.fichepage",
                        verbose_name="experience sheet",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_fiches",
                        to="fiches.fichepage",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PorteurValidation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("validated_at", models.DateTimeField(verbose_name="validated on")),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="porteur_validations",
                        to=PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="validated revision",
                    ),
                ),
                (
                    "task_state",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="validations",
                        to="fiches.porteurvalidationtaskstate",
                        verbose_name="validation task",
                    ),
                ),
            ],
            options={
                "verbose_name": "validation by the project holder",
                "verbose_name_plural": "validations by the project holder",
                "ordering": ["validated_at"],
            },
        ),
    ]
