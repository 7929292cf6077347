"""The reports' side of the per-engine adapter (:mod:`abc_tui.store.engine`): raw report SQL is
written once, for both SQLite and PostgreSQL, and run through here.

* :func:`rows` / :func:`cursor`: ``?`` placeholders rewritten for the open engine
  (:func:`abc_tui.store.engine.sql`); :func:`rows` also gives integers where PostgreSQL's ``sum``
  of big integers gives ``numeric`` (every number the reports add up is integer satang or a count).
* :func:`day`: a date parameter. In a ``VALUES`` list PostgreSQL types an untyped text parameter
  as ``text``, which does not compare with a ``DATE`` column; SQLite stores dates as ISO text.
* :func:`as_date`: a date read back (``DATE`` comes back as a date from psycopg, as text from SQLite).
* :func:`ordered`: a text sort key in code-point order on both engines (SQLite compares bytes;
  a PostgreSQL database's collation may be a locale's, which ignores ``-`` and ``/`` and would
  order ``54010101-3/1`` differently), so the same data gives the same files byte for byte.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from decimal import Decimal

from abc_tui.store import engine
from abc_tui.store.models import db


def cursor(text: str, params: Sequence = ()):
    """Run report SQL written with ``?`` placeholders on the open engine."""
    return db.execute_sql(engine.sql(text), list(params))


def plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return value


def rows(text: str, params: Sequence = ()) -> list[tuple]:
    """All rows of report SQL as tuples (``numeric`` integers as ``int``)."""
    return [tuple(plain(v) for v in r) for r in cursor(text, params)]


def fetch(query) -> list[tuple]:
    """All rows of a peewee query as plain tuples, without peewee's per-value conversions (the
    report queries select numbers and text that need none; PostgreSQL's ``numeric`` sums become
    ``int``). Several times faster than ``.tuples()`` on the large reports."""
    cur = db.execute(query)
    if engine.is_postgres():
        return [tuple(plain(v) for v in r) for r in cur]
    return [tuple(r) for r in cur]


def day(value: _dt.date) -> object:
    """A date as a query parameter: ISO text on SQLite, a date on PostgreSQL."""
    return value if engine.is_postgres() else value.isoformat()


def as_date(value: object) -> _dt.date:
    """A date column as read back from either engine."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value))


def ordered(expr: str) -> str:
    """SQL: the text ``expr`` compared in code-point order (as SQLite does) on every engine."""
    return f'{expr} COLLATE "C"' if engine.is_postgres() else expr


def ordered_expr(node):
    """:func:`ordered` for a peewee expression."""
    return node.collate('"C"') if engine.is_postgres() else node
