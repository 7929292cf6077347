"""The monthly summary tables the reports read (``report_month``, ``report_item``; migration 5).

Triggers keep them exact on every insert, update and delete of a ledger line, so a report over a
tambon-year reads ~35k summary rows instead of ~800k lines. This module holds what the reports need
to talk about them: the kind columns, the area-prefix bounds, and :func:`verify` / :func:`rebuild`
(for tests, for ``check``-style tools, and after a bulk load that bypassed the triggers).
"""

from __future__ import annotations

import re

from abc_tui.store.migrations import M5_DDL
from abc_tui.store.models import db

#: report_month column -> category kind it sums (the order of household-month's keys).
KIND_COLUMNS: dict[str, str] = {
    "income": "income",
    "production": "production",
    "consumption": "consumption",
    "avoidable": "avoidable",
    "interest": "interest",
    "borrowed": "debt_borrowed",
    "repaid": "debt_repaid",
    "saved": "saving_in",
    "withdrawn": "saving_out",
}

#: SQL for ``net`` over report_month columns (REPORTS.md: income − the four expense kinds).
NET_SQL = "({p}income - {p}production - {p}consumption - {p}avoidable - {p}interest)"


def net_sql(prefix: str = "") -> str:
    return NET_SQL.format(p=prefix)


def member_sql(h: str = "h", first: str = "mo.first_day", last: str = "mo.last_day") -> str:
    """SQL: household ``h`` was a **member** in the period whose first and last days are the SQL
    expressions ``first`` and ``last`` (REPORTS.md "Membership"): it joined on or before the last
    day and had not left before the first. The one definition every count and money column uses,
    so past months never change when a household leaves today."""
    return f"({h}.joined_on <= {last} AND ({h}.left_on IS NULL OR {h}.left_on >= {first}))"


def area_bounds(code: str) -> tuple[str, str]:
    """``(lo, hi)`` with ``lo <= village_code < hi`` exactly for the villages under area ``code``.

    Codes are digit strings and an area's code is a prefix of its children's, so the range is
    index-friendly where ``LIKE 'code%'`` is not.
    """
    return code, code + "~"


_TO_SPACE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\u00a0": " ", "\u3000": " ", "\u200b": None, "\ufeff": None})
_SPACES = re.compile(" {2,}")


def item_key(text: str | None) -> str:
    """The Python twin of the triggers' item normalisation (migration 5): tab, line breaks,
    no-break and ideographic spaces become spaces, zero-width space and BOM go, runs of spaces
    fold to one, leading and trailing spaces go. ``"ไข่ไก่ "`` and ``"ไข่ไก่"`` are one item."""
    return _SPACES.sub(" ", (text or "").translate(_TO_SPACE)).strip(" ")


def _raw_month_rows() -> list[tuple]:
    kinds = ", ".join(
        f"sum(CASE c.kind WHEN '{kind}' THEN l.amount_satang ELSE 0 END)" for kind in KIND_COLUMNS.values()
    )
    return db.execute_sql(
        f"SELECT l.village_code, l.household_id, substr(l.date, 1, 7), count(*), {kinds} "
        "FROM ledger_line l LEFT JOIN category c ON c.code = l.category_code "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    ).fetchall()


def _summary_month_rows() -> list[tuple]:
    cols = ", ".join(KIND_COLUMNS)
    return db.execute_sql(
        f"SELECT village_code, household_id, month, lines, {cols} FROM report_month ORDER BY 1, 2, 3"
    ).fetchall()


def _raw_item_rows() -> list[tuple]:
    """Lines grouped by the Python normalisation (so the SQL one is checked against it)."""
    rows = db.execute_sql(
        "SELECT village_code, category_code, item, household_id, substr(date, 1, 7), amount_satang "
        "FROM ledger_line"
    ).fetchall()
    acc: dict[tuple, list[int]] = {}
    for village, code, item, hid, month, amount in rows:
        key = (village, code, item_key(item), hid, month)
        a = acc.setdefault(key, [0, 0])
        a[0] += 1
        a[1] += amount
    return sorted((*k, n, s) for k, (n, s) in acc.items())


def _summary_item_rows() -> list[tuple]:
    return db.execute_sql(
        "SELECT village_code, category_code, item, household_id, month, lines, amount FROM report_item"
    ).fetchall()


def latest_month(area: str) -> str | None:
    """The newest month (``YYYY-MM``) with ledger lines under ``area``, or None."""
    lo, hi = area_bounds(area)
    row = db.execute_sql(
        "SELECT max(month) FROM report_month WHERE village_code >= ? AND village_code < ?", (lo, hi)
    ).fetchone()
    return row[0] if row and row[0] else None


def verify() -> list[str]:
    """Differences between the summaries and the lines they summarise ([] when exact).

    Loads every line: meant for tests and occasional checks, not for reports.
    """
    problems = []
    if _raw_month_rows() != _summary_month_rows():
        problems.append("report_month differs from ledger_line")
    if _raw_item_rows() != sorted(_summary_item_rows()):
        problems.append("report_item differs from ledger_line")
    return problems


def verify_in_sql() -> list[str]:
    """Like :func:`verify`, but compared inside SQLite (``EXCEPT`` both ways) with the triggers'
    own item normalisation: constant memory, for ``abc-tui check`` on an office's full file."""
    problems = []
    for table in ("report_month", "report_item"):
        insert = next(sql for sql in M5_DDL if sql.startswith(f'INSERT INTO "{table}"'))
        columns = insert[insert.index("(") + 1 : insert.index(")")]
        from_lines = insert[insert.index("SELECT") :]
        # Rows whose counts fell to zero after deletes are removed by the triggers; ignore any left.
        from_table = f'SELECT {columns} FROM "{table}" WHERE "lines" != 0'
        differing = db.execute_sql(
            f"SELECT (SELECT count(*) FROM ({from_lines} EXCEPT {from_table})) + "
            f"(SELECT count(*) FROM ({from_table} EXCEPT {from_lines}))"
        ).fetchone()[0]
        if differing:
            problems.append(f"{table} differs from ledger_line in {differing} rows")
    return problems


def rebuild() -> None:
    """Recompute both summaries from the lines (the backfill statements of migration 5)."""
    backfill = [sql for sql in M5_DDL if sql.startswith(("DELETE", "INSERT"))]
    with db.atomic():
        for sql in backfill:
            db.execute_sql(sql)
