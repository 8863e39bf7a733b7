"""Map of the filtered structures (Leaflet, vendored; the tile server is a setting).

The list stays the main way in: the map page repeats the filters, and lists the structures it
shows, so that nothing is reachable only by pointing at a marker. Two queries for the markers,
whatever the number of structures.
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import conf
from ..models import Address
from .listing import _query_without, filtered


def map_view(page, request):
    filterset, results = filtered("structures", request)
    filterset.add_counts_to_options()
    limit = conf.get("ANNUAIRE_MAP_MAX_MARKERS")
    addresses = (
        Address.objects.filter(
            structure__in=results.order_by().values("pk"),
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .order_by("structure__name", "pk")
        .values("structure_id", "structure__name", "city", "latitude", "longitude")[: limit + 1]
    )
    rows = list(addresses)
    markers = [
        {
            "name": row["structure__name"],
            "city": row["city"],
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
            "url": f"{page.url}structure/{row['structure_id']}/",
        }
        for row in rows[:limit]
    ]
    context = page.get_context(request)
    context.update(
        {
            "kind": "structures",
            "filter": filterset,
            "markers": markers,
            "truncated": len(rows) > limit,
            "tiles_url": conf.get("ANNUAIRE_MAP_TILES_URL"),
            "map_config": {
                "tiles": conf.get("ANNUAIRE_MAP_TILES_URL"),
                "attribution": conf.get("ANNUAIRE_MAP_ATTRIBUTION"),
                # Leaflet's own controls speak English: give them their French words.
                "zoomIn": _("Zoom in"),
                "zoomOut": _("Zoom out"),
                "leafletTitle": _("A JavaScript library for interactive maps"),
            },
            "list_url": page.url,
            "current_query": _query_without(request, "page").rstrip("&"),
        }
    )
    return TemplateResponse(request, "annuaire/map.html", context)
