"""Which database engine is open, and the few SQL differences between SQLite and PostgreSQL.

An office runs on one SQLite file; a district or province server runs the same app on
PostgreSQL (``--db postgresql://user:pass@host:port/dbname`` or ``$ABC_TUI_DB`` set to such
a URL; driver: psycopg 3, ``pip install -e ".[postgres]"``). The models are the same: every
module uses the one ``db`` of :mod:`abc_tui.store.models`, a :class:`peewee.DatabaseProxy`
that :func:`abc_tui.store.database.open_database` points at a ``SqliteDatabase`` or a
``PostgresqlDatabase``. Prefer peewee queries (they are portable); raw SQL goes through the
helpers here so that nothing else asks which engine it is.

What differs, and the helper for it (each takes the open database by default):

* which engine: :func:`kind` (``"sqlite"`` / ``"postgres"``), :func:`is_postgres`, :func:`is_sqlite`.
* placeholders: ``?`` on SQLite, ``%s`` on PostgreSQL. Raw SQL written with ``?`` runs on both:
  ``db.execute_sql`` on the server (:class:`ServerDatabase`) rewrites ``?`` to ``%s`` and a literal
  ``%`` to ``%%`` unless the text already uses ``%s`` (peewee's own SQL). :func:`param` / ``db.param``
  give the engine's mark; :func:`sql` does the rewrite for a driver cursor used directly.
* column types: a ``DateField`` is ``DATE`` on PostgreSQL (ISO text on SQLite) and a
  ``BooleanField`` is ``BOOLEAN`` (0/1 on SQLite): compare booleans with ``TRUE``/``FALSE``
  (both engines read them) or use them bare as conditions, take a date's month or year with
  :func:`month_of` / :func:`year_of` (SQL text) or :func:`month_expr` / :func:`year_expr` (peewee
  expressions), its ``YYYY-MM-DD`` text with :func:`date_text`. Raw SQL takes Python ``bool``
  for flags; a date parameter compared with a ``DATE`` column must be a ``datetime.date`` on
  PostgreSQL (ISO text is fine in an ``INSERT``).
* functions: :func:`instr` (``instr``/``strpos``), :func:`char` (``char``/``chr``),
  :func:`zero_pad` (``printf('%02d')``/``lpad``), :func:`group_concat` (``group_concat``/
  ``string_agg``), :func:`json_text` (``json_extract``/``->>``), :func:`greatest` (two-argument
  ``max``/``greatest``); :func:`instr_expr`, :func:`greatest_expr` as peewee expressions.
  Both engines have ``substr``, ``trim``, ``replace``, ``coalesce``, ``lower``, ``length``,
  ``CASE``, CTEs (``WITH``), window functions and ``CAST(x AS INTEGER)``; integer ``/`` truncates
  on both. ``sum()`` of integers is ``bigint`` on SQLite and ``numeric`` on PostgreSQL: the driver
  gives a ``Decimal``, so wrap it in ``int()`` (or :func:`sum_int` in SQL).
* upsert: ``INSERT … ON CONFLICT (…) DO NOTHING`` / ``DO UPDATE SET x = excluded.x`` is the same on
  both (peewee: ``.on_conflict_ignore()`` / ``.on_conflict(...)``); :func:`insert_ignore` writes the
  head of a raw ``INSERT`` that skips duplicates.
* the id of a raw ``INSERT``: :func:`insert_returning_id` (``lastrowid`` / ``RETURNING "id"``).
* the schema version: :func:`abc_tui.store.database.schema_version` (``PRAGMA user_version`` on
  SQLite, the table ``schema_version`` on PostgreSQL).
* file-only matters (PRAGMAs, WAL checkpoints, ``quick_check``, "in use" checks, read-only URIs,
  file-copy backups, the data home): the callers ask :func:`is_postgres` and skip them.

Nothing here imports psycopg at module level: an office PC without it never needs it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

import peewee
from peewee import SQL, fn

from abc_tui.domain.errors import AbcError
from abc_tui.store.models import db

SQLITE = "sqlite"
POSTGRES = "postgres"

#: URL schemes that name a PostgreSQL server (anything else given to ``--db`` is a file path).
SERVER_SCHEMES = ("postgresql://", "postgres://")
#: How long opening a server connection waits before saying the server cannot be reached.
CONNECT_TIMEOUT_S = 5


# ---------------------------------------------------------------- which engine


def is_server_url(value: object) -> bool:
    """Does ``value`` (a ``--db`` argument, ``$ABC_TUI_DB``) name a PostgreSQL server?"""
    return isinstance(value, str) and value.strip().lower().startswith(SERVER_SCHEMES)


def _target(database: peewee.Database | peewee.DatabaseProxy | None) -> peewee.Database | None:
    database = db if database is None else database
    if isinstance(database, peewee.DatabaseProxy):
        return database.obj
    return database


def kind(database: peewee.Database | peewee.DatabaseProxy | None = None) -> str:
    """``"postgres"`` or ``"sqlite"``: the engine of ``database`` (default: the app's open one)."""
    return POSTGRES if isinstance(_target(database), peewee.PostgresqlDatabase) else SQLITE


def is_postgres(database: peewee.Database | peewee.DatabaseProxy | None = None) -> bool:
    return kind(database) == POSTGRES


def is_sqlite(database: peewee.Database | peewee.DatabaseProxy | None = None) -> bool:
    return kind(database) == SQLITE


# ---------------------------------------------------------------- SQL text


def param(database=None) -> str:
    """The driver's placeholder: ``?`` (sqlite3) or ``%s`` (psycopg)."""
    return "%s" if is_postgres(database) else "?"


_QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


def sql(text: str, database=None) -> str:
    """``text`` written with ``?`` placeholders, for the open engine.

    On PostgreSQL every ``?`` outside quotes becomes ``%s`` and a literal ``%`` outside quotes
    becomes ``%%`` (psycopg reads ``%`` as a placeholder); quoted text is left alone.
    """
    if not is_postgres(database):
        return text

    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%") if token.startswith("'") else token

    return _QUOTED_OR_MARK.sub(swap, text)


_PSYCOPG_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|%[sbt%]")


def written_for_psycopg(text: str) -> bool:
    """Does ``text`` already use psycopg's ``%s``/``%%`` (peewee's own SQL on PostgreSQL)?"""
    return any(not m.group(0).startswith(("'", '"')) for m in _PSYCOPG_MARK.finditer(text))


def month_of(column: str, database=None) -> str:
    """SQL for the ``YYYY-MM`` of a date column (``column`` is SQL text, e.g. ``l."date"``)."""
    return f"to_char({column}, 'YYYY-MM')" if is_postgres(database) else f"substr({column}, 1, 7)"


def year_of(column: str, database=None) -> str:
    """SQL for the Gregorian year (an integer) of a date column."""
    if is_postgres(database):
        return f"CAST(extract(year FROM {column}) AS INTEGER)"
    return f"CAST(substr({column}, 1, 4) AS INTEGER)"


def date_text(column: str, database=None) -> str:
    """SQL for a date column as ``YYYY-MM-DD`` text."""
    return f"to_char({column}, 'YYYY-MM-DD')" if is_postgres(database) else column


def instr(haystack: str, needle: str, database=None) -> str:
    """SQL: 1-based position of ``needle`` in ``haystack``, 0 when absent."""
    return f"strpos({haystack}, {needle})" if is_postgres(database) else f"instr({haystack}, {needle})"


def char(code: int, database=None) -> str:
    """SQL for the one-character string of a code point (``char(9)`` / ``chr(9)``)."""
    return f"chr({int(code)})" if is_postgres(database) else f"char({int(code)})"


def zero_pad(expr: str, width: int, database=None) -> str:
    """SQL: the integer ``expr`` as text, zero-padded to ``width`` digits (``printf('%02d', x)``)."""
    if is_postgres(database):
        return f"lpad(CAST({expr} AS TEXT), {int(width)}, '0')"
    return f"printf('%0{int(width)}d', {expr})"


def group_concat(expr: str, separator: str = ",", database=None) -> str:
    """SQL aggregate joining ``expr`` (text) with ``separator`` (a plain string, quoted here)."""
    sep = "'" + separator.replace("'", "''") + "'"
    if is_postgres(database):
        return f"string_agg(CAST({expr} AS TEXT), {sep})"
    return f"group_concat({expr}, {sep})"


def json_text(column: str, key: str, database=None) -> str:
    """SQL: the member ``key`` of a JSON text column, as text (NULL when absent)."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        raise ValueError(f"bad JSON key {key!r}")
    if is_postgres(database):
        return f"(CAST({column} AS jsonb) ->> '{key}')"
    return f"CAST(json_extract({column}, '$.{key}') AS TEXT)"


def greatest(a: str, b: str, database=None) -> str:
    """SQL: the larger of two values (SQLite's two-argument ``max``)."""
    return f"greatest({a}, {b})" if is_postgres(database) else f"max({a}, {b})"


def sum_int(expr: str, database=None) -> str:
    """SQL: ``sum`` of integers, an integer on both engines (PostgreSQL's is ``numeric``)."""
    return f"CAST(sum({expr}) AS BIGINT)" if is_postgres(database) else f"sum({expr})"


def insert_ignore(table: str, columns: Sequence[str], database=None) -> str:
    """Raw ``INSERT`` that skips a row whose key exists, with placeholders for ``columns``."""
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join([param(database)] * len(columns))
    return f'INSERT INTO "{table}" ({cols}) VALUES ({marks}) ON CONFLICT DO NOTHING'


def insert_returning_id(text: str, params: Sequence, database=None) -> int:
    """Run a raw single-row ``INSERT`` (written for the open engine) and return the new ``id``."""
    target = db if database is None else database
    if is_postgres(target):
        return target.execute_sql(text + ' RETURNING "id"', params).fetchone()[0]
    return target.execute_sql(text, params).lastrowid


def is_missing_table(exc: BaseException) -> bool:
    """Is ``exc`` "no such table" (SQLite) / "relation … does not exist" (PostgreSQL)?"""
    text = str(exc)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


# ---------------------------------------------------------------- peewee expressions


def month_expr(field, database=None):
    """peewee expression: the ``YYYY-MM`` text of a date field."""
    return fn.to_char(field, "YYYY-MM") if is_postgres(database) else fn.SUBSTR(field, 1, 7)


def year_expr(field, database=None):
    """peewee expression: the Gregorian year (integer) of a date field."""
    if is_postgres(database):
        return fn.date_part(SQL("'year'"), field).cast("INTEGER")
    return fn.SUBSTR(field, 1, 4).cast("INTEGER")


def instr_expr(haystack, needle, database=None):
    """peewee expression: 1-based position of ``needle`` in ``haystack`` (0 when absent)."""
    return fn.strpos(haystack, needle) if is_postgres(database) else fn.instr(haystack, needle)


def leading_int_expr(field, database=None):
    """peewee expression: the number a text starts with (0 when none), as SQLite's
    ``CAST('12/3' AS INTEGER)`` = 12 reads it; for sorting house numbers."""
    if is_postgres(database):
        return fn.COALESCE(fn.SUBSTRING(field, SQL(r"'^\s*[-+]?[0-9]{1,18}'")).cast("BIGINT"), 0)
    return field.cast("INTEGER")


def json_expr(field, key: str, database=None):
    """peewee expression: member ``key`` of a JSON text field (the expression the audit indexes of
    migration 7 are built on, so a comparison with it uses them). Compare it with
    :func:`json_values` of the wanted values: numbers are text on PostgreSQL."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        raise ValueError(f"bad JSON key {key!r}")
    if is_postgres(database):
        return fn.abc_json_text(field, SQL(f"'{key}'"))
    return fn.json_extract(field, SQL(f"'$.{key}'"))


def json_values(values, database=None) -> list:
    """``values`` as :func:`json_expr` yields them (text on PostgreSQL, as they are on SQLite)."""
    if is_postgres(database):
        return [None if v is None else str(v) for v in values]
    return list(values)


def greatest_expr(a, b, database=None):
    """peewee expression: the larger of two values."""
    return fn.GREATEST(a, b) if is_postgres(database) else fn.MAX(a, b)


# ---------------------------------------------------------------- opening a server


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages and logs)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://…"
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))


def server_error(url: str, exc: BaseException) -> AbcError:
    """A connection failure explained in Thai and English (no traceback, no password)."""
    where = redact(url)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = str(exc).lower()
    if (
        "password authentication failed" in low
        or "no password supplied" in low
        or "authentication failed" in low
    ):
        return AbcError(
            f"เข้าฐานข้อมูลไม่ได้: ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง ({where})",
            f"Cannot open the database: wrong user name or password ({where})",
        )
    if "does not exist" in low and "database" in low:
        return AbcError(
            f"เข้าฐานข้อมูลไม่ได้: ไม่มีฐานข้อมูลชื่อนี้บนเซิร์ฟเวอร์ ({where}; {text})",
            f"Cannot open the database: no such database on the server ({where}; {text})",
        )
    if (
        "refused" in low
        or "timeout" in low
        or "timed out" in low
        or "could not translate" in low
        or "no route" in low
        or "unreachable" in low
        or "connection failed" in low
    ):
        return AbcError(
            f"ติดต่อเซิร์ฟเวอร์ฐานข้อมูลไม่ได้ ตรวจสอบที่อยู่ พอร์ต และว่าเซิร์ฟเวอร์เปิดอยู่ ({where}; {text})",
            f"Cannot reach the database server: check the address and port and that the server is running "
            f"({where}; {text})",
        )
    return AbcError(f"เปิดฐานข้อมูลไม่ได้: {where} ({text})", f"Cannot open the database: {where} ({text})")


class ServerDatabase(peewee.PostgresqlDatabase):
    """peewee's PostgreSQL database on psycopg 3, reading raw SQL written with SQLite's ``?``.

    Raw SQL the app writes once for both engines uses ``?`` placeholders (and may hold a literal
    ``%``, e.g. ``LIKE '54%'``); psycopg wants ``%s`` and ``%%``. :meth:`execute_sql` rewrites such
    text with :func:`sql`; text already in psycopg's style (every query peewee builds) passes as it is.
    """

    def execute_sql(self, sql_text, params=None):  # type: ignore[override]
        if ("?" in sql_text or "%" in sql_text) and not written_for_psycopg(sql_text):
            sql_text = sql(sql_text, self)
        return super().execute_sql(sql_text, params)


def load_psycopg() -> None:
    """Give peewee the psycopg 3 driver it did not import at start-up (see ``abc_tui/__init__.py``:
    the driver is imported when a server is opened, not at every start). ImportError without it."""
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if peewee.psycopg is None:
        peewee.psycopg, peewee.TransactionStatus = psycopg, TransactionStatus
        peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
        adapter = peewee.Psycopg3Adapter
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN


def new_server_database(url: str) -> peewee.PostgresqlDatabase:
    """A (not yet connected) peewee database for the server at ``url``, on psycopg 3.

    Raises :class:`AbcError` when psycopg is not installed or the URL cannot be read.
    """
    try:
        load_psycopg()
    except ImportError:
        raise AbcError(
            'ต้องติดตั้งส่วนเสริม PostgreSQL ก่อน: pip install -e ".[postgres]" (psycopg 3)',
            'PostgreSQL support is not installed: pip install -e ".[postgres]" (psycopg 3)',
        ) from None
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError as exc:
        raise AbcError(
            f"ที่อยู่ฐานข้อมูลไม่ถูกต้อง: {redact(url)} ({exc})", f"Bad database URL: {redact(url)} ({exc})"
        ) from None
    if not parts.path.strip("/"):
        raise AbcError(
            f"ที่อยู่ฐานข้อมูลต้องมีชื่อฐานข้อมูลท้าย / เช่น postgresql://user:pass@host:5432/abc ({redact(url)})",
            f"The database URL needs a database name after the last /, e.g. postgresql://user:pass@host:5432/abc "
            f"({redact(url)})",
        )
    return ServerDatabase(url.strip(), prefer_psycopg3=True, connect_timeout=CONNECT_TIMEOUT_S)


# ---------------------------------------------------------------- raw bulk SQL


class _RawCursor:
    def __init__(self, cursor, lastrowid: int | None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    def fetchone(self):
        return self._cursor.fetchone()

    def fetchall(self):
        return self._cursor.fetchall()

    def __iter__(self):
        return iter(self._cursor)


_INSERT_INTO = re.compile(r'^\s*INSERT\s+INTO\s+"?(\w+)"?', re.IGNORECASE)


class _ServerRaw:
    """``execute``/``executemany`` with ``?`` placeholders and ``lastrowid``, on psycopg."""

    def __init__(self, database) -> None:
        self._db = database

    def execute(self, text: str, params: Sequence = ()):
        text = sql(text, self._db)
        m = _INSERT_INTO.match(text)
        if m and m.group(1) in _tables_with_id() and "RETURNING" not in text.upper():
            cur = self._db.execute_sql(text + ' RETURNING "id"', tuple(params))
            return _RawCursor(cur, cur.fetchone()[0])
        return _RawCursor(self._db.execute_sql(text, tuple(params)), None)

    def executemany(self, text: str, rows) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            self._db.cursor().executemany(sql(text, self._db), rows)


@functools.cache
def _tables_with_id() -> frozenset[str]:
    from abc_tui.store import models

    return frozenset(
        m._meta.table_name
        for m in vars(models).values()
        if isinstance(m, type)
        and issubclass(m, models.BaseModel)
        and m is not models.BaseModel
        and isinstance(m._meta.primary_key, peewee.AutoField)
    )


def raw(database=None):
    """A DB-API-like connection for bulk raw SQL written with ``?`` placeholders (the demo builder):
    ``execute(sql, params)`` (its result has ``fetchone``/``fetchall`` and, after an ``INSERT`` into a
    table with an ``id``, ``lastrowid``) and ``executemany(sql, rows)``. On SQLite it is the
    ``sqlite3`` connection itself. Flags are Python ``bool``; dates ISO text (fine in an ``INSERT``)."""
    target = db if database is None else database
    if is_postgres(target):
        return _ServerRaw(target)
    return target.connection()
