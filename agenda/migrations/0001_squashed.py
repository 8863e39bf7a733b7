"""The initial state of the app, squashed from its earlier migrations (their data
migrations only filled rows that a new database does not have).

Page foreign keys and page types go to the site's base page model (Wagtail 8 can swap it).
"""

import django.core.validators
import django.db.models.deletion
import swapper
import django.utils.timezone
import modelcluster.fields
import modelsearch.index
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.db import migrations, models

from resource_centre.compat import PAGE_MODEL, PAGE_PTR


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("agenda", "0001_initial"),
        ("agenda", "0002_seance_day"),
        ("agenda", "0003_event_people_from_annuaire"),
    ]

    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ("resource_centre", "0001_squashed"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgendaIndexPage",
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
            ],
            options={
                "verbose_name": "agenda",
                "verbose_name_plural": "agendas",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name="EventFormat",
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
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "event format",
                "verbose_name_plural": "event formats",
                "ordering": ["sort_order", "name"],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="Venue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "address",
                    models.CharField(blank=True, max_length=255, verbose_name="street address"),
                ),
                ("postcode", models.CharField(blank=True, max_length=10, verbose_name="postcode")),
                ("city", models.CharField(db_index=True, max_length=100, verbose_name="city")),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(-90),
                            django.core.validators.MaxValueValidator(90),
                        ],
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(-180),
                            django.core.validators.MaxValueValidator(180),
                        ],
                        verbose_name="longitude",
                    ),
                ),
                (
                    "accessibility",
                    models.TextField(
                        blank=True,
                        help_text="Step-free access, hearing loop, nearest public transport…",
                        verbose_name="accessibility",
                    ),
                ),
            ],
            options={
                "verbose_name": "venue",
                "verbose_name_plural": "venues",
                "ordering": ["city", "name"],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="ReseauPage",
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
                    "description",
                    wagtail.fields.RichTextField(blank=True, verbose_name="description"),
                ),
                ("run_by", models.TextField(blank=True, verbose_name="who runs it")),
                ("audience", models.TextField(blank=True, verbose_name="who it is for")),
                (
                    "how_to_join",
                    wagtail.fields.RichTextField(blank=True, verbose_name="how to join"),
                ),
                (
                    "image",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="image",
                    ),
                ),
                (
                    "thematiques",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True, to="resource_centre.thematique", verbose_name="themes"
                    ),
                ),
            ],
            options={
                "verbose_name": "network",
                "verbose_name_plural": "networks",
            },
            bases=(PAGE_MODEL,),
        ),
        migrations.CreateModel(
            name="EventPage",
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
                ("chapo", models.TextField(blank=True, verbose_name="standfirst")),
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
                (
                    "animateurs",
                    models.TextField(
                        blank=True, help_text="One per line.", verbose_name="facilitators"
                    ),
                ),
                (
                    "intervenants",
                    models.TextField(
                        blank=True, help_text="One per line.", verbose_name="speakers"
                    ),
                ),
                (
                    "partners",
                    models.TextField(
                        blank=True, help_text="One per line.", verbose_name="partners"
                    ),
                ),
                (
                    "annuaire_people",
                    wagtail.fields.StreamField(
                        [("person", 2)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.snippets.blocks.SnippetChooserBlock",
                                ("annuaire.Person",),
                                {"label": "person"},
                            ),
                            1: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {
                                    "choices": [
                                        ("animateur", "facilitator"),
                                        ("intervenant", "speaker"),
                                    ],
                                    "label": "role",
                                },
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("person", 0), ("role", 1)]], {}),
                        },
                        verbose_name="facilitators and speakers from the directory",
                    ),
                ),
                ("is_free", models.BooleanField(default=True, verbose_name="free of charge")),
                (
                    "registration_url",
                    models.URLField(
                        blank=True,
                        help_text="Where to register, if anywhere.",
                        verbose_name="registration link",
                    ),
                ),
                (
                    "registration_info",
                    models.TextField(blank=True, verbose_name="registration details"),
                ),
                (
                    "registration_enabled",
                    models.BooleanField(
                        default=False, verbose_name="take registrations on the site"
                    ),
                ),
                (
                    "registration_opens_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="registrations open on"
                    ),
                ),
                (
                    "registration_closes_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="registrations close on"
                    ),
                ),
                (
                    "registration_per_seance",
                    models.BooleanField(
                        default=False,
                        help_text="Otherwise one registration covers every séance of the event.",
                        verbose_name="one registration per séance",
                    ),
                ),
                (
                    "capacity",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Seats per séance or per event; leave empty for no limit.",
                        null=True,
                        verbose_name="capacity",
                    ),
                ),
                (
                    "waiting_list",
                    models.BooleanField(default=True, verbose_name="waiting list when full"),
                ),
                (
                    "ask_structure",
                    models.BooleanField(default=True, verbose_name="ask for the organisation"),
                ),
                (
                    "ask_fonction",
                    models.BooleanField(default=True, verbose_name="ask for the job title"),
                ),
                (
                    "ask_territoire",
                    models.BooleanField(default=False, verbose_name="ask for the territory"),
                ),
                (
                    "ask_needs",
                    models.BooleanField(
                        default=True, verbose_name="ask for dietary or accessibility needs"
                    ),
                ),
                (
                    "consent_text",
                    models.TextField(
                        blank=True,
                        default="I agree that the centre keeps these details to organise this event and to send me information about it. They are deleted one year after the event.",
                        verbose_name="consent text",
                    ),
                ),
                (
                    "compte_rendu",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="report",
                    ),
                ),
                (
                    "format",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="agenda.eventformat",
                        verbose_name="format",
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
                        verbose_name="image",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="programme",
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="publication",
                    ),
                ),
                (
                    "publics",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True, to="resource_centre.publicvise", verbose_name="target audiences"
                    ),
                ),
                (
                    "territoires",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True, to="resource_centre.territoire", verbose_name="territories"
                    ),
                ),
                (
                    "thematiques",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True, to="resource_centre.thematique", verbose_name="themes"
                    ),
                ),
                (
                    "reseau",
                    models.ForeignKey(
                        blank=True,
                        help_text="For a meeting of a network.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="events",
                        to="agenda.reseaupage",
                        verbose_name="network",
                    ),
                ),
            ],
            options={
                "verbose_name": "event",
                "verbose_name_plural": "events",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name="Seance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        help_text="Optional, e.g. “Séance 3: relogement”.",
                        max_length=255,
                        verbose_name="title",
                    ),
                ),
                ("date", models.DateField(db_index=True, verbose_name="date")),
                ("start_time", models.TimeField(blank=True, null=True, verbose_name="start time")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="end time")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "planned"),
                            ("cancelled", "cancelled"),
                            ("postponed", "postponed"),
                            ("full", "full"),
                        ],
                        default="planned",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "new_date",
                    models.DateField(
                        blank=True,
                        help_text="For a postponed séance.",
                        null=True,
                        verbose_name="new date",
                    ),
                ),
                (
                    "day",
                    models.GeneratedField(
                        db_persist=True,
                        expression=models.Case(
                            models.When(
                                new_date__isnull=False,
                                status="postponed",
                                then=models.F("new_date"),
                            ),
                            default=models.F("date"),
                        ),
                        output_field=models.DateField(),
                        serialize=False,
                        verbose_name="day",
                    ),
                ),
                ("online", models.BooleanField(default=False, verbose_name="online")),
                (
                    "online_url",
                    models.URLField(
                        blank=True,
                        help_text="Shown only to registered people, never on the public page.",
                        verbose_name="online meeting link",
                    ),
                ),
                (
                    "event",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="seances",
                        to="agenda.eventpage",
                    ),
                ),
                (
                    "venue",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="seances",
                        to="agenda.venue",
                        verbose_name="venue",
                    ),
                ),
            ],
            options={
                "verbose_name": "séance",
                "verbose_name_plural": "séances",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Registration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=150, verbose_name="name")),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                (
                    "structure",
                    models.CharField(blank=True, max_length=200, verbose_name="organisation"),
                ),
                (
                    "fonction",
                    models.CharField(blank=True, max_length=200, verbose_name="job title"),
                ),
                (
                    "territoire",
                    models.CharField(blank=True, max_length=200, verbose_name="territory"),
                ),
                (
                    "needs",
                    models.TextField(blank=True, verbose_name="dietary or accessibility needs"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("confirmed", "confirmed"),
                            ("waiting", "on the waiting list"),
                            ("cancelled", "cancelled"),
                        ],
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("attended", models.BooleanField(blank=True, null=True, verbose_name="attended")),
                ("consent_text", models.TextField(blank=True, verbose_name="consent given to")),
                (
                    "consent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="consent date"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="registered at"
                    ),
                ),
                ("token_version", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="registrations",
                        to="agenda.eventpage",
                        verbose_name="event",
                    ),
                ),
                (
                    "seance",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="registrations",
                        to="agenda.seance",
                        verbose_name="séance",
                    ),
                ),
            ],
            options={
                "verbose_name": "registration",
                "verbose_name_plural": "registrations",
                "ordering": ["created_at", "pk"],
                "indexes": [
                    models.Index(
                        fields=["event", "seance", "status"], name="agenda_regi_event_i_0ae48d_idx"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="seance",
            index=models.Index(fields=["day", "start_time"], name="agenda_seance_day_time"),
        ),
    ]
