"""The forum data card: one village, one period, the figures a forum reads together.

* income against expense by kind (production, consumption, avoidable, interest);
* income and expense per month (for sparklines);
* the top spending items (category + item text, normalised);
* the avoidable share of spending;
* households in debt and the debt trend, where the debt of a household at a
  date = debt at joining + borrowed (kind ``debt_borrowed``, code 51) − repaid
  (``debt_repaid``, 52) up to that date (REPORTS.md).

Every figure is a SQL aggregate over the village's ledger lines; no function
here loads the lines themselves.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from peewee import JOIN, Case, Select, fn

from abc_tui.domain.categories import EXPENSE_KINDS, KINDS
from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import percent
from abc_tui.domain.thai import Month, month_range
from abc_tui.store.models import Area, Category, Household, LedgerLine, ReportItem, ReportMonth, db

#: Longest period a card covers (two years of monthly points fit in a sparkline at 80 columns).
MAX_MONTHS = 24


@dataclass(frozen=True)
class MonthFigures:
    month: Month
    income: int
    expense: int
    avoidable: int


@dataclass(frozen=True)
class TopItem:
    category_code: str
    category_th: str
    category_en: str
    item: str
    amount: int
    households: int
    share_pct: float | None

    def label(self, lang: str = "th") -> str:
        name = self.category_en if lang == "en" else self.category_th
        return self.item or name


@dataclass(frozen=True)
class DebtPoint:
    """Debt of the village's households at the end of ``day``."""

    day: _dt.date
    households_in_debt: int
    total_debt: int


@dataclass
class DataCard:
    village_code: str
    village_name: str
    first: Month
    last: Month
    households_registered: int = 0
    households_reporting: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    months: list[MonthFigures] = field(default_factory=list)
    top_items: list[TopItem] = field(default_factory=list)
    #: debt at the day before the period, then at the end of each month of it
    debt: list[DebtPoint] = field(default_factory=list)
    #: households with debt at the start whose debt is lower at the end
    households_debt_reduced: int = 0
    #: of those, households whose debt reached zero
    households_debt_cleared: int = 0

    @property
    def income(self) -> int:
        return self.by_kind.get("income", 0)

    @property
    def expense(self) -> int:
        return sum(self.by_kind.get(k, 0) for k in EXPENSE_KINDS)

    @property
    def net(self) -> int:
        return self.income - self.expense

    @property
    def avoidable(self) -> int:
        return self.by_kind.get("avoidable", 0)

    @property
    def avoidable_share_pct(self) -> float | None:
        """Avoidable spending (alcohol, tobacco, lottery, luxuries) as a share of all expense."""
        return percent(self.avoidable, self.expense)

    @property
    def debt_start(self) -> DebtPoint | None:
        return self.debt[0] if self.debt else None

    @property
    def debt_end(self) -> DebtPoint | None:
        return self.debt[-1] if self.debt else None


def check_period(first: Month, last: Month) -> None:
    if last < first:
        raise AbcError("เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มต้น", "The last month cannot be before the first")
    if len(month_range(first, last)) > MAX_MONTHS:
        raise AbcError(
            f"ช่วงเวลายาวเกินไป (ไม่เกิน {MAX_MONTHS} เดือน)", f"The period is too long (at most {MAX_MONTHS} months)"
        )


def _village(code: str) -> Area:
    area = Area.get_or_none((Area.code == code) & (Area.level == "village"))
    if area is None:
        raise AbcError(f"ไม่พบหมู่บ้านรหัส {code}", f"No village with code {code}")
    return area


def _in_period(village_code: str, first: Month, last: Month):
    return (
        (LedgerLine.village_code == village_code)
        & (LedgerLine.date >= first.first_day())
        & (LedgerLine.date <= last.last_day())
    )


def latest_month(village_code: str | None = None) -> Month | None:
    """The newest month with ledger lines (in one village, or anywhere)."""
    q = ReportMonth.select(fn.MAX(ReportMonth.month)).where(ReportMonth.lines != 0)
    if village_code:
        q = q.where(ReportMonth.village_code == village_code)
    value = q.scalar()
    return Month.from_iso(value) if value else None


def default_period(village_code: str | None = None, months: int = 6) -> tuple[Month, Month]:
    """The last ``months`` months up to the newest month with data (or last month)."""
    last = latest_month(village_code) or Month.of(_dt.date.today()).prev()
    return last.prev(months - 1), last


#: report_month column -> the category kind it sums.
_MONTH_COLUMNS = {
    "income": "income", "production": "production", "consumption": "consumption",
    "avoidable": "avoidable", "interest": "interest", "borrowed": "debt_borrowed",
    "repaid": "debt_repaid", "saved": "saving_in", "withdrawn": "saving_out",
}


