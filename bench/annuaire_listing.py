"""Benchmark of the annuaire with 20,000 structures and 50,000 people. Prints:

- the median render time of the filtered annuaire page with its facet counts (target < 150 ms on
  SQLite), for structures and for people, beside a bare Django view that renders the same number
  of rows from one query (the practical floor), and the ratio to it;
- the time to import 20,000 rows from a CSV file (target < 60 s), and to re-import it unchanged.

Run: .venv/bin/python bench/annuaire_listing.py [--structures 20000] [--people 50000] [--runs 20]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "annuaire_settings"

BARE_TEMPLATE = """<ol>{% for s in rows %}<li><h2><a href="/annuaire/structure/{{ s.pk }}/">{{ s.name }}</a></h2>
<p>{{ s.type__name }} · {{ s.email }}</p></li>{% endfor %}</ol>"""


def bare_view(request):
    from django.http import HttpResponse
    from django.template import engines

    from annuaire.models import Structure

    rows = Structure.objects.order_by("name").values("pk", "name", "type__name", "email")[:20]
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"rows": list(rows)}))


def median_ms(client, url, params, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def populate(n_structures, n_people):
    import random

    from annuaire.models import (
        Address,
        Membership,
        Metier,
        Person,
        Reseau,
        Structure,
        StructureType,
    )
    from resource_centre.models import Territoire, Thematique

    rng = random.Random(42)
    types = list(StructureType.objects.all())
    metiers = list(Metier.objects.all())
    themes = list(Thematique.objects.all())
    reseaux = list(Reseau.objects.all())
    places = list(Territoire.objects.filter(kind__in=["commune", "qpv", "epci"]))
    structures = Structure.objects.bulk_create(
        [
            Structure(name=f"Structure {i:06d}", type=rng.choice(types), email=f"s{i}@example.org")
            for i in range(n_structures)
        ],
        batch_size=2000,
    )
    Address.objects.bulk_create(
        [Address(structure=s, city="Rennes", postcode="35000") for s in structures], batch_size=2000
    )
    through = Structure.territoires.through
    through.objects.bulk_create(
        [through(structure=s, territoire=rng.choice(places)) for s in structures], batch_size=5000
    )
    through = Structure.thematiques.through
    through.objects.bulk_create(
        [through(structure=s, thematique=t) for s in structures for t in rng.sample(themes, 2)],
        batch_size=5000,
    )
    through = Structure.reseaux.through
    through.objects.bulk_create(
        [through(structure=s, reseau=rng.choice(reseaux)) for s in structures[::3]], batch_size=5000
    )
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
    through = Person.territoires.through
    through.objects.bulk_create(
        [through(person=p, territoire=rng.choice(places)) for p in people], batch_size=5000
    )
    through = Person.thematiques.through
    through.objects.bulk_create(
        [through(person=p, thematique=rng.choice(themes)) for p in people], batch_size=5000
    )


def import_csv(rows):
    from annuaire.importer import apply_plan, make_plan, read_table

    lines = ["Nom;Type;Ville;Code postal;E-mail;Thématiques"]
    lines += [
        f"Import {i:06d};Association;Rennes;35000;import{i}@example.org;Santé" for i in range(rows)
    ]
    data = ("\n".join(lines) + "\n").encode()
    start = time.perf_counter()
    headers, table = read_table("bench.csv", data)
    plan = make_plan(headers, table)
    planned = time.perf_counter() - start
    summary = apply_plan(plan)
    done = time.perf_counter() - start
    start = time.perf_counter()
    headers, table = read_table("bench.csv", data)
    again = make_plan(headers, table).summary()
    replan = time.perf_counter() - start
    return planned, done, summary, replan, again


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--structures", type=int, default=20000)
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--import-rows", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # No setup_test_environment(): its template instrumentation would copy every context.
    connection.creation.create_test_db(verbosity=0)

    from annuaire.models import AnnuaireIndexPage
    from demo.content import annuaire, core
    from resource_centre.models import Territoire

    core.load()
    annuaire.load()
    start = time.perf_counter()
    populate(args.structures, args.people)
    print(
        f"{args.structures} structures and {args.people} people created "
        f"in {time.perf_counter() - start:.1f} s"
    )
    index = AnnuaireIndexPage.objects.get()
    client = Client()
    bretagne = Territoire.objects.get(kind="region", code="53")
    filters = {"territoire": bretagne.pk, "thematique": "sante", "type": "association"}
    cases = [
        ("bare Django view, one query", "/bare/", {}),
        ("structures, no filter", index.url, {}),
        ("structures, région + thème + type", index.url, filters),
        ("structures, same + text « 01 »", index.url, {**filters, "q": "01"}),
        ("people, no filter", index.url + "personnes/", {}),
        (
            "people, région + métier",
            index.url + "personnes/",
            {"territoire": bretagne.pk, "metier": "adulte-relais"},
        ),
    ]
    for _label, url, params in cases:
        client.get(url, params)
    baseline = None
    print(f"{'case':38} {'median ms':>10} {'× bare':>8} {'queries':>8}")
    for label, url, params in cases:
        ms = median_ms(client, url, params, args.runs)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        baseline = baseline or ms
        print(f"{label:38} {ms:10.1f} {ms / baseline:8.1f} {len(queries.captured_queries):8d}")

    planned, done, summary, replan, again = import_csv(args.import_rows)
    print(
        f"import of {args.import_rows} rows: preview {planned:.1f} s, preview + write {done:.1f} s "
        f"({summary}); re-import preview {replan:.1f} s ({again})"
    )


if __name__ == "__main__":
    main()
