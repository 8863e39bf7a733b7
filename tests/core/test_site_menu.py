"""The section menu (the site's top-level pages) is kept between visits and follows every change an
editor makes to the pages: publishing, renaming, unpublishing, reordering, restricting."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from resource_centre.models import ContentPage


def menu(client, url="/"):
    """The (url, title) of each link of the section menu, in order."""
    html = client.get(url).content.decode()
    links = html.split('class="rc-container rc-nav__list"')[1].split("</ul>")[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', links)


def titles(client, url="/"):
    return [title for _, title in menu(client, url)]


def publish_child(home, title, slug):
    page = ContentPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_visit_reads_the_menu_kept_since_the_last_change(client, home, count_queries):
    expected = titles(client)
    assert expected  # the demo's sections
    cold, _ = count_queries(client.get, "/")  # nothing kept: the menu is read again
    with CaptureQueriesContext(connection) as visit:
        assert titles(client) == expected
    # Neither Wagtail's public() (every view restriction) nor the root's children.
    assert len(visit.captured_queries) == cold - 2


def test_a_published_renamed_and_unpublished_page_shows_at_the_next_visit(admin_client, home):
    before = titles(admin_client)
    page = publish_child(home, "Ressources en ligne", "ressources-en-ligne")
    assert ("/ressources-en-ligne/", "Ressources en ligne") in menu(admin_client)

    page.title = "Ressources et outils"
    page.save_revision().publish()
    assert titles(admin_client) == [*before, "Ressources et outils"]

    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    assert titles(admin_client) == before


def test_a_reordered_or_restricted_page_shows_at_the_next_visit(admin_client, home):
    first = home.get_children().live().in_menu().first()
    page = publish_child(home, "Nous rejoindre", "nous-rejoindre")
    assert titles(admin_client)[-1] == "Nous rejoindre"

    # The editor drags the page to the top of its siblings in the explorer.
    url = reverse("wagtailadmin_pages:set_page_position", args=[page.pk])
    response = admin_client.post(f"{url}?position=0")
    assert response.status_code == 200
    assert titles(admin_client)[:2] == ["Nous rejoindre", first.title]

    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "Nous rejoindre" not in titles(admin_client)


def test_the_current_section_is_marked(client, home):
    section = home.get_children().live().in_menu().first()
    html = client.get(section.url).content.decode()
    assert f'<a href="{section.url}" aria-current="page">{section.title}</a>' in html
    html = client.get("/").content.decode()
    assert 'aria-current="page">' not in html.split("rc-nav__list")[1].split("</ul>")[0]
