"""The suite's one French search: what a visitor types and what is searched agree without case,
accents, elisions or singular/plural (resource_centre/search.py)."""

import re

import pytest

from resource_centre.search import normalise, query_stems

# Each group: what visitors type or editors write, which must find each other.
SAME_WORDS = [
    ["santé", "sante", "Santé", "santés", "SANTE"],
    ["médiateurs", "mediateurs", "médiateur", "mediateur", "médiatrice", "médiatrices"],
    ["chargée de mission", "chargee de mission", "chargés de mission", "Chargé de mission"],
    ["habitant", "habitants", "Habitants", "l'habitant", "l’habitante"],
    ["prévention", "prevention", "préventions", "PRÉVENTION"],
    ["RésO", "reso", "RESO", "Réso"],
    ["réseau", "réseaux", "reseaux"],
    ["territorial", "territoriaux"],
    ["européen", "européenne", "europeennes"],
    ["cœur", "coeur", "Cœurs"],
]


@pytest.mark.parametrize("group", SAME_WORDS, ids=lambda group: group[0])
def test_every_spelling_of_a_word_gives_the_same_stems(group):
    assert len({normalise(text) for text in group}) == 1, [normalise(t) for t in group]


@pytest.mark.parametrize("group", SAME_WORDS, ids=lambda group: group[0])
def test_a_query_finds_the_text_whatever_its_spelling(group):
    for text in group:
        stored = normalise(f"Atelier {text} et quartiers")
        for typed in group:
            assert all(word in stored for word in query_stems(typed))


def test_different_words_stay_apart():
    assert normalise("santé") != normalise("saint")
    assert normalise("emploi") != normalise("employeur")
    assert "mission" not in normalise("médiateur")


def test_signs_separate_words_and_numbers_stay_whole():
    assert normalise("CR•DSU — QPV 2024, l'« Écoute »") == "cr dsu qpv 2024 ecout"
    assert normalise(None, "", "Ville") == "vill"


def test_function_words_are_left_out_of_a_query_unless_it_has_nothing_else():
    assert query_stems("chargée de mission") == ["charg", "mission"]
    assert query_stems("La santé des habitants et du quartier") == ["sant", "habitant", "quartier"]
    assert query_stems("à l'écoute") == ["ecout"]
    assert query_stems("de la") == ["de", "la"]
    # Only in a query: a text keeps every word.
    assert normalise("chargée de mission") == "charg de mission"


@pytest.mark.parametrize(
    "raw",
    ['"santé" AND (x) OR NOT *', "\x00\x01santé", "santé " * 2000, "« »", 42, None, ""],
)
def test_garbage_queries_give_words_or_nothing(raw):
    words = query_stems(raw)
    assert len(words) <= 10
    assert all(word.isalnum() for word in words)
    if isinstance(raw, str) and "sant" in raw:
        assert words[0] == "sant"


SITE_VARIANTS = {
    "santé": ["santé", "sante", "Santés", "SANTE"],
    "médiateurs": ["médiateurs", "mediateurs", "médiateur", "mediateur", "médiatrice"],
    "chargée de mission": ["chargée de mission", "chargee de mission", "chargés de mission"],
    "habitants": ["habitant", "habitants", "Habitant"],
    "prévention": ["prévention", "prevention", "PREVENTIONS"],
    "RésO": ["RésO", "reso", "RESO"],
}


@pytest.fixture
def zephyr_pages(demo_site):
    from resource_centre.models import ContentPage

    for title, intro in [
        ("Zéphyr : santé et médiateurs", "Nos chargées de mission et les habitants."),
        ("Zéphyr : prévention", "Avec RésO Villes et une médiatrice."),
    ]:
        page = ContentPage(title=title, slug=title[-8:].lower().replace(" ", "-"), intro=intro)
        demo_site.add_child(instance=page)
        page.save_revision().publish()
    return demo_site


def site_search(client, q):
    import re

    from django.urls import reverse

    response = client.get(reverse("resource_centre:search"), {"q": q})
    assert response.status_code == 200
    # The results' titles only: a host's menu may list the new pages too (a base page without
    # show_in_menus puts every top-level page in the section menu).
    # Without the marks of the words found.
    text = re.sub("</?mark>", "", response.content.decode())
    titles = re.findall(r'class="rc-result__title"><a [^>]*>\s*(Zéphyr[^<]*?)\s*<', text)
    return set(titles)


@pytest.mark.django_db
@pytest.mark.parametrize("word", SITE_VARIANTS)
def test_the_site_search_finds_the_same_pages_for_every_spelling(client, zephyr_pages, word):
    found = [site_search(client, v) for v in SITE_VARIANTS[word]]
    assert found[0], f"nothing found for {word}"
    assert all(f == found[0] for f in found), dict(zip(SITE_VARIANTS[word], found, strict=True))


@pytest.mark.django_db
def test_the_site_search_still_finds_words_as_typed_and_without_accents(client, zephyr_pages):
    both = {"Zéphyr : santé et médiateurs", "Zéphyr : prévention"}
    assert site_search(client, "zephyr") == both
    assert site_search(client, "Zéphyr médiatrices") == both
    assert site_search(client, "habitant zephyr") == {"Zéphyr : santé et médiateurs"}
    assert site_search(client, "« » ( * )") == set()


def test_excerpts_mark_the_words_found_whatever_their_spelling():
    from resource_centre.highlight import highlight

    text = "<p>Avec les Médiatrices &amp; les habitants de RésO Villes.</p>"
    assert highlight(text, "mediateur reso") == (
        "Avec les <mark>Médiatrices</mark> &amp; les habitants de <mark>RésO</mark> Villes."
    )
    long = " ".join(["avant"] * 50 + ["santé"] + ["après"] * 50)
    excerpt = highlight(long, "santes")
    assert excerpt.startswith("… avant") and excerpt.endswith("après …")
    assert (
        "<mark>santé</mark>" in excerpt
        and "<mark>RésO</mark>" in highlight("(RésO),", "reso")
        and len(excerpt.split()) < 45
    )
    assert highlight("<script>alert(1)</script> x", "") == "alert(1) x"
    assert highlight("a < b", "b") == "a &lt; <mark>b</mark>"


@pytest.mark.django_db
def test_the_site_search_shows_excerpts_with_the_words_marked(client, zephyr_pages):
    from django.urls import reverse

    response = client.get(reverse("resource_centre:search"), {"q": "médiatrices habitant"})
    text = response.content.decode()
    assert "Nos chargées de mission et les <mark>habitants</mark>." in text, re.findall(
        r"rc-result__excerpt.*", text
    )
    # And in the titles, as in every listing.
    assert ">Zéphyr : santé et <mark>médiateurs</mark></a>" in text
