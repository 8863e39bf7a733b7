"""The filtered, paginated A–Z listings of structures and people."""

from django.template.response import TemplateResponse

from resource_centre.compat import get_page_model
from resource_centre.exports import centre_licence
from resource_centre.filters import querystring
from resource_centre.pagination import page_of

from .. import conf
from ..filters import LETTERS, PersonFilterSet, StructureFilterSet, membership_prefetch
from ..models import Person, Structure
from ..search import ranked, search_query


def filtered(kind, request):
    """The bound filterset of a listing and its ordered (the most relevant first when searching),
    prefetched results."""
    if kind == "structures":
        filterset = StructureFilterSet(
            request.GET or None, queryset=Structure.objects.all(), request=request
        )
        results = ranked(
            filterset, filterset.qs.select_related("type").prefetch_related("addresses")
        )
    else:
        filterset = PersonFilterSet(
            request.GET or None, queryset=Person.objects.all(), request=request
        )
        results = ranked(
            filterset, filterset.qs.select_related("metier").prefetch_related(membership_prefetch())
        )
    return filterset, results


def _query_without(request, *names):
    """The query without `names`, ready to take one more parameter ("a=1&" or "")."""
    encoded = querystring(request, drop=names)
    return encoded + "&" if encoded else ""


def _reseau_pages(filterset):
    """The agenda pages of the réseaux filtered on (one query, only when some are selected)."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return []
    selected = filterset.form.cleaned_data.get("reseau")
    if not selected:
        return []
    linked = [r.agenda_page_id for r in selected if r.agenda_page_id]
    return list(get_page_model().objects.live().filter(pk__in=linked)) if linked else []


def listing(page, request, kind):
    filterset, results = filtered(kind, request)
    filterset.add_counts_to_options()
    page_obj = page_of(
        results,
        request.GET.get("page"),
        conf.get("ANNUAIRE_PER_PAGE"),
        count=filterset.listed_count,
    )
    context = page.get_context(request)
    context.update(
        {
            "reseau_pages": _reseau_pages(filterset),
            "kind": kind,
            "filter": filterset,
            "page_obj": page_obj,
            "entries": page_obj.object_list,
            # The words found are marked in the names and excerpts.
            "search_query": search_query(filterset),
            "querystring_without_page": _query_without(request, "page"),
            "querystring_without_letter": _query_without(request, "page", "lettre"),
            "current_query": _query_without(request, "page").rstrip("&"),
            "letters": [letter for letter, _label in LETTERS],
            "current_letter": request.GET.get("lettre", ""),
            "structures_url": page.url,
            "people_url": page.url + page.reverse_subpage("people"),
            "map_enabled": bool(conf.get("ANNUAIRE_MAP_TILES_URL")),
            # The structures are open data; the people's contacts are not.
            "export_licence": centre_licence(request) if kind == "structures" else None,
        }
    )
    return TemplateResponse(request, "annuaire/annuaire_index_page.html", context)
