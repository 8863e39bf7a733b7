"""Benchmark of the fiches index with 5,000 published fiches. Prints the median render time of:

- the index (first page, newest first), target < 100 ms on SQLite;
- the index filtered by a thématique and a région;
- a full-text search on the index;
- beside the baseline: a bare Django view rendering the same rows (title, link, porteur, summary)
  from one query, and the ratio to it.

Run (from the project root): .venv/bin/python bench/fiches_index.py [--fiches 5000] [--runs 30]
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
os.environ["DJANGO_SETTINGS_MODULE"] = "fiches_settings"

BARE_TEMPLATE = """<ol>{% for f in fiches %}<li><h3><a href="{{ f.url_path }}">{{ f.title }}</a></h3>
<p>{{ f.porteur_name }}</p><p>{{ f.chapo|truncatewords:50 }}</p></li>{% endfor %}</ol>"""


def bare_view(request):
    from django.http import HttpResponse
    from django.template import engines

    from fiches.models import FichePage

    rows = (
        FichePage.objects.live()
        .order_by("-first_published_at", "-pk")
        .only("title", "url_path", "porteur_name", "chapo")[:12]
    )
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"fiches": list(rows)}))


def median_ms(client, url, params, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fiches", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from demo.content import core, fiches
    from fiches.models import FicheIndexPage, PorteurType
    from resource_centre.models import PublicVise, Territoire, Thematique
    from tests.fiches.helpers import bulk_fiches

    core.load()
    fiches.load()
    index = FicheIndexPage.objects.get()
    start = time.perf_counter()
    themes = list(Thematique.objects.all())
    communes = list(Territoire.objects.filter(kind="commune"))
    publics = list(PublicVise.objects.all())
    kinds = list(PorteurType.objects.all())
    per_lot = max(1, args.fiches // 10)
    for lot in range(10):
        bulk_fiches(
            index,
            per_lot,
            thematiques=themes[lot % len(themes) :][:2],
            territoires=[communes[lot % len(communes)]],
            publics=[publics[lot % len(publics)]],
            porteur_type=kinds[lot % len(kinds)],
        )
    print(
        f"{FicheIndexPage.objects.get().get_children().count()} fiches created "
        f"in {time.perf_counter() - start:.1f} s"
    )

    client = Client()
    region = Territoire.objects.get(kind="region", code="53")
    cases = [
        ("bare Django view, one query", "/bare/", {}),
        ("index, first page", index.url, {}),
        ("index, page 50", index.url, {"page": "50"}),
        (
            "index, thématique + région",
            index.url,
            {"thematique": themes[0].slug, "territoire": region.pk},
        ),
        ("search « Médios » (one match)", index.url, {"q": "Médios"}),
        ("search « habitants » (every fiche)", index.url, {"q": "habitants"}),
        (
            "search « quartier » + thématique",
            index.url,
            {"q": "quartier", "thematique": themes[1].slug},
        ),
    ]
    for _label, url, params in cases:  # warm up caches
        client.get(url, params)
    baseline = None
    print(f"{'case':38} {'median ms':>10} {'× bare':>8} {'queries':>8}")
    for label, url, params in cases:
        ms = median_ms(client, url, params, args.runs)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        baseline = baseline or ms
        print(f"{label:38} {ms:10.1f} {ms / baseline:8.1f} {len(queries.captured_queries):8d}")


if __name__ == "__main__":
    main()
