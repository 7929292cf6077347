"""Ledger-line rules that need no database: parsing a typed line, page totals,
the duplicate and outlier checks, category look-up by code or by name.

The store layer (:mod:`abc_tui.store.ledger`) feeds these functions the chart
and the page's lines; the screen shows their :class:`LineError` messages in
place, next to the field named by ``LineError.field``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from abc_tui.domain.categories import EXPENSE_KINDS, KINDS, expense
from abc_tui.domain.errors import AbcError
from abc_tui.domain.text import clean_field
from abc_tui.domain.thai import Month, format_money, parse_day, parse_money, parse_month, to_ascii_digits

#: Longest item text a line may carry (paper lines are short; this stops a pasted paragraph).
MAX_ITEM = 60

#: The fields of a line, in typing order.
FIELDS = ("day", "category", "item", "amount")

#: Outlier rule (DHIS2-style min/max from the household's own history):
#: at least this many earlier lines in the category, and the amount more than
#: OUTLIER_FACTOR times the largest or less than 1/OUTLIER_FACTOR of the smallest.
OUTLIER_MIN_HISTORY = 3
OUTLIER_FACTOR = 3


class LineError(AbcError):
    """An invalid value in one field of a ledger line (``field`` is one of :data:`FIELDS`)."""

    def __init__(self, field_name: str, th: str, en: str) -> None:
        super().__init__(th, en)
        self.field = field_name

    @classmethod
    def wrap(cls, field_name: str, err: AbcError) -> LineError:
        return cls(field_name, err.th, err.en)


@dataclass(frozen=True)
class CategoryInfo:
    """What the ledger needs to know of one chart code."""

    code: str
    kind: str
    name_th: str
    name_en: str
    active: bool = True

    def name(self, lang: str = "th") -> str:
        return self.name_en if lang == "en" else self.name_th


@dataclass(frozen=True)
class LineEntry:
    """A validated line: day of the page's month, chart code, item text, satang."""

    day: int
    code: str
    item: str
    amount: int


#: What :func:`item_key` turns into a space (tab, line breaks, no-break and ideographic space) …
ITEM_SPACES = ("\t", "\n", "\r", "\u00a0", "\u3000")
#: … and what it drops (zero-width space, BOM).
ITEM_DROPPED = ("\u200b", "\ufeff")
_TO_SPACE = str.maketrans({**dict.fromkeys(ITEM_SPACES, " "), **dict.fromkeys(ITEM_DROPPED)})
_SPACES = re.compile(" {2,}")


def item_key(text: str | None) -> str:
    """An item's key in the report summaries (the one definition; the ledger triggers of
    migration 5 hold a frozen SQL copy, checked against this by a test): tab, line breaks,
    no-break and ideographic spaces become spaces, zero-width space and BOM go, runs of spaces
    fold to one, leading and trailing spaces go. ``"ไข่ไก่ "`` and ``"ไข่ไก่"`` are one item."""
    return _SPACES.sub(" ", (text or "").translate(_TO_SPACE)).strip(" ")


def normalize_item(text: str | None) -> str:
    """The item as stored, cleaned by :func:`~abc_tui.domain.text.clean_field` (invisible junk
    such as zero-width spaces and BOMs dropped, white space folded, a lone tone mark or an
    over-long item refused). What it returns is its own report-summary key
    (:func:`item_key`), so completion never offers a spelling the
    reports merge."""
    try:
        return clean_field(text, field_th="รายการ", field_en="item", max_length=MAX_ITEM)
    except AbcError as err:
        raise LineError.wrap("item", err) from None


def parse_code(text: str | None, chart: Mapping[str, CategoryInfo]) -> CategoryInfo:
    """A category typed as its code (Thai digits allowed) or as part of its name.

    A name that matches several categories takes the first of
    :func:`match_categories` (the one the screen shows as confirmation).
    """
    s = (text or "").strip()
    if not s:
        raise LineError(
            "category",
            "กรุณากรอกรหัสหมวด (2 หลัก) หรือชื่อหมวด",
            "Please enter the category code (2 digits) or name",
        )
    digits = to_ascii_digits(s)
    if digits.isdigit():
        cat = chart.get(digits)
        if cat is None or not cat.active:
            raise LineError("category", f"ไม่มีหมวดรหัส {digits}", f"No category with code {digits}")
        return cat
    found = match_categories(s, chart.values())
    if not found:
        raise LineError("category", f"ไม่พบหมวดที่ชื่อมีคำว่า “{s}”", f"No category name contains “{s}”")
    return found[0]


