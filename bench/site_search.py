"""Benchmark of the site search over every app: 5,000 fiches, 2,000 structures, 10,000 people
and 2,000 upcoming events (8,000 séances) beside the demo's content. Prints the median render
time and query count of the search page (pages ranked by relevance, plus the sections of the
annuaire's structures and people and of the upcoming séances) for a word in one fiche, a word
in every fiche, a person's name and an event's word (target < 100 ms), beside a bare Django view
rendering ten page titles from one query, and the ratio to it.

Run, on an in-memory SQLite database:

    .venv/bin/python bench/site_search.py [--fiches 5000] [--people 10000] [--runs 20]

and on PostgreSQL with `--postgres`: the server of DATABASE_URL, or of
postgres://rc:rc@127.0.0.1:5432/postgres when it is not set, in a database `bench_site_search`
that the script creates and drops (bench/database.py).
"""

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "site_search_settings"

import database  # noqa: E402

database.choose()

BARE_TEMPLATE = """<ol>{% for p in pages %}<li><a href="{{ p.url_path }}">{{ p.title }}</a></li>
{% endfor %}</ol>"""


def bare_view(request):
    from django.http import HttpResponse
    from django.template import engines
    from wagtail.models import Page

    rows = Page.objects.live().order_by("-pk").only("title", "url_path")[:10]
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"pages": list(rows)}))


def populate(n_fiches, n_structures, n_people, n_events):
    import random

    from agenda.models import AgendaIndexPage
    from annuaire.models import Membership, Metier, Person, Structure, StructureType
    from fiches.models import FicheIndexPage
    from resource_centre.models import Thematique
    from tests.agenda.factories import bulk_events
    from tests.fiches.helpers import bulk_fiches

    rng = random.Random(42)
    index = FicheIndexPage.objects.get()
    themes = list(Thematique.objects.all())
    for lot in range(10):
        bulk_fiches(index, n_fiches // 10, thematiques=themes[lot % len(themes) :][:2])
    types = list(StructureType.objects.all())
    structures = Structure.objects.bulk_create(
        [
            Structure(name=f"Structure {i:06d}", type=rng.choice(types), description="Accueil")
            for i in range(n_structures)
        ],
        batch_size=2000,
    )
    metiers = list(Metier.objects.all())
    people = Person.objects.bulk_create(
        [
            Person(first_name="Camille", last_name=f"Nom{i:06d}", metier=rng.choice(metiers))
            for i in range(n_people)
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [Membership(person=p, structure=rng.choice(structures)) for p in people], batch_size=5000
    )
    agenda = AgendaIndexPage.objects.get()
    for offset in range(0, n_events, 1000):
        bulk_events(agenda, min(1000, n_events - offset), seances_per_event=4)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fiches", type=int, default=5000)
    parser.add_argument("--structures", type=int, default=2000)
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    database.add_argument(parser)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    # No setup_test_environment(): its template instrumentation would copy every context.
    database.create()
    from demo.content import agenda, annuaire, core, fiches

    start = time.perf_counter()
    core.load()
    fiches.load()
    annuaire.load()
    agenda.load()
    populate(args.fiches, args.structures, args.people, args.events)
    database.analyse()
    print(
        f"{args.fiches} fiches, {args.structures} structures, {args.people} people and "
        f"{args.events} events created in {time.perf_counter() - start:.1f} s "
        f"on {database.describe()}"
    )
    url = reverse("resource_centre:search")
    cases = [
        ("bare Django view, one query", "/bare/", {}),
        ("« Médios » (one fiche)", url, {"q": "Médios"}),
        ("« habitants » (every fiche)", url, {"q": "habitants"}),
        ("« camille nom000123 » (one person)", url, {"q": "camille nom000123"}),
        ("« événements » (every event)", url, {"q": "événements"}),
        ("« santé » (every section)", url, {"q": "santé"}),
    ]
    try:
        database.report(Client(), cases, args.runs)
    finally:
        database.drop()


if __name__ == "__main__":
    main()
