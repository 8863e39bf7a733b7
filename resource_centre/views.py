"""Public views of the core: site-wide search and the legal notice."""

from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Site, get_page_models

from . import conf
from .layout import base_template
from .models import CentreSettings
from .models.pages import Page, SuitePage
from .pagination import get_page
from .search import backend_query, clean_query, no_word_in, query_stems, shown_query
from .search_sections import site_sections


def searchable_page_types():
    """The suite's page types, as {"app_label.modelname": model}, for the type filter."""
    return {
        model._meta.label_lower: model
        for model in get_page_models()
        if issubclass(model, SuitePage) and not model._meta.abstract
    }


def search(request):
    query = clean_query(request.GET.get("q", ""))
    types = searchable_page_types()
    wanted_type = request.GET.get("type", "")
    # Said under the form, as the listings say what they ignored.
    problems = []
    if wanted_type and wanted_type not in types:
        problems.append(_("The content type you asked for does not exist; it was ignored."))
        wanted_type = ""

    results_page = None
    sections = []
    typed = query
    notice = no_word_in(request.GET.get("q"))
    if notice:
        problems.append(notice)
        typed, query = shown_query(request.GET.get("q")), ""  # only signs: nothing is searched
    if query:
        site = Site.find_for_request(request)
        # Structures, people and upcoming events, from the apps installed (search_sections.py).
        sections = site_sections(request, site, query, query_stems(query), wanted_type)
        pages = Page.objects.live().public()
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        if wanted_type:
            pages = pages.type(types[wanted_type])
        results = pages.search(backend_query(query))
        count = results.count()  # without the ranking's cost
        if connection.vendor == "sqlite" and count > conf.get("SEARCH_RELEVANCE_LIMIT"):
            # SQLite ranks with one full-text query per match: a common word took seconds.
            results = pages.order_by("-last_published_at", "-id").search(
                backend_query(query), order_by_relevance=False
            )
        paginator = Paginator(results, conf.get("SEARCH_RESULTS_PER_PAGE"))
        paginator.count = count  # already counted: spare the query
        results_page = get_page(paginator, request.GET.get("page"))
        # One query per page type on this page of results, whatever the number of results.
        specific = {
            p.pk: p
            for p in Page.objects.filter(pk__in=[p.pk for p in results_page.object_list]).specific()
        }
        results_page.object_list = [
            specific[p.pk] for p in results_page.object_list if p.pk in specific
        ]

    return render(
        request,
        "resource_centre/search.html",
        {
            "base_template": base_template(),
            "search_query": query,
            "typed_query": typed,
            "problems": problems,
            "results": results_page,
            "page_types": sorted(
                (
                    (label, model._meta.verbose_name_plural)
                    for label, model in types.items()
                    if model.offered_as_search_type
                ),
                key=lambda item: str(item[1]),
            ),
            "selected_type": wanted_type,
            "sections": sections,
            # Every entry the page lists, pages and sections together, for the line that counts.
            "total": (results_page.paginator.count if results_page else 0)
            + sum(section.count for section in sections),
        },
    )


def legal_notice(request):
    site = Site.find_for_request(request)
    centre = CentreSettings.for_site(site) if site else None
    return render(
        request,
        "resource_centre/legal_notice.html",
        {
            "base_template": base_template(),
            "centre": centre,
        },
    )
