"""CSV and JSON exports of the published fiches, for the network of centres."""

from django.db.models import Prefetch
from django.http import JsonResponse

from resource_centre.exports import csv_response
from resource_centre.models import PublicVise, Territoire, Thematique

from ..exports import COLUMNS, centre_slug, csv_cell, fiche_record
from ..models.validations import validation_dates


def exported_fiches(index_page):
    return (
        index_page.fiches()
        .select_related("porteur_type")
        .prefetch_related(
            Prefetch("territoires", queryset=Territoire.objects.only("name", "code")),
            Prefetch("thematiques", queryset=Thematique.objects.only("name")),
            Prefetch("publics", queryset=PublicVise.objects.only("name")),
        )
        .order_by("-first_published_at", "-pk")
    )


def _records(request, index_page):
    centre = centre_slug(request)
    fiches = list(exported_fiches(index_page))
    dates = validation_dates(fiches)
    for fiche in fiches:
        fiche._validated_on = dates.get(fiche.pk)
        yield fiche_record(fiche, centre, request)


def export_csv(request, index_page):
    records = list(_records(request, index_page))
    rows = ([csv_cell(record[column]) for column in COLUMNS] for record in records)
    return csv_response("fiches-experiences.csv", COLUMNS, rows)


def export_json(request, index_page):
    records = list(_records(request, index_page))
    response = JsonResponse(
        {"centre": centre_slug(request), "count": len(records), "fiches": records},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = 'inline; filename="fiches-experiences.json"'
    return response
