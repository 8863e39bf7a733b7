"""The fiches index: published fiches, newest first, filtered, searched and paginated."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.template.response import TemplateResponse

from resource_centre.exports import centre_licence
from resource_centre.filters import querystring
from resource_centre.models import Territoire, Thematique
from resource_centre.search import backend_query

from .. import conf
from ..filters import FicheFilterSet
from ..models import FichePage


def listed_fiches(queryset):
    """What a row of the list shows, in a fixed number of queries."""
    return queryset.select_related("porteur_type", "image").prefetch_related(
        Prefetch("thematiques", queryset=Thematique.objects.only("name", "slug")),
        Prefetch("territoires", queryset=Territoire.objects.only("name", "code", "kind")),
    )


def filtered_fiches(request, index_page):
    """(filterset, results, words, count): results is a queryset, or Wagtail search results when
    words are given; count is their number when already known."""
    base = index_page.fiches()
    filterset = FicheFilterSet(request.GET or None, queryset=base, request=request)
    filtered = filterset.qs
    words = filterset.search_query if filterset.is_bound else ""
    newest = listed_fiches(filtered).order_by("-first_published_at", "-pk")
    if not words:
        return filterset, newest, words, None
    matching = listed_fiches(FichePage.objects.live().filter(pk__in=filtered.values("pk")))
    # Accents, case and plurals do not matter (resource_centre/search.py).
    query = backend_query(words)
    if query is None:
        return filterset, newest, "", None
    results = matching.order_by("-first_published_at", "-id").search(
        query, order_by_relevance=False
    )
    count = results.count()
    if count <= conf.get("FICHES_SEARCH_RELEVANCE_LIMIT"):
        results = matching.search(query)
    return filterset, results, words, count


def paginate(request, results, count=None):
    paginator = Paginator(results, conf.get("FICHES_PER_PAGE"))
    if count is not None:
        paginator.__dict__["count"] = count  # already counted: spare the query
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def fiche_index(request, index_page):
    filterset, results, words, count = filtered_fiches(request, index_page)
    page_obj = paginate(request, results, count)
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
