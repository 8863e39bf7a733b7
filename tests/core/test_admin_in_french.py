"""Every admin view of the suite speaks French to the centre's team: it walks the suite's admin
(its menu's views, the listing, creation and edition of each of its models and page types, and
the suite's links from there) as a member of the "Éditeurs" role and as a superuser, and fails
on any English sentence of the suite's own catalogue left on the page, and on an empty or
English browser title."""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import get_resolver
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from resource_centre.roles import EDITORS

from .test_fuzz import _patterns

pytestmark = pytest.mark.django_db

SUITE_APPS = ["resource_centre", "fiches", "agenda", "annuaire", "newsletter"]
SUITE_URL = re.compile(
    r"^/admin/(agenda|annuaire|fiches|lettre|newsletter|resource-centre|"
    r"snippets/(resource_centre|fiches|agenda|annuaire|newsletter)|"
    r"(resource_centre|fiches|agenda|annuaire|newsletter)_)"
)
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]|\{\w*\}")


def _english_sentences():
    """The suite's msgids a French admin must never show: translated to something else, at least
    two words, and their longest part without a placeholder."""
    sentences = set()
    for app in SUITE_APPS:
        po = Path(apps.get_app_config(app).path) / "locale/fr/LC_MESSAGES/django.po"
        for entry in polib.pofile(str(po)):
            if not entry.msgstr or entry.msgstr == entry.msgid or entry.obsolete:
                continue
            part = max(PLACEHOLDER.split(entry.msgid.replace("&nbsp;", " ")) or [""], key=len)
            part = re.sub(r"<[^>]+>", "", part or "").strip(" .:,;!?()“”\"'")
            if len(part.split()) >= 2 and len(part) >= 10:
                sentences.add(part)
    return sentences


