"""French search, once for the whole suite: what every keyword box does to a visitor's words
and to the text it searches.

Only words reach a search: quotes, parentheses and operators would be parsed as query syntax by
SQLite's FTS5 (and fail); visitors type words, not expressions.

`normalise()` reduces a text to light French stems, the same way for what is searched and for
what the visitor types, so that case, accents and singular/plural never matter, on SQLite and
PostgreSQL alike (no database function, no text-search configuration needed):

- lower case, accents dropped (NFKD), œ→oe, æ→ae; elisions dropped (l'habitant → habitant);
- in words of more than three letters: plural -eaux→-eau, -aux→-al, final -x or -s dropped
  (not -ss); feminine endings -trice→-teur, -euse→-eur, -ive→-if, -elle→-el, -enne→-en; then a
  final -e dropped (so -ée and -é agree: chargée, chargé, chargés → charg).

The stems are not words ("santé" → "sant"); they are only ever compared with each other.
Listings match each stem of the query as a substring of a `search_text` column holding the
normalised public text of the entry (see `matching`), which runs one SQL condition per word.
A `search_text` written by `titled()` keeps its title's stems first, before TITLE_END, so that
`relevance()` ranks the entries with the words in their title first, in the same query.
A `search_text` that copies the name of a term (a thématique, a format, a structure) follows it
when the term is renamed or deleted (`follow_terms`).
"""

import re
import unicodedata

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext as _

from . import conf

QUERY_NOISE = re.compile(r"[^\w'’-]+")
# Letters and digits; what separates words (spaces, punctuation, apostrophes, hyphens) goes.
WORD = re.compile(r"[a-z0-9]+")
ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]")
# The longest endings first: the first that fits is replaced.
FEMININE = (("trice", "teur"), ("euse", "eur"), ("elle", "el"), ("enne", "en"), ("ive", "if"))
# Most words a visitor may type in one box; more are ignored.
MAX_WORDS = 10
# French function words (folded): a stem matches as a substring, so in a query they would match
# nearly every text ("de" in "Denis", "développement"), mark it, and rank by it. "chargée de
# mission" searches "charg" and "mission"; "de" alone still searches "de".
STOP_WORDS = frozenset(
    "a au aux avec ce ces dans de des du en et la le les leur leurs ou par pour sa se ses son sur"
    " un une".split()
    # An elision typed without its apostrophe (« Sainte-Anne d Auray »): ELISION takes it out of
    # the indexed texts, so as a word of its own it would match nothing.
    + "l d j m n s t c qu jusqu lorsqu puisqu".split()
)
# Ends the title's stems in a `search_text` written by titled(); never in a stem.
TITLE_END = "|"


def clean_query(raw):
    """The words of `raw` (a string, anything else counts as empty), cut to the longest query."""
    if not isinstance(raw, str):
        return ""
    return " ".join(QUERY_NOISE.sub(" ", raw[: conf.get("SEARCH_MAX_QUERY_LENGTH")]).split())


def fold(text):
    """`text` in lower case without accents or elisions ("L'Écoute" → "ecoute")."""
    text = ELISION.sub(" ", str(text).casefold())
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("æ", "ae"))
    # Accents go; any other sign outside a-z0-9 (•, ’, –) then separates words.
    return "".join(c for c in text if not unicodedata.combining(c))


