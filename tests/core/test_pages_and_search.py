import pytest
from django.urls import reverse
from wagtail.models import Site

from resource_centre.models import CentreSettings, ContentPage
from resource_centre.search_sections import live_index

pytestmark = pytest.mark.django_db


def add_pages(home, n, word="zorglub", start=0):
    for i in range(start, start + n):
        page = ContentPage(
            title=f"Page {word} {i}", slug=f"{word}-{i}", intro=f"Compte rendu {word} {i}"
        )
        home.add_child(instance=page)


def test_home_and_content_pages_render_in_french_with_the_centre_identity(client, demo_site):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "RésO Villes" in html
    assert "Aller au contenu" in html
    assert "18 rue Paul Bellamy" in html  # the centre's address from its settings
    assert "https://mastodon.example/@resovilles" in html
    assert "cdn" not in html.lower()
    response = client.get("/le-centre/")
    assert response.status_code == 200
    assert "Soazig Barré" in response.content.decode()
    assert 'aria-current="page"' in response.content.decode()


def test_every_page_names_an_icon_that_is_served(client, demo_site):
    """Browsers ask for /favicon.ico when a page names no icon: a 404 in every visit's log."""
    import re

    for url in ("/", "/agenda/", "/annuaire/", "/recherche/?q=logement"):
        html = client.get(url).text
        icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
        assert icon, url
    served = client.get(icon.group(1))
    assert served.status_code == 200
    assert b"<svg" in b"".join(served.streaming_content if served.streaming else [served.content])


