"""Benchmark of the fiches index with 5,000 published fiches. Prints the median render time and
the query count of:

- the index (first page, newest first), target < 100 ms;
- the index filtered by a thématique and a région;
- searches on the index (one match, a word in every fiche, a word with a thématique), target
  < 50 ms;
- beside the baseline: a bare Django view rendering the same rows (title, link, porteur, summary)
  from one query, and the ratio to it.

Run (from the project root), on an in-memory SQLite database:

    .venv/bin/python bench/fiches_index.py [--fiches 5000] [--runs 30]

and on PostgreSQL with `--postgres`: the server of DATABASE_URL, or of
postgres://rc:rc@127.0.0.1:5432/postgres when it is not set, in a database `bench_fiches` that the
script creates and drops (bench/database.py).
"""

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "fiches_settings"

import database  # noqa: E402

database.choose()

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fiches", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    database.add_argument(parser)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    # No setup_test_environment(): its template instrumentation would copy every context.
    database.create()

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
    database.analyse()
    print(
        f"{FicheIndexPage.objects.get().get_children().count()} fiches created "
        f"in {time.perf_counter() - start:.1f} s on {database.describe()}"
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
    try:
        database.report(client, cases, args.runs)
    finally:
        database.drop()


if __name__ == "__main__":
    main()
