"""Benchmark of the lettre's sending engine. Prints, each beside its baseline:

- the median time to render one full lettre (MJML → HTML, plain text), target < 20 ms;
- messages per second to 10,000 subscribers with one worker process and then two (target over
  200/s with one), beside plain smtplib pushing the same pre-rendered bytes into the same server,
  and the workers' CPU time per message;
- the worker's peak memory (RSS) for two list sizes, which must stay flat.

Run: .venv/bin/python bench/newsletter_send.py [--subscribers 10000]
       [--postgres postgres://rc:rc@127.0.0.1:5432/postgres] [--smtp-port 2525]
The database is a throw-away SQLite file in WAL mode, or with --postgres a throw-away database
created on that server (PostgreSQL is what production uses; SQLite serialises the workers' writes).
The SMTP server is Postfix's smtp-sink started here (Debian package postfix), which accepts
messages at the cost of reading them; without it, or with --aiosmtpd, an aiosmtpd started here,
whose own Python parsing caps every figure (about 150 messages/s on 2 cores). With --smtp-port
the messages go to a server already listening on 127.0.0.1, e.g. a full Postfix with a discard
transport, which writes every message to its queue on disk.
NL_BENCH_TRANSPORT=django measures the plain default transport (Django's e-mail backend API)
instead of the pipelined SMTP one. NL_BENCH_PROFILE=/tmp/prof writes a cProfile of each worker.
"""

import argparse
import os
import resource
import shutil
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


class CountingHandler:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp_sink(port):
    """Postfix's SMTP test server, which accepts every message and keeps none."""
    user = ["-u", "nobody"] if os.geteuid() == 0 else []  # it refuses to run as root
    sink = subprocess.Popen(["smtp-sink", *user, f"127.0.0.1:{port}", "256"])
    for _attempt in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return sink
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("smtp-sink did not start")


def setup_django(db_path, smtp_port):
    os.environ["NL_BENCH_DB"] = str(db_path)
    os.environ["NL_BENCH_SMTP_PORT"] = str(smtp_port)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsletter_settings"
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def worker_main(send_id):
    from newsletter import worker

    print(f"started={time.time()}", flush=True)
    cpu_before = time.process_time()
    if os.environ.get("NL_BENCH_PROFILE"):
        import cProfile

        cProfile.runctx(
            "worker.run_worker(send_id)",
            globals(),
            locals(),
            f"{os.environ['NL_BENCH_PROFILE']}.{os.getpid()}",
        )
    else:
        worker.run_worker(send_id)
    print(f"finished={time.time()}", flush=True)
    print(f"cpu_s={time.process_time() - cpu_before}", flush=True)
    print(f"peak_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)


def build_lettre():
    import datetime

    from wagtail.models import Site

    from demo.content.newsletter import lettre_42_body
    from newsletter.models import LettrePage, NewsletterIndexPage, Publication

    home = Site.objects.get(is_default_site=True).root_page
    publication = Publication.objects.create(
        name="Lettre mensuelle",
        slug="lettre",
        sender_name="RésO Villes",
        sender_email="lettre@resovilles.example",
    )
    archive = NewsletterIndexPage(title="La lettre", slug="lettre")
    home.add_child(instance=archive)
    body = [block for block in lettre_42_body() if block[0] != "automatic"]
    body = body + body[1:] + body[1:]  # a long lettre: about 3 screens of articles
    lettre = LettrePage(
        title="Lettre n° 42 — mars 2008",
        slug="lettre-42",
        publication=publication,
        number=42,
        date=datetime.date(2008, 3, 1),
        body=body,
    )
    archive.add_child(instance=lettre)
    lettre.save_revision().publish()
    return LettrePage.objects.get(pk=lettre.pk), publication


def add_subscribers(publication, count, prefix):
    from newsletter.models import Subscriber, Subscription

    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"{prefix}{i}@example.org", name=f"Lecteur {i}", status="active")
            for i in range(count)
        ],
        batch_size=2000,
    )
    ids = Subscriber.objects.filter(email__startswith=prefix).values_list("pk", flat=True)
    Subscription.objects.bulk_create(
        [Subscription(subscriber_id=pk, publication=publication) for pk in ids], batch_size=2000
    )


def run_send(lettre, publication, workers, handler):
    from newsletter import sending
    from newsletter.models import Send

    send, _created = sending.create_send(lettre, [publication])
    sending.start_send(
        send.pk
    )  # renders once and freezes the list (the dummy backend runs no worker)
    total = send.deliveries.count()
    before = handler.count if handler else 0
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", str(send.pk)],
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            text=True,
        )
        for _i in range(workers)
    ]
    peaks, cpu, starts, ends = [], 0.0, [], []
    for proc in procs:
        out, _err = proc.communicate()
        figures = dict(line.split("=") for line in out.splitlines() if "=" in line)
        peaks.append(int(figures["peak_kb"]))
        cpu += float(figures["cpu_s"])
        starts.append(float(figures["started"]))
        ends.append(float(figures["finished"]))
    elapsed = time.perf_counter() - started
    sending = max(ends) - min(starts)
    send.refresh_from_db()
    assert send.status == Send.Status.DONE, send.status
    # What the server accepted (aiosmtpd counts it; another server's acceptance is recorded).
    if handler:
        delivered = handler.count - before
    else:
        delivered = send.deliveries.filter(status="sent").count()
    assert delivered == total, (delivered, total)
    detail = (
        f"  worker CPU {cpu / total * 1000:.2f} ms per message; {total / elapsed:.0f} messages/s "
        "counting the start of the worker processes (which a running db_worker does not pay)"
    )
    return total / sending, max(peaks) / 1024, detail


