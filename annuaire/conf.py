"""Settings of the annuaire with their defaults, read at call time.

Override any of them in the host's ``RESOURCE_CENTRE`` dict, e.g.
``RESOURCE_CENTRE = {"ANNUAIRE_FRESHNESS_DAYS": 180}``.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy

DEFAULTS = {
    # Entries per page of the annuaire listing.
    "ANNUAIRE_PER_PAGE": 20,
    # An entry not verified for this many days is listed for review.
    "ANNUAIRE_FRESHNESS_DAYS": 365,
    # A verification request is not sent again to the same entry within this many days.
    "ANNUAIRE_VERIFICATION_RESEND_DAYS": 30,
    # "Send me a link" requests accepted from one connection per hour.
    "ANNUAIRE_LINK_REQUESTS_PER_HOUR": 5,
    # How long a self-service link (update or removal) stays valid, in seconds.
    "ANNUAIRE_LINK_MAX_AGE": 7 * 24 * 3600,
    # Largest file the importer reads, in bytes.
    "ANNUAIRE_IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    # Files with more rows than this are imported in the background, with their progress shown.
    "ANNUAIRE_IMPORT_BACKGROUND_ROWS": 2000,
    # Tile server of the map of structures ({z}, {x}, {y} are replaced by Leaflet); set it to ""
    # to hide the map. Check the tile server's usage policy for a public site.
    "ANNUAIRE_MAP_TILES_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "ANNUAIRE_MAP_ATTRIBUTION": gettext_lazy("© OpenStreetMap contributors"),
    # Most markers drawn on the map, and most structures listed under it as without a location
    # (the list stays the complete way in).
    "ANNUAIRE_MAP_MAX_MARKERS": 5000,
    # Geocoder that gives imported addresses their position: the Base Adresse Nationale's CSV
    # service, or any service answering the same way (a self-hosted addok, the IGN Géoplateforme's
    # https://data.geopf.fr/geocodage/search/csv). Set it to "" to import without positions.
    "ANNUAIRE_GEOCODER_URL": "https://api-adresse.data.gouv.fr/search/csv/",
    # Below this score (0 to 1) a geocoder's match is too unsure to place a structure.
    "ANNUAIRE_GEOCODER_MIN_SCORE": 0.5,
    # Most rows the importer reads in one file.
    "ANNUAIRE_IMPORT_MAX_ROWS": 50_000,
    # Largest size an XLSX workbook (a zip) may unpack to, in bytes: a small file that unpacks
    # to gigabytes (a decompression bomb) is refused before it is unpacked.
    "ANNUAIRE_IMPORT_MAX_UNPACKED_BYTES": 64 * 1024 * 1024,
    # Columns read in an XLSX row; cells further right are ignored.
    "ANNUAIRE_IMPORT_MAX_COLUMNS": 64,
}


def get(name):
    if name not in DEFAULTS:
        raise KeyError(f"Unknown annuaire setting: {name}")
    return getattr(settings, "RESOURCE_CENTRE", {}).get(name, DEFAULTS[name])