def month_kind_totals(village_code: str, first: Month, last: Month) -> dict[tuple[str, str], int]:
    """Sum of amounts per ("YYYY-MM", category kind) in the period, read from the monthly
    summary the ledger triggers keep (migration 5), not from every line."""
    columns = [getattr(ReportMonth, c) for c in _MONTH_COLUMNS]
    q = (
        ReportMonth.select(ReportMonth.month, *[fn.SUM(c) for c in columns])
        .where(
            (ReportMonth.village_code == village_code)
            & (ReportMonth.month >= first.iso())
            & (ReportMonth.month <= last.iso())
            & (ReportMonth.lines != 0)
        )
        .group_by(ReportMonth.month)
        .tuples()
    )
    out: dict[tuple[str, str], int] = {}
    for month, *sums in q:
        for kind, value in zip(_MONTH_COLUMNS.values(), sums, strict=True):
            if value:
                out[(month, kind)] = int(value)
    return out


def _by_kind(cells: dict[tuple[str, str], int]) -> dict[str, int]:
    out = dict.fromkeys(KINDS, 0)
    for (_, kind), amount in cells.items():
        out[kind] = out.get(kind, 0) + amount
    return out


def _by_month(cells: dict[tuple[str, str], int], first: Month, last: Month) -> list[MonthFigures]:
    out = []
    for m in month_range(first, last):
        iso = m.iso()
        out.append(
            MonthFigures(
                m,
                cells.get((iso, "income"), 0),
                sum(cells.get((iso, k), 0) for k in EXPENSE_KINDS),
                cells.get((iso, "avoidable"), 0),
            )
        )
    return out


def monthly(village_code: str, first: Month, last: Month) -> list[MonthFigures]:
    """Income, expense and avoidable spending per month of the period (every month, 0 when none)."""
    return _by_month(month_kind_totals(village_code, first, last), first, last)


def top_items(village_code: str, first: Month, last: Month, limit: int = 5) -> list[TopItem]:
    """The biggest spending items of the period: expense lines grouped by category and item text.

    Read from the item summary (migration 5), whose item text is normalised by the ledger
    triggers exactly as the ``spending-profile`` report's, so "ไข่ไก่ " and "ไข่ไก่" are one item;
    a line without item text counts under its category. Distinct households are exact.
    """
    q = (
        ReportItem.select(
            ReportItem.category_code,
            ReportItem.item,
            fn.SUM(ReportItem.amount),
            fn.COUNT(ReportItem.household_id.distinct()),
        )
        .join(Category, on=(Category.code == ReportItem.category_code))
        .where(
            (ReportItem.village_code == village_code)
            & (ReportItem.month >= first.iso())
            & (ReportItem.month <= last.iso())
            & (ReportItem.lines != 0)
            & Category.kind.in_(EXPENSE_KINDS)
        )
        .group_by(ReportItem.category_code, ReportItem.item)
        .tuples()
    )
    rows = [(code, text or "", int(amount or 0), int(n or 0)) for code, text, amount, n in q]
    total = sum(r[2] for r in rows)
    names = {c.code: (c.name_th, c.name_en) for c in Category.select(Category.code, Category.name_th, Category.name_en)}
    ranked = sorted(rows, key=lambda r: (-r[2], r[0], r[1]))[:limit]
    return [
        TopItem(code, *names.get(code, (code, code)), text, amount, households, percent(amount, total))
        for code, text, amount, households in ranked
    ]


def _debt_values(village_code: str | None, days: list[_dt.date], household_id: int | None = None):
    """A subquery: one row per household with its debt at each of ``days`` (columns d0, d1 …).

    NULL where the household had not joined yet on that day."""
    # Borrowed raises the debt, principal repaid lowers it; by kind, so an office's own debt
    # codes count too (the standard ones are 51 and 52). (``-field`` would mean DESC.)
    borrowed = [c for (c,) in Category.select(Category.code).where(Category.kind == "debt_borrowed").tuples()]
    repaid = [c for (c,) in Category.select(Category.code).where(Category.kind == "debt_repaid").tuples()]
    signed = Case(None, [(LedgerLine.category.in_(borrowed), LedgerLine.amount_satang)], 0 - LedgerLine.amount_satang)
    cols = [Household.id.alias("hid")]
    for k, day in enumerate(days):
        moved = fn.COALESCE(fn.SUM(Case(None, [(LedgerLine.date <= day, signed)], 0)), 0)
        cols.append(
            Case(None, [(Household.joined_on <= day, Household.debt_at_joining_satang + moved)], None).alias(f"d{k}")
        )
    where = Household.id == household_id if household_id is not None else (
        (Household.village == village_code) & (Household.active == True)  # noqa: E712
    )
    return (
        Household.select(*cols)
        .join(
            LedgerLine,
            JOIN.LEFT_OUTER,
            on=(
                (LedgerLine.household == Household.id)
                & LedgerLine.category.in_(borrowed + repaid)
                & (LedgerLine.date <= max(days))
            ),
        )
        .where(where)
        .group_by(Household.id)
    )


