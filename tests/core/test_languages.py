"""The suite speaks the language of its pages' locale, whatever the host's LANGUAGE_CODE."""

import pytest
from django.conf import global_settings
from django.core.checks import run_checks
from django.urls import reverse
from wagtail.models import Locale

from resource_centre.models import ContentPage

pytestmark = pytest.mark.django_db

BILINGUAL = [("en", "English"), ("fr", "Français")]


@pytest.fixture
def english_host(settings):
    """A multilingual host whose default language is English."""
    settings.LANGUAGE_CODE = "en"
    settings.LANGUAGES = BILINGUAL
    settings.WAGTAIL_CONTENT_LANGUAGES = BILINGUAL
    settings.WAGTAIL_I18N_ENABLED = True
    return settings


def test_french_pages_stay_french_on_an_english_host(client, demo_site, english_host):
    for url in ("/le-centre/", "/agenda/", "/fiches-experiences/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="fr">' in html and "Aller au contenu" in html, url
        assert response["Content-Language"] == "fr", url
    # Pages that belong to no page speak the language of the site's home page.
    for url in (reverse("resource_centre:search") + "?q=emploi", reverse("newsletter:subscribe")):
        response = client.get(url)
        assert "Aller au contenu" in response.content.decode(), url
        assert response["Content-Language"] == "fr", url


def test_a_page_of_an_english_tree_renders_in_english(client, demo_site, english_host):
    english = Locale.objects.get_or_create(language_code="en")[0]
    demo_site.add_child(
        instance=ContentPage(title="About us", slug="about", intro="Who we are", locale=english)
    )
    response = client.get("/about/")
    html = response.content.decode()
    assert '<html lang="en">' in html and "Skip to content" in html
    assert "Aller au contenu" not in html
    # The French pages beside it are not affected.
    assert "Aller au contenu" in client.get("/le-centre/").content.decode()


def test_a_garbage_locale_falls_back_to_the_site_language(client, demo_site, settings):
    klingon = Locale.objects.create(language_code="tlh")
    demo_site.add_child(instance=ContentPage(title="nuqneH", slug="nuqneh", locale=klingon))
    response = client.get("/nuqneh/")
    assert response.status_code == 200
    assert "Aller au contenu" in response.content.decode()


def test_the_host_is_told_what_to_change_in_french_and_english(settings):
    def problems():
        return {p.id: f"{p.msg} {p.hint}" for p in run_checks() if p.id.startswith("resource_")}

    settings.LANGUAGES = [("en", "English"), ("de", "Deutsch")]
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]
    found = problems()
    assert "Le français n'est pas dans LANGUAGES" in found["resource_centre.W002"]
    assert "French is not in LANGUAGES" in found["resource_centre.W002"]
    # French among the languages, but no page may be French.
    settings.LANGUAGES = BILINGUAL
    found = problems()
    assert "resource_centre.W002" not in found
    assert "aucune page ne peut être en français" in found["resource_centre.W003"]
    assert "WAGTAIL_CONTENT_LANGUAGES" in found["resource_centre.W003"]
    # A `wagtail start` site: English LANGUAGE_CODE, Django's LANGUAGES, no content languages.
    del settings.WAGTAIL_CONTENT_LANGUAGES
    settings.LANGUAGES = global_settings.LANGUAGES
    settings.LANGUAGE_CODE = "en-us"
    assert "LANGUAGE_CODE = 'fr'" in problems()["resource_centre.W003"]
    # Nothing to say when French pages are possible, alone or beside others.
    settings.LANGUAGE_CODE = "fr"
    assert problems() == {}
    settings.LANGUAGE_CODE = "en"
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = BILINGUAL
    assert problems() == {}
