"""The start of the links e-mails carry (resource_centre.site): one rule for every app."""

from django.core.cache import cache
from wagtail.models import Site

from newsletter.links import absolute
from resource_centre.site import admin_url, page_url, site_base


def test_without_an_address_set_links_start_with_the_default_site(settings, home):
    """The lettre sent relative links (« /infolettre/… ») when WAGTAILADMIN_BASE_URL was unset."""
    settings.WAGTAILADMIN_BASE_URL = ""
    Site.objects.filter(is_default_site=True).update(hostname="centre.example", port=443)
    cache.clear()
    assert site_base() == "https://centre.example"
    assert absolute("/infolettre/desinscription/x/") == (
        "https://centre.example/infolettre/desinscription/x/"
    )
    assert page_url(home) == "https://centre.example/"


def test_with_several_sites_each_page_keeps_its_own_and_the_admin_its_address(settings, home):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example"
    assert page_url(home) == "https://admin.example/"  # one site: the address set
    Site.objects.filter(is_default_site=True).update(hostname="centre-a.example", port=443)
    Site.objects.create(hostname="centre-b.example", port=443, root_page=home.get_parent())
    cache.clear()
    home = type(home).objects.get(pk=home.pk)  # a page keeps the sites it read once
    assert page_url(home, "agenda/") == "https://centre-a.example/agenda/"
    assert admin_url("/admin/pages/3/edit/") == "https://admin.example/admin/pages/3/edit/"
