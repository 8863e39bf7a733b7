"""Ids read once in a request and given back to the database as ONE parameter.

`pk__in=[…]` sends one parameter per id: with 1,500 ids in each of seven queries of a page,
psycopg spent 60 ms a request parsing and quoting them, more than the queries took. `Among`
sends the list as a PostgreSQL array or a SQLite JSON array (the suite's JSON fields already
need SQLite's JSON functions), which also lifts SQLite's limit on parameters. Either is written
as text once per list, however many queries use it: psycopg's adapter of a Python list checked
each of its ids again in every query (7 ms a request for a région, a métier and a word).
"""

import json
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, Expression, F


class Among(Expression):
    """A condition: `field` (a name or an expression) is one of `ids` (ints).

    `queryset.filter(Among("pk", ids))`; no id, no row (and no query, as with `pk__in=[]`)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field, ids):
        super().__init__()
        self.lhs = F(field) if isinstance(field, str) else field
        self.ids = [int(pk) for pk in ids]

    def get_source_expressions(self):
        return [self.lhs]

    def set_source_expressions(self, exprs):
        (self.lhs,) = exprs

    def _column(self, compiler):
        if not self.ids:
            raise EmptyResultSet
        return compiler.compile(self.lhs)

    def as_sql(self, compiler, connection):
        column, params = self._column(compiler)
        marks = ", ".join(["%s"] * len(self.ids))
        return f"{column} IN ({marks})", [*params, *self.ids]

    @cached_property
    def _text(self):
        # The same text is a JSON array and, but for its brackets, a PostgreSQL array literal.
        return json.dumps(self.ids, separators=(",", ":"))

    def as_postgresql(self, compiler, connection):
        column, params = self._column(compiler)
        return f"{column} = ANY(%s::bigint[])", [*params, "{" + self._text[1:-1] + "}"]

    def as_sqlite(self, compiler, connection):
        column, params = self._column(compiler)
        return f"{column} IN (SELECT value FROM json_each(%s))", [*params, self._text]
