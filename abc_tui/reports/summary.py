"""The monthly summary tables the reports read (``report_month``, ``report_item``; migration 5).

Triggers keep them exact on every insert, update and delete of a ledger line, so a report over a
tambon-year reads ~35k summary rows instead of ~800k lines. This module holds what the reports need
to talk about them: the kind columns, the area-prefix bounds, and :func:`verify` / :func:`rebuild`
(for tests, for ``check``-style tools, and after a bulk load that bypassed the triggers).
"""

from __future__ import annotations

from peewee import Expression, fn

from abc_tui.domain.areas import area_bounds
from abc_tui.domain.categories import EXPENSE_COLUMNS, KIND_COLUMNS
from abc_tui.domain.ledger import ITEM_DROPPED, ITEM_SPACES, item_key
from abc_tui.reports.portable import cursor, rows
from abc_tui.store import engine
from abc_tui.store.models import Household, ReportMonth, db

__all__ = [
    "EXPENSE_COLUMNS",
    "KIND_COLUMNS",
    "area_bounds",
    "item_key",
    "item_key_sql",
    "member_expr",
    "rebuild",
    "verify",
    "verify_in_sql",
]


#: SQL for ``net`` over report_month columns (REPORTS.md: income − the four expense kinds), made
#: from the kind table's signs (:func:`abc_tui.domain.categories.net` is the Python twin).
def member_expr(first: object, last: object, h: type[Household] = Household) -> Expression:
    """Household ``h`` was a **member** in the period whose first and last days are ``first`` and
    ``last`` (ISO dates or expressions; REPORTS.md "Membership"): it joined on or before the last
    day and had not left before the first. The one definition every count and money column uses,
    so past months never change when a household leaves today."""
    return (h.joined_on <= last) & (h.left_on.is_null() | (h.left_on >= first))


def item_key_sql(expr: str) -> str:
    """SQL twin of :func:`~abc_tui.domain.ledger.item_key` over the SQL expression ``expr`` (made
    from the same character lists; folds runs of up to 128 spaces, far more than an item holds)."""
    out = expr
    for ch in ITEM_SPACES:
        out = f"replace({out}, {engine.char(ord(ch))}, ' ')"
    for ch in ITEM_DROPPED:
        out = f"replace({out}, {engine.char(ord(ch))}, '')"
    for _ in range(7):
        out = f"replace({out}, '  ', ' ')"
    return f"trim({out})"


def _month_from_lines() -> str:
    """report_month's rows computed from the lines (its own statement, not the migration's)."""
    kinds = ", ".join(
        f"sum(CASE c.kind WHEN '{kind}' THEN l.amount_satang ELSE 0 END)" for kind in KIND_COLUMNS.values()
    )
    return (
        f"SELECT l.village_code, l.household_id, {engine.month_of('l.date')}, count(*), {kinds} "
        "FROM ledger_line l LEFT JOIN category c ON c.code = l.category_code GROUP BY 1, 2, 3"
    )


def _item_from_lines() -> str:
    return (
        f"SELECT village_code, category_code, {item_key_sql('item')}, household_id, {engine.month_of('date')}, "
        "count(*), sum(amount_satang) FROM ledger_line GROUP BY 1, 2, 3, 4, 5"
    )


def _item_total_from_lines() -> str:
    return (
        f"SELECT village_code, category_code, {item_key_sql('item')}, {engine.month_of('date')}, count(*), "
        "sum(amount_satang) "
        "FROM ledger_line GROUP BY 1, 2, 3, 4"
    )


def _item_year_from_lines() -> str:
    # The months with lines as bits: the distinct bits of a group added up are the bits OR-ed.
    return (
        f"SELECT village_code, category_code, {item_key_sql('item')}, household_id, substr({engine.month_of('date')}, 1, 4), "
        f"sum(DISTINCT 1 << (CAST(substr({engine.month_of('date')}, 6, 2) AS INTEGER) - 1)) "
        "FROM ledger_line GROUP BY 1, 2, 3, 4, 5"
    )


_MONTH_COLUMNS = ("village_code", "household_id", "month", "lines", *KIND_COLUMNS)
_ITEM_COLUMNS = ("village_code", "category_code", "item", "household_id", "month", "lines", "amount")
_ITEM_TOTAL_COLUMNS = ("village_code", "category_code", "item", "month", "lines", "amount")
_ITEM_YEAR_COLUMNS = ("village_code", "category_code", "item", "household_id", "year", "months")


