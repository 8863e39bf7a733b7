"""The three shared taxonomies: thématiques, territoires and publics visés."""

import re
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Concat, Substr
from django.db.models.lookups import StartsWith
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..panels import name_and_slug_panels
from ..search import matching, normalise, query_stems


class SlugFromName:
    """A model whose unique `slug` follows its `name` when left empty (the editor's form allows
    it). A slug that is empty ("!!!") or already another's ("SANTE" beside "Santé") is said in
    the form, instead of failing when saved."""

    def _slug_from_name(self):
        return slugify(self.name)[: self._meta.get_field("slug").max_length]

    def clean(self):
        super().clean()
        given = bool(self.slug)
        self.slug = self.slug or self._slug_from_name()
        field = "slug" if given else "name"
        if not self.slug:
            raise ValidationError({field: _("Give a name made of letters or digits.")})
        clash = type(self)._default_manager.filter(slug=self.slug).exclude(pk=self.pk).first()
        if clash:
            message = _(
                "“%(other)s” already has the identifier “%(slug)s”: choose another name or "
                "identifier."
            )
            raise ValidationError({field: message % {"other": clash.name, "slug": self.slug}})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._slug_from_name()
        super().save(*args, **kwargs)


class TaxonomyTerm(SlugFromName, index.Indexed, models.Model):
    """A flat, editor-managed list of named terms."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(
        pgettext_lazy("resource centre", "slug"), max_length=150, unique=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)

    panels = [*name_and_slug_panels(), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Thematique(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class PublicVise(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target audience")
        verbose_name_plural = _("target audiences")


# "St" and "Ste" as place names abbreviate them: "St Malo", "Ste-Anne-d'Auray", "St. Denis".
SAINT = re.compile(r"\b(st|ste)\b\.?", re.IGNORECASE)
_SAINTS = {"st": "saint ", "ste": "sainte "}


class PathStartsWith(StartsWith):
    """`path__startswith` on a materialised path, served by the path's index on SQLite too: there
    a range ("/13/" <= path < "/130", "0" being the character after "/"), where LIKE, which
    ignores case, reads every path (6 ms for 40,000 territoires). PostgreSQL's LIKE on a prefix
    already uses the index Django gives the field for it."""

    def as_sqlite(self, compiler, connection):
        if not isinstance(self.rhs, str) or not self.rhs or self.bilateral_transforms:
            return self.as_sql(compiler, connection)
        lhs, params = self.process_lhs(compiler, connection)
        following = self.rhs[:-1] + chr(ord(self.rhs[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", (*params, self.rhs, *params, following)


class TerritoireQuerySet(models.QuerySet):
    def covering(self, territoires):
        """The given territoires and everything below them (a département → its EPCI, communes, QPV).

        One query, whatever the depth: every node stores its materialised path.
        """
        paths = [t.path for t in territoires if t.path]
        if not paths:
            return self.none()
        return self.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))

    def ancestors_of(self, territoire):
        return self.filter(pk__in=Territoire.path_ids(territoire.path)).order_by("path")

    def search(self, text):
        """The current territoires matching what a person typed (name, former name, INSEE code or
        postal code; accents, case and plural ignored), best first: the names that start as
        typed, then régions and départements, communes, EPCI and QPV, the most populated first.
        Empty for garbage. "St Malo" and "Ste-Anne" find Saint-Malo and Sainte-Anne."""
        words = query_stems(SAINT.sub(lambda m: _SAINTS[m.group(1).lower()], text or ""))
        if not words:
            return self.none()
        Kind = Territoire.Kind
        rank = Case(
            When(kind=Kind.REGION, then=Value(0)),
            When(kind=Kind.DEPARTEMENT, then=Value(1)),
            When(kind=Kind.COMMUNE, then=Value(2)),
            When(kind=Kind.EPCI, then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        )
        # A name that starts as typed first: "rennes" gives Rennes before Le Drennec.
        starts = Case(
            When(search_text__startswith=words[0], then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            self.filter(matching(words), former=False)
            .annotate(starts=starts, rank=rank)
            .order_by("starts", "rank", F("population").desc(nulls_last=True), "name", "pk")
        )


class Territoire(index.Indexed, models.Model):
    """A node of région › département › EPCI › commune › quartier prioritaire, with its official code."""

    class Kind(models.TextChoices):
        REGION = "region", _("region")
        DEPARTEMENT = "departement", _("department")
        EPCI = "epci", _("EPCI")
        COMMUNE = "commune", _("municipality")
        QPV = "qpv", _("priority neighbourhood (QPV)")

    # Which kinds may sit directly above each kind. A commune may hang from its département when
    # its EPCI is not recorded (or lies mostly in another département); a former commune hangs
    # from the commune it merged into; a QPV may straddle communes, so it may hang from the EPCI.
    ALLOWED_PARENTS = {
        Kind.REGION: set(),
        Kind.DEPARTEMENT: {Kind.REGION},
        Kind.EPCI: {Kind.DEPARTEMENT},
        Kind.COMMUNE: {Kind.EPCI, Kind.DEPARTEMENT, Kind.COMMUNE},
        Kind.QPV: {Kind.COMMUNE, Kind.EPCI},
    }

    kind = models.CharField(_("level"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("official code"),
        max_length=20,
        blank=True,
        help_text=_("INSEE code (région, département, commune), SIREN (EPCI) or QPV code."),
    )
    alternative_names = models.CharField(
        _("other names"),
        max_length=255,
        blank=True,
        help_text=_("Former or usual names that visitors may search for, e.g. a former region."),
    )
    siren = models.CharField(
        _("SIREN"), max_length=9, blank=True, help_text=_("Of a commune or an EPCI.")
    )
    postal_codes = models.CharField(
        _("postal codes"), max_length=255, blank=True, help_text=_("Separated by spaces.")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    former = models.BooleanField(
        _("former"),
        default=False,
        help_text=_(
            "No longer in the official geographic code, e.g. a commune merged into another: "
            "kept, under its successor, so that what is tagged with it is still found."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/<id of région>/<id of département>/…/<own id>/": a filter on a node is a prefix match.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    # Name, other names, code and postal codes as `search.normalise` writes them: a type-to-search
    # box finds "Quimperlé" from "quimperle", "quimp" or "29300" with `search.matching`.
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = TerritoireQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.SearchField("alternative_names"),
        index.SearchField("postal_codes"),
        index.FilterField("kind"),
        index.FilterField("former"),
    ]

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~Q(code=""),
                name="resource_centre_territoire_unique_code",
            )
        ]

    def __str__(self):
        if self.code and self.kind in (self.Kind.DEPARTEMENT,):
            return f"{self.name} ({self.code})"
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        self.search_text = self.searchable_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        old_path = self.path
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {}
        new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        self.path = new_path
        super().save(*args, **kwargs)
        if old_path and old_path != new_path:
            # Moving a node moves its whole subtree: rewrite the prefix in one UPDATE.
            Territoire.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
            )

    def clean(self):
        allowed = self.ALLOWED_PARENTS.get(self.kind, set())
        if self.parent is None and allowed and self.kind != self.Kind.REGION:
            raise ValidationError(
                {
                    "parent": _("A %(kind)s needs a parent territory.")
                    % {"kind": self.get_kind_display()}
                }
            )
        if self.parent is not None:
            merged_into = self.kind == self.parent.kind == self.Kind.COMMUNE
            if self.parent.kind not in allowed or (merged_into and not self.former):
                raise ValidationError(
                    {
                        "parent": _("A %(kind)s cannot be placed under a %(parent_kind)s.")
                        % {
                            "kind": self.get_kind_display(),
                            "parent_kind": self.parent.get_kind_display(),
                        }
                    }
                )
            if self.pk and self.parent.path.startswith(self.path or "\0"):
                raise ValidationError({"parent": _("A territory cannot be placed under itself.")})

    def searchable_text(self):
        return normalise(self.name, self.alternative_names, self.code, self.postal_codes)

    @property
    def overseas_collectivity(self):
        """The collectivités d'outre-mer (INSEE codes 975 to 989) sit at the régions' level of the
        reference without being régions."""
        return self.kind == self.Kind.REGION and len(self.code or "") == 3

    @property
    def level(self):
        """The level as people name it. Not get_kind_display(): it rebuilds the choices at each
        call, a third of a picker's time."""
        if self.overseas_collectivity:
            return str(_("overseas collectivity"))
        return str(self.Kind(self.kind).label) if self.kind in self.Kind.values else self.kind

    @staticmethod
    def path_ids(path):
        """The ids of a materialised path, from the région down to the node itself."""
        return [int(part) for part in (path or "").split("/") if part.isdigit()]

    @property
    def depth(self):
        return self.path.count("/") - 1


Territoire._meta.get_field("path").register_lookup(PathStartsWith)
