"""Benchmark of the annuaire with 20,000 structures and 50,000 people. Prints:

- the median render time and query count of the annuaire listings with their facet counts
  (target < 150 ms), for structures and for people, filtered and searched by keyword (ranked,
  highlighted), beside a bare Django view that renders the same number of rows from one query
  (the practical floor), and the ratio to it. The counts over every entry are kept in the
  cache until the annuaire changes: the last two cases are the first visit after a change;
- the time to import 20,000 rows from a CSV file (target < 60 s), and to re-import it unchanged
  (skipped with --import-rows 0).

Run, on an in-memory SQLite database:

    .venv/bin/python bench/annuaire_listing.py [--structures 20000] [--people 50000] [--runs 20]

and on PostgreSQL with `--postgres`: the server of DATABASE_URL, or of
postgres://rc:rc@127.0.0.1:5432/postgres when it is not set, in a database `bench_annuaire` that
the script creates and drops (bench/database.py).
"""

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "annuaire_settings"

import database  # noqa: E402

database.choose()

BARE_TEMPLATE = """<ol>{% for s in rows %}<li><h2><a href="/annuaire/structure/{{ s.pk }}/">{{ s.name }}</a></h2>
<p>{{ s.type__name }} · {{ s.email }}</p></li>{% endfor %}</ol>"""


def bare_view(request):
    from django.http import HttpResponse
    from django.template import engines

    from annuaire.models import Structure

    rows = Structure.objects.order_by("name").values("pk", "name", "type__name", "email")[:20]
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"rows": list(rows)}))


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
    database.add_argument(parser)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    # No setup_test_environment(): its template instrumentation would copy every context.
    database.create()

    from annuaire.models import AnnuaireIndexPage
    from demo.content import annuaire, core
    from resource_centre.models import Territoire

    core.load()
    annuaire.load()
    start = time.perf_counter()
    populate(args.structures, args.people)
    database.analyse()
    print(
        f"{args.structures} structures and {args.people} people created "
        f"in {time.perf_counter() - start:.1f} s on {database.describe()}"
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
        ("people, text « camille »", index.url + "personnes/", {"q": "camille"}),
        (
            "people, text « nom00012 camille »",
            index.url + "personnes/",
            {"q": "nom00012 camille"},
        ),
        (
            "people, région + métier + « camille »",
            index.url + "personnes/",
            {"territoire": bretagne.pk, "metier": "adulte-relais", "q": "camille"},
        ),
        # The first visit after a change computes the counts of every entry that the others
        # read from the cache (resource_centre/generations.py).
        ("people, no filter, after a change", index.url + "personnes/", {}, cache.clear),
        (
            "people, « camille », after a change",
            index.url + "personnes/",
            {"q": "camille"},
            cache.clear,
        ),
    ]
    try:
        database.report(client, cases, args.runs)
        if args.import_rows:
            report_import(args.import_rows)
    finally:
        database.drop()


def report_import(rows):
    planned, done, summary, replan, again = import_csv(rows)
    print(
        f"import of {rows} rows: preview {planned:.1f} s, preview + write {done:.1f} s "
        f"({summary}); re-import preview {replan:.1f} s ({again})"
    )


if __name__ == "__main__":
    main()
