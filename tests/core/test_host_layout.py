"""Every public page of the suite inside a host's own layout: `wagtail start`'s, and one whose blocks
have other names (README, "Your own layout")."""

from pathlib import Path

import pytest
import wagtail
from django.core.checks import run_checks
from django.template import Context, Engine
from django.urls import reverse

from resource_centre.models.pages import SuitePage

pytestmark = pytest.mark.django_db

# A host layout with no block for stylesheets or scripts, and other names for the rest.
OTHER_BASE = """<!DOCTYPE html><html lang="fr"><head><title>{% block page_title %}{% endblock %}
| Site hôte</title></head><body><header id="host-chrome">HOST LAYOUT</header>
<main>{% block main %}{% endblock %}</main></body></html>"""


def stock_wagtail_start_base():
    """The base.html that `wagtail start mysite` writes, from the installed Wagtail."""
    source = (
        Path(wagtail.__file__).parent / "project_template/project_name/templates/base.html"
    ).read_text()
    return Engine().from_string(source).render(Context({"project_name": "mysite"}))


@pytest.fixture
def host_templates(settings, tmp_path):
    (tmp_path / "base.html").write_text(stock_wagtail_start_base())
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "base.html").write_text(OTHER_BASE)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    return tmp_path


def public_urls():
    """One live page of every public page type, and the pages that belong to no page."""
    from wagtail.models import get_page_models

    urls = {}
    for model in get_page_models():
        if issubclass(model, SuitePage) and not model._meta.abstract:
            page = model.objects.live().first()
            if page is not None:
                urls[model.__name__] = page.url
    urls["search"] = reverse("resource_centre:search") + "?q=emploi"
    urls["legal_notice"] = reverse("resource_centre:legal_notice")
    urls["subscribe"] = reverse("newsletter:subscribe")
    return urls


def test_every_public_page_type_fills_the_stock_wagtail_start_layout(
    client, demo_site, host_templates, settings
):
    settings.RESOURCE_CENTRE = {"BASE_TEMPLATE": "base.html"}
    urls = public_urls()
    assert {"ContentPage", "FichePage", "EventPage", "AnnuaireIndexPage", "LettrePage"} <= set(urls)
    for name, url in urls.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, (name, url)
        head, body = html.split("</head>")
        assert "css/mysite.css" in head, name  # the host's own layout
        assert "rc-skip-link" not in html, name  # not the suite's
        # The suite's stylesheet once, in the host's extra_css block, with the centre's colours.
        assert head.count("resource_centre/css/site.css") == 1, name
        assert body.count("resource_centre/css/site.css") == 0, name
        assert "--rc-primary" in head, name
        # Its content in its own container, with what the host's layout lacks.
        assert '<div class="rc-scope rc-page">' in body, name
        assert 'action="/recherche/"' in body, name
        assert 'href="/mentions-legales/"' in body, name
        assert "js/mysite.js" in body, name
    fiche = client.get(urls["FichePage"]).content.decode()
    assert fiche.split("</head>")[0].count("application/ld+json") == 1
    assert "fiches/fiches.css" in fiche.split("</head>")[0]
    event = client.get(urls["EventPage"]).content.decode()
    assert "application/ld+json" in event.split("</head>")[0]
    from agenda.models import EventPage

    title = EventPage.objects.live().first().title
    assert "<title>" in event and title.split()[0] in event.split("</title>")[0]


def test_a_layout_with_other_block_names_and_no_stylesheet_block(
    client, demo_site, host_templates, settings
):
    settings.RESOURCE_CENTRE = {
        "BASE_TEMPLATE": "other/base.html",
        "BASE_BLOCKS": {
            "title": "page_title",
            "content": "main",
            "extra_css": None,
            "extra_js": None,
        },
    }
    assert run_checks(tags=["templates"]) == []
    for name, url in public_urls().items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, (name, url)
        assert "HOST LAYOUT" in html and "| Site hôte" in html, name
        main = html.split("<main>")[1].split("</main>")[0]
        # No block in <head>: the stylesheet comes with the content, once.
        assert html.count("resource_centre/css/site.css") == 1, name
        assert "resource_centre/css/site.css" in main, name
        assert '<div class="rc-scope rc-page">' in main, name
    fiche = client.get(public_urls()["FichePage"]).content.decode()
    assert "application/ld+json" in fiche.split("<main>")[1]


def test_the_host_may_place_the_assets_tag_and_the_parts_itself(
    client, demo_site, host_templates, settings
):
    (host_templates / "other" / "base.html").write_text(
        OTHER_BASE.replace(
            "</head>", "{% load resource_centre_tags %}{% resource_centre_assets %}</head>"
        ).replace("HOST LAYOUT", "HOST LAYOUT {% resource_centre_search_form %}")
    )
    settings.RESOURCE_CENTRE = {
        "BASE_TEMPLATE": "other/base.html",
        "BASE_BLOCKS": {"title": "page_title", "content": "main", "extra_css": None},
        "LAYOUT_PARTS": ["messages", "legal_notice"],
    }
    html = client.get("/le-centre/").content.decode()
    head = html.split("</head>")[0]
    assert html.count("resource_centre/css/site.css") == 1
    assert "resource_centre/css/site.css" in head
    # The search box where the host put it, not a second one above the content.
    assert html.count('action="/recherche/"') == 1
    assert html.index('action="/recherche/"') < html.index("<main>")
    assert 'href="/mentions-legales/"' in html.split("<main>")[1]


def test_the_suite_s_own_layout_has_every_part_once(client, demo_site):
    html = client.get("/le-centre/").content.decode()
    assert html.count("resource_centre/css/site.css") == 1
    assert html.count('action="/recherche/"') == 1
    assert html.count('href="/mentions-legales/"') == 1
    assert "rc-skip-link" in html and '<div class="rc-scope rc-page">' in html


def test_a_layout_without_the_configured_blocks_is_reported_in_french_and_english(
    host_templates, settings
):
    settings.RESOURCE_CENTRE = {"BASE_TEMPLATE": "other/base.html"}  # default names: none match
    problems = {problem.id: problem.msg for problem in run_checks(tags=["templates"])}
    assert "resource_centre.E003" in problems  # no "content" block: the pages would be empty
    assert "n'a pas de bloc « content »" in problems["resource_centre.E003"]
    assert "has no block 'content'" in problems["resource_centre.E003"]
    assert "resource_centre.W001" in problems
    settings.RESOURCE_CENTRE = {"BASE_TEMPLATE": "nowhere.html"}
    assert [p.id for p in run_checks(tags=["templates"])] == ["resource_centre.E002"]
    settings.RESOURCE_CENTRE = {"BASE_BLOCKS": {"content": "main %}{% evil"}}
    assert [p.id for p in run_checks(tags=["templates"])] == ["resource_centre.E001"]