class _Text(HTMLParser):
    """What a person reads: text outside scripts and styles, titles, labels and placeholders."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links, self.title, self._skip, self._in_title = [], [], "", 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def _start_urls():
    urls = ["/admin/"]
    for entry in _patterns(get_resolver()):
        path = "/" + entry.replace("^", "").replace("$", "")
        if "<" not in path and "(" not in path and SUITE_URL.match(path):
            urls.append(path)
    for model in get_snippet_models():
        if model._meta.app_label in SUITE_APPS:
            label = f"{model._meta.app_label}/{model._meta.model_name}"
            urls += [f"/admin/snippets/{label}/", f"/admin/snippets/{label}/add/"]
            first = model.objects.order_by("pk").first()
            if first is not None:
                urls.append(f"/admin/snippets/{label}/edit/{first.pk}/")
    for model in apps.get_models():
        if issubclass(model, Page) and model._meta.app_label in SUITE_APPS:
            page = model.objects.order_by("pk").first()
            if page is not None:
                urls.append(f"/admin/pages/{page.pk}/edit/")
                parent = page.get_parent()
                urls.append(
                    f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
                )
    return urls


def _walk(client, limit=300):
    """(url, parsed page) for the suite's admin views reachable from the start URLs: two of each
    kind (/edit/3/ and /edit/4/ are one kind), whole pages only (not the listings' fragments)."""
    start = _start_urls()
    seen, kinds, queue = set(), {}, list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0).split("#")[0]
        kind = re.sub(r"/\d+/", "/N/", url)
        if url in seen or not url.startswith("/admin/"):
            continue
        if kinds.get(kind, 0) >= 2 and url not in start:
            continue
        seen.add(url)
        kinds[kind] = kinds.get(kind, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "<html" not in html[:500]:
            continue
        parsed = _Text()
        parsed.feed(html)
        yield url, parsed
        for link in parsed.links:
            path = link.split("?")[0]
            if SUITE_URL.match(path) and not path.endswith((".csv", ".xlsx", ".json", ".ics")):
                if "/delete/" not in path and "/supprimer/" not in path:
                    queue.append(path)


@functools.cache
def _alone(sentence):
    """The sentence as words of their own, not part of longer ones."""
    return re.compile(rf"(?<![\w-]){re.escape(sentence)}(?![\w-])")


@pytest.fixture
def editor(client, demo_site, django_user_model):
    user = django_user_model.objects.create_user("chargee", "chargee@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_every_admin_view_of_the_suite_speaks_french(
    client, demo_site, editor, who, django_user_model
):
    user = (
        editor
        if who == "editor"
        else django_user_model.objects.create_superuser("root", "r@example.org", "x")
    )
    client.force_login(user)
    sentences = _english_sentences()
    assert len(sentences) > 200
    problems, walked = [], 0
    for url, parsed in _walk(client):
        walked += 1
        title = " ".join(parsed.title.split())
        if not title or title.startswith(("-", "|")) or title in ("Wagtail", "- Wagtail"):
            problems.append(f"{url}: no browser title ({title!r})")
        text = " ".join(" ".join(parsed.parts).split())
        for sentence in sentences:
            # The plain search first: hundreds of patterns would overflow re's cache of compiled
            # ones, and compiling each again for every page made this test a minute long.
            if sentence in title or (sentence in text and _alone(sentence).search(text)):
                problems.append(f"{url}: {sentence!r}")
    assert walked > 40
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_buttons_adding_a_row_say_the_noun_with_its_gender(
    demo_site, client, django_user_model
):
    """« Ajouter une séance », not Wagtail's « Ajouter un(e) séance »."""
    from django.urls import reverse

    from agenda.models import AgendaIndexPage
    from fiches.models import FicheIndexPage

    client.force_login(django_user_model.objects.create_superuser("r", "r@example.org", "x" * 12))
    forms = {
        f"/admin/pages/add/agenda/eventpage/{AgendaIndexPage.objects.get().pk}/": [
            "Ajouter une séance"
        ],
        f"/admin/pages/add/fiches/fichepage/{FicheIndexPage.objects.get().pk}/": [
            "Ajouter un événement",
            "Ajouter une fiche",
        ],
        reverse("wagtailsnippets_annuaire_structure:add"): ["Ajouter une adresse"],
        reverse("wagtailsnippets_annuaire_person:add"): ["Ajouter une structure"],
    }
    for url, buttons in forms.items():
        page = client.get(url)
        assert page.status_code == 200, url
        text = " ".join(page.text.split())
        for button in buttons:
            assert f"</svg>{button} </button>" in text or f"</svg> {button} </button>" in text, (
                url,
                button,
            )
        assert "un(e)" not in re.sub(r"<template.*?</template>", "", text), url


def test_a_snippet_s_listing_and_creation_say_its_noun_with_its_gender(
    demo_site, client, django_user_model
):
    """« Ajouter un lieu », « Nouvelle structure »: not Wagtail's « Ajouter un(e) lieu » and
    « Nouvel(le) : Structure », in every listing and creation page of the suite's snippets."""
    from django.urls import NoReverseMatch, reverse

    client.force_login(django_user_model.objects.create_superuser("r", "r@example.org", "x" * 12))
    expected = {
        "venue": ("Ajouter un lieu", "Nouveau lieu"),
        "structure": ("Ajouter une structure", "Nouvelle structure"),
        "thematique": ("Ajouter une thématique", "Nouvelle thématique"),
        "eventformat": ("Ajouter un format d’événement", "Nouveau format d’événement"),
    }
    seen = 0
    for model in get_snippet_models():
        meta = model._meta
        if meta.app_label not in SUITE_APPS:
            continue
        for view in ("list", "add"):
            try:
                url = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{view}")
            except NoReverseMatch:
                continue
            text = " ".join(client.get(url).text.split())
            text = re.sub(r"<template.*?</template>", "", text)
            assert "un(e)" not in text and "Nouvel(le)" not in text, url
            if meta.model_name in expected:
                words = expected[meta.model_name][view == "add"]
                assert words in text, url
                if view == "add":
                    assert f"<title>{words} - Wagtail</title>" in text, url
                seen += 1
    assert seen == 2 * len(expected)
    # A copy is a new one too.
    venue = apps.get_model("agenda", "Venue").objects.first()
    copy = client.get(reverse("wagtailsnippets_agenda_venue:copy", args=[venue.pk]))
    text = " ".join(copy.text.split())
    assert copy.status_code == 200 and "<title>Nouveau lieu - Wagtail</title>" in text
    assert "Nouvel(le)" not in re.sub(r"<template.*?</template>", "", text)


def test_a_snippet_saved_or_refused_is_said_with_its_nouns_gender(
    demo_site, client, django_user_model
):
    """« Thématique « Logement » créée. », « Type de porteur « … » créé. »: not Wagtail's
    « créé(e) », nor « Le(la) thématique n'a pas pu être créé(e) »."""
    from html import unescape

    from django.urls import reverse

    from fiches.models import PorteurType
    from resource_centre.models import Thematique

    client.force_login(django_user_model.objects.create_superuser("g", "g@example.org", "x" * 12))

    def said(response):
        return " ".join(unescape(response.content.decode()).split())

    theme = reverse("wagtailsnippets_resource_centre_thematique:add")
    text = said(client.post(theme, {"name": "Logement", "slug": "logement"}, follow=True))
    assert "Thématique « Logement » créée." in text
    refused = said(client.post(theme, {"name": "", "slug": ""}))
    assert "Rien n’a été créé : corrigez les erreurs ci-dessous." in refused
    assert "Le(la)" not in refused and "créé(e)" not in refused
    logement = Thematique.objects.get(slug="logement")
    edit = reverse("wagtailsnippets_resource_centre_thematique:edit", args=[logement.pk])
    text = said(client.post(edit, {"name": "Logement social", "slug": "logement"}, follow=True))
    assert "Thématique « Logement social » modifiée." in text

    kind = reverse("wagtailsnippets_fiches_porteurtype:add")
    text = said(client.post(kind, {"name": "Mission locale"}, follow=True))
    assert "Type de porteur « Mission locale » créé." in text
    mission = PorteurType.objects.get(name="Mission locale")
    delete = reverse("wagtailsnippets_fiches_porteurtype:delete", args=[mission.pk])
    text = said(client.post(delete, follow=True))
    assert "Type de porteur « Mission locale » supprimé." in text


def test_a_snippet_chooser_says_its_noun_with_its_gender(demo_site, client, django_user_model):
    """« Choisir une structure », « Modifier ce lieu »: not Wagtail's « Choisir un autre
    structure » nor « Modifier ce/cette structure », on a snippet's own field and in a
    StreamField block choosing one."""
    from html import unescape

    from django.urls import reverse

    from agenda.models import AgendaIndexPage, EventPage
    from annuaire.models import Person

    client.force_login(django_user_model.objects.create_superuser("c", "c@example.org", "x" * 12))

    def said(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return " ".join(unescape(response.content.decode()).split())

    person = Person.objects.filter(memberships__isnull=False).first()
    text = said(reverse("wagtailsnippets_annuaire_person:edit", args=[person.pk]))
    for words in ("Choisir une structure", "Choisir une autre structure"):
        assert words in text
    assert "Modifier cette structure" in text
    event = EventPage.objects.filter(seances__venue__isnull=False).first()
    text = said(f"/admin/pages/{event.pk}/edit/")
    for words in ("Choisir un autre lieu", "Modifier ce lieu", "Choisir un format d’événement"):
        assert words in text
    # The people of an event are chosen in a StreamField block.
    text = said(f"/admin/pages/add/agenda/eventpage/{AgendaIndexPage.objects.get().pk}/")
    assert "Choisir une personne" in text
    assert "ce/cette" not in text and "un autre structure" not in text