def sort_key(*parts):
    """How names sort and file under a letter, on every database: without case or accents,
    "École" between "Ecole" and "Epide", under E (SQLite's LOWER() and ORDER BY know neither)."""
    text = " ".join(p for p in parts if p).casefold().replace("œ", "oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.split())[:255]


def stem(word):
    """The light French stem of one folded word (see the module's docstring)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux"):
        word = word[:-3] + "al"
    elif word.endswith(("x", "s")) and not word.endswith("ss"):
        word = word[:-1]
    for ending, masculine in FEMININE:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            word = word[: -len(ending)] + masculine
            break
    while word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stems(text):
    """The stems of the words of `text`, in order."""
    return [stem(word) for word in WORD.findall(fold(text))]


def normalise(*texts):
    """One string of the stems of `texts` (None and empty ones skipped), as stored in
    `search_text` columns and sent to Wagtail's search backend."""
    return " ".join(s for text in texts if text for s in stems(text))


def titled(titles, *texts):
    """A `search_text` whose title part (the stems of `titles`) comes before TITLE_END and the
    rest (the stems of `texts`) after it, for `relevance()`."""
    return f"{normalise(*titles)} {TITLE_END} {normalise(*texts)}"


def content_stems(text):
    """The stems of the words of `text` but its French function words (all of them when it has
    nothing else), in order: "Réunion du réseau" → reunion, reseau."""
    words = WORD.findall(fold(text))
    return [stem(word) for word in [w for w in words if w not in STOP_WORDS] or words]


def query_stems(raw):
    """The distinct content stems of a visitor's query (at most MAX_WORDS), in order; [] for
    garbage."""
    found = []
    for word in content_stems(clean_query(raw)):
        if word not in found:
            found.append(word)
    return found[:MAX_WORDS]


def shown_query(raw):
    """A visitor's query as it may be shown back: printable, on one line, cut to the longest."""
    if not isinstance(raw, str):
        return ""
    text = raw[: conf.get("SEARCH_MAX_QUERY_LENGTH")]
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def no_word_in(raw):
    """The French notice for a query typed with no word to search for ("!!!", "😀"), which is
    then not searched; "" for a query with words, or none."""
    typed = shown_query(raw)
    if not typed:
        # Only invisible characters (a NUL from a hand-made link): said, as other garbage is.
        invisible = isinstance(raw, str) and any(
            not c.isprintable() and not c.isspace() for c in raw
        )
        return (
            _("The search holds only invisible characters: nothing was searched.")
            if invisible
            else ""
        )
    if query_stems(typed):
        return ""
    return _("“%(query)s” holds no word to search for.") % {"query": typed[:100]}


def normalised_query(raw):
    """A visitor's query as Wagtail's search backend should receive it."""
    return " ".join(query_stems(raw))


def matching(words, *fields):
    """A condition true where every stem of `words` (from `query_stems`) is a substring of one of
    the normalised `fields` (default: "search_text"): "reso" finds "RésO Villes". One condition
    per word, whatever the number of rows."""
    condition = Q()
    for word in words:
        either = Q()
        for field in fields or ("search_text",):
            either |= Q(**{f"{field}__contains": word})
        condition &= either
    return condition


def refresh(rows, compute):
    """Write `compute(row)` into the `search_text` of each of `rows` (a queryset, with what
    `compute` reads joined or prefetched) in a few queries, saving nothing else: no revision,
    no signal; return the rows. Each app's `refresh` says what its texts read."""
    model = rows.model
    rows = list(rows)
    for row in rows:
        row.search_text = compute(row)
    model._default_manager.bulk_update(rows, ["search_text"], batch_size=500)
    return rows


def follow_terms(term, tagged, refresh, fields=("name",)):
    """Keep the texts that copy the name of a `term` (a model) when one is renamed or deleted:
    `tagged(instance)` gives the querysets of what it names, `refresh(queryset)` rewrites them.

    A save that says it changed none of `fields` (its update_fields) rewrites nothing. A deletion
    notes what the term names before it goes (pre_delete) and rewrites it after (post_delete),
    once its links are gone: a cascade sends no m2m_changed, and a SET_NULL no post_save."""
    uid = f"follow-terms-{term._meta.label}-{tagged.__module__}.{tagged.__qualname__}"

    def saved(sender, instance, created=False, update_fields=None, **kwargs):
        if created or (update_fields is not None and not set(fields) & set(update_fields)):
            return
        for rows in tagged(instance):
            refresh(rows)

    def deleting(sender, instance, **kwargs):
        noted = [(rows.model, list(rows.values_list("pk", flat=True))) for rows in tagged(instance)]
        instance.__dict__.setdefault("_search_tagged", {})[uid] = noted

    def deleted(sender, instance, **kwargs):
        for model, keys in instance.__dict__.get("_search_tagged", {}).pop(uid, []):
            if keys:
                refresh(model._default_manager.filter(pk__in=keys))

    post_save.connect(saved, sender=term, weak=False, dispatch_uid=uid)
    pre_delete.connect(deleting, sender=term, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=term, weak=False, dispatch_uid=uid)


def backend_query(raw):
    """A visitor's query for Wagtail's search backend: the page must hold every word as typed
    (what the backend always found, on pages outside the suite too) or every normalised word
    (in the suite pages' indexed `french_search_text`); None when no word is left."""
    from wagtail.search.query import Or, PlainText

    typed, normalised = clean_query(raw), normalised_query(raw)
    if not normalised:
        return None
    return Or([PlainText(typed, operator="and"), PlainText(normalised, operator="and")])


def relevance(words, *fields):
    """An SQL score of rows that match every stem of `words` (see `matching`) in `fields`
    (default: "search_text", written by `titled()`): 2 for each word found in the title part of
    one of them, 1 for a word found elsewhere only. Sort by it descending, then by the listing's
    usual order; one expression per word, in the listing's own query."""
    score = Value(0, output_field=IntegerField())
    for word in words:
        in_title = Q()
        for field in fields or ("search_text",):
            title = Substr(field, 1, StrIndex(field, Value(TITLE_END)))
            in_title |= Q(GreaterThan(StrIndex(title, Value(word)), 0))
        score += Case(When(in_title, then=Value(2)), default=Value(1), output_field=IntegerField())
    return score
