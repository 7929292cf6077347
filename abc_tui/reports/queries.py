"""One function per upward report (REPORTS.md): a period and an area in, typed rows out.

Every function takes a :class:`~abc_tui.reports.period.Period` and an area code of any level
(8 village, 6 tambon, 4 district, 2 province) and returns tuples in the order of the report's
columns (:mod:`abc_tui.reports.spec`): text as ``str``, money as integer satang, dates as
``datetime.date``, months as ``"YYYY-MM"``, percentages as ``Decimal`` with one decimal.

Figures are SQL aggregates over the monthly summaries (``report_month``, ``report_item``;
see :mod:`abc_tui.reports.summary`), never a walk over the ledger lines in Python. Only the
``ledger`` report returns lines, and it streams them (:func:`iter_ledger`).

The same queries run on an office's SQLite file and on a PostgreSQL server (issue 11): they are
peewee queries (CTEs such as :func:`members` and :func:`months_cte`, window functions, a
``ValuesList``), read through :func:`abc_tui.reports.portable.fetch` (plain tuples, no per-value
conversion: as fast as raw SQL). Text sort keys are compared in code-point order on every engine
(:func:`~abc_tui.reports.portable.ordered_expr`) and area ranges hold under any collation
(:func:`~abc_tui.domain.areas.area_bounds`), so the same data gives the same files byte for byte
(tests/pg/test_reports_pg.py). Raw SQL is left only in :func:`ledger_csv_query` and
:func:`ledger_csv_blocks`, the SQLite speed paths of the ledger CSV (the export writes the same
bytes in Python on other engines).

Definitions (REPORTS.md, with the choices it leaves open written down):

* ``net`` = income − (production cost + consumption + avoidable + interest).
* A household is **registered** in a month when it was a **member** that month (REPORTS.md
  "Membership": joined on or before the month's last day and had not left before its first,
  :func:`~abc_tui.reports.summary.member_expr`); it is **reporting** when it is registered and has
  at least one line that month. Every money column of a village or area row (village-month,
  household-month, debt, indicators) sums the lines of the same member households, so a
  household leaving today changes no earlier month. ``completeness_pct`` = 100 × reporting / registered, one decimal (half up), empty
  when no household is registered.
* ``household-month`` has a row for every household-month with lines, and a zero row for every
  registered household without lines that month (so a missing book shows as ``lines`` = 0).
* Debt of a household at a date = debt at joining + borrowed − repaid up to that date. Periods
  are whole months, so "at the start" is at the end of the month before the first, "at the end"
  at the end of the last: one definition, :func:`members` (indicators, debt-capacity, data card,
  statements); the debt chart sums it over each month's members.
* Plan items belong to a period when their fiscal year is one the period touches.
* Indicators (value / denominator): 5.1.1 registered households with a line in the period /
  registered households; 5.1.2 households in debt at the start whose debt at the end is lower /
  households in debt at the start; 5.1.2a the same whose debt reached zero; 5.2.1 sufficiency-
  economy villages / villages; 5.2.2 villages that held a village forum in the period attended by
  someone of the community (by name or walk-in) / villages; 5.2.3 villages with a plan item (not
  dropped) that uses data and comes from a forum / villages, target 30%; 5.3.2 plan items with an
  approved budget whose actor is the local government / plan items with an approved budget;
  5.3.2b the same for every other source. Rows: the area asked for, then every area below it.
* Clerks' names (``entered_by``) appear in a default export as a stable pseudonym
  (``clerk-`` + 8 hex digits of an HMAC-SHA-256 keyed with a random secret kept in this office's
  settings, so it cannot be recomputed from a staff list), never as the name (PDPA).
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import hmac
import operator
import queue
import sqlite3
import threading
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from peewee import CTE, JOIN, SQL, Case, Select, ValuesList, fn

from abc_tui.domain.areas import OCCUPATION_GROUPS
from abc_tui.domain.categories import EXPENSE_KINDS, KIND_TABLE
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, format_date_be, month_range
from abc_tui.reports.period import Period
from abc_tui.reports.portable import as_date, cursor, day, fetch, ordered_expr
from abc_tui.reports.summary import (
    EXPENSE_COLUMNS,
    KIND_COLUMNS,
    area_bounds,
    member_expr,
)
from abc_tui.store import engine, settings
from abc_tui.store.models import (
    Area,
    Category,
    Forum,
    ForumAttendance,
    Household,
    LedgerLine,
    PlanItem,
    ReportItemTotal,
    ReportItemYear,
    ReportMonth,
    db,
)

if TYPE_CHECKING:
    from abc_tui.store.plan import PlanFilter

# ---------------------------------------------------------------- helpers


def pct(part: int, whole: int) -> Decimal | None:
    """100 × part / whole with one decimal, rounded half up; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def div_round(a: int, b: int) -> int:
    """a / b rounded half away from zero, in integers (money stays exact)."""
    q, r = divmod(abs(a), b)
    if 2 * r >= b:
        q += 1
    return q if a >= 0 else -q


def months_cte(period: Period) -> CTE:
    """``mo(month, first_day, last_day)``: one row per month of the period (a ``VALUES`` CTE)."""
    rows = [(m.iso(), day(m.first_day()), day(m.last_day())) for m in period.month_list()]
    columns = ("month", "first_day", "last_day")
    return ValuesList(rows, columns=columns).cte("mo", columns=columns)


@dataclass
class Members:
    """The member households of a period under an area and their figures: :func:`members`."""

    agg: CTE
    hh: CTE

    @property
    def c(self):
        return self.hh.c

    def select(self, *columns) -> Select:
        """``SELECT columns FROM hh`` (with both CTEs), bound to the open database."""
        return Select([self.hh], list(columns)).with_cte(self.agg, self.hh).bind(db)


