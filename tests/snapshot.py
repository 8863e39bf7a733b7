"""The rows of every table, taken once and put back in a fraction of the time it took to make them.

The demo content takes seconds to load (pages, revisions, search and reference indexes); hundreds
of tests start from it. Each test process loads it once for real, keeps its rows, and commits
them when a test asks for them: that test's transaction, and the next ones' from the same rows,
roll back to them, with nothing to put back.
"""

import datetime

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from tests.planner import analysed_since, analyze_tables


def _tables():
    """(table, columns, model) for every table a model owns; a generated column is left to the
    database."""
    seen = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        columns = [
            f.column for f in meta.local_concrete_fields if not getattr(f, "generated", False)
        ]
        yield meta.db_table, columns, model


def _param(value):
    # SQLite's driver reads times back as datetime.time but cannot write them.
    if isinstance(value, datetime.time):
        return connection.ops.adapt_timefield_value(value)
    return value


def _filled_by_triggers(cursor):
    """SQLite's full-text tables: triggers on the search index fill them."""
    if connection.vendor != "sqlite":
        return set()
    cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    return {name for (name,) in cursor.fetchall()}


def take():
    rows = []
    with connection.cursor() as cursor:
        skip = _filled_by_triggers(cursor)
        for table, columns, model in _tables():
            if table in skip:
                continue
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {names} FROM {connection.ops.quote_name(table)}")
            rows.append((table, columns, model, [tuple(map(_param, r)) for r in cursor]))
    return rows


def restore(rows):
    """Empty every table and put the rows back, in one transaction: foreign keys are checked at
    its end, when every row is back."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, _columns, _model, _rows in rows:
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, columns, _model, values in rows:
            if not values:
                continue
            names = ", ".join(quote(c) for c in columns)
            if connection.vendor == "postgresql":
                # COPY: thousands of territoires in one statement rather than one INSERT each.
                with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)
        # PostgreSQL's sequences would otherwise hand out ids the restored rows already hold.
        for statement in connection.ops.sequence_reset_sql(no_style(), [r[2] for r in rows]):
            cursor.execute(statement)
    # The planner's statistics must describe these rows, not what the previous test left behind
    # (its bulk rows, or none): on stale ones PostgreSQL chose nested loops over unindexed joins
    # that ran for over an hour on a facet count. Every restored table, about 40 ms.
    analyze_tables([table for table, *_rest in rows])


# Every snapshot's fixture: {name: (its rows' fixture, load, valid_for)}, in the order declared.
SNAPSHOTS = {}
# What the test database of this process holds between tests, outside their transactions: the
# key of the rows last committed there (MIGRATED: what the migrations wrote), or None when unknown.
MIGRATED = "migrated"
_committed = [None]
_migrated_rows = []


def note_migrated():
    """The rows of the freshly migrated test database, to come back to (tests/conftest.py)."""
    _migrated_rows[:] = take()
    _committed[0] = MIGRATED


def forget():
    """After a test that left the database or its statistics changed for good: a transactional
    test flushes its tables; an ANALYZE outlives the rollback of its rows (tests/planner.py)."""
    _committed[0] = None


def put_back(key, rows):
    """Make the database hold `rows` for the test about to start. Outside a test's transaction
    they are committed, once: each test rolls back to them, and the next one from the same
    snapshot finds them there (putting 5,000 rows back took 0.2 to 0.3 s per test). Inside one
    (pytest-django opened it already) they are put back in it."""
    if connection.in_atomic_block:
        restore(rows)
    elif _committed[0] != key:
        _committed[0] = None
        restore(rows)
        _committed[0] = key


def _loaded(load):
    """The rows once `load()` has run on the migrated database, rolled back."""
    put_back(MIGRATED, _migrated_rows)
    with transaction.atomic():
        load()
        taken = take()
        transaction.set_rollback(True)
    return taken


def fixtures(name, load, result, doc, valid_for=lambda: None):
    """Two fixtures: `_<name>_rows`, the rows once `load()` has run on the migrated database
    (loaded once per test process), and `<name>`, which puts them back and returns `result()`.
    Rows are loaded again when `valid_for()` has changed since (the day, for content dated from
    today, should a run cross midnight)."""
    rows_name = f"_{name}_rows"

    @pytest.fixture(scope="session", name=rows_name)
    def rows(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            return {valid_for(): _loaded(load)}

    def restored(request, django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            _start_from_snapshot(request, name)
        request.getfixturevalue("db")
        return result()

    restored.__doc__ = doc
    restored.snapshot = name
    SNAPSHOTS[name] = (rows_name, load, valid_for)
    return rows, pytest.fixture(name=name)(restored)


def _snapshots_of(item):
    """The snapshots' fixtures a test uses, in the order declared (a fixture of another kind may
    have a snapshot's name in another module)."""
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    return [n for n in SNAPSHOTS if n in defs and getattr(defs[n][-1].func, "snapshot", None) == n]


def _start_from_snapshot(request, name):
    """Put back, once per test, the rows of the last snapshot it asks for: a later snapshot's rows
    hold the earlier ones' (the agenda's `events` hold `home`)."""
    if getattr(request.node, "_snapshot_put_back", False):
        return
    last = ([n for n in _snapshots_of(request.node) if n in request.fixturenames] or [name])[-1]
    rows_name, load, valid_for = SNAPSHOTS[last]
    kept = request.getfixturevalue(rows_name)
    key = valid_for()
    if key not in kept:
        kept.clear()
        kept[key] = _loaded(load)
    put_back((last, key), kept[key])
    request.node._snapshot_put_back = True


def between_tests(request):
    """A test of the database that starts from no snapshot starts from the migrated database;
    after a transactional test, or one whose bulk insert analysed a table, what the database
    holds is unknown. Runs before any other fixture of the test (`set_up_first`)."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(
        {"transactional_db", "live_server"} & names
        or (marker and marker.kwargs.get("transaction", marker.args[0] if marker.args else False))
    )
    if (marker or {"db", "django_db_reset_sequences"} & names) and not _snapshots_of(request.node):
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            put_back(MIGRATED, _migrated_rows)
    yield
    if transactional or analysed_since():
        forget()


def set_up_first(items, first):
    """Move `first` (the fixture running `between_tests`), then the snapshots' fixtures, to the
    front of each test's fixtures: they put rows back before any other fixture writes, or opens
    the test's transaction (pytest-django's own autouse fixture for `django_db` marks would)."""
    for item in items:
        names = getattr(item, "fixturenames", [])
        front = [n for n in [first, *_snapshots_of(item)] if n in names]
        names[:] = front + [n for n in names if n not in front]
