"""Benchmark of the bilan d'activité at the issue's size: a year with 1,000 events (2,000 séances),
20,000 registrations, 5,000 fiches, 20,000 structures and 10,000 subscribers, on SQLite (or
DATABASE_URL).

Prints the median time of the whole admin page (the year and the year before, every installed
app's section, charts and tables) and its query count, beside a bare Django view that runs one
aggregate per table behind it and renders the numbers (the practical floor), and the ratio.

    .venv/bin/python bench/bilan.py [--scale 1.0] [--runs 9] [--db FILE]
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def setup_django(db_path):
    import django
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATABASES["default"]["NAME"] = str(db_path)
    django.setup()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


def populate_agenda(home, year, events, registrations):
    from agenda.models import EventFormat, Registration, Seance, Venue
    from resource_centre.models import Thematique
    from tests.agenda.factories import agenda_index, bulk_events

    index = agenda_index(home)
    formats = [
        EventFormat.objects.get_or_create(name=n)[0]
        for n in ("Atelier", "Réunion de réseau", "Cooper'Villes", "Petit-déjeuner", "Formation")
    ]
    cities = ["Nantes", "Rennes", "Brest", "Lorient", "Angers", "Sarcelles"]
    venues = [Venue.objects.get_or_create(name=f"Salle {c}", city=c)[0] for c in cities]
    themes = list(Thematique.objects.all()[:3])
    created = bulk_events(
        index,
        events,
        seances_per_event=2,
        start=datetime.date(year, 1, 1),
        formats=formats,
        venues=venues,
        thematiques=themes[:1],
    )
    seances = list(
        Seance.objects.filter(event_id__in=[p.pk for p in created]).values_list("pk", "event_id")
    )
    rng = random.Random(15)
    statuses = ["confirmed"] * 8 + ["cancelled", "waiting"]
    # What people type: recognised territoires and annuaire structures, and some that are not.
    places = ["Rennes", "Nantes", "Rennes – Maurepas", "Brest", "Loire-Atlantique", "Ailleurs"]
    rows = [
        Registration(
            event_id=event_id,
            seance_id=seance_id,
            name="Participant",
            email=f"p{n % 6000}@example.org",
            territoire=places[n % len(places)],
            structure=f"Structure {n % 30000:05d}",
            status=rng.choice(statuses),
            attended=rng.choice([True, True, True, False, None]),
        )
        for n, (seance_id, event_id) in enumerate(
            seances[i % len(seances)] for i in range(registrations)
        )
    ]
    Registration.recognise(rows)
    Registration.objects.bulk_create(rows, batch_size=2000)
    populate_evaluations(created, seances, registrations // 4)


def populate_evaluations(events, seances, count):
    """`count` answered fiches d'évaluation, three questions each."""
    from agenda.models import Evaluation, EvaluationAnswer
    from demo.content.evaluations import questionnaire

    form = questionnaire()
    blocks = list(form.questions)
    rng = random.Random(4)
    answered = Evaluation.objects.bulk_create(
        (
            Evaluation(
                event_id=event_id,
                seance_id=seance_id,
                questionnaire=form,
                answered_on=datetime.date.today(),
            )
            for seance_id, event_id in (seances[i % len(seances)] for i in range(count))
        ),
        batch_size=2000,
    )
    EvaluationAnswer.objects.bulk_create(
        (
            EvaluationAnswer(
                evaluation=evaluation,
                question=block.id,
                label=block.value["label"],
                rating=rng.randint(1, 5) if block.block_type == "scale" else None,
                comment="" if block.block_type == "scale" else "Très utile.",
            )
            for evaluation in answered
            for block in blocks[:3]
        ),
        batch_size=2000,
    )


def populate_fiches(home, count):
    from fiches.models import FicheIndexPage, PorteurType
    from resource_centre.models import Territoire, Thematique
    from tests.fiches.helpers import bulk_fiches

    index = FicheIndexPage(title="Fiches", slug="fiches")
    home.add_child(instance=index)
    porteur = PorteurType.objects.get_or_create(name="Association")[0]
    bulk_fiches(
        index,
        count,
        thematiques=list(Thematique.objects.all()[:2]),
        territoires=[Territoire.objects.filter(kind="departement").first()],
        porteur_type=porteur,
        index_search=False,
    )


def populate_annuaire(count):
    from annuaire.models import Structure, StructureType
    from resource_centre.models import Territoire

    kinds = [StructureType.objects.get_or_create(name=n)[0] for n in ("Association", "EPCI")]
    new = Structure.objects.bulk_create(
        (Structure(name=f"Structure {i:05d}", type=kinds[i % 2]) for i in range(count)),
        batch_size=2000,
    )
    territory = Territoire.objects.filter(kind="commune").first()
    through = Structure.territoires.through
    through.objects.bulk_create(
        (through(structure=s, territoire=territory) for s in new), batch_size=2000
    )