def members(
    period: Period,
    area: str,
    *,
    debt_at: Sequence[Month] = (),
    period_sums: dict[str, object] | None = None,
    upto_sums: dict[str, tuple[Sequence[Month], object]] | None = None,
) -> Members:
    """``hh(id, village, occupation, n, d0 …, <sums>)``: one row per **member** household of the
    period (REPORTS.md "Membership") under ``area``, from the monthly summary (a peewee CTE):

    * ``n``: its lines in the period;
    * ``d0``, ``d1`` …: its **debt at the end of** each month of ``debt_at`` — the one definition of
      "debt at a date" (REPORTS.md): debt at joining + borrowed − repaid up to then. Periods are
      whole months, so "debt at the start" is the debt at the end of the month before the first
      (``period.first.prev()``) and "at the end" the debt at the end of the last;
    * ``period_sums`` name -> expression over ``ReportMonth`` columns, summed over the period;
    * ``upto_sums`` name -> (months, expression): summed up to the end of each month, as
      ``name0``, ``name1`` … (savings at each month end, say).
    """
    lo, hi = area_bounds(area)
    rm, h = ReportMonth, Household
    first = period.first.iso()

    def summed(cond, expr):
        return fn.SUM(Case(None, [(cond, expr)], 0))

    agg_cols = [rm.household_id, summed(rm.month >= first, rm.lines).alias("n")]
    for k, m in enumerate(debt_at):
        agg_cols.append(summed(rm.month <= m.iso(), rm.borrowed - rm.repaid).alias(f"m{k}"))
    for name, expr in (period_sums or {}).items():
        agg_cols.append(summed(rm.month >= first, expr).alias(name))
    for name, (months, expr) in (upto_sums or {}).items():
        for k, m in enumerate(months):
            agg_cols.append(summed(rm.month <= m.iso(), expr).alias(f"{name}{k}"))
    agg = (
        rm.select(*agg_cols)
        .where((rm.village_code >= lo) & (rm.village_code < hi) & (rm.month <= period.last.iso()))
        .group_by(rm.household_id)
        .cte("agg")
    )
    a = agg.c
    cols = [
        h.id.alias("id"),
        h.village.alias("village"),
        h.occupation.alias("occupation"),
        fn.COALESCE(a.n, 0).alias("n"),
    ]
    for k in range(len(debt_at)):
        cols.append((h.debt_at_joining_satang + fn.COALESCE(getattr(a, f"m{k}"), 0)).alias(f"d{k}"))
    for name in period_sums or {}:
        cols.append(fn.COALESCE(getattr(a, name), 0).alias(name))
    for name, (months, _) in (upto_sums or {}).items():
        for k in range(len(months)):
            cols.append(fn.COALESCE(getattr(a, f"{name}{k}"), 0).alias(f"{name}{k}"))
    hh = (
        h.select(*cols)
        .join(agg, JOIN.LEFT_OUTER, on=(a.household_id == h.id))
        .where(member_expr(day(period.start), day(period.end)) & (h.village >= lo) & (h.village < hi))
        .cte("hh")
    )
    return Members(agg, hh)


def count_if(cond) -> object:
    """``count(CASE WHEN cond THEN 1 END)``."""
    return fn.COUNT(Case(None, [(cond, 1)]))


def expense_expr(rm=ReportMonth):
    """The four expense kinds of ``net`` added up, as a peewee expression over summary columns."""
    return functools.reduce(operator.add, [getattr(rm, c) for c in EXPENSE_COLUMNS])


def net_expr(rm=ReportMonth):
    """``net`` (REPORTS.md) over summary columns, from the kind table's signs (the SQL twin of
    :func:`abc_tui.domain.categories.net`)."""
    terms = [(k.net, getattr(rm, k.column)) for k in KIND_TABLE if k.net]
    out = terms[0][1] if terms[0][0] > 0 else 0 - terms[0][1]
    for sign, col in terms[1:]:
        out = out + col if sign > 0 else out - col
    return out


def villages_in(area: str) -> list[str]:
    """Codes of the villages under (or equal to) area ``area``, in order."""
    lo, hi = area_bounds(area)
    q = Area.select(Area.code).where((Area.level == "village") & (Area.code >= lo) & (Area.code < hi))
    return [code for (code,) in q.order_by(Area.code).tuples()]


def pseudonym(name: str) -> str:
    """A clerk's name as a default (PDPA) export shows it: stable within this office, not the
    name, and not recomputable from a staff list (keyed with the office's own secret)."""
    if not name:
        return ""
    return _pseudonym(name, _pseudonym_key())


@functools.lru_cache(maxsize=4096)
def _pseudonym(name: str, key: str) -> str:
    return "clerk-" + hmac.new(key.encode(), name.encode("utf-8"), hashlib.sha256).hexdigest()[:8]


def _pseudonym_key() -> str:
    """The office's key, made by migration 6: only read here, so a default export works on a
    read-only file and while another program holds the write lock."""
    key = settings.get("pseudonym_key")
    if not key:
        raise AbcError(
            "ฐานข้อมูลนี้ยังไม่มีกุญแจสำหรับรหัสแทนชื่อผู้บันทึก: เปิดด้วยโปรแกรม abc-tui รุ่นนี้หนึ่งครั้งเพื่อปรับรุ่นข้อมูล",
            "This database has no key for clerk pseudonyms yet: open it once with this abc-tui to upgrade it",
        )
    return key


# ---------------------------------------------------------------- ledger

_LEDGER_FROM = (
    "FROM ledger_line l JOIN household h ON h.id = l.household_id "
    "LEFT JOIN category c ON c.code = l.category_code "
    "WHERE l.village_code >= ? AND l.village_code < ? AND l.date >= ? AND l.date <= ?"
)
#: Index order of ``ledger_line(village_code, date)`` (+ rowid): no sort needed.
_LEDGER_ORDER = "ORDER BY l.village_code, l.date, l.id"


def _ledger_params(period: Period, area: str) -> list:
    lo, hi = area_bounds(area)
    return [lo, hi, day(period.start), day(period.end)]


def _ledger_lines(period: Period, area: str):
    """The report's lines (every line has its household and category: foreign keys), in the
    index order of ``ledger_line(village_code, date)`` (+ id): no sort needed."""
    lo, hi = area_bounds(area)
    ll = LedgerLine
    return (
        (ll.village_code >= lo)
        & (ll.village_code < hi)
        & (ll.date >= day(period.start))
        & (ll.date <= day(period.end)),
        [ll.village_code, ll.date, ll.id],
    )


def ledger_count(period: Period, area: str) -> int:
    where, _ = _ledger_lines(period, area)
    return LedgerLine.select().where(where).count()


def _ledger_query(named: bool, *, with_id: bool = False):
    ll, h = LedgerLine, Household
    cols = [
        ll.uuid,
        h.code,
        ll.village_code,
        ll.date,
        ll.category_code,
        fn.COALESCE(Category.kind, ""),
        ll.item,
        ll.amount_satang,
        ll.entered_by,
        ll.entered_at,
        *([h.head_name] if named else []),
    ]
    return (
        ll.select(*([ll.id] if with_id else []), *cols)
        .join(h, on=(h.id == ll.household_id))
        .join_from(ll, Category, JOIN.LEFT_OUTER, on=(Category.code == ll.category_code))
    )


