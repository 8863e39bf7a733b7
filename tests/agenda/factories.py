"""Fast creation of many published events (used by the query-count tests and the bench).

Wagtail pages cannot be bulk-created through the ORM (multi-table inheritance), so the page rows
are bulk-inserted with their tree paths computed, then the EventPage rows with a raw insert.
"""

import datetime
import itertools

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from agenda.models import AgendaIndexPage, EventFormat, EventPage, Seance, Venue
from resource_centre.compat import PAGE_PTR
from resource_centre.models.pages import Page
from resource_centre.search import titled


def agenda_index(home):
    index = AgendaIndexPage.objects.first()
    if index is None:
        index = AgendaIndexPage(title="Agenda", slug="agenda")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def bulk_events(
    index,
    count,
    seances_per_event=1,
    start=None,
    formats=None,
    venues=None,
    thematiques=(),
    day_step=1,
    batch=2000,
):
    """Create `count` live events under `index`, each with `seances_per_event` séances."""
    index.refresh_from_db()
    start = start or timezone.localdate()
    formats = formats or [EventFormat.objects.get_or_create(name="Atelier")[0]]
    venues = venues or [
        Venue.objects.get_or_create(name="Salle", city="Rennes", defaults={"postcode": "35000"})[0]
    ]
    content_type = ContentType.objects.get_for_model(EventPage)
    now = timezone.now()
    first_step = index.numchild + 1
    pages = []
    for i in range(count):
        slug = f"evenement-{first_step + i}"
        pages.append(
            Page(
                path=Page._get_path(index.path, index.depth + 1, first_step + i),
                depth=index.depth + 1,
                numchild=0,
                title=f"Événement {first_step + i}",
                draft_title=f"Événement {first_step + i}",
                slug=slug,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=index.locale_id,
            )
        )
    created = []
    for chunk in _chunks(pages, batch):
        created += Page.objects.bulk_create(chunk)
    fmt_cycle = itertools.cycle(formats)
    events = []
    for page in created:
        fmt = next(fmt_cycle)
        chapo = f"Chapô de {page.title}"
        events.append(
            EventPage(
                **{f"{PAGE_PTR}_id": page.pk},
                format=fmt,
                chapo=chapo,
                body=[],
                # What EventPage.save() would compute (the raw insert skips it).
                search_text=titled([page.title], chapo, fmt.name, *(t.name for t in thematiques)),
            )
        )
    fields = EventPage._meta.local_concrete_fields
    for chunk in _chunks(events, batch):
        EventPage._base_manager._insert(chunk, fields=fields, raw=True, using=connection.alias)
    venue_cycle = itertools.cycle(venues)
    seances = []
    for n, page in enumerate(created):
        for k in range(seances_per_event):
            seances.append(
                Seance(
                    event_id=page.pk,
                    date=start + datetime.timedelta(days=(n * day_step + k * 30) % 365),
                    start_time=datetime.time(9, 30),
                    end_time=datetime.time(12, 30),
                    venue=next(venue_cycle),
                    sort_order=k,
                )
            )
    Seance.objects.bulk_create(seances, batch_size=batch)
    if thematiques:
        through = EventPage.thematiques.through
        through.objects.bulk_create(
            [through(eventpage_id=p.pk, thematique=t) for p in created for t in thematiques],
            batch_size=batch,
        )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    index.refresh_from_db()
    return created


def _chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def make_event(index, title, seances, fmt="Atelier", **fields):
    """One event created as an editor would (a revision, then published), with its séances."""
    event = EventPage(
        title=title,
        format=EventFormat.objects.get_or_create(name=fmt)[0],
        **{k: v for k, v in fields.items() if k not in ("thematiques", "publics", "territoires")},
    )
    for name in ("thematiques", "publics", "territoires"):
        if name in fields:
            setattr(event, name, fields[name])
    event.seances = [Seance(sort_order=i, **data) for i, data in enumerate(seances)]
    index.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)
