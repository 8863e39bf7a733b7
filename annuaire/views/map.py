"""Map of the filtered structures (Leaflet and Leaflet.markercluster, vendored; the tile server
is a setting).

Every structure of the listing is either on the map or in the "without a location" list under
it, so the two add up to the listing's count. Markers sharing a position are clustered by
Leaflet.markercluster, which spreads them out ("spiderfies") on click. The list stays the main
way in: the map page repeats the filters and lists the structures it shows, so that nothing is
reachable only by pointing at a marker. A fixed number of queries, whatever the number of
structures.
"""

from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from .. import conf
from ..models import Address
from .listing import _query_without, filtered


def _markers(base_url, structure_ids, limit):
    """The located addresses of the structures (one query), at most `limit` + 1."""
    rows = (
        Address.objects.filter(
            structure__in=structure_ids, latitude__isnull=False, longitude__isnull=False
        )
        .order_by("structure__sort_name", "structure_id", "sort_order", "pk")
        .values("structure_id", "structure__name", "city", "latitude", "longitude")[: limit + 1]
    )
    return [
        {
            "id": row["structure_id"],
            "name": row["structure__name"],
            "city": row["city"],
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
            "url": f"{base_url}structure/{row['structure_id']}/",
        }
        for row in rows
    ]


def map_view(page, request):
    filterset, results = filtered("structures", request)
    filterset.add_counts_to_options()
    limit = conf.get("ANNUAIRE_MAP_MAX_MARKERS")
    structure_ids = results.order_by().values("pk")
    base_url = page.url  # computed once: a page's url is worked out anew at each read
    markers = _markers(base_url, structure_ids, limit)
    located = Address.objects.filter(latitude__isnull=False, longitude__isnull=False)
    # The listing's structures with no located address, in its order, with their first address's
    # city: plain rows from one query (thousands of them render fast).
    unlocated = results.exclude(pk__in=located.values("structure_id")).prefetch_related(None)
    unlocated_count = unlocated.count()
    first_city = Address.objects.filter(structure=OuterRef("pk")).order_by("sort_order", "pk")
    unlocated_rows = unlocated.values("pk", "name").annotate(
        city=Subquery(first_city.values("city")[:1])
    )
    markers, truncated = markers[:limit], len(markers) > limit
    context = page.get_context(request)
    context.update(
        {
            "kind": "structures",
            "filter": filterset,
            "markers": markers,
            "located_count": len({m["id"] for m in markers}),
            "truncated": truncated,
            # Thousands of list items: joined here, ten times faster than a template loop.
            "marker_items": format_html_join(
                "",
                '<li><a href="{}">{}</a> — {}</li>',
                ((m["url"], m["name"], m["city"]) for m in markers),
            ),
            "unlocated_items": format_html_join(
                "",
                '<li><a href="{}structure/{}/">{}</a>{}</li>',
                (
                    (base_url, row["pk"], row["name"], f" — {row['city']}" if row["city"] else "")
                    for row in unlocated_rows[:limit]
                ),
            ),
            "unlocated_count": unlocated_count,
            "unlocated_truncated": unlocated_count > limit,
            "tiles_url": conf.get("ANNUAIRE_MAP_TILES_URL"),
            "map_config": {
                "tiles": conf.get("ANNUAIRE_MAP_TILES_URL"),
                "attribution": conf.get("ANNUAIRE_MAP_ATTRIBUTION"),
                # Leaflet's own controls speak English: give them their French words.
                "zoomIn": _("Zoom in"),
                "zoomOut": _("Zoom out"),
                "leafletTitle": _("A JavaScript library for interactive maps"),
                "closePopup": _("Close this box"),
                # The name of a cluster's button; {count} is replaced by its number of markers.
                "cluster": _("{count} structures at this place or nearby: show them"),
            },
            "list_url": base_url,
            "current_query": _query_without(request, "page").rstrip("&"),
        }
    )
    return TemplateResponse(request, "annuaire/map.html", context)
