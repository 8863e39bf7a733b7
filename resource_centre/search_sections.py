"""What the site search shows beside pages: entries of the suite's apps that are not pages
(the annuaire's structures and people, the agenda's upcoming séances).

An app adds a section with the Wagtail hook ``resource_centre_site_search``: a function
``(request, site, query, words) -> SearchSection or None``, where `query` is what the visitor
typed (cleaned) and `words` its normalised stems (resource_centre/search.py). Each section shows its first few matches and links to the
app's own listing with the same words, in a fixed number of queries. A hook marked
`section_of(page_type)` keeps its section when the search is narrowed to that page type; the
others are not run then.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from wagtail import hooks

HOOK = "resource_centre_site_search"
# Matches shown per section; the section links to the app's listing for all of them.
SECTION_SIZE = 5


@dataclass
class SearchItem:
    title: str
    url: str
    detail: str = ""


@dataclass
class SearchSection:
    title: str
    count: int
    more_url: str
    items: list = field(default_factory=list)


def section_of(page_type):
    """Marks a section's hook as listing the entries of `page_type` ("app_label.modelname"): a
    search narrowed to that type keeps the section (the agenda's séances are its events); a
    search narrowed to another type, or a hook left unmarked, is not run."""

    def mark(hook):
        hook.page_type = page_type
        return hook

    return mark


def live_index(request, model, site):
    """The first live, public `model` page of `site`, or None: looked up once per request,
    however many sections ask (the annuaire has two)."""
    found = request.__dict__.setdefault("_resource_centre_live_indexes", {})
    key = (model, site.pk if site is not None else None)
    if key not in found:
        pages = model.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        found[key] = pages.order_by("path").first()
    return found[key]


def more_url(url, query):
    """`url` of an app's listing with the visitor's words in its keyword box."""
    return f"{url}?{urlencode({'q': query})}"


def site_sections(request, site, query, words, page_type=""):
    """The non-empty sections of every installed app, in the order of the hooks; only those of
    `page_type` when the search is narrowed to one."""
    sections = []
    for section_for in hooks.get_hooks(HOOK):
        if page_type and getattr(section_for, "page_type", "") != page_type:
            continue
        section = section_for(request, site, query, words)
        if section is not None and section.count:
            sections.append(section)
    return sections
