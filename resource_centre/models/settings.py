"""The centre's identity, edited once per site under Settings › Centre de ressources."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string

from ..blocks import SocialLinkBlock
from ..fields import PhoneField

hex_colour = RegexValidator(
    r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as # followed by six hexadecimal digits, e.g. #1d4f91.")
)


class OpenLicence(models.TextChoices):
    """The licences a centre can publish its open data (exports of the listings) under."""

    ETALAB_2 = "etalab-2.0", _("Open Licence 2.0 (Etalab)")
    ODBL = "odbl-1.0", _("Open Database License (ODbL) 1.0")
    CC_BY_4 = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")


LICENCE_URLS = {
    OpenLicence.ETALAB_2: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    OpenLicence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
    OpenLicence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
}


@register_setting(icon="home")
class CentreSettings(BaseSiteSetting):
    name = models.CharField(_("name of the centre"), max_length=150, blank=True)
    baseline = models.CharField(_("baseline"), max_length=255, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = PhoneField(_("phone"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#1d4f91",
        validators=[hex_colour],
        help_text=_("Used for headings and buttons in the site's e-mails."),
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#c2410c", validators=[hex_colour]
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True
    )
    legal_notice = RichTextField(_("legal notice"), blank=True)
    rgpd_contact_name = models.CharField(
        _("data protection contact"),
        max_length=150,
        blank=True,
        help_text=_("Person or service visitors write to about their personal data."),
    )
    rgpd_contact_email = models.EmailField(_("data protection e-mail"), blank=True)
    licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        choices=OpenLicence.choices,
        default=OpenLicence.ETALAB_2,
        help_text=_(
            "The exports of the fiches, the structures of the annuaire and the agenda are "
            "published under this licence; it is named next to their links."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("baseline"), FieldPanel("logo")], heading=_("Identity")
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("Colours")
        ),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [
                FieldPanel("legal_notice"),
                FieldPanel("rgpd_contact_name"),
                FieldPanel("rgpd_contact_email"),
            ],
            heading=_("Legal notice and personal data"),
        ),
        FieldPanel("licence"),
    ]

    class Meta:
        verbose_name = _("resource centre")

    @property
    def export_licence(self):
        from ..exports import Licence

        code = self.licence if self.licence in LICENCE_URLS else OpenLicence.ETALAB_2
        return Licence(code, OpenLicence(code).label, LICENCE_URLS[code])
