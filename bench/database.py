"""The database of a benchmark: SQLite by default, PostgreSQL with `--postgres`.

`--postgres` reads DATABASE_URL, or uses DEFAULT_POSTGRES_URL when it is not set; the benchmark
then creates (and at the end drops) its own database named `bench_<name>` on that server, so it
never touches the database of the URL nor a test run's. PostgreSQL searches with the French
text-search configuration, as the demo does.
"""

import os
import sys

DEFAULT_POSTGRES_URL = "postgres://rc:rc@127.0.0.1:5432/postgres"
ENV = "BENCH_DATABASE_URL"


def choose():
    """Read `--postgres` from the command line, before Django's settings are loaded."""
    if "--postgres" in sys.argv[1:]:
        os.environ[ENV] = os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES_URL
    else:
        os.environ.pop(ENV, None)


def add_argument(parser):
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"run on PostgreSQL (DATABASE_URL, else {DEFAULT_POSTGRES_URL})",
    )


def is_postgres():
    return bool(os.environ.get(ENV))


def settings(name, sqlite_name=":memory:"):
    """DATABASES["default"] of the benchmark `name`."""
    if not is_postgres():
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_name}
    import dj_database_url

    database = dj_database_url.parse(os.environ[ENV])
    database["TEST"] = {"NAME": f"bench_{name}"}
    return database


def search_backends():
    backend = {"BACKEND": "wagtail.search.backends.database"}
    if is_postgres():
        backend["SEARCH_CONFIG"] = "french"
    return {"default": backend}


def create():
    """Create the benchmark's empty database (replacing a leftover one) and use it."""
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True)


def analyse():
    """Give the planner statistics on the rows just inserted (a live PostgreSQL database has them
    from autovacuum; SQLite from `PRAGMA optimize`)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def drop():
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def describe():
    """ "PostgreSQL 15" or "SQLite 3.45", for the figures' heading."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def median_ms(client, url, params, runs, prepare=None):
    """The median time (ms) of `runs` GETs of `url`, and the queries of one more; `prepare()`,
    untimed, before each."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prepare = prepare or (lambda: None)
    times = []
    for _ in range(runs):
        prepare()
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    prepare()
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    return statistics.median(times), len(queries.captured_queries)


def report(client, cases, runs):
    """Print each case's median ms and queries beside the first case (the bare view). A case is
    (label, url, params) or (label, url, params, prepare): see median_ms."""
    for _label, url, params, *_prepare in cases:  # warm up caches
        client.get(url, params)
    baseline = None
    print(f"{'case':42} {'median ms':>10} {'× bare':>8} {'queries':>8}")
    for label, url, params, *prepare in cases:
        ms, queries = median_ms(client, url, params, runs, *prepare)
        baseline = baseline or ms
        print(f"{label:42} {ms:10.1f} {ms / baseline:8.1f} {queries:8d}")
