"""The centre as the world sees it: its name and the absolute URLs of its links."""

from django.conf import settings


def _several_sites():
    from wagtail.models import Site

    # Wagtail keeps the sites' root paths in its cache: no query on most calls.
    return len(Site.get_site_root_paths()) > 1


def site_base(root_url=""):
    """The scheme and host that links sent by e-mail start with, for a page of the site whose
    root URL is `root_url` ("" when unknown).

    With one Wagtail site (a centre's usual install), WAGTAILADMIN_BASE_URL when it is set:
    a Site record left at Wagtail's default "localhost:80" would give links nobody can open.
    With several, the page's own site: each centre's links lead to its own domain."""
    admin = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if root_url and (not admin or _several_sites()):
        return root_url.rstrip("/")
    if admin:
        return admin.rstrip("/")
    from wagtail.models import Site

    default = Site.objects.filter(is_default_site=True).first()
    return default.root_url.rstrip("/") if default else ""


def absolute_url(path, site=None):
    """`path` of `site` made absolute (see site_base). Links in e-mails and feeds must be
    absolute, and no request is at hand in a background task."""
    if path.startswith(("http://", "https://")):
        return path
    return site_base(site.root_url if site else "") + path


def page_url(page, route=""):
    """The absolute URL of `page`, and of its `route` (a sub-page's path), for an e-mail."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, root_url, path = parts
    return site_base(root_url or "") + path + route


def admin_url(path):
    """`path` in the admin, whichever site a page belongs to: WAGTAILADMIN_BASE_URL."""
    return site_base() + path


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
