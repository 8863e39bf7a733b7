"""Many published fiches fast, for query-count tests and the bench (bulk inserts, no signals)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from fiches.models import FichePage
from fiches.search import refresh
from resource_centre.compat import PAGE_PTR
from resource_centre.models.pages import Page


def bulk_fiches(
    index, n, thematiques=(), territoires=(), publics=(), porteur_type=None, index_search=True
):
    """Create n published FichePages under index in a handful of queries; returns their ids."""
    index = Page.objects.get(pk=index.pk)
    last = index.get_last_child()
    start = int(last.path[-Page.steplen :], 36) if last else 0
    content_type = ContentType.objects.get_for_model(FichePage)
    now = timezone.now()
    base_slug = f"lot-{start}"
    pages = []
    for i in range(n):
        step = start + i + 1
        slug = f"{base_slug}-{i}"
        pages.append(
            Page(
                path=Page._get_path(index.path, index.depth + 1, step),
                depth=index.depth + 1,
                numchild=0,
                title=f"Action de quartier numéro {step}",
                draft_title=f"Action de quartier numéro {step}",
                slug=slug,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{index.url_path}{slug}/",
                first_published_at=now - datetime.timedelta(minutes=step),
                last_published_at=now - datetime.timedelta(minutes=step),
                locale_id=index.locale_id,
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    ids = list(
        Page.objects.filter(
            path__startswith=index.path, depth=index.depth + 1, slug__startswith=f"{base_slug}-"
        ).values_list("pk", flat=True)
    )
    fields = FichePage._meta.local_concrete_fields
    rows = []
    for pk in ids:
        obj = FichePage(
            **{f"{PAGE_PTR}_id": pk},
            chapo=f"Une action menée avec les habitants, numéro {pk}.",
            porteur_name="Centre social des Trois Cités",
            porteur_type=porteur_type,
            start_date=datetime.date(2020, 1, 1),
            ongoing=True,
            objectifs="<p>Mobiliser les habitants du quartier.</p>",
        )
        rows.append([f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields])
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FichePage._meta.db_table} ({columns}) VALUES ({marks})", rows
        )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + n)
    for name, terms in (
        ("thematiques", thematiques),
        ("territoires", territoires),
        ("publics", publics),
    ):
        through = getattr(FichePage, name).through
        fk = "fichepage_id"
        target = [f for f in through._meta.fields if f.name not in ("id", "fichepage")][0].attname
        through.objects.bulk_create(
            [through(**{fk: pk, target: term.pk}) for pk in ids for term in terms], batch_size=500
        )
    refresh(FichePage.objects.filter(pk__in=ids))
    if index_search:
        # Prefetched: the index reads each taxonomy several times per fiche.
        fiches = FichePage.objects.filter(pk__in=ids).prefetch_related(
            "thematiques", "territoires", "publics"
        )
        get_search_backend().add_bulk(FichePage, list(fiches))
    return ids