def match_categories(text: str, chart: Iterable[CategoryInfo], limit: int = 6) -> list[CategoryInfo]:
    """Active categories whose code starts with ``text`` or whose Thai or English
    name contains it; names that start with it come first, then by code."""
    s = to_ascii_digits(" ".join(text.split())).casefold()
    if not s:
        return []
    starts: list[CategoryInfo] = []
    inside: list[CategoryInfo] = []
    for cat in sorted(chart, key=lambda c: c.code):
        if not cat.active:
            continue
        names = (cat.name_th.casefold(), cat.name_en.casefold())
        if cat.code.startswith(s) or any(n.startswith(s) for n in names):
            starts.append(cat)
        elif any(s in n for n in names):
            inside.append(cat)
    return (starts + inside)[:limit]


def parse_line(
    day_text: str | None,
    code_text: str | None,
    item_text: str | None,
    amount_text: str | None,
    *,
    month: Month,
    carry_day: int | None,
    chart: Mapping[str, CategoryInfo],
) -> LineEntry:
    """Validate a typed line. A blank day is the day of the line above (``carry_day``).

    Raises :class:`LineError` naming the first invalid field.
    """
    if (day_text or "").strip():
        try:
            day = parse_day(day_text, month)
        except AbcError as err:
            raise LineError.wrap("day", err) from None
    elif carry_day is not None:
        day = carry_day
    else:
        raise LineError(
            "day", "กรุณากรอกวันที่ (บรรทัดแรกของหน้า)", "Please enter the day (first line of the page)"
        )
    cat = parse_code(code_text, chart)
    item = normalize_item(item_text)
    try:
        amount = parse_money(amount_text)
    except AbcError as err:
        raise LineError.wrap("amount", err) from None
    return LineEntry(day, cat.code, item, amount)


# ---------------------------------------------------------------- totals


@dataclass(frozen=True)
class PageTotals:
    """A page's sums by kind (satang) and the figures compared with the paper."""

    by_kind: Mapping[str, int] = field(default_factory=dict)
    lines: int = 0
    #: the four expense kinds of ``net``, in the order screens show them
    EXPENSE_KINDS: ClassVar[tuple[str, ...]] = EXPENSE_KINDS

    def kind(self, kind: str) -> int:
        return int(self.by_kind.get(kind, 0))

    @property
    def income(self) -> int:
        return self.kind("income")

    @property
    def expense(self) -> int:
        """Production, consumption, avoidable and interest (what the paper's page expense adds)."""
        return expense(self.by_kind)

    @property
    def borrowed(self) -> int:
        return self.kind("debt_borrowed")

    @property
    def repaid(self) -> int:
        return self.kind("debt_repaid")

    @property
    def saved(self) -> int:
        return self.kind("saving_in")

    @property
    def withdrawn(self) -> int:
        return self.kind("saving_out")

    @classmethod
    def from_lines(cls, lines: Iterable[tuple[str, int]]) -> PageTotals:
        """Totals of (kind, satang) pairs."""
        sums: dict[str, int] = {}
        n = 0
        for kind, amount in lines:
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}")
            sums[kind] = sums.get(kind, 0) + int(amount)
            n += 1
        return cls(sums, n)

    def differences(
        self, control_income: int | None, control_expense: int | None
    ) -> tuple[int | None, int | None]:
        """Typed-in total minus the paper's control total (None where no control was given)."""
        return (
            None if control_income is None else self.income - control_income,
            None if control_expense is None else self.expense - control_expense,
        )

    def matches(self, control_income: int | None, control_expense: int | None) -> bool:
        """True when at least one control total was given and every given one is met."""
        if control_income is None and control_expense is None:
            return False
        return all(d in (None, 0) for d in self.differences(control_income, control_expense))


def parse_control(text: str | None) -> int | None:
    """A control total as copied from the paper: blank = none; zero allowed."""
    if not (text or "").strip():
        return None
    return parse_money(text, allow_zero=True)


def format_control(satang: int | None) -> str:
    """A control total for its input field: ``9,174`` or ``8,378.75`` (blank for none)."""
    if satang is None:
        return ""
    s = format_money(satang)
    return s[:-3] if s.endswith(".00") else s


# ---------------------------------------------------------------- checks


