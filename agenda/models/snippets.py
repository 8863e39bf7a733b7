"""Reusable records editors pick from: event formats and venues."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from resource_centre.fields import PostcodeField
from resource_centre.models.taxonomies import SlugFromName
from resource_centre.panels import name_and_slug_panels
from resource_centre.validators import LATITUDE, LONGITUDE


class EventFormat(SlugFromName, index.Indexed, models.Model):
    """Atelier, réunion de réseau, Cooper'Villes, petit-déjeuner…: a list editors can extend."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        pgettext_lazy("resource centre", "slug"), max_length=100, unique=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    questionnaire = models.ForeignKey(
        "agenda.Questionnaire",
        verbose_name=_("evaluation questionnaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="formats",
        help_text=_(
            "Sent the day after each séance of this format to those who came, with a link to "
            "answer it once."
        ),
    )

    # When it last changed: its name is in every calendar entry of its events (agenda/ical.py).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [*name_and_slug_panels(), FieldPanel("description"), FieldPanel("questionnaire")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("event format")
        verbose_name_plural = _("event formats")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Venue(index.Indexed, models.Model):
    """A place where séances happen, reused from one event to the next."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=255, blank=True)
    postcode = PostcodeField(_("postcode"), blank=True)
    city = models.CharField(_("city"), max_length=100, db_index=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE,
    )
    # When it last changed: its name and address are in every calendar entry of its séances.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The reference commune of the postcode and city, kept by save(): visitors filter séances
    # by where they take place.
    commune = models.ForeignKey(
        "resource_centre.Territoire",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, nearest public transport…"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Coordinates (optional)"),
        ),
        FieldPanel("accessibility"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.AutocompleteField("city"),
    ]

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name} ({self.city})" if self.city else self.name

    def save(self, *args, **kwargs):
        from resource_centre.territoire_names import communes

        place = ((self.postcode or "").strip(), " ".join((self.city or "").split()))
        self.commune = communes([place]).get(place)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "commune"}
        super().save(*args, **kwargs)

    @property
    def full_address(self):
        return ", ".join(
            part for part in (self.address, f"{self.postcode} {self.city}".strip()) if part
        )
