"""The initial state of the app, squashed from its earlier migrations (their data
migrations only filled rows that a new database does not have).

Page foreign keys and page types go to the site's base page model (Wagtail 8 can swap it).
"""

import annuaire.validators
import django.db.models.deletion
import swapper
import modelcluster.fields
import modelsearch.index
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models

from resource_centre.compat import PAGE_MODEL, PAGE_PTR


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("annuaire", "0001_initial"),
        ("annuaire", "0002_sort_name"),
        ("annuaire", "0003_verification_requests"),
        ("annuaire", "0004_unique_import_file"),
        ("annuaire", "0005_reseau_agenda_page"),
    ]

    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ("resource_centre", "0001_squashed"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AnnuaireIndexPage",
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
                "verbose_name": "directory of actors",
                "verbose_name_plural": "directories of actors",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name="Metier",
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
                "verbose_name": "job",
                "verbose_name_plural": "jobs",
                "ordering": ["name"],
                "abstract": False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="StructureType",
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
                "verbose_name": "type of structure",
                "verbose_name_plural": "types of structure",
                "ordering": ["name"],
                "abstract": False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file_path", models.CharField(editable=False, max_length=255, unique=True)),
                ("filename", models.CharField(max_length=255, verbose_name="file")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("running", "running"),
                            ("done", "done"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("total", models.PositiveIntegerField(default=0)),
                ("done", models.PositiveIntegerField(default=0)),
                ("summary", models.JSONField(default=dict)),
                ("error", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "import",
                "verbose_name_plural": "imports",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Reseau",
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
                (
                    "agenda_page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=PAGE_MODEL,
                        verbose_name="page of the network in the agenda",
                    ),
                ),
            ],
            options={
                "verbose_name": "network",
                "verbose_name_plural": "networks",
                "ordering": ["name"],
                "abstract": False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="Person",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "verified_at",
                    models.DateField(
                        blank=True,
                        help_text="Date on which the centre last checked this entry with the actor.",
                        null=True,
                        verbose_name="verified on",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "verification_requested_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="verification last requested at",
                    ),
                ),
                (
                    "no_verification_requests",
                    models.BooleanField(
                        default=False,
                        help_text="The actor asked not to receive the centre's requests to verify this entry.",
                        verbose_name="no verification requests",
                    ),
                ),
                ("link_version", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "sort_name",
                    models.CharField(db_index=True, default="", editable=False, max_length=255),
                ),
                ("first_name", models.CharField(max_length=100, verbose_name="first name")),
                ("last_name", models.CharField(max_length=100, verbose_name="last name")),
                ("fonction", models.CharField(blank=True, max_length=255, verbose_name="position")),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="personal e-mail"),
                ),
                (
                    "phone",
                    models.CharField(blank=True, max_length=30, verbose_name="personal phone"),
                ),
                (
                    "consent_at",
                    models.DateField(
                        blank=True,
                        help_text="The personal e-mail and phone are published only with a recorded consent.",
                        null=True,
                        verbose_name="consent given on",
                    ),
                ),
                (
                    "consent_source",
                    models.CharField(
                        blank=True,
                        help_text="E.g. “signed form of 12/03/2025”, “e-mail of 4 May 2025”.",
                        max_length=255,
                        verbose_name="source of the consent",
                    ),
                ),
                (
                    "metier",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="people",
                        to="annuaire.metier",
                        verbose_name="job",
                    ),
                ),
                (
                    "territoires",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Any level: région, département, EPCI, commune or QPV.",
                        related_name="+",
                        to="resource_centre.territoire",
                        verbose_name="territories of intervention",
                    ),
                ),
                (
                    "thematiques",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="resource_centre.thematique",
                        verbose_name="themes",
                    ),
                ),
                (
                    "reseaux",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="annuaire.reseau", verbose_name="networks"
                    ),
                ),
            ],
            options={
                "verbose_name": "person",
                "verbose_name_plural": "people",
                "ordering": ["sort_name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Structure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "verified_at",
                    models.DateField(
                        blank=True,
                        help_text="Date on which the centre last checked this entry with the actor.",
                        null=True,
                        verbose_name="verified on",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "verification_requested_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="verification last requested at",
                    ),
                ),
                (
                    "no_verification_requests",
                    models.BooleanField(
                        default=False,
                        help_text="The actor asked not to receive the centre's requests to verify this entry.",
                        verbose_name="no verification requests",
                    ),
                ),
                ("link_version", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "sort_name",
                    models.CharField(db_index=True, default="", editable=False, max_length=255),
                ),
                ("name", models.CharField(max_length=255, verbose_name="name")),
                ("sigle", models.CharField(blank=True, max_length=50, verbose_name="acronym")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="generic e-mail"),
                ),
                (
                    "phone",
                    models.CharField(blank=True, max_length=30, verbose_name="generic phone"),
                ),
                (
                    "siret",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        max_length=20,
                        validators=[annuaire.validators.validate_siret],
                        verbose_name="SIRET",
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
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        help_text="For an antenne: the structure it belongs to.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="antennes",
                        to="annuaire.structure",
                        verbose_name="parent structure",
                    ),
                ),
                (
                    "reseaux",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="annuaire.reseau", verbose_name="networks"
                    ),
                ),
                (
                    "territoires",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Any level: région, département, EPCI, commune or QPV.",
                        related_name="+",
                        to="resource_centre.territoire",
                        verbose_name="territories of intervention",
                    ),
                ),
                (
                    "thematiques",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="resource_centre.thematique",
                        verbose_name="themes",
                    ),
                ),
                (
                    "type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="structures",
                        to="annuaire.structuretype",
                        verbose_name="type",
                    ),
                ),
            ],
            options={
                "verbose_name": "structure",
                "verbose_name_plural": "structures",
                "ordering": ["sort_name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ChangeRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("proposed", models.JSONField(default=dict, verbose_name="proposed values")),
                ("comment", models.TextField(blank=True, verbose_name="comment")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "waiting for moderation"),
                            ("approved", "approved"),
                            ("rejected", "rejected"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="sent at")),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_requests",
                        to="annuaire.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "structure",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_requests",
                        to="annuaire.structure",
                        verbose_name="structure",
                    ),
                ),
            ],
            options={
                "verbose_name": "proposed change",
                "verbose_name_plural": "proposed changes",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Address",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("street", models.CharField(blank=True, max_length=255, verbose_name="street")),
                ("postcode", models.CharField(blank=True, max_length=10, verbose_name="postcode")),
                ("city", models.CharField(max_length=150, verbose_name="city")),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
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
                        verbose_name="longitude",
                    ),
                ),
                (
                    "structure",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="addresses",
                        to="annuaire.structure",
                    ),
                ),
            ],
            options={
                "verbose_name": "address",
                "verbose_name_plural": "addresses",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "role",
                    models.CharField(
                        blank=True, max_length=255, verbose_name="role in this structure"
                    ),
                ),
                (
                    "person",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="annuaire.person",
                    ),
                ),
                (
                    "structure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="annuaire.structure",
                        verbose_name="structure",
                    ),
                ),
            ],
            options={
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("person", "structure"), name="annuaire_unique_membership"
                    )
                ],
            },
        ),
    ]
