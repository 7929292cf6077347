"""The forum data card: one village, one period, the figures a forum reads together.

* income against expense by kind (production, consumption, avoidable, interest);
* income and expense per month (for sparklines);
* the top spending items (category + item text, normalised);
* the avoidable share of spending;
* households in debt and the debt trend.

A report like the upward ones, so it takes every figure from them (:mod:`abc_tui.reports.queries`)
and gives the same numbers for the same data: member households of the period (REPORTS.md
"Membership"), sums by kind as ``village-month``, items as ``spending-profile``, debt at a date
as the indicators (:func:`~abc_tui.reports.queries.members_cte`: debt at joining + borrowed −
repaid up to the end of a month; "at the start" = at the end of the month before the first),
percentages with :func:`~abc_tui.reports.queries.pct`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import SQL, Case, fn

from abc_tui.domain.categories import KIND_COLUMNS, KINDS, expense, net
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, month_range
from abc_tui.reports import summary
from abc_tui.reports.period import Period
from abc_tui.reports.queries import VillageMonth, count_if, members, pct, spending_profile, village_months
from abc_tui.store.models import Area, Category

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
    share_pct: Decimal | None

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
        return expense(self.by_kind)

    @property
    def net(self) -> int:
        return net(self.by_kind)

    @property
    def avoidable(self) -> int:
        return self.by_kind.get("avoidable", 0)

    @property
    def avoidable_share_pct(self) -> Decimal | None:
        """Avoidable spending (alcohol, tobacco, lottery, luxuries) as a share of all expense."""
        return pct(self.avoidable, self.expense)

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
            f"ช่วงเวลายาวเกินไป (ไม่เกิน {MAX_MONTHS} เดือน)",
            f"The period is too long (at most {MAX_MONTHS} months)",
        )


def _village(code: str) -> Area:
    area = Area.get_or_none((Area.code == code) & (Area.level == "village"))
    if area is None:
        raise AbcError(f"ไม่พบหมู่บ้านรหัส {code}", f"No village with code {code}")
    return area


def latest_month(village_code: str | None = None) -> Month | None:
    """The newest month with ledger lines (in one village, or anywhere)."""
    value = summary.latest_month(village_code or "")
    return Month.from_iso(value) if value else None


def default_period(village_code: str | None = None, months: int = 6) -> tuple[Month, Month]:
    """The last ``months`` months up to the newest month with data (or last month)."""
    last = latest_month(village_code) or Month.of(_dt.date.today()).prev()
    return last.prev(months - 1), last


def _by_month(
    stats: dict[tuple[str, str], VillageMonth], village: str, first: Month, last: Month
) -> list[MonthFigures]:
    out = []
    for m in month_range(first, last):
        sums = stats.get((village, m.iso()), VillageMonth()).sums
        by_kind = dict(zip(KIND_COLUMNS.values(), sums, strict=False))
        out.append(MonthFigures(m, by_kind["income"], expense(by_kind), by_kind["avoidable"]))
    return out


def _by_kind(
    stats: dict[tuple[str, str], VillageMonth], village: str, first: Month, last: Month
) -> dict[str, int]:
    out = dict.fromkeys(KINDS, 0)
    for m in month_range(first, last):
        sums = stats.get((village, m.iso()), VillageMonth()).sums
        for kind, value in zip(KIND_COLUMNS.values(), sums, strict=False):
            out[kind] += int(value)
    return out


def monthly(village_code: str, first: Month, last: Month) -> list[MonthFigures]:
    """Income, expense and avoidable spending per month of the period (every month, 0 when none)."""
    _, stats = village_months(Period(first, last), village_code)
    return _by_month(stats, village_code, first, last)


def top_items(village_code: str, first: Month, last: Month, limit: int = 5) -> list[TopItem]:
    """The biggest spending items of the period: the first ``limit`` rows of the
    ``spending-profile`` report for the village (items normalised, ranked by amount, then lines,
    code and item); the share is of all the village's spending on items in the period."""
    rows = spending_profile(Period(first, last), village_code)
    total = sum(int(r[5]) for r in rows)
    names = {
        c.code: (c.name_th, c.name_en)
        for c in Category.select(Category.code, Category.name_th, Category.name_en)
    }
    return [
        TopItem(
            code,
            *names.get(code, (code, code)),
            item or "",
            int(amount),
            int(households),
            pct(int(amount), total),
        )
        for _v, code, item, households, _lines, amount, _rank in rows[:limit]
    ]


@dataclass(frozen=True)
class DebtFigures:
    points: list[DebtPoint]
    #: households in debt at the start whose debt is lower at the end (indicator 5.1.2)
    reduced: int
    #: of those, households whose debt reached zero (indicator 5.1.2a)
    cleared: int
    #: member households of the period, and those with at least one line in it (indicator 5.1.1)
    registered: int
    reporting: int


def debt_and_members(village_code: str, first: Month, last: Month) -> DebtFigures:
    """Member households of the period and their debt at the start and at the end of each
    month (one query; the definitions of the indicators)."""
    period = Period(first, last)
    months = [first.prev(), *month_range(first, last)]
    m = members(period, village_code, debt_at=months)
    c = m.c
    cols = [fn.COUNT(SQL("*")), count_if(c.n > 0)]
    for k in range(len(months)):
        d = getattr(c, f"d{k}")
        cols += [count_if(d > 0), fn.COALESCE(fn.SUM(Case(None, [(d > 0, d)], 0)), 0)]
    end = getattr(c, f"d{len(months) - 1}")
    cols += [count_if((c.d0 > 0) & (end < c.d0)), count_if((c.d0 > 0) & (end <= 0))]
    row = [int(v or 0) for v in m.select(*cols).tuples()[0]]
    days = [m.last_day() for m in months]
    points = [DebtPoint(day, row[2 + 2 * k], row[3 + 2 * k]) for k, day in enumerate(days)]
    return DebtFigures(points, row[-2], row[-1], row[0], row[1])


def household_debt(household_id: int, month: Month) -> int:
    """Debt of one household at the end of ``month`` (the one definition, as the reports use it);
    0 for a household that had not joined by then."""
    from abc_tui.store.models import Household

    h = Household.get_or_none(Household.id == household_id)
    if h is None:
        raise AbcError("ไม่พบครัวเรือนนี้", "Household not found")
    if h.joined_on > month.last_day():
        return 0
    m = members(Period(month, month), h.village_code, debt_at=[month])
    got = m.select(m.c.d0).where(m.c.id == household_id).tuples()
    return int(got[0][0]) if got else 0


def data_card(village_code: str, first: Month, last: Month, *, top: int = 5) -> DataCard:
    """Every figure of the card for ``village_code`` from ``first`` to ``last`` (months inclusive)."""
    check_period(first, last)
    village = _village(village_code)
    _, stats = village_months(Period(first, last), village.code)
    debt = debt_and_members(village.code, first, last)
    return DataCard(
        village_code=village.code,
        village_name=village.name,
        first=first,
        last=last,
        households_registered=debt.registered,
        households_reporting=debt.reporting,
        by_kind=_by_kind(stats, village.code, first, last),
        months=_by_month(stats, village.code, first, last),
        top_items=top_items(village.code, first, last, top),
        debt=debt.points,
        households_debt_reduced=debt.reduced,
        households_debt_cleared=debt.cleared,
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
