"""The annuaire's sections of the site search: structures and people whose public text holds
the visitor's words (never a person's own contact): two queries a section, beside the one lookup
of the annuaire's index page that both share."""

from django.utils.translation import gettext as _

from resource_centre.search import matching
from resource_centre.search_sections import (
    SECTION_SIZE,
    SearchItem,
    SearchSection,
    live_index,
    more_url,
)

from .models import AnnuaireIndexPage, Person, Structure


def _section(title, queryset, words, url, item):
    found = queryset.filter(matching(words)).order_by("sort_name", "pk")
    count = found.count()
    items = [item(entry) for entry in found[:SECTION_SIZE]] if count else []
    return SearchSection(title=title, count=count, more_url=url, items=items)


def structure_section(request, site, query, words):
    index = live_index(request, AnnuaireIndexPage, site)
    if index is None:
        return None
    return _section(
        _("Structures in the directory"),
        Structure.objects.select_related("type"),
        words,
        more_url(index.url, query),
        lambda s: SearchItem(str(s), index.structure_url(s), str(s.type) if s.type_id else ""),
    )


def person_section(request, site, query, words):
    index = live_index(request, AnnuaireIndexPage, site)
    if index is None:
        return None
    return _section(
        _("People in the directory"),
        Person.objects.select_related("metier"),
        words,
        more_url(index.url + index.reverse_subpage("people"), query),
        lambda p: SearchItem(str(p), index.person_url(p), p.fonction or str(p.metier or "")),
    )