def test_search_finds_words_in_the_body_and_says_when_nothing_matches(client, demo_site):
    response = client.get(reverse("resource_centre:search"), {"q": "documentaire"})
    assert response.status_code == 200
    assert "Le centre de ressources" in response.content.decode()
    assert "1 résultat pour « documentaire »" in response.content.decode()
    response = client.get(reverse("resource_centre:search"), {"q": "introuvablexyz"})
    assert "Aucun résultat pour « introuvablexyz »" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "atelier", "page": "abc"},
        {"q": "atelier", "page": "999999999999999999999"},
        {"q": "atelier", "page": "-3"},
        {"q": "atelier", "type": "'; DROP TABLE wagtailcore_page; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "x" * 5000},
        {"q": '\x00\x01 AND OR NOT ( " *'},
        {"type": "resource_centre.contentpage"},
    ],
)
def test_search_never_fails_on_garbage(client, demo_site, params):
    response = client.get(reverse("resource_centre:search"), params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("typed", ["!!!??", "😀", "« — »", "l'"])
def test_keywords_without_a_word_say_so_everywhere(client, demo_site, typed):
    """Punctuation or an emoji alone searches nothing: every box says so, and none shows it as an
    active filter (a chip « Mots-clés : !!!?? » over an unfiltered list)."""
    import html
    import re

    from django.apps import apps

    notice = f"« {typed} » ne contient aucun mot à chercher"
    listings = {"agenda": "/agenda/", "annuaire": "/annuaire/", "fiches": "/fiches-experiences/"}
    for app, url in listings.items():
        if not apps.is_installed(app):
            continue
        page = html.unescape(client.get(url, {"q": typed}).content.decode())
        assert notice in page, app
        assert "Mots-clés :" not in page, app  # no chip
        assert "Filtrer (1 filtre actif)" not in page, app
    response = client.get(reverse("resource_centre:search"), {"q": typed})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert f'<p class="rc-message rc-message--warning" role="alert">{notice}' in page
    assert re.search(r'<input id="id_q" type="search" name="q" value="([^"]*)"', page)[1] == typed


@pytest.mark.parametrize("typed", ["\x00", "\x00\x07 \x1b"])
def test_invisible_characters_alone_are_said_in_every_box(client, demo_site, typed):
    """A hand-made link with a NUL alone: never a 500, and a French message in the site search
    as in the listings (whose keyword field refuses a NUL)."""
    import html

    from django.apps import apps

    listings = {"agenda": "/agenda/", "annuaire": "/annuaire/", "fiches": "/fiches-experiences/"}
    for app, url in listings.items():
        if apps.is_installed(app):
            page = html.unescape(client.get(url, {"q": typed}).content.decode())
            assert 'role="alert">' in page, app
    response = client.get(reverse("resource_centre:search"), {"q": typed})
    assert response.status_code == 200
    assert (
        "La recherche ne contient que des caractères invisibles : rien n’a été cherché."
        in html.unescape(response.content.decode())
    )


@pytest.mark.parametrize(
    "page, notice",
    [
        ("99999", "La page demandée n’existe pas : voici la dernière (page {last})."),
        ("0", "La page demandée n’existe pas : voici la dernière (page {last})."),
        ("-3", "La page demandée n’existe pas : voici la dernière (page {last})."),
        ("abc", "Le numéro de page de l’adresse n’est pas valide : voici la première page."),
        ("1.5", "Le numéro de page de l’adresse n’est pas valide : voici la première page."),
        ("1", None),
    ],
)
def test_a_page_number_out_of_range_is_said_in_every_counted_listing(
    client, demo_site, page, notice
):
    """Past the last page (or garbage), a counted listing shows its last (or first) page and
    says so, as the agenda says it has no séance on such a page."""
    import html
    import re

    from django.apps import apps

    listings = {
        "fiches": "/fiches-experiences/",
        "annuaire": "/annuaire/",
        "newsletter": "/lettre/",
        "resource_centre": reverse("resource_centre:search") + "?q=rennes",
    }
    for app, url in listings.items():
        if not apps.is_installed(app):
            continue
        response = client.get(url + ("&" if "?" in url else "?") + f"page={page}")
        assert response.status_code == 200, app
        text = html.unescape(response.content.decode())
        shown = re.search(r'<li aria-current="page">Page (\d+) sur (\d+)</li>', text)
        last = shown[2] if shown else "1"
        if notice:
            said = notice.format(last=last)
            assert f'<p class="rc-message" role="status">{said}</p>' in text, app
            assert not shown or shown[1] == (last if "dernière" in notice else "1"), app
        else:
            assert "voici la" not in text, app


def test_unknown_content_type_is_reported_in_french(client, demo_site):
    response = client.get(reverse("resource_centre:search"), {"q": "centre", "type": "nope.nope"})
    assert "Le type de contenu demandé n’existe pas" in response.content.decode()


def test_the_type_choice_offers_contents_not_the_home_or_the_indexes(client, demo_site):
    """A visitor narrows a search to fiches or events, never to "agendas" or "home pages"."""
    import re

    page = client.get(reverse("resource_centre:search"), {"q": "centre"}).content.decode()
    offered = re.findall(r'<option value="([a-z_]+\.[a-z]+)"', page)
    assert "resource_centre.contentpage" in offered
    for index in ("home.homepage", "agenda.agendaindexpage", "fiches.ficheindexpage"):
        assert index not in offered, index
    # A link narrowed to one of them still works.
    narrowed = client.get(
        reverse("resource_centre:search"), {"q": "centre", "type": "home.homepage"}
    )
    assert "Le type de contenu demandé" not in narrowed.content.decode()


def test_search_can_be_narrowed_to_one_page_type(client, demo_site):
    response = client.get(
        reverse("resource_centre:search"), {"q": "centre", "type": "home.homepage"}
    )
    assert "Le type de contenu demandé" not in response.content.decode()
    response = client.get(
        reverse("resource_centre:search"), {"q": "centre", "type": "resource_centre.contentpage"}
    )
    assert "Le centre de ressources" in response.content.decode()
    assert "centre de ressources politique de la ville</a>" not in response.content.decode()


def test_search_runs_the_same_number_of_queries_at_two_sizes(client, demo_site, count_queries):
    url = reverse("resource_centre:search")
    add_pages(demo_site, 3)
    client.get(url, {"q": "zorglub"})  # warm the per-process caches (site root paths)
    small, _ = count_queries(client.get, url, {"q": "zorglub"})
    add_pages(demo_site, 60, start=3)
    large, response = count_queries(client.get, url, {"q": "zorglub"})
    assert "63 résultats" in response.content.decode()
    assert large == small


def test_the_sections_of_a_search_look_an_index_page_up_once(
    rf, demo_site, django_assert_num_queries
):
    # The annuaire's structures and people each ask for its index page.
    request = rf.get("/")
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    with django_assert_num_queries(2):  # the view restrictions, then the page
        first = live_index(request, ContentPage, site)
    with django_assert_num_queries(0):
        assert live_index(request, ContentPage, site) == first
    assert first.live and first.is_descendant_of(site.root_page)
    assert live_index(rf.get("/"), ContentPage, site) == first  # a new request looks again


def test_legal_notice_shows_the_data_protection_contact(client, demo_site):
    response = client.get(reverse("resource_centre:legal_notice"))
    html = response.content.decode()
    assert "Mentions légales et données personnelles" in html
    assert "donnees-personnelles@resovilles.example" in html
    assert "Directrice de la publication" in html


def test_centre_colours_must_be_hex(demo_site):
    from django.core.exceptions import ValidationError

    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.primary_colour = "red; background:url(x)"
    with pytest.raises(ValidationError):
        centre.full_clean()


def test_base_layout_is_replaced_by_one_setting(client, demo_site, settings, tmp_path):
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "base.html").write_text(
        "<html><body>HOST LAYOUT {% block content %}{% endblock %}</body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    settings.RESOURCE_CENTRE = {"BASE_TEMPLATE": "mysite/base.html"}
    for url in ("/le-centre/", reverse("resource_centre:search") + "?q=centre"):
        html = client.get(url).content.decode()
        assert "HOST LAYOUT" in html
        assert "rc-skip-link" not in html


def test_demo_loader_can_run_twice(demo_site):
    from django.core.management import call_command

    before = ContentPage.objects.count()
    call_command("load_demo")
    assert ContentPage.objects.count() == before


def test_demo_home_page_shows_next_meetings_latest_fiches_and_lettre(demo_site, client):
    from django.utils.html import escape

    from agenda.models import Seance
    from fiches.models import FichePage
    from newsletter.models import LettrePage

    html = client.get("/").content.decode()
    assert "Prochains rendez-vous" in html
    next_seance = Seance.objects.published_under(demo_site).upcoming().order_by("day").first()
    assert escape(next_seance.event.title) in html
    assert "Dernières fiches expériences" in html
    assert escape(FichePage.objects.live().order_by("-first_published_at").first().title) in html
    assert "La dernière lettre" in html
    assert escape(LettrePage.objects.live().order_by("-first_published_at").first().title) in html


def test_the_count_of_a_search_is_what_it_lists_and_events_stay_when_narrowed(client, demo_site):
    """« 2 résultats » over seven séances and seven structures read wrong: the line counts every
    entry listed, each block says its own. Narrowed to events, the upcoming séances (found by
    their place: « Rennes ») stay; narrowed to another type, they go."""
    import html
    import re

    from django.apps import apps

    if not apps.is_installed("agenda"):
        pytest.skip("the agenda lists the séances")
    url = reverse("resource_centre:search")
    page = html.unescape(client.get(url, {"q": "Rennes"}).content.decode())
    blocks = [int(n) for n in re.findall(r'<span class="rc-search-section__count">\((\d+)\)', page)]
    assert len(blocks) >= 2 and "Prochaines séances" in page
    total = int(re.search(r"(\d+) résultats? pour « Rennes »", page)[1])
    assert total == sum(blocks)
    events = html.unescape(
        client.get(url, {"q": "Rennes", "type": "agenda.eventpage"}).content.decode()
    )
    assert "Prochaines séances" in events and "Aucun résultat" not in events
    assert "Structures de l’annuaire" not in events and "Structures de l'annuaire" not in events
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": "Rennes", "type": "resource_centre.contentpage"})
    assert "Prochaines séances" not in html.unescape(response.content.decode())
    # The sections left out are not computed either.
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "agenda_seance" not in sql and "annuaire_structure" not in sql


def test_the_demo_lettre_s_coming_events_are_to_come(demo_site):
    """Its « Prochains rendez-vous » were filled as of its 2008 date, when every event of the
    demo was to come: the past ones were listed as coming."""
    from django.apps import apps
    from django.utils import timezone

    if not (apps.is_installed("newsletter") and apps.is_installed("agenda")):
        pytest.skip("the lettre lists the agenda's events")
    from newsletter.models import LettrePage

    lettre = LettrePage.objects.get(slug="lettre-42-mars-2008")
    (events,) = [
        c.value
        for c in lettre.body
        if c.block_type == "automatic" and c.value["source"] == "events"
    ]
    dates = [item["date"] for item in events["items"]]
    assert dates and all(date >= timezone.localdate() for date in dates), dates