def household_debt(household_id: int, on: _dt.date) -> int:
    """Debt of one household at the end of ``on``: debt at joining + borrowed − repaid up to ``on``.

    A household that joined after ``on`` had no recorded debt then (0)."""
    row = _debt_values(None, [on], household_id).tuples().first()
    if row is None:
        raise AbcError("ไม่พบครัวเรือนนี้", "Household not found")
    return int(row[1] or 0)


def debt_trend(village_code: str, days: list[_dt.date]) -> tuple[list[DebtPoint], int, int]:
    """Households in debt and total debt at each of ``days`` (one query), and how many
    households with debt on the first day had less, and none, on the last day."""
    if not days:
        return [], 0, 0
    sub = _debt_values(village_code, days).alias("debts")
    cols = []
    for k in range(len(days)):
        d = getattr(sub.c, f"d{k}")
        cols.append(fn.COALESCE(fn.SUM(Case(None, [(d > 0, 1)], 0)), 0))
        cols.append(fn.COALESCE(fn.SUM(Case(None, [(d > 0, d)], 0)), 0))
    d0, dn = sub.c.d0, getattr(sub.c, f"d{len(days) - 1}")
    cols.append(fn.COALESCE(fn.SUM(Case(None, [((d0 > 0) & (dn < d0), 1)], 0)), 0))
    cols.append(fn.COALESCE(fn.SUM(Case(None, [((d0 > 0) & (dn <= 0), 1)], 0)), 0))
    row = Select([sub], cols).bind(db).tuples().first()
    values = [int(v or 0) for v in row] if row else [0] * len(cols)
    points = [DebtPoint(day, values[2 * k], values[2 * k + 1]) for k, day in enumerate(days)]
    return points, values[-2], values[-1]


def households_registered(village_code: str, on: _dt.date) -> int:
    return (
        Household.select()
        .where(
            (Household.village == village_code)
            & (Household.active == True)  # noqa: E712
            & (Household.joined_on <= on)
        )
        .count()
    )


def households_reporting(village_code: str, first: Month, last: Month) -> int:
    return (
        LedgerLine.select(fn.COUNT(LedgerLine.household.distinct()))
        .join(Household)
        .where(_in_period(village_code, first, last) & (Household.active == True))  # noqa: E712
        .scalar()
        or 0
    )


def data_card(village_code: str, first: Month, last: Month, *, top: int = 5) -> DataCard:
    """Every figure of the card for ``village_code`` from ``first`` to ``last`` (months inclusive)."""
    check_period(first, last)
    village = _village(village_code)
    months = month_range(first, last)
    days = [first.first_day() - _dt.timedelta(days=1)] + [m.last_day() for m in months]
    debt, reduced, cleared = debt_trend(village.code, days)
    cells = month_kind_totals(village.code, first, last)
    return DataCard(
        village_code=village.code,
        village_name=village.name,
        first=first,
        last=last,
        households_registered=households_registered(village.code, last.last_day()),
        households_reporting=households_reporting(village.code, first, last),
        by_kind=_by_kind(cells),
        months=_by_month(cells, first, last),
        top_items=top_items(village.code, first, last, top),
        debt=debt,
        households_debt_reduced=reduced,
        households_debt_cleared=cleared,
    )


def evidence_lines(card: DataCard, lang: str = "th") -> list[str]:
    """Short sentences a facilitator can paste into a finding's "data that showed it"."""
    out = []
    share = card.avoidable_share_pct
    if share is not None:
        out.append(
            f"Avoidable spending {share:.1f}% of village spending"
            if lang == "en"
            else f"ค่าใช้จ่ายที่ลดได้ {share:.1f}% ของรายจ่ายหมู่บ้าน"
        )
    for it in card.top_items[:3]:
        if it.share_pct is None:
            continue
        out.append(
            f"{it.label('en')} {it.share_pct:.1f}% of village spending"
            if lang == "en"
            else f"{it.label('th')} {it.share_pct:.1f}% ของรายจ่ายหมู่บ้าน"
        )
    start, end = card.debt_start, card.debt_end
    if start and end:
        out.append(
            f"Households in debt {start.households_in_debt} -> {end.households_in_debt}"
            if lang == "en"
            else f"ครัวเรือนมีหนี้ {start.households_in_debt} -> {end.households_in_debt}"
        )
    return out
