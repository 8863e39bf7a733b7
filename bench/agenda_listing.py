"""Benchmark of the agenda listings: 10,000 events with 40,000 séances.

Prints, for the agenda (unfiltered, filtered, searched by keyword: ranked and highlighted), the
month view and the full iCal feed, the median render time and the query count, each beside a bare
Django view that renders the same rows from a single query (the practical floor; served at
/bare/ through the same middleware and URL routing as the pages, as in the other benchmarks),
and the ratio between them (target: the listing within 3× its bare view). Each page and its bare
view are run in turns. A content page of the same site, which renders the layout and no listing,
is measured beside the same bare view: the floor of any page of the site (Wagtail's routing, the
menu, the centre's settings). The site's menu and the agenda's filter block are kept until what
they show changes (resource_centre/generations.py): one case is the first visit after a change.

Run, on a SQLite file (kept and reused with --db):

    .venv/bin/python bench/agenda_listing.py [--events 10000] [--runs 15] [--db file]

and on PostgreSQL with `--postgres`: the server of DATABASE_URL, or of
postgres://rc:rc@127.0.0.1:5432/postgres when it is not set, in a database `bench_agenda` that the
script creates and drops (bench/database.py).
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agenda_settings")

import database  # noqa: E402

database.choose()


def setup_django(db_path):
    import django
    from django.conf import settings

    if not database.is_postgres():
        settings.DATABASES["default"]["NAME"] = str(db_path)
    django.setup()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


def populate(events):
    from django.core.management import call_command

    if database.is_postgres():
        database.create()  # migrated
    else:
        call_command("migrate", verbosity=0)
    from agenda.models import EventFormat, EventPage, Venue
    from demo.content import core
    from resource_centre.models import Territoire, Thematique
    from tests.agenda.factories import agenda_index, bulk_events

    home = core.load()
    index = agenda_index(home)
    formats = [
        EventFormat.objects.get_or_create(name=n)[0]
        for n in ("Atelier", "Réunion de réseau", "Cooper'Villes", "Petit-déjeuner", "Formation")
    ]
    cities = ["Rennes", "Nantes", "Brest", "Lorient", "Quimper", "Angers", "Sarcelles", "Cergy"]
    venues = [Venue.objects.get_or_create(name=f"Salle {c}", city=c)[0] for c in cities]
    themes = list(Thematique.objects.all()[:3])
    start = datetime.date.today() - datetime.timedelta(days=120)
    created = []
    step = 2000
    for offset in range(0, events, step):
        created += bulk_events(
            index,
            min(step, events - offset),
            seances_per_event=4,
            start=start,
            formats=formats,
            venues=venues,
            thematiques=themes[offset // step % len(themes) :][:1],
        )
    rennes = Territoire.objects.get(kind="commune", code="35238")
    through = EventPage.territoires.through
    through.objects.bulk_create(
        [through(eventpage_id=p.pk, territoire=rennes) for p in created[::3]], batch_size=2000
    )
    database.analyse()
    return index


BARE_TEMPLATE = (
    "<ol>{% for s in rows %}<li>{{ s.date|date:'l j F Y' }} {{ s.start_time|time:'H:i' }} "
    "<a href='{{ s.event.url_path }}'>{{ s.event.title }}</a> {{ s.event.format.name }} "
    "{{ s.venue.city }} {{ s.get_status_display }}</li>{% endfor %}</ol>"
)


def _bare_rows():
    from agenda.models import Seance

    return Seance.objects.select_related("event", "event__format", "venue")


def bare_listing(request):
    """The next 20 séances (of a format's slug and a city, when given), from one query, with a
    minimal template: served at /bare/ through the same middleware as the pages, as in the other
    benchmarks."""
    from django.http import HttpResponse
    from django.template import engines
    from django.utils import timezone

    filters = {}
    if "format" in request.GET:
        filters["event__format__slug"] = request.GET["format"]
    if "ville" in request.GET:
        filters["venue__city"] = request.GET["ville"]
    rows = (
        _bare_rows()
        .filter(day__gte=timezone.localdate(), **filters)
        .order_by("day", "start_time", "pk")[:20]
    )
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"rows": list(rows)}))


def bare_month(request):
    from django.http import HttpResponse
    from django.template import engines
    from django.utils import timezone

    today = timezone.localdate()
    rows = _bare_rows().filter(day__year=today.year, day__month=today.month).order_by("day")
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"rows": list(rows)}))


def bare_ical(request):
    from django.http import HttpResponse
    from django.utils import timezone

    since = timezone.localdate() - datetime.timedelta(days=92)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for s in _bare_rows().filter(day__gte=since).order_by("day", "start_time", "pk")[:1000]:
        lines += [
            "BEGIN:VEVENT",
            f"UID:agenda-seance-{s.pk}",
            f"DTSTART:{s.date:%Y%m%d}",
            f"SUMMARY:{s.event.title}",
            f"LOCATION:{s.venue.city}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return HttpResponse("\r\n".join(lines), content_type="text/calendar")


def measure(func, baseline, runs, prepare=None):
    """(median ms, queries) of `func` and of `baseline`, run in turns so that both meet the
    machine in the same state: on a shared machine the bare view alone, measured after the page,
    varied from 13 to 31 ms within one run. `prepare()`, untimed, before each run of `func`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prepare = prepare or (lambda: None)
    prepare()
    func()  # warm up
    baseline()
    times = {func: [], baseline: []}
    for _ in range(runs):
        prepare()
        for timed in (func, baseline):
            start = time.perf_counter()
            timed()
            times[timed].append((time.perf_counter() - start) * 1000)
    counts = []
    for timed in (func, baseline):
        prepare()
        with CaptureQueriesContext(connection) as context:
            timed()
        counts.append(len(context.captured_queries))
    return statistics.median(times[func]), counts[0], statistics.median(times[baseline]), counts[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", help="SQLite file to keep (reused when it exists)")
    parser.add_argument("--skip-ical", action="store_true", help="skip the (slow) full feed")
    database.add_argument(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(args.db) if args.db else Path(tmp) / "bench.sqlite3"
        reuse = db_path.exists() and not database.is_postgres()
        setup_django(db_path)
        from django.test import Client

        t0 = time.perf_counter()
        if not reuse:
            populate(args.events)
        from agenda.models import Seance

        print(
            f"{args.events} events, {Seance.objects.count()} séances created in "
            f"{time.perf_counter() - t0:.1f} s on {database.describe()}"
        )
        client = Client()
        today = datetime.date.today()
        from resource_centre import generations
        from resource_centre.models import Territoire

        bretagne = Territoire.objects.get(kind="region", code="53").pk

        def page(url):
            def get():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            return get

        cases = [
            ("content page, layout only", page("/le-centre/"), page("/bare/"), args.runs),
            ("agenda, unfiltered", page("/agenda/"), page("/bare/"), args.runs),
            (
                "agenda, first visit after a change",
                page("/agenda/"),
                page("/bare/"),
                args.runs,
                lambda: generations.bump_all(),
            ),
            (
                "agenda, filtered (format)",
                page("/agenda/?format=atelier"),
                page("/bare/?format=atelier"),
                args.runs,
            ),
            (
                "agenda, filtered (format+ville+mois)",
                page("/agenda/?format=atelier&ville=Rennes&periode=mois"),
                page("/bare/?format=atelier&ville=Rennes"),
                args.runs,
            ),
            (
                "agenda, filtered (territoire Bretagne)",
                page(f"/agenda/?territoire={bretagne}"),
                page("/bare/"),
                args.runs,
            ),
            (
                "agenda, keyword « atelier »",
                page("/agenda/?q=atelier"),
                page("/bare/"),
                args.runs,
            ),
            (
                "agenda, keyword « événements 12 »",
                page("/agenda/?q=%C3%A9v%C3%A9nements+12"),
                page("/bare/"),
                args.runs,
            ),
            ("month view", page(f"/agenda/mois/{today:%Y-%m}/"), page("/bare/mois/"), args.runs),
            ("full iCal feed", page("/agenda/ical/"), page("/bare/ical/"), 3),
        ]
        print(
            f"{'view':42} {'median ms':>10} {'queries':>8} {'bare ms':>9} {'bare q':>7} "
            f"{'ratio':>6}"
        )
        if args.skip_ical:
            cases = cases[:-1]
        try:
            for name, func, baseline, runs, *prepare in cases:
                ms, queries, bare_ms, bare_queries = measure(func, baseline, runs, *prepare)
                print(
                    f"{name:42} {ms:10.1f} {queries:8d} {bare_ms:9.1f} {bare_queries:7d} "
                    f"{ms / bare_ms:6.1f}"
                )
        finally:
            database.drop()


if __name__ == "__main__":
    main()
