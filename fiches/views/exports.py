"""Exports of the published fiches for the network of centres (CSV, XLSX, JSON): the fiches the
listing shows for the same query (filters and words), in its order, under the centre's licence."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from resource_centre.exports import Column, Export, centre_licence
from resource_centre.models import PublicVise, Territoire, Thematique

from ..exports import COLUMNS, centre_slug, fiche_record
from ..models.validations import validation_dates
from .index import filtered_fiches

EXPORT_COLUMNS = [Column(key, label, lambda record, key=key: record[key]) for key, label in COLUMNS]


def exported_fiches(queryset):
    """`queryset`, in its order, with what a record reads."""
    return (
        queryset.select_related("porteur_type")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("territoires", queryset=Territoire.objects.only("name", "code")),
            Prefetch("thematiques", queryset=Thematique.objects.only("name")),
            Prefetch("publics", queryset=PublicVise.objects.only("name")),
        )
    )


def listed(request, index_page):
    """The fiches of the listing for this request, in its order: (fiches, filterset)."""
    filterset, results, _words = filtered_fiches(request, index_page)
    return list(exported_fiches(results)), filterset


def _records(request, fiches):
    centre = centre_slug(request)
    dates = validation_dates(fiches)
    for fiche in fiches:
        fiche._validated_on = dates.get(fiche.pk)
        yield fiche_record(fiche, centre, request)


def export(request, index_page, fmt):
    fiches, filterset = listed(request, index_page)
    return Export(
        f"fiches-experiences-{timezone.localdate():%Y-%m-%d}",
        EXPORT_COLUMNS,
        list(_records(request, fiches)),
        title=_("Experience sheets"),
        items_key="fiches",
        licence=centre_licence(request),
        request=request,
        filterset=filterset,
        extra={"centre": centre_slug(request)},
    ).response(fmt)


def export_csv(request, index_page):
    return export(request, index_page, "csv")


def export_json(request, index_page):
    return export(request, index_page, "json")
