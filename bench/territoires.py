"""Benchmark of the reference territoires on SQLite (or DATABASE_URL). Prints:

- the time to load all of France with load_territoires (target < 60 s), then to load it again
  unchanged, and the size of the bundled data;
- the time to import a QPV list of 1,600 quartiers;
- the median render time and query count of the annuaire filtered by a commune and by a QPV,
  with the demo's territoires and with 40,000 territoires.

Run: .venv/bin/python bench/territoires.py [--runs 10]
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


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def listing(client, url, territoire, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            elapsed, response = timed(client.get, url, {"territoire": territoire.pk})
        assert response.status_code == 200
        times.append(elapsed * 1000)
    return statistics.median(times), len(queries.captured_queries)


def qpv_csv(count):
    from resource_centre.models import Territoire

    communes = list(
        Territoire.objects.filter(kind="commune", population__gte=10000).values_list(
            "code", flat=True
        )
    )
    lines = ["code_qp;lib_qp;insee_com"]
    for i in range(count):
        lines.append(f"QNB{i:05d};Quartier {i};{communes[i % len(communes)]}")
    return "\n".join(lines).encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from annuaire.models import AnnuaireIndexPage
    from demo.content import annuaire, core
    from resource_centre import qpv, territoires
    from resource_centre.models import Territoire

    core.load()
    annuaire.load()
    page = AnnuaireIndexPage.objects.get()
    client = Client()
    rennes = Territoire.objects.get(kind="commune", code="35238")
    maurepas = Territoire.objects.get(kind="qpv", name="Maurepas")
    rows = []
    demo_count = Territoire.objects.count()
    for label, node in (("commune", rennes), ("QPV", maurepas)):
        rows.append((demo_count, label, *listing(client, page.url, node, args.runs)))

    size = territoires.DATA_FILE.stat().st_size
    first, result = timed(territoires.load_france)
    print(f"Bundled data: {size:,} bytes ({territoires.DATA_FILE.name})")
    print(f"load_territoires, all of France: {first:.1f} s ({result})")
    again, result = timed(territoires.load_france)
    print(f"load_territoires again, unchanged: {again:.1f} s ({result})")
    elapsed, outcome = timed(qpv.import_qpv, qpv_csv(1600))
    print(f"load_qpv, 1,600 QPV: {elapsed:.1f} s ({outcome.result})")

    top = Territoire.objects.order_by("-pk").first().pk
    missing = max(0, 40_000 - Territoire.objects.count())
    Territoire.objects.bulk_create(
        [
            Territoire(
                pk=top + i,
                kind="qpv",
                name=f"Quartier fictif {i}",
                code=f"QNX{i:05d}",
                parent=rennes,
                path=f"{rennes.path}{top + i}/",
            )
            for i in range(1, missing + 1)
        ],
        batch_size=1000,
    )
    big_count = Territoire.objects.count()
    for label, node in (("commune", rennes), ("QPV", maurepas)):
        rows.append((big_count, label, *listing(client, page.url, node, args.runs)))
    print()
    print(f"{'territoires':>11}  {'filtered by':<11}  {'median':>9}  queries")
    for count, label, median, queries in rows:
        print(f"{count:>11,}  {label:<11}  {median:>6.0f} ms  {queries:>7}")


if __name__ == "__main__":
    main()
