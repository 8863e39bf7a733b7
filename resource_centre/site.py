"""The centre as the world sees it: its name and the absolute URLs of its links."""

from django.conf import settings


def absolute_url(path, site=None):
    """`path` made absolute: from WAGTAILADMIN_BASE_URL, else from the site's root URL.

    Links in e-mails and feeds must be absolute, and no request is at hand in a background task.
    """
    if path.startswith(("http://", "https://")):
        return path
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or (site.root_url if site else "")
    return base.rstrip("/") + path


def centre_name(site=None, request=None):
    """The centre's name from its settings, else the Wagtail site's name ("" if neither)."""
    from wagtail.models import Site

    from .models import CentreSettings

    if request is not None:
        site = Site.find_for_request(request)
    if site is None:
        return ""
    # for_request caches the settings on the request, for pages that ask more than once.
    centre = CentreSettings.for_request(request) if request else CentreSettings.for_site(site)
    return centre.name or site.site_name or ""