def is_duplicate(entry: LineEntry, saved: Iterable[tuple[int, str, int]]) -> bool:
    """Same day, category and amount as one of the (day, code, satang) lines already saved."""
    key = (entry.day, entry.code, entry.amount)
    return any(tuple(s) == key for s in saved)


@dataclass(frozen=True)
class Bounds:
    """The household's history in one category: smallest, largest amount, number of lines."""

    low: int
    high: int
    count: int


def outlier(amount: int, bounds: Bounds | None) -> str | None:
    """``"high"`` / ``"low"`` when ``amount`` is far outside ``bounds``; None otherwise
    or when there is too little history to judge."""
    if bounds is None or bounds.count < OUTLIER_MIN_HISTORY:
        return None
    if amount > bounds.high * OUTLIER_FACTOR:
        return "high"
    if amount * OUTLIER_FACTOR < bounds.low:
        return "low"
    return None


def rekey_mismatches(
    saved: LineEntry, typed: Sequence[str | None], *, month: Month, chart: Mapping[str, CategoryInfo]
) -> list[str]:
    """Fields where a blind re-typing (day, category, item, amount texts) differs from the saved line.

    A field the checker could not parse counts as a mismatch; the item is
    compared after :func:`normalize_item` (an empty re-typed item is not compared).
    """
    day_t, code_t, item_t, amount_t = typed
    out: list[str] = []
    try:
        if parse_day(day_t, month) != saved.day:
            out.append("day")
    except AbcError:
        out.append("day")
    try:
        if parse_code(code_t, chart).code != saved.code:
            out.append("category")
    except AbcError:
        out.append("category")
    try:
        item = normalize_item(item_t)
        if item and item != saved.item:
            out.append("item")
    except AbcError:
        out.append("item")
    try:
        if parse_money(amount_t) != saved.amount:
            out.append("amount")
    except AbcError:
        out.append("amount")
    return out


_TWO_DIGITS = re.compile(r"\d\d")


def is_complete_code(text: str) -> bool:
    """True when ``text`` is a full 2-digit code (Thai digits allowed): the field moves on by itself."""
    return bool(_TWO_DIGITS.fullmatch(to_ascii_digits(text.strip())))


def is_complete_day(text: str) -> bool:
    """True when ``text`` is a day that no further digit could change: two digits, or one of
    4–9 (no day starts 4x–9x). 1, 2 and 3 may be the start of 10–31, so they wait for Enter —
    3 in February too: "30" typed on a February page must be refused as a day, not become
    day 3 with the 0 in the category."""
    s = to_ascii_digits(text.strip())
    if not s.isdigit() or not 1 <= len(s) <= 2:
        return False
    return len(s) == 2 or int(s) >= 4


_YEAR_DONE = re.compile(r".*\D(\d{2}|\d{4})")
#: How far back a typed month may reach and still open its page by itself (years); beyond it
#: (and after next year) Enter is needed: "1/25" is the start of "1/2567", not January 2525.
MONTH_YEARS_BACK = 10


def parse_page_month(text: str) -> Month:
    """A page's month as the clerk types it: anything :func:`parse_month` takes, and the digits
    alone, month then 2-digit B.E. year: ``468`` = 4/68, ``1267`` = 12/67 (no month has three
    digits, so the split is never in doubt)."""
    s = to_ascii_digits((text or "").strip())
    if re.fullmatch(r"\d{3,4}", s):
        try:
            return parse_month(f"{s[:-2]}/{s[-2:]}")
        except AbcError:
            pass  # said in the words of what was typed
    return parse_month(text)


def is_complete_month(text: str, today: Month) -> bool:
    """True when ``text`` is a whole B.E. month (``4/68``, ``468``, ``04/2568``, ``เม.ย. 68``) whose year
    is a likely one for a page: from ten years back to next year. A two-digit year that could be
    the start of a four-digit one is never likely (``25`` → 2525), so typing ``1/2567`` waits
    for its last digit. ISO months (``2024-03``, for the CLI) always wait for Enter."""
    s = to_ascii_digits(" ".join((text or "").split()))
    compact = re.fullmatch(r"\d{3,4}", s)
    if not (compact or _YEAR_DONE.fullmatch(s)) or re.fullmatch(r"\d{4}-\d{1,2}", s):
        return False
    try:
        month = parse_page_month(s)
    except AbcError:
        return False
    return today.year - MONTH_YEARS_BACK <= month.year <= today.year + 1