def _summaries() -> list[tuple[str, tuple[str, ...], str, str]]:
    """(table, columns, its rows computed from the lines, the filter of its live rows)."""
    return [
        ("report_month", _MONTH_COLUMNS, _month_from_lines(), '"lines" != 0'),
        ("report_item", _ITEM_COLUMNS, _item_from_lines(), '"lines" != 0'),
        ("report_item_total", _ITEM_TOTAL_COLUMNS, _item_total_from_lines(), '"lines" != 0'),
        ("report_item_year", _ITEM_YEAR_COLUMNS, _item_year_from_lines(), '"months" != 0'),
    ]


def _raw_month_rows() -> list[tuple]:
    return rows(f"{_month_from_lines()} ORDER BY 1, 2, 3")


def _summary_month_rows() -> list[tuple]:
    cols = ", ".join(KIND_COLUMNS)
    return rows(f"SELECT village_code, household_id, month, lines, {cols} FROM report_month ORDER BY 1, 2, 3")


def _raw_item_rows() -> list[tuple]:
    """Lines grouped by the Python normalisation (so the SQL one is checked against it)."""
    lines = cursor(
        f"SELECT village_code, category_code, item, household_id, {engine.month_of('date')}, amount_satang "
        "FROM ledger_line"
    )
    acc: dict[tuple, list[int]] = {}
    for village, code, item, hid, month, amount in lines:
        key = (village, code, item_key(item), hid, month)
        a = acc.setdefault(key, [0, 0])
        a[0] += 1
        a[1] += amount
    return sorted((*k, n, s) for k, (n, s) in acc.items())


def _summary_item_rows() -> list[tuple]:
    return rows(
        "SELECT village_code, category_code, item, household_id, month, lines, amount FROM report_item"
    )


def latest_month(area: str) -> str | None:
    """The newest month (``YYYY-MM``) with ledger lines under ``area``, or None."""
    lo, hi = area_bounds(area)
    row = (
        ReportMonth.select(fn.MAX(ReportMonth.month))
        .where((ReportMonth.village_code >= lo) & (ReportMonth.village_code < hi))
        .tuples()
        .first()
    )
    return row[0] if row and row[0] else None


def verify() -> list[str]:
    """Differences between the summaries and the lines they summarise ([] when exact).

    Loads every line: meant for tests and occasional checks, not for reports.
    """
    problems = []
    if _raw_month_rows() != _summary_month_rows():
        problems.append("report_month differs from ledger_line")
    items = _raw_item_rows()
    if items != sorted(_summary_item_rows()):
        problems.append("report_item differs from ledger_line")
    totals: dict[tuple, list[int]] = {}
    years: dict[tuple, int] = {}
    for village, code, item, hid, month, n, amount in items:
        t = totals.setdefault((village, code, item, month), [0, 0])
        t[0] += n
        t[1] += amount
        key = (village, code, item, hid, month[:4])
        years[key] = years.get(key, 0) | 1 << (int(month[5:7]) - 1)
    want_totals = sorted((*k, n, a) for k, (n, a) in totals.items())
    if want_totals != sorted(
        db.execute_sql(f"SELECT {', '.join(_ITEM_TOTAL_COLUMNS)} FROM report_item_total").fetchall()
    ):
        problems.append("report_item_total differs from ledger_line")
    if sorted((*k, m) for k, m in years.items()) != sorted(
        db.execute_sql(f"SELECT {', '.join(_ITEM_YEAR_COLUMNS)} FROM report_item_year").fetchall()
    ):
        problems.append("report_item_year differs from ledger_line")
    return problems


def verify_in_sql() -> list[str]:
    """Like :func:`verify`, but compared inside SQLite (``EXCEPT`` both ways) with the triggers'
    item normalisation in SQL (:func:`item_key_sql`): constant memory, for ``abc-tui check`` on an office's full file."""
    problems = []
    for table, cols, from_lines, live in _summaries():
        columns = ", ".join(f'"{c}"' for c in cols)
        # Rows whose counts fell to zero after deletes are removed by the triggers; ignore any left.
        from_table = f'SELECT {columns} FROM "{table}" WHERE {live}'
        differing = cursor(
            f"SELECT (SELECT count(*) FROM ({from_lines} EXCEPT {from_table}) AS a) + "
            f"(SELECT count(*) FROM ({from_table} EXCEPT {from_lines}) AS b)"
        ).fetchone()[0]
        if differing:
            problems.append(f"{table} differs from ledger_line in {differing} rows")
    return problems


def rebuild() -> None:
    """Recompute every summary from the lines (what the backfills of migrations 5 and 10 did)."""
    with db.atomic():
        for table, cols, from_lines, _live in _summaries():
            columns = ", ".join(f'"{c}"' for c in cols)
            cursor(f'DELETE FROM "{table}"')
            cursor(f'INSERT INTO "{table}" ({columns}) {from_lines}')
