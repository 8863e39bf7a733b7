"""The fiches index: published fiches, newest first, filtered, searched and paginated."""

from django.db.models import Prefetch
from django.template.response import TemplateResponse

from resource_centre.exports import centre_licence
from resource_centre.filters import querystring
from resource_centre.models import Territoire, Thematique
from resource_centre.pagination import page_of
from resource_centre.search import matching, query_stems, relevance

from .. import conf
from ..filters import FicheFilterSet


def listed_fiches(queryset):
    """What a row of the list shows, in a fixed number of queries."""
    return queryset.select_related("porteur_type", "image").prefetch_related(
        Prefetch("thematiques", queryset=Thematique.objects.only("name", "slug")),
        Prefetch("territoires", queryset=Territoire.objects.only("name", "code", "kind")),
    )


def filtered_fiches(request, index_page):
    """(filterset, results, words): results is a queryset, newest first, or, when words are
    given, the fiches holding them all, those with them in their title first."""
    filterset = FicheFilterSet(request.GET or None, queryset=index_page.fiches(), request=request)
    filtered = listed_fiches(filterset.qs)
    words = filterset.search_query if filterset.is_bound else ""
    # Accents, case and plurals do not matter (resource_centre/search.py).
    stems = query_stems(words)
    if not stems:
        return filterset, filtered.order_by("-first_published_at", "-pk"), ""
    results = (
        filtered.filter(matching(stems))
        .annotate(search_rank=relevance(stems))
        .order_by("-search_rank", "-first_published_at", "-pk")
    )
    return filterset, results, words


def fiche_index(request, index_page):
    filterset, results, words = filtered_fiches(request, index_page)
    page_obj = page_of(results, request.GET.get("page"), conf.get("FICHES_PER_PAGE"))
    query = request.GET.copy()
    query.pop("page", None)
    # The exports take the listing's own query: they hold what the visitor sees.
    export_query = querystring(request)
    export_suffix = f"?{export_query}" if export_query else ""
    links = {
        name: index_page.url + index_page.reverse_subpage(name)
        for name in ("export_csv", "export_xlsx", "export_json", "feed_rss", "feed_atom")
    }
    for name in ("export_csv", "export_xlsx", "export_json"):
        links[name] += export_suffix
    context = index_page.get_context(request)
    context.update(
        {
            "filter": filterset,
            "page_obj": page_obj,
            "fiches": list(page_obj.object_list),
            "search_query": words,
            "links": links,
            "export_licence": centre_licence(request),
            "querystring_without_page": query.urlencode() + "&" if query else "",
        }
    )
    return TemplateResponse(request, "fiches/fiche_index_page.html", context)
