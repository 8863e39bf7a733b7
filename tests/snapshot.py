"""The rows of every table, taken once and put back in a fraction of the time it took to make them.

The demo content takes seconds to load (pages, revisions, search and reference indexes); hundreds
of tests start from it. Each test process loads it once for real, keeps its rows, and puts them
back for each test that asks for it.
"""

import datetime

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from tests.planner import analyze_tables


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


# The names of the fixtures that put rows back. Putting rows back empties every table, so a test
# sets these up before any other fixture that writes (see set_up_first).
RESTORING = []


def _loaded(load):
    """The rows once `load()` has run, rolled back: in a savepoint when inside a test."""
    with transaction.atomic():
        load()
        taken = take()
        transaction.set_rollback(True)
    return taken


def fixtures(name, load, result, doc, valid_for=lambda: None):
    """Two fixtures: `_<name>_rows`, the rows once `load()` has run on the freshly migrated
    database (loaded once per test process, then rolled back), and `<name>`, which puts them back
    and returns `result()`. Rows are loaded again when `valid_for()` has changed since (the day,
    for content dated from today, should a run cross midnight)."""
    rows_name = f"_{name}_rows"

    @pytest.fixture(scope="session", name=rows_name)
    def rows(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            return {valid_for(): _loaded(load)}

    @pytest.fixture(name=name)
    def restored(db, request):
        kept = request.getfixturevalue(rows_name)
        key = valid_for()
        if key not in kept:
            kept.clear()
            kept[key] = _loaded(load)
        restore(kept[key])
        return result()

    restored.__doc__ = doc
    RESTORING.append(name)
    return rows, restored


def set_up_first(items):
    """Move the fixtures that put rows back to the front of each test's fixtures, in the order
    they were declared: when a test has two, the later one's rows (which hold the earlier's, as
    the agenda's `events` hold `home`) are the ones it starts from."""
    for item in items:
        names = getattr(item, "fixturenames", [])
        restoring = [name for name in RESTORING if name in names]
        names[:] = restoring + [name for name in names if name not in restoring]
