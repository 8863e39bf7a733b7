"""The suite's one French search: what a visitor types and what is searched agree without case,
accents, elisions or singular/plural (resource_centre/search.py)."""

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
