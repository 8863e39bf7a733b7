"""Structures and people of the annuaire.

A person's own e-mail and phone are published only when their consent is recorded (date and
source); otherwise the generic contact of their structure stands in. Every public output (pages,
JSON-LD, exports) goes through `Person.public_contact()`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable

from resource_centre import generations
from resource_centre.fields import PhoneField, PostcodeField
from resource_centre.models import Territoire, Thematique
from resource_centre.panels import InlinePanel
from resource_centre.search import sort_key
from resource_centre.territoire_chooser import TerritoiresChooser
from resource_centre.validators import LATITUDE, LONGITUDE, not_after_today, plain_text, single_line

from .. import search
from ..validators import normalise_siret, validate_siret
from .lists import Metier, Reseau, StructureType


class EntryQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(), which keeps the sort key.
        objs = list(objs)
        for obj in objs:
            obj.sort_name = obj.compute_sort_name()
            obj.search_text = obj.compute_search_text()
        created = super().bulk_create(objs, *args, **kwargs)
        generations.bump("annuaire")  # no post_save signal
        return created


class Entry(ClusterableModel):
    """What structures and people share: taxonomies, réseaux, freshness and self-service links."""

    territoires = models.ManyToManyField(
        Territoire,
        verbose_name=_("territories of intervention"),
        blank=True,
        related_name="+",
        help_text=_("Any level: région, département, EPCI, commune or QPV."),
    )
    thematiques = models.ManyToManyField(
        Thematique, verbose_name=_("themes"), blank=True, related_name="+"
    )
    reseaux = models.ManyToManyField(
        Reseau, verbose_name=_("networks"), blank=True, related_name="+"
    )
    verified_at = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        validators=[not_after_today],
        help_text=_("Date on which the centre last checked this entry with the actor."),
    )
    updated_at = models.DateTimeField(pgettext_lazy("an entry", "updated at"), auto_now=True)
    # Empty for the entries that were there before creation dates were recorded (2026-12).
    created_at = models.DateTimeField(
        pgettext_lazy("resource centre", "created at"),
        null=True,
        default=timezone.now,
        editable=False,
    )
    verification_requested_at = models.DateTimeField(
        _("verification last requested at"), null=True, blank=True, editable=False
    )
    no_verification_requests = models.BooleanField(
        _("no verification requests"),
        default=False,
        help_text=_("The actor asked not to receive the centre's requests to verify this entry."),
    )
    # Bumped whenever a self-service link is used: older links then open nothing.
    link_version = models.PositiveIntegerField(default=0, editable=False)
    # The A–Z order and letter index read this key, kept by save() (see `sort_key`).
    sort_name = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # The keyword box reads this normalised public text, kept by save() (see annuaire/search.py).
    search_text = models.TextField(editable=False, default="")

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True

    def compute_sort_name(self):
        raise NotImplementedError

    def compute_search_text(self):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        self.sort_name = self.compute_sort_name()
        self.search_text = self.compute_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = list({*update_fields, "sort_name", "search_text"})
        super().save(*args, **kwargs)

    @property
    def last_update(self):
        dates = [self.updated_at.date()] if self.updated_at else []
        if self.verified_at:
            dates.append(self.verified_at)
        return max(dates) if dates else None


class Structure(Entry):
    name = models.CharField(_("name"), max_length=255, validators=[single_line])
    sigle = models.CharField(_("acronym"), max_length=50, blank=True, validators=[single_line])
    description = models.TextField(_("description"), blank=True, validators=[plain_text])
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    type = models.ForeignKey(
        StructureType,
        verbose_name=_("type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="structures",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("generic e-mail"), blank=True)
    phone = PhoneField(_("generic phone"), blank=True)
    siret = models.CharField(
        _("SIRET"), max_length=20, blank=True, db_index=True, validators=[validate_siret]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent structure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="antennes",
        help_text=_("For an antenne: the structure it belongs to."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("sigle"),
                FieldPanel("type"),
                FieldPanel("parent"),
                FieldPanel("description"),
                FieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("siret"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel(
            "addresses",
            heading=_("Addresses"),
            label=_("address"),
            add_label=_("Add an address"),
            min_num=0,
        ),
        MultiFieldPanel(
            [
                FieldPanel("territoires", widget=TerritoiresChooser),
                FieldPanel("thematiques"),
                FieldPanel("reseaux"),
            ],
            heading=_("Where and on what"),
        ),
        FieldRowPanel([FieldPanel("verified_at"), FieldPanel("no_verification_requests")]),
    ]

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["sort_name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.sigle})" if self.sigle else self.name

    def compute_sort_name(self):
        return sort_key(self.name)

    def clean(self):
        super().clean()
        # An antenne of itself, or of one of its own antennes, loops in the annuaire's pages.
        parent, depth = self.parent, 0
        while parent is not None and self.pk is not None and depth < 100:
            if parent.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A structure cannot belong to itself, nor to its antennes.")}
                )
            parent, depth = parent.parent, depth + 1

    def compute_search_text(self):
        return search.structure_text(self)

    def save(self, *args, **kwargs):
        self.siret = normalise_siret(self.siret)
        super().save(*args, **kwargs)

    @property
    def slug(self):
        return slugify(self.name)[:80] or "structure"

    @property
    def first_address(self):
        addresses = list(self.addresses.all())
        return addresses[0] if addresses else None

    @property
    def city(self):
        address = self.first_address
        return address.city if address else ""


class Address(Orderable):
    structure = ParentalKey(Structure, related_name="addresses", on_delete=models.CASCADE)
    street = models.CharField(_("street"), max_length=255, blank=True, validators=[single_line])
    postcode = PostcodeField(_("postcode"), blank=True)
    city = models.CharField(_("city"), max_length=150, validators=[single_line])
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE,
    )
    # The reference commune of the postcode and city, kept by save() and the import: visitors
    # filter structures by where they are ("située à"), apart from where they work.
    commune = models.ForeignKey(
        Territoire,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return ", ".join(p for p in (self.street, f"{self.postcode} {self.city}".strip()) if p)

    def save(self, *args, **kwargs):
        self.locate([self])
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "commune"}
        super().save(*args, **kwargs)
        # Saved on its own (import, moderation): its structure's text holds the city.
        search.refresh(Structure.objects.filter(pk=self.structure_id))

    @staticmethod
    def locate(addresses):
        """Set the commune of these addresses (unsaved; bulk_create skips save()), in one query."""
        from resource_centre.territoire_names import communes

        found = communes((a.postcode, a.city) for a in addresses)
        for address in addresses:
            key = ((address.postcode or "").strip(), " ".join((address.city or "").split()))
            address.commune = found.get(key)


class Person(Entry):
    first_name = models.CharField(_("first name"), max_length=100, validators=[single_line])
    last_name = models.CharField(_("last name"), max_length=100, validators=[single_line])
    metier = models.ForeignKey(
        Metier,
        verbose_name=_("job"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    fonction = models.CharField(_("position"), max_length=255, blank=True, validators=[single_line])
    email = models.EmailField(_("personal e-mail"), blank=True)
    phone = PhoneField(_("personal phone"), blank=True)
    consent_at = models.DateField(
        _("consent given on"),
        null=True,
        blank=True,
        validators=[not_after_today],
        help_text=_("The personal e-mail and phone are published only with a recorded consent."),
    )
    consent_source = models.CharField(
        _("source of the consent"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “signed form of 12/03/2025”, “e-mail of 4 May 2025”."),
    )
    # The version of the person's removal link, apart from `link_version`: sending a proposal
    # spends the proposal link, not the removal link mailed with it (annuaire/tokens.py).
    removal_link_version = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldPanel("metier"),
                FieldPanel("fonction"),
            ],
            heading=_("Identity"),
        ),
        InlinePanel(
            "memberships",
            heading=_("Structures"),
            label=_("structure"),
            add_label=_("Add a structure"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldRowPanel([FieldPanel("consent_at"), FieldPanel("consent_source")]),
            ],
            heading=_("Personal contact (published only with consent)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("territoires", widget=TerritoiresChooser),
                FieldPanel("thematiques"),
                FieldPanel("reseaux"),
            ],
            heading=_("Where and on what"),
        ),
        FieldRowPanel([FieldPanel("verified_at"), FieldPanel("no_verification_requests")]),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name", "pk"]

    def __str__(self):
        return self.full_name

    def compute_sort_name(self):
        return sort_key(self.last_name, self.first_name)

    def compute_search_text(self):
        return search.person_text(self)

    def clean(self):
        super().clean()
        # A consent counts only with both its date and its source: half of one is a mistake.
        has_source = bool(self.consent_source.strip())
        if self.consent_at and not has_source:
            raise ValidationError(
                {"consent_source": _("Say where the consent comes from, or clear its date.")}
            )
        if has_source and not self.consent_at:
            raise ValidationError(
                {"consent_at": _("Give the date of the consent, or clear its source.")}
            )

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def slug(self):
        return slugify(self.full_name)[:80] or "personne"

    @property
    def has_consent(self):
        return bool(self.consent_at and self.consent_source.strip())

    @property
    def structures(self):
        return [m.structure for m in self.memberships.all()]

    def public_contact(self):
        """(e-mail, phone, is_personal): personal only with consent, else the first structure's."""
        if self.has_consent and (self.email or self.phone):
            return self.email, self.phone, True
        for structure in self.structures:
            if structure.email or structure.phone:
                return structure.email, structure.phone, False
        return "", "", False


class Membership(Orderable):
    person = ParentalKey(Person, related_name="memberships", on_delete=models.CASCADE)
    structure = models.ForeignKey(
        Structure, verbose_name=_("structure"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(
        _("role in this structure"), max_length=255, blank=True, validators=[single_line]
    )

    panels = [FieldPanel("structure"), FieldPanel("role")]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Saved on its own (not from the person's form): the person's text names the structure.
        search.refresh(Person.objects.filter(pk=self.person_id))

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "structure"], name="annuaire_unique_membership"
            )
        ]
