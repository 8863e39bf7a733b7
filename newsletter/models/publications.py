"""A publication: one list of readers with its own sender and e-mail template."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from resource_centre.panels import name_and_slug_panels

from .. import conf


def template_choices():
    return list(conf.get("NEWSLETTER_TEMPLATES"))


class Publication(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(pgettext_lazy("resource centre", "slug"), max_length=80, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown on the subscription form.")
    )
    sender_name = models.CharField(_("sender name"), max_length=150)
    sender_email = models.EmailField(_("sender e-mail"))
    reply_to = models.EmailField(_("reply-to address"), blank=True)
    template = models.CharField(
        _("e-mail template"),
        max_length=200,
        choices=template_choices,
        default="newsletter/email/lettre.mjml",
    )
    open_to_subscription = models.BooleanField(
        _("open to subscription"),
        default=True,
        help_text=_("Offered on the public subscription form."),
    )

    panels = [
        *name_and_slug_panels(),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("sender_name"), FieldPanel("sender_email"), FieldPanel("reply_to")],
            heading=_("Sender"),
        ),
        FieldPanel("template"),
        FieldPanel("open_to_subscription"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def template_name(self):
        names = [name for name, _label in template_choices()]
        return self.template if self.template in names else names[0]

    @property
    def from_email(self):
        from email.utils import formataddr

        return formataddr((self.sender_name, self.sender_email))

    def unsubscribe_mailbox(self):
        return self.reply_to or self.sender_email