def populate_lettre(home, count):
    from django.utils import timezone

    from newsletter.models import Delivery, LettrePage, Publication, Send, Subscriber, Subscription

    publication = Publication.objects.create(
        name="Lettre", slug="lettre", sender_name="Centre", sender_email="lettre@example.org"
    )
    lettre = LettrePage(
        title="Lettre n° 1",
        slug="lettre-1",
        publication=publication,
        number=1,
        date=datetime.date.today(),
    )
    home.add_child(instance=lettre)
    readers = Subscriber.objects.bulk_create(
        (Subscriber(email=f"r{i}@example.org", status="active") for i in range(count)),
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        (Subscription(subscriber=r, publication=publication) for r in readers), batch_size=2000
    )
    send = Send.objects.create(
        lettre=lettre,
        idempotency_key="bench",
        status="done",
        scheduled_at=timezone.now(),
        finished_at=timezone.now(),
    )
    Delivery.objects.bulk_create(
        (
            Delivery(send=send, subscriber=r, publication=publication, status="sent")
            for r in readers
        ),
        batch_size=2000,
    )


def populate(scale):
    from django.core.management import call_command

    from demo.content import core

    call_command("migrate", verbosity=0)
    home = core.load()
    year = datetime.date.today().year
    populate_agenda(home, year, int(1000 * scale), int(20_000 * scale))
    populate_fiches(home, int(5000 * scale))
    populate_annuaire(int(20_000 * scale))
    populate_lettre(home, int(10_000 * scale))


def bare_view(request):
    """One aggregate per table the bilan reads, rendered as a list: the practical floor."""
    from django.db.models import Count, Q
    from django.http import HttpResponse
    from django.template import engines

    from agenda.models import Registration, Seance
    from annuaire.models import Structure
    from fiches.models import FichePage
    from newsletter.models import Delivery, Subscriber

    numbers = {
        "séances": Seance.objects.count(),
        "inscriptions": Registration.objects.aggregate(n=Count("pk", filter=Q(attended=True)))["n"],
        "fiches": FichePage.objects.order_by().count(),
        "structures": Structure.objects.count(),
        "abonnés": Subscriber.objects.filter(status="active").count(),
        "messages": Delivery.objects.filter(status="sent").count(),
    }
    template = engines["django"].from_string(
        "<dl>{% for k, v in numbers.items %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor %}</dl>"
    )
    return HttpResponse(template.render({"numbers": numbers}))


def measure(func, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    func()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as context:
        func()
    return statistics.median(times), len(context.captured_queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the issue's size")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--db", help="SQLite file to keep (reused when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(args.db) if args.db else Path(tmp) / "bench.sqlite3"
        reuse = db_path.exists()
        setup_django(db_path)
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client, RequestFactory

        from agenda.models import EventPage, Registration
        from annuaire.models import Structure
        from fiches.models import FichePage
        from newsletter.models import Subscriber

        t0 = time.perf_counter()
        if not reuse:
            populate(args.scale)
        print(
            f"{EventPage.objects.count()} events, {Registration.objects.count()} registrations, "
            f"{FichePage.objects.count()} fiches, {Structure.objects.count()} structures, "
            f"{Subscriber.objects.count()} subscribers, ready in {time.perf_counter() - t0:.1f} s "
            f"on {connection.vendor}"
        )
        user = get_user_model().objects.filter(username="bench").first()
        user = user or get_user_model().objects.create_superuser("bench", "b@example.org", "x")
        client = Client()
        client.force_login(user)
        factory = RequestFactory()
        year = datetime.date.today().year

        def page(url):
            def get():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            return get

        cases = [
            ("bilan page, this year", page(f"/admin/resource-centre/bilan/?annee={year}")),
            (
                "bilan XLSX, this year",
                page(f"/admin/resource-centre/bilan/bilan.xlsx?annee={year}"),
            ),
        ]
        print(
            f"{'view':28} {'median ms':>10} {'queries':>8} {'bare ms':>9} {'bare q':>7} {'ratio':>6}"
        )
        bare_ms, bare_queries = measure(lambda: bare_view(factory.get("/")), args.runs)
        for name, func in cases:
            ms, queries = measure(func, args.runs)
            print(
                f"{name:28} {ms:10.1f} {queries:8d} {bare_ms:9.1f} {bare_queries:7d} "
                f"{ms / bare_ms:6.1f}"
            )


if __name__ == "__main__":
    main()