def smtplib_baseline(message_bytes, count, port):
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(count):
            smtp.sendmail("lettre@resovilles.example", [f"base{i}@example.org"], message_bytes)
    return count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--worker", type=int)
    parser.add_argument("--postgres", help="URL of a PostgreSQL server where a role may CREATEDB")
    parser.add_argument(
        "--smtp-port",
        type=int,
        help="port of a real SMTP server on 127.0.0.1 to send to instead of aiosmtpd "
        "(e.g. postfix with a discard transport, for absolute throughput)",
    )
    parser.add_argument(
        "--aiosmtpd", action="store_true", help="send to aiosmtpd even where smtp-sink is installed"
    )
    args = parser.parse_args()
    if args.worker:
        setup_django(os.environ["NL_BENCH_DB"], os.environ["NL_BENCH_SMTP_PORT"])
        worker_main(args.worker)
        return

    handler = controller = sink = None
    if args.smtp_port:
        port = args.smtp_port
        print(f"SMTP server: the one on 127.0.0.1:{port}")
    elif shutil.which("smtp-sink") and not args.aiosmtpd:
        port = free_port()
        sink = start_smtp_sink(port)
        print(f"SMTP server: Postfix's smtp-sink on 127.0.0.1:{port}")
    else:
        from aiosmtpd.controller import Controller

        handler = CountingHandler()
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        print("SMTP server: aiosmtpd on 127.0.0.1 (its own ceiling caps every figure)")
    tmp = tempfile.mkdtemp(prefix="nl-bench-")
    bench_db = None
    if args.postgres:
        bench_db = create_postgres_database(args.postgres)
        os.environ["NL_BENCH_DATABASE_URL"] = bench_db[0]
    setup_django(Path(tmp) / "bench.sqlite3", port)
    from django.core.management import call_command

    from newsletter import conf

    print(f"Transport: {conf.get('NEWSLETTER_TRANSPORT')}", flush=True)
    print("Preparing the database…", flush=True)
    call_command("migrate", verbosity=0)
    lettre, publication = build_lettre()

    from newsletter.rendering import render_lettre
    from newsletter.worker import build_message, message_template

    render_lettre(lettre)
    times = []
    for _i in range(30):
        started = time.perf_counter()
        rendered = render_lettre(lettre)
        times.append(time.perf_counter() - started)
    render_ms = statistics.median(times) * 1000
    size_kb = len(rendered.html.encode()) / 1024
    floor = []
    for _i in range(30):
        started = time.perf_counter()
        "".join(block.render() for block in lettre.body)
        floor.append(time.perf_counter() - started)
    floor_ms = statistics.median(floor) * 1000
    print(
        f"Baseline, the same blocks rendered as web HTML only: median {floor_ms:.1f} ms "
        f"(the lettre e-mail costs {render_ms / floor_ms:.1f}× that)"
    )
    print(
        f"Render one lettre (MJML once): median {render_ms:.1f} ms "
        f"(target < 20 ms) — HTML {size_kb:.0f} KB"
    )

    # Per-recipient cost, for comparison: substitution + MIME, no MJML.
    from newsletter.models import Delivery, Send, Subscriber

    add_subscribers(publication, 1, "probe")
    probe = Subscriber.objects.get(email="probe0@example.org")
    fake_send = Send(lettre=lettre)
    delivery = Delivery(send=fake_send, subscriber=probe, publication=publication)
    template = message_template(rendered, publication)
    started = time.perf_counter()
    for _i in range(200):
        message = build_message(template, delivery).message()
        message_bytes = message.as_bytes(linesep="\r\n")
    per_message_ms = (time.perf_counter() - started) / 200 * 1000
    print(
        f"Personalise + build MIME per recipient: {per_message_ms:.2f} ms "
        f"({len(message_bytes) / 1024:.0f} KB on the wire)"
    )
    probe.delete()

    baseline = smtplib_baseline(message_bytes, 2000, port)
    print(f"Baseline, plain smtplib, same bytes, one connection: {baseline:.0f} messages/s")

    small = max(1000, args.subscribers // 5)
    add_subscribers(publication, small, "petit")
    rate_small, peak_small, detail = run_send(lettre, publication, 1, handler)
    print(
        f"1 worker, {small:,} recipients: {rate_small:.0f} messages/s "
        f"({rate_small / baseline:.0%} of the smtplib baseline), peak RSS {peak_small:.0f} MB"
    )
    print(detail)

    from newsletter.models import Subscription

    Subscription.objects.all().delete()
    add_subscribers(publication, args.subscribers, "grand")
    rate_one, peak_one, detail = run_send(lettre, publication, 1, handler)
    print(
        f"1 worker, {args.subscribers:,} recipients: {rate_one:.0f} messages/s "
        f"({rate_one / baseline:.0%} of the smtplib baseline), peak RSS {peak_one:.0f} MB"
    )
    print(detail)
    rate_two, peak_two, detail = run_send(lettre, publication, 2, handler)
    print(
        f"2 workers, {args.subscribers:,} recipients: {rate_two:.0f} messages/s "
        f"({rate_two / baseline:.0%} of the smtplib baseline), peak RSS per worker "
        f"{peak_two:.0f} MB"
    )
    print(detail)
    print(
        f"Worker peak memory: {peak_small:.0f} MB at {small:,} recipients, "
        f"{peak_one:.0f} MB at {args.subscribers:,} "
        f"(ratio {peak_one / peak_small:.2f}; flat means ≈ 1)"
    )
    if controller:
        controller.stop()
    if sink:
        sink.terminate()
    if bench_db:
        from django.db import connections

        connections.close_all()
        drop_postgres_database(*bench_db[1:])


def create_postgres_database(url):
    import psycopg

    name = f"nl_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name, url, name


def drop_postgres_database(url, name):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")


if __name__ == "__main__":
    main()
