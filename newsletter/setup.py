"""What a new site needs before its first lettre (``manage.py setup_resource_centre``)."""

from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext_lazy as _

INDEX_PAGE = ("newsletter.NewsletterIndexPage", "La lettre", "lettre")

# What the "Éditeurs" role may do here (resource_centre.roles): send lettres, see subscribers.
EDITOR_PERMISSIONS = [
    "newsletter.view_send",
    "newsletter.change_send",
    "newsletter.view_subscriber",
    "newsletter.change_subscriber",
    "newsletter.view_publication",
]


def setup():
    """A default publication when the site has none, sent from DEFAULT_FROM_EMAIL."""
    from .models import Publication

    if Publication.objects.exists():
        return [(_("publications"), 0)]
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    Publication.objects.create(
        name="Lettre d'information",
        slug="lettre",
        sender_name=name or getattr(settings, "WAGTAIL_SITE_NAME", "") or address,
        sender_email=address,
    )
    return [(_("publications"), 1)]
