"""Planner statistics on PostgreSQL that describe the rows a test works on.

A production database has them: autovacuum analyses a table once a tenth of it changed. Rows
written inside a test's transaction are never analysed, and the planner then keeps whatever the
previous test left (its thousands of rows, or none). On such statistics it nested unindexed
joins in plans that ran for over an hour (a facet count, an agenda listing). So the tables are
analysed where their contents change wholesale: after a snapshot is put back
(tests/snapshot.py), and after every bulk insert of a test (`analysing_bulk_inserts`).
"""

from django.db import connection
from django.db.models import QuerySet

# Fewer rows than this hardly move the planner's estimates.
BULK = 20
# Whether a bulk insert analysed its table since last asked: its row count outlives the rollback
# of its rows (PostgreSQL updates it in place), so the snapshot's tables are analysed again.
_analysed = [False]


def analysed_since():
    """Whether a bulk insert analysed a table since the last call."""
    analysed, _analysed[0] = _analysed[0], False
    return analysed


def analyze_tables(tables):
    if connection.vendor != "postgresql" or not tables:
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in sorted(tables)))


def analysing_bulk_inserts(monkeypatch):
    """Make `bulk_create` of BULK rows or more analyse its table, as autovacuum would."""
    if connection.vendor != "postgresql":
        return
    original = QuerySet.bulk_create

    def bulk_create(self, objs, *args, **kwargs):
        created = original(self, objs, *args, **kwargs)
        if len(created) >= BULK:
            analyze_tables([self.model._meta.db_table])
            _analysed[0] = True
        return created

    monkeypatch.setattr(QuerySet, "bulk_create", bulk_create)