def _ledger_row(r: tuple, named: bool, names: dict[str, str]) -> tuple:
    d = as_date(r[3])
    if named:
        who = r[8]
    else:  # one pseudonym (and one settings read) per clerk, not per line
        who = names.get(r[8])
        if who is None:
            who = names[r[8]] = pseudonym(r[8])
    row = (r[0], r[1], r[2], d, format_date_be(d), r[4], r[5], r[6], r[7], who, r[9])
    return row + (r[10],) if named else row


def iter_ledger(
    period: Period, area: str, *, named: bool = False, chunk: int = 5000
) -> Iterator[list[tuple]]:
    """The ``ledger`` report in chunks of typed rows (streamed; a tambon-year is ~800k lines)."""
    where, order = _ledger_lines(period, area)
    cur = db.execute(_ledger_query(named).where(where).order_by(*order))
    names: dict[str, str] = {}
    while True:
        rows = cur.fetchmany(chunk)
        if not rows:
            return
        yield [_ledger_row(r, named, names) for r in rows]


def ledger(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """The ``ledger`` report as a list (fine for a village-month; use :func:`iter_ledger` for more)."""
    return [row for rows in iter_ledger(period, area, named=named) for row in rows]


class LedgerWindow:
    """The ``ledger`` report for a screen, streamed: where each row is, without reading the lines.

    The report's order (village, date, id) is a run of village × month blocks; their line counts
    come from the monthly summary (``report_month``, exact by its triggers), so the total and the
    block of any row are known at once even for a 5.5 M-line tambon-year. :meth:`rows` reads one
    screenful: the ids of that stretch of a block from the ``(village_code, date)`` index alone
    (LIMIT/OFFSET inside one village-month), then those lines.
    """

    def __init__(self, period: Period, area: str, *, named: bool = False) -> None:
        lo, hi = area_bounds(area)
        rm = ReportMonth
        self.period, self.area, self.named = period, area, named
        self.blocks: list[tuple[str, Month, int]] = [
            (village, Month.from_iso(month), int(n))
            for village, month, n in fetch(
                rm.select(rm.village_code, rm.month, fn.SUM(rm.lines))
                .where(
                    (rm.village_code >= lo)
                    & (rm.village_code < hi)
                    & (rm.month >= period.first.iso())
                    & (rm.month <= period.last.iso())
                    & (rm.lines != 0)
                )
                .group_by(rm.village_code, rm.month)
                .order_by(ordered_expr(rm.village_code), rm.month)
            )
        ]
        self.starts: list[int] = []
        total = 0
        for _, _, n in self.blocks:
            self.starts.append(total)
            total += n
        self.total = total

    def __len__(self) -> int:
        return self.total

    def rows(self, offset: int, limit: int) -> list[tuple]:
        """Typed ledger rows ``offset`` … ``offset + limit - 1`` of the report (fewer at the end)."""
        import bisect

        ll = LedgerLine
        out: list[tuple] = []
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        while limit > 0 and i < len(self.blocks):
            village, month, n = self.blocks[i]
            skip = offset - self.starts[i]
            take = min(limit, n - skip)
            if take > 0:
                first = max(month.first_day(), self.period.start)
                last = min(month.last_day(), self.period.end)
                ids = [
                    r[0]
                    for r in fetch(
                        ll.select(ll.id)
                        .where(
                            (ll.village_code == village) & (ll.date >= day(first)) & (ll.date <= day(last))
                        )
                        .order_by(ll.village_code, ll.date, ll.id)
                        .limit(take)
                        .offset(skip)
                    )
                ]
                out += ledger_by_ids(ids, named=self.named)
                offset += take
                limit -= take
            i += 1
        return out


def ledger_ids(period: Period, area: str) -> array[int]:
    """Line ids of the report in report order (the screen windows over them; 8 bytes a line)."""
    where, order = _ledger_lines(period, area)
    cur = db.execute(LedgerLine.select(LedgerLine.id).where(where).order_by(*order))
    return array("q", (r[0] for r in cur))


def ledger_by_ids(ids: Sequence[int], *, named: bool = False) -> list[tuple]:
    """Typed ledger rows for ``ids`` (in that order)."""
    if not ids:
        return []
    ids = list(ids)
    got = {r[0]: r[1:] for r in db.execute(_ledger_query(named, with_id=True).where(LedgerLine.id.in_(ids)))}
    names: dict[str, str] = {}
    return [_ledger_row(got[i], named, names) for i in ids if i in got]


# -- the CSV fast path on an office PC: the same rows, formatted by SQLite itself (SQLite-only SQL:
# ``printf``, ``char``, ``instr``; see export.write_ledger_csv, which uses it only on SQLite)


def _sql_text(expr: str) -> str:
    """SQL for the formula neutralising of a text cell (mirror of export.neutralise)."""
    return (
        f"CASE WHEN substr({expr}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) "
        f"THEN '''' || {expr} ELSE {expr} END"
    )


def _sql_money(expr: str) -> str:
    """SQL for baht with two decimals from integer satang, in integers (mirror of export.baht)."""
    return (
        f"CASE WHEN {expr} IS NULL THEN '' ELSE "
        f"(CASE WHEN {expr} < 0 THEN '-' ELSE '' END) || printf('%d.%02d', abs({expr}) / 100, abs({expr}) % 100) END"
    )


def _sql_csv_field(raw: str, cell: str) -> str:
    """SQL for one CSV field holding ``cell`` (made from ``raw``), quoted as Python's csv module
    quotes (QUOTE_MINIMAL): when ``raw`` holds a comma, a quote or a line break."""
    return (
        f"CASE WHEN instr({raw}, ',') OR instr({raw}, '\"') OR instr({raw}, char(10)) "
        f"OR instr({raw}, char(13)) THEN '\"' || replace({cell}, '\"', '\"\"') || '\"' "
        f"ELSE coalesce({cell}, '') END"
    )


def ledger_csv_query(
    period: Period, area: str, *, named: bool = False, as_lines: bool = False
) -> tuple[str, list]:
    """SQL and parameters giving the ``ledger`` report's CSV cells as text, in report order.

    ``as_lines``: one column holding the whole CSV line (without its line end), quoted as the
    csv module quotes, so Python only writes strings out.
    """
    if named:
        who, pseud_cte, pseud_join, params = "l.entered_by", "", "", []
    else:
        names = [r[0] for r in cursor("SELECT DISTINCT entered_by FROM ledger_line")]
        values = ", ".join(["(?, ?)"] * (len(names) + 1))
        params = ["", ""]
        for n in names:
            params += [n, pseudonym(n)]
        pseud_cte = f"WITH pseud(name, alias) AS (VALUES {values}) "
        pseud_join = "LEFT JOIN pseud p ON p.name = l.entered_by "
        who = "p.alias"
    date_be = "substr(l.date, 9, 2) || '/' || substr(l.date, 6, 2) || '/' || (substr(l.date, 1, 4) + 543)"
    # (expression, how): "code" = text made by the program (UUIDs, codes, dates, timestamps: never a
    # comma, quote or line break), "free" = text people typed, "date", "money".
    fields = [
        ("l.uuid", "code"),
        ("h.code", "code"),
        ("l.village_code", "code"),
        ("l.date", "date"),
        (date_be, "code"),
        ("l.category_code", "code"),
        ("coalesce(c.kind, '')", "code"),
        ("l.item", "free"),
        ("l.amount_satang", "money"),
        (who, "free"),
        ("l.entered_at", "code"),
    ]
    if named:
        fields.append(("h.head_name", "free"))
    if as_lines and engine.is_sqlite():
        # One printf per line (SQLite): a single string built once, not ten ``||`` copies of a growing
        # line; about half the CPU of the ``||`` form on a tambon-year (bench: export).
        fmt, args = [], []
        for expr, how in fields:
            if expr == date_be:
                fmt.append("%s/%s/%d")
                args += ["substr(l.date, 9, 2)", "substr(l.date, 6, 2)", "substr(l.date, 1, 4) + 543"]
            elif how == "money":  # (amount_satang is NOT NULL)
                fmt.append("%s%d.%02d")
                args += [
                    f"CASE WHEN {expr} < 0 THEN '-' ELSE '' END",
                    f"abs({expr}) / 100",
                    f"abs({expr}) % 100",
                ]
            elif how == "free":
                fmt.append("%s")
                args.append(_sql_csv_field(expr, _sql_text(expr)))
            else:  # printf writes NULL as '' for %s, as coalesce(expr, '') did
                fmt.append("%s")
                args.append(expr)
        from_ = _LEDGER_FROM.replace("WHERE", pseud_join + "WHERE", 1)
        sql = f"{pseud_cte}SELECT printf('{','.join(fmt)}', {', '.join(args)}) {from_} {_LEDGER_ORDER}"
        return sql, params + _ledger_params(period, area)
    cols = []
    for expr, how in fields:
        if how == "money":
            cols.append(_sql_money(expr))
        elif how == "date":
            cols.append(f"coalesce({expr}, '')" if as_lines else expr)
        elif how == "free" and as_lines:
            cols.append(_sql_csv_field(expr, _sql_text(expr)))
        elif how == "free":
            cols.append(_sql_text(expr))
        else:  # program-made text never starts with = + - @ (export.neutralise leaves it alone)
            cols.append(f"coalesce({expr}, '')" if as_lines else expr)
    if as_lines:
        cols = [" || ',' || ".join(cols)]
    from_ = _LEDGER_FROM.replace("WHERE", pseud_join + "WHERE", 1)
    sql = f"{pseud_cte}SELECT {', '.join(cols)} {from_} {_LEDGER_ORDER}"
    return sql, params + _ledger_params(period, area)


# -- the fastest form of the same CSV (SQLite): one query per village × day, whose lines come back
# joined into one block of bytes. The village, the date and the B.E. date are the same for every
# line of a day: formatted once per block (a bound parameter), not per line (the B.E. date alone was
# a quarter of the export's CPU on a tambon-year). A clerk's name is mapped to its finished CSV cell
# (pseudonym, neutralised, quoted) by a CASE over the names met so far, not by a join and a quoting
# expression per line. bench: export (issue 14).

#: Put where a clerk's name is not yet in the CASE: a block holding it is made again with the
#: names of that block. (Not NUL: printf's ``%s`` ends a text at a NUL. A U+0001 typed into an
#: item only costs that block a look at its names.)
_UNKNOWN_NAME = b"\x01"

_BLOCK_FIRST_VILLAGE = (
    "SELECT village_code FROM ledger_line WHERE village_code >= ? AND village_code < ? "
    "ORDER BY village_code LIMIT 1"
)
_BLOCK_NEXT_VILLAGE = (
    "SELECT village_code FROM ledger_line WHERE village_code > ? AND village_code < ? "
    "ORDER BY village_code LIMIT 1"
)
#: The next day with lines in one village, and the block's shared cells (village, date, B.E. date),
#: formatted by the same expressions as :func:`ledger_csv_query`.
_BLOCK_DAY = (
    "SELECT date, printf('%s,%s,%s/%s/%d', village_code, date, substr(date, 9, 2), substr(date, 6, 2), "
    "substr(date, 1, 4) + 543) FROM ledger_line WHERE village_code = ? AND date {op} ? AND date <= ? "
    "ORDER BY date LIMIT 1"
)
_BLOCK_NAMES = "SELECT DISTINCT entered_by FROM ledger_line WHERE village_code = ? AND date = ?"


def _sql_free(expr: str) -> str:
    """SQL for a CSV field of text people typed: the common case (nothing to neutralise or quote)
    tested first, so most cells cost two cheap tests and no copy."""
    return (
        f"CASE WHEN unicode({expr}) IN (61, 43, 45, 64, 9, 13) OR instr({expr}, ',') OR instr({expr}, '\"') "
        f"OR instr({expr}, char(10)) OR instr({expr}, char(13)) THEN {_sql_csv_field(expr, _sql_text(expr))} "
        f"ELSE {expr} END"
    )


def _block_sql(names: int, named: bool) -> str:
    who = "CASE l.entered_by " + "WHEN ? THEN ? " * names + "ELSE char(1) END"
    fmt = "%s,%s,%s,%s,%s,%s,%s%d.%02d,%s,%s" + (",%s" if named else "")
    args = [
        "l.uuid",
        "h.code",
        "?",  # village,date,date_be of the block
        "l.category_code",
        "c.kind",
        _sql_free("l.item"),
        "CASE WHEN l.amount_satang < 0 THEN '-' ELSE '' END",
        "abs(l.amount_satang) / 100",
        "abs(l.amount_satang) % 100",
        who,
        "l.entered_at",
    ]
    if named:
        args.append(_sql_free("h.head_name"))
    # The inner ORDER BY is the index's own order (rowid within one village × day): no sort.
    return (
        f"SELECT CAST(group_concat(line, char(13, 10)) AS BLOB), count(*) FROM (SELECT printf('{fmt}', "
        f"{', '.join(args)}) AS line FROM ledger_line l JOIN household h ON h.id = l.household_id "
        "LEFT JOIN category c ON c.code = l.category_code "
        "WHERE l.village_code = ? AND l.date = ? ORDER BY l.id)"
    )


def _village_days(con, lo: str, hi: str, start: str, end: str) -> Iterator[tuple[str, str, str]]:
    """(village, date, the block's shared cells) of every village × day with lines, in report order:
    a walk of the ``(village_code, date)`` index by seeks (no line is read)."""
    village = con.execute(_BLOCK_FIRST_VILLAGE, [lo, hi]).fetchone()
    while village is not None:
        v = village[0]
        found = con.execute(_BLOCK_DAY.format(op=">="), [v, start, end]).fetchone()
        while found is not None:
            yield v, found[0], found[1]
            found = con.execute(_BLOCK_DAY.format(op=">"), [v, found[0], end]).fetchone()
        village = con.execute(_BLOCK_NEXT_VILLAGE, [v, hi]).fetchone()


class _Blocks:
    """Makes the blocks on one connection: clerks' names met so far -> their finished CSV cells."""

    def __init__(self, con, named: bool, shown: Callable[[str], str]) -> None:
        self.con, self.named, self.shown = con, named, shown
        self.cells: dict[str, str] = {}
        self.learn([""])

    def learn(self, names: list[str]) -> bool:
        new = [n for n in names if n not in self.cells]
        for n in new:  # formatted by the same SQL as the one-query form
            (self.cells[n],) = self.con.execute(
                f"SELECT {_sql_csv_field('?1', _sql_text('?1'))}", [self.shown(n)]
            ).fetchone()
        if new or not hasattr(self, "sql"):
            self.sql = _block_sql(len(self.cells), self.named)
            self.pairs = [x for kv in self.cells.items() for x in kv]
        return bool(new)

    def make(self, village: str, date: str, shared: str) -> tuple[bytes, int]:
        block, n = self.con.execute(self.sql, [shared, *self.pairs, village, date]).fetchone()
        if _UNKNOWN_NAME in block and self.learn(
            [r[0] for r in self.con.execute(_BLOCK_NAMES, [village, date])]
        ):
            block, n = self.con.execute(self.sql, [shared, *self.pairs, village, date]).fetchone()
        return block, n


def ledger_csv_blocks(
    period: Period, area: str, *, named: bool = False, workers: int = 1
) -> Iterator[tuple[bytes, int]]:
    """The ``ledger`` CSV lines (SQLite only), one block of bytes per village × day in report order
    (lines joined by CR LF, no line end after the last), with its number of lines.

    Every block comes from one snapshot of the file, as one query's rows would: one read
    transaction (unless the connection is already in one). ``workers`` > 1: that many threads,
    each with its own connection, make every ``workers``-th block (SQLite runs without the GIL),
    read in turn, a few blocks ahead at most; their read transactions start while this
    connection holds the write lock, so they see the same snapshot. On a read-only connection,
    or when the write lock is not to be had, one worker. The same bytes as :func:`ledger_csv_query`
    (tests/unit/test_ledger_csv_blocks.py)."""
    lo, hi = area_bounds(area)
    start, end = period.start.isoformat(), period.end.isoformat()
    con = db.connection()
    shown: Callable[[str], str] = str if named else pseudonym
    if not named and workers > 1:  # the key read here: the workers' threads only compute
        key = _pseudonym_key()

        def shown(name: str) -> str:
            return _pseudonym(name, key) if name else ""

    # (A read-only connection takes no write lock even when BEGIN IMMEDIATE says yes; a database
    # in memory is not there for another connection.)
    if (
        workers > 1
        and not con.in_transaction
        and not con.execute("PRAGMA query_only").fetchone()[0]
        and con.execute("PRAGMA database_list").fetchone()[2]
    ):
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # a read-only file, or another program is writing
            pass
        else:
            yield from _parallel_blocks(con, (lo, hi, start, end), named, shown, workers)
            return
    own = not con.in_transaction
    if own:
        con.execute("BEGIN")
    try:
        maker = _Blocks(con, named, shown)
        for village, date, shared in _village_days(con, lo, hi, start, end):
            yield maker.make(village, date, shared)
    finally:
        if own and con.in_transaction:
            con.execute("COMMIT")


def _parallel_blocks(
    con, bounds: tuple[str, str, str, str], named: bool, shown: Callable[[str], str], workers: int
) -> Iterator[tuple[bytes, int]]:
    """:func:`ledger_csv_blocks` by ``workers`` threads; ``con`` holds the write lock (released
    as soon as every worker has its snapshot)."""
    ready = threading.Barrier(workers + 1)
    stop = threading.Event()
    queues: list[queue.Queue] = [queue.Queue(maxsize=4) for _ in range(workers)]

    def put(k: int, item: object) -> None:
        while not stop.is_set():
            try:
                queues[k].put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def work(k: int) -> None:
        mine = None
        try:
            mine = db.connection()  # this thread's own connection (peewee keeps one per thread)
            mine.execute("BEGIN")
            mine.execute("SELECT 1 FROM ledger_line LIMIT 1").fetchall()  # the snapshot starts here
            ready.wait()
            maker = _Blocks(mine, named, shown)
            for i, (village, date, shared) in enumerate(_village_days(mine, *bounds)):
                if stop.is_set():
                    break
                if i % workers == k:
                    put(k, maker.make(village, date, shared))
            put(k, None)
        except BaseException as exc:  # handed to the reader, which raises it
            ready.abort()
            put(k, exc)
        finally:
            if mine is not None:
                if mine.in_transaction:
                    mine.execute("COMMIT")
                db.close()

    threads = [threading.Thread(target=work, args=(k,), daemon=True) for k in range(workers)]
    for t in threads:
        t.start()
    try:
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            pass  # a worker failed: its error is in its queue
        finally:
            con.execute("ROLLBACK")  # writers may go on: the workers keep their snapshot
        k = 0
        while True:
            item = queues[k].get()
            if item is None:  # block i is not there: every worker is done
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            k = (k + 1) % workers
    finally:
        stop.set()
        for t in threads:
            t.join()


# ---------------------------------------------------------------- household-month


def household_month(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """One row per household × month: lines, sums by kind, net (zero rows for missing books)."""
    lo, hi = area_bounds(area)
    mo = months_cte(period)
    h, r = Household, ReportMonth
    member = member_expr(mo.c.first_day, mo.c.last_day)
    head = [h.head_name] if named else []
    with_lines = (
        r.select(
            ordered_expr(h.code),
            r.village_code,
            r.month,
            r.lines,
            *[getattr(r, c) for c in KIND_COLUMNS],
            net_expr(r),
            *head,
        )
        .join(mo, on=(mo.c.month == r.month))
        .join_from(r, h, on=((h.id == r.household_id) & member))
        .where(
            (r.village_code >= lo)
            & (r.village_code < hi)
            & (r.month >= period.first.iso())
            & (r.month <= period.last.iso())
        )
    )
    other = r.alias("o")
    missing = (
        h.select(
            ordered_expr(h.code),
            h.village,
            mo.c.month,
            SQL("0"),
            *[SQL("0") for _ in KIND_COLUMNS],
            SQL("0"),
            *head,
        )
        .join(mo, on=member)
        .where(
            (h.village >= lo)
            & (h.village < hi)
            & ~fn.EXISTS(
                other.select(SQL("1")).where(
                    (other.village_code == h.village)
                    & (other.household_id == h.id)
                    & (other.month == mo.c.month)
                )
            )
        )
    )
    query = with_lines.union_all(missing).order_by(SQL("2"), SQL("1"), SQL("3")).with_cte(mo)
    return fetch(query)


# ---------------------------------------------------------------- village-month, completeness


@dataclass
class VillageMonth:
    registered: int = 0
    reporting: int = 0
    sums: tuple[int, ...] = (0,) * (len(KIND_COLUMNS) + 1)  # every kind column of the summary, then net


#: village-month shows the kind columns up to ``repaid`` (savings are a household's own business).
_VILLAGE_MONTH_KINDS = list(KIND_COLUMNS).index("repaid") + 1


def village_months(period: Period, area: str) -> tuple[list[str], dict[tuple[str, str], VillageMonth]]:
    """Per village × month of the period: registered and reporting member households, and the sums
    of every kind column (then ``net``) over the lines of those households."""
    lo, hi = area_bounds(area)
    mo = months_cte(period)
    h, r = Household, ReportMonth
    member = member_expr(mo.c.first_day, mo.c.last_day)
    stats: dict[tuple[str, str], VillageMonth] = defaultdict(VillageMonth)
    registered = (
        h.select(h.village, mo.c.month, fn.COUNT(SQL("*")))
        .join(mo, on=member)
        .where((h.village >= lo) & (h.village < hi))
        .group_by(h.village, mo.c.month)
        .with_cte(mo)
    )
    for village, month, n in fetch(registered):
        stats[(village, month)].registered = n
    money = (
        r.select(
            r.village_code,
            r.month,
            count_if(r.lines > 0),
            *[fn.SUM(getattr(r, c)) for c in KIND_COLUMNS],
            fn.SUM(net_expr(r)),
        )
        .join(mo, on=(mo.c.month == r.month))
        .join_from(r, h, on=((h.id == r.household_id) & member))
        .where((r.village_code >= lo) & (r.village_code < hi))
        .group_by(r.village_code, r.month)
        .with_cte(mo)
    )
    for village, month, reporting, *sums in fetch(money):
        s = stats[(village, month)]
        s.reporting = reporting
        s.sums = tuple(int(x) for x in sums)
    return villages_in(area), stats


def village_month(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """One row per village × month (every village of the area, every month of the period)."""
    villages, stats = village_months(period, area)
    out = []
    for v in villages:
        for m in period.month_list():
            s = stats.get((v, m.iso()), VillageMonth())
            money = s.sums[:_VILLAGE_MONTH_KINDS] + s.sums[-1:]  # seven kinds (no savings), net
            out.append((v, m.iso(), s.registered, s.reporting, pct(s.reporting, s.registered), *money))
    return out


def completeness(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """One row per village × month: registered, reporting, missing, percent."""
    villages, stats = village_months(period, area)
    out = []
    for v in villages:
        for m in period.month_list():
            s = stats.get((v, m.iso()), VillageMonth())
            out.append(
                (
                    v,
                    m.iso(),
                    s.registered,
                    s.reporting,
                    s.registered - s.reporting,
                    pct(s.reporting, s.registered),
                )
            )
    return out


# ---------------------------------------------------------------- indicators


@dataclass(frozen=True)
class IndicatorDef:
    id: str
    th: str
    en: str
    target_pct: Decimal | None = None


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("5.1.1", "ครัวเรือนที่จัดทำบัญชีครัวเรือน", "Households keeping accounts"),
    IndicatorDef("5.1.2", "ครัวเรือนที่มีหนี้สินลดลง", "Indebted households whose debt fell"),
    IndicatorDef("5.1.2a", "ครัวเรือนที่ปลดหนี้ได้หมด", "Indebted households that cleared their debt"),
    IndicatorDef("5.2.1", "หมู่บ้านเศรษฐกิจพอเพียง", "Sufficiency-economy villages"),
    IndicatorDef("5.2.2", "หมู่บ้านที่จัดเวทีเรียนรู้และมีผู้เข้าร่วม", "Villages that held a forum with attendance"),
    IndicatorDef(
        "5.2.3", "หมู่บ้านที่แผนชุมชนใช้ข้อมูลจากเวที", "Villages whose plan cites forum data", Decimal("30.0")
    ),
    IndicatorDef(
        "5.3.2", "โครงการในแผนที่ อปท. จัดสรรงบประมาณ", "Funded plan items funded by the local government"
    ),
    IndicatorDef("5.3.2b", "โครงการในแผนที่แหล่งอื่นจัดสรรงบประมาณ", "Funded plan items funded by other sources"),
)

#: What each indicator counts: value and denominator, per village (or per plan item's area).
_VILLAGE_STATS = (
    "registered",
    "keeping",
    "indebted",
    "fell",
    "cleared",
    "villages",
    "sufficiency",
    "forum",
    "plan_data",
)


def _indicator_stats(
    period: Period, area: str
) -> tuple[dict[str, dict[str, int]], list[tuple[str, str, int]]]:
    """Per-village counts and the funded plan items ``(area_code, actor, 1)`` of the area."""
    lo, hi = area_bounds(area)
    per: dict[str, dict[str, int]] = {v: dict.fromkeys(_VILLAGE_STATS, 0) for v in villages_in(area)}
    villages = Area.select(Area.code, Area.sufficiency_village).where(
        (Area.level == "village") & (Area.code >= lo) & (Area.code < hi)
    )
    for v, flag in villages.tuples():
        per[v]["villages"] = 1
        per[v]["sufficiency"] = int(bool(flag))
    # Member households: lines in the period, debt at the start and at the end.
    m = members(period, area, debt_at=(period.first.prev(), period.last))
    c = m.c
    q = m.select(
        c.village,
        fn.COUNT(SQL("*")),
        count_if(c.n > 0),
        count_if(c.d0 > 0),
        count_if((c.d0 > 0) & (c.d1 < c.d0)),
        count_if((c.d0 > 0) & (c.d1 <= 0)),
    ).group_by(c.village)
    for village, registered, keeping, indebted, fell, cleared in q.tuples():
        s = per.setdefault(village, dict.fromkeys(_VILLAGE_STATS, 0))
        s.update(registered=registered, keeping=keeping, indebted=indebted, fell=fell, cleared=cleared)
    # 5.2.2: village forums in the period with someone from the community there.
    f = Forum
    attended = ForumAttendance.select(SQL("1")).where(ForumAttendance.forum == f.id)
    held = (
        f.select(f.area)
        .distinct()
        .where(
            (f.level == "village")
            & (f.area >= lo)
            & (f.area < hi)
            & (f.date >= period.start)
            & (f.date <= period.end)
            & ((f.walkin_women + f.walkin_men + f.walkin_youth > 0) | fn.EXISTS(attended))
        )
    )
    for (village,) in held.tuples():
        if village in per:
            per[village]["forum"] = 1
    p = PlanItem
    in_plan = (
        (p.area >= lo)
        & (p.area < hi)
        & p.fiscal_year_be.in_(list(period.fiscal_years()))
        & (p.status != "dropped")
    )
    # 5.2.3: a village's own plan items that use data and come from a forum.
    uses_data = (p.uses_data == True) & p.forum.is_null(False)  # noqa: E712 - a 0/1 flag on both engines
    for (village,) in p.select(p.area).distinct().where(in_plan & uses_data).tuples():
        if village in per:
            per[village]["plan_data"] = 1
    # 5.3.2: plan items (any level in the area) with an approved budget.
    funded = [
        (code, actor, 1)
        for code, actor in p.select(p.area, p.actor).where(in_plan & (p.budget_approved_satang > 0)).tuples()
    ]
    return per, funded


def indicators(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """One row per area × indicator: the area asked for, then every area below it, by code."""
    per, funded = _indicator_stats(period, area)
    lo, hi = area_bounds(area)
    areas = (
        Area.select(Area.code, Area.level)
        .where((Area.code >= lo) & (Area.code < hi))
        .order_by(Area.code)
        .tuples()
    )
    out = []
    for code, level in areas:
        tot = dict.fromkeys(_VILLAGE_STATS, 0)
        for v, s in per.items():
            if v.startswith(code):
                for k in _VILLAGE_STATS:
                    tot[k] += s[k]
        funded_here = [actor for a, actor, _ in funded if a.startswith(code)]
        lao = sum(1 for a in funded_here if a == "lao")
        figures = {
            "5.1.1": (tot["keeping"], tot["registered"]),
            "5.1.2": (tot["fell"], tot["indebted"]),
            "5.1.2a": (tot["cleared"], tot["indebted"]),
            "5.2.1": (tot["sufficiency"], tot["villages"]),
            "5.2.2": (tot["forum"], tot["villages"]),
            "5.2.3": (tot["plan_data"], tot["villages"]),
            "5.3.2": (lao, len(funded_here)),
            "5.3.2b": (len(funded_here) - lao, len(funded_here)),
        }
        for ind in INDICATORS:
            value, denominator = figures[ind.id]
            out.append(
                (
                    code,
                    level,
                    period.first.iso(),
                    period.last.iso(),
                    ind.id,
                    value,
                    denominator,
                    pct(value, denominator),
                    ind.target_pct,
                    ind.th,
                )
            )
    return out


# ---------------------------------------------------------------- debt capacity


def debt_capacity(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """The programme's "ability to repay debt by occupation group" table, from the entered data.

    Households: registered ones with at least one line in the period. Averages are per household
    and annualised (× 12 / months of the period); debts and repayments are totals of the group.
    """
    rm = ReportMonth
    m = members(
        period,
        area,
        debt_at=(period.first.prev(), period.last),
        period_sums={"inc": rm.income, "exp": expense_expr(), "rep": rm.repaid},
    )
    c = m.c
    got_rows = (
        m.select(
            c.occupation,
            fn.COUNT(SQL("*")),
            fn.SUM(c.inc),
            fn.SUM(c.exp),
            fn.SUM(c.d0),
            fn.SUM(c.d1),
            fn.SUM(c.rep),
        )
        .where(c.n > 0)
        .group_by(c.occupation)
        .tuples()
    )
    got = {r[0]: r[1:] for r in got_rows}
    order = list(OCCUPATION_GROUPS) + sorted(set(got) - set(OCCUPATION_GROUPS))
    out = []
    for occ in order:
        if occ not in got:
            continue
        n, inc, exp, ds, de, rep = (int(x) for x in got[occ])
        per_year = n * period.months
        avg_inc = div_round(inc * 12, per_year)
        avg_exp = div_round(exp * 12, per_year)
        th = OCCUPATION_GROUPS.get(occ, (occ, occ))[0]
        out.append((occ, n, avg_inc, avg_exp, avg_inc - avg_exp, ds, de, rep, th))
    return out


# ---------------------------------------------------------------- spending profile


def spending_profile(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """What each village spends on, by category and normalised item, ranked by amount.

    Spending = the expense kinds of ``net`` (production cost, consumption, avoidable, interest).
    Rank 1 is the largest amount in its village; ties go to more lines, then code and item.
    """
    lo, hi = area_bounds(area)
    rt, ry = ReportItemTotal, ReportItemYear
    spending = Category.select(Category.code).where(Category.kind.in_(EXPENSE_KINDS))
    # Lines and amount from the item totals (migration 10), households from the per-year month bits
    # that meet the period's months (one term a year): a tambon-year reads ~10k + ~130k small rows,
    # not report_item's ~1.3 M.
    totals = (
        rt.select(
            rt.village_code,
            rt.category_code,
            rt.item,
            fn.SUM(rt.lines).alias("lines"),
            fn.SUM(rt.amount).alias("amount"),
        )
        .where(
            (rt.village_code >= lo)
            & (rt.village_code < hi)
            & (rt.month >= period.first.iso())
            & (rt.month <= period.last.iso())
            & rt.category_code.in_(spending)
        )
        .group_by(rt.village_code, rt.category_code, rt.item)
        .having(fn.SUM(rt.lines) != 0)
        .alias("t")
    )
    masks: dict[str, int] = {}
    for m in month_range(period.first, period.last):
        masks[f"{m.year:04d}"] = masks.get(f"{m.year:04d}", 0) | 1 << (m.month - 1)
    in_period = functools.reduce(
        operator.or_, [(ry.year == year) & (ry.months.bin_and(mask) != 0) for year, mask in masks.items()]
    )
    households = (
        ry.select(
            ry.village_code,
            ry.category_code,
            ry.item,
            fn.COUNT(ry.household_id.distinct()).alias("households"),
        )
        .where((ry.village_code >= lo) & (ry.village_code < hi) & in_period & ry.category_code.in_(spending))
        .group_by(ry.village_code, ry.category_code, ry.item)
        .alias("hh")
    )
    t, hh = totals.c, households.c
    rank = fn.ROW_NUMBER().over(
        partition_by=[t.village_code],
        order_by=[t.amount.desc(), t.lines.desc(), ordered_expr(t.category_code), ordered_expr(t.item)],
    )
    query = (
        Select([totals], [t.village_code, t.category_code, t.item, hh.households, t.lines, t.amount, rank])
        .join(
            households,
            on=(
                (hh.village_code == t.village_code)
                & (hh.category_code == t.category_code)
                & (hh.item == t.item)
            ),
        )
        .order_by(SQL("1"), SQL("7"))
        .bind(db)
    )
    return fetch(query)


# ---------------------------------------------------------------- forums, plan


def forum_report_rows(
    area: str | None = None, date_from: _dt.date | None = None, date_to: _dt.date | None = None
) -> list[dict]:
    """The ``forums`` report: one dict per forum session with the REPORTS.md keys (oldest first)."""
    from abc_tui.store.forums import sessions

    return [
        {
            "forum_uuid": s.uuid,
            "level": s.level,
            "area_code": s.area_code,
            "date": s.date.isoformat(),
            "date_be": format_date_be(s.date),
            "topic": s.topic,
            "attendees_total": s.totals.total,
            "attendees_women": s.totals.women,
            "attendees_men": s.totals.men,
            "attendees_youth": s.totals.youth,
            "households_present": s.totals.households_present,
            "findings": s.findings,
            "proposals": s.proposals,
        }
        for s in sessions(area, date_from, date_to)
    ]


def forums(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """One row per forum session held in the period in the area (totals as the forum screens count)."""
    rows = forum_report_rows(area, period.start, period.end)
    facilitators: dict[str, str] = {}
    if named and rows:
        facilitators = dict(
            Forum.select(Forum.uuid, Forum.facilitators)
            .where(Forum.uuid.in_([r["forum_uuid"] for r in rows]))
            .tuples()
        )
    out = []
    for r in rows:
        row = tuple(_dt.date.fromisoformat(v) if k == "date" else v for k, v in r.items())
        out.append(row + (facilitators.get(r["forum_uuid"], ""),) if named else row)
    return out


def plan_report_rows(flt: PlanFilter | None = None) -> list[dict]:
    """The ``plan`` report: one dict per plan item with the REPORTS.md keys.

    Money is in satang here (integers); the export formats it as baht with two decimals.
    ``budget_approved`` is None while no budget has been decided.
    """
    from abc_tui.store.plan import items_for_report

    return [
        {
            "plan_uuid": item.uuid,
            "area_code": item.area_code,
            "title": item.title,
            "actor": item.actor,
            "agency": item.agency,
            "fiscal_year_be": item.fiscal_year_be,
            "budget_requested": item.budget_requested_satang,
            "budget_approved": item.budget_approved_satang,
            "status": item.status,
            "forum_uuid": item.forum.uuid if item.forum_id else "",
        }
        for item in items_for_report(flt)
    ]


def plan(period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """One row per community-plan item of the area whose fiscal year the period touches."""
    from abc_tui.store.plan import PlanFilter

    years = set(period.fiscal_years())
    return [
        tuple(r.values()) for r in plan_report_rows(PlanFilter(area=area)) if r["fiscal_year_be"] in years
    ]


# ---------------------------------------------------------------- trends (for charts)


def debt_trend(period: Period, area: str) -> list[tuple[str, int]]:
    """Total debt of the area's member households (REPORTS.md "Membership") at the end of each
    month: debt at joining + borrowed − repaid up to then (the definition of :func:`members`, over
    each month's own members)."""
    lo, hi = area_bounds(area)
    mo = months_cte(period)
    h, r = Household, ReportMonth
    member = member_expr(mo.c.first_day, mo.c.last_day) & (h.village >= lo) & (h.village < hi)
    joined = (
        Select([mo], [mo.c.month, fn.COALESCE(fn.SUM(h.debt_at_joining_satang), 0)])
        .join(h, JOIN.LEFT_OUTER, on=member)
        .group_by(mo.c.month)
        .with_cte(mo)
        .bind(db)
    )
    # Each month: the moves up to its end of the households that were members that month.
    moves = (
        Select([mo], [mo.c.month, fn.COALESCE(fn.SUM(r.borrowed - r.repaid), 0)])
        .join(h, on=member)
        .join(r, on=((r.household_id == h.id) & (r.village_code == h.village) & (r.month <= mo.c.month)))
        .group_by(mo.c.month)
        .with_cte(mo)
        .bind(db)
    )
    at_joining = dict(joined.tuples())
    moved = dict(moves.tuples())
    return [
        (m.iso(), int(at_joining.get(m.iso(), 0)) + int(moved.get(m.iso(), 0))) for m in period.month_list()
    ]


def monthly_totals(period: Period, area: str) -> list[tuple[str, int, int]]:
    """Income and expense (the four kinds of ``net``) of the area for each month of the period."""
    lo, hi = area_bounds(area)
    r = ReportMonth
    q = (
        r.select(r.month, fn.SUM(r.income), fn.SUM(expense_expr(r)))
        .where(
            (r.village_code >= lo)
            & (r.village_code < hi)
            & (r.month >= period.first.iso())
            & (r.month <= period.last.iso())
        )
        .group_by(r.month)
    )
    got = {m: (int(inc), int(exp)) for m, inc, exp in q.tuples()}
    return [(m.iso(), *got.get(m.iso(), (0, 0))) for m in period.month_list()]


#: report name -> function(period, area, named=...) -> rows
REPORT_FUNCTIONS = {
    "ledger": ledger,
    "household-month": household_month,
    "village-month": village_month,
    "completeness": completeness,
    "indicators": indicators,
    "debt-capacity": debt_capacity,
    "spending-profile": spending_profile,
    "forums": forums,
    "plan": plan,
}


def run(name: str, period: Period, area: str, *, named: bool = False) -> list[tuple]:
    """The rows of report ``name``."""
    from abc_tui.reports.spec import spec

    spec(name)  # unknown names are a user error
    return REPORT_FUNCTIONS[name](period, area, named=named)
