"""What every report is asked for: a period of whole months and an area at any level.

A period is inclusive (``first`` … ``last``). Besides ``--from``/``--to`` months it can be named:
``bimonth:2568-1`` (the programme evaluates every two months, §11: bi-month 1 of B.E. 2568 is
Jan–Feb 2025, 6 is Nov–Dec), ``fy:2568`` (Thai fiscal year, Oct 2024 – Sep 2025), ``year:2568``,
``month:3/2568``. Areas are codes: 2 digits province, 4 district, 6 tambon, 8 village; an
area's code is the prefix of its children's codes.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from abc_tui.domain.areas import LEVEL_DIGITS
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import (
    BE_OFFSET,
    Month,
    fiscal_year_be,
    parse_fiscal_year,
    parse_month,
    to_ascii_digits,
)
from abc_tui.store.models import Area

#: The longest period a report covers (ten years of months).
MAX_MONTHS = 120


@dataclass(frozen=True)
class Period:
    """Whole months ``first`` … ``last`` (inclusive)."""

    first: Month
    last: Month

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise AbcError(
                f"เดือนเริ่มต้น ({self.first.thai_label()}) อยู่หลังเดือนสุดท้าย ({self.last.thai_label()})",
                f"The first month ({self.first.be_label()}) is after the last ({self.last.be_label()})",
            )
        if self.months > MAX_MONTHS:
            raise AbcError(
                f"ช่วงเวลายาวเกินไป (ไม่เกิน {MAX_MONTHS} เดือน)",
                f"The period is too long (at most {MAX_MONTHS} months)",
            )

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def month_list(self) -> list[Month]:
        return [self.first.next(i) for i in range(self.months)]

    @property
    def start(self) -> _dt.date:
        return self.first.first_day()

    @property
    def end(self) -> _dt.date:
        return self.last.last_day()

    def fiscal_years(self) -> range:
        """Thai fiscal years (B.E.) the period touches."""
        return range(fiscal_year_be(self.start), fiscal_year_be(self.end) + 1)

    def shift(self, n: int) -> Period:
        """The period of the same length ``n`` lengths later (earlier when negative)."""
        step = self.months * n
        return Period(self.first.next(step), self.last.next(step))

    def label(self, lang: str = "th") -> str:
        """``ม.ค. 2568 – ก.พ. 2568`` (one month: ``ม.ค. 2568``); in English ``01/2568 – 02/2568``."""
        if self.first == self.last:
            return self.first.label(lang)
        return f"{self.first.label(lang)} – {self.last.label(lang)}"

    def bimonth(self) -> tuple[int, int] | None:
        """``(year_be, n)`` when the period is exactly bi-month ``n`` of a year, else None."""
        if self.months == 2 and self.first.month % 2 == 1:
            return self.first.year_be, (self.first.month + 1) // 2
        return None


def bimonth(year_be: int, n: int) -> Period:
    """Bi-month ``n`` (1–6) of B.E. year ``year_be``: 1 = ม.ค.–ก.พ. … 6 = พ.ย.–ธ.ค."""
    if not 1 <= n <= 6:
        raise AbcError(f"ช่วงสองเดือนต้องเป็น 1–6: {n}", f"A bi-month is numbered 1 to 6: {n}")
    year = year_be - BE_OFFSET
    return Period(Month(year, 2 * n - 1), Month(year, 2 * n))


def bimonth_of(month: Month) -> Period:
    """The bi-month holding ``month``."""
    return bimonth(month.year_be, (month.month + 1) // 2)


def _year_be(text: str, original: str) -> int:
    s = to_ascii_digits(text.strip())
    if re.fullmatch(r"\d{2}", s):
        s = f"25{s}"
    if not re.fullmatch(r"\d{4}", s) or not 2500 <= int(s) <= 2643:
        raise AbcError(f"ปี พ.ศ. ไม่ถูกต้อง: {original} (เช่น 2568)", f"Invalid B.E. year: {original} (e.g. 2568)")
    return int(s)


def parse_period(spec: str) -> Period:
    """``bimonth:2568-1``, ``fy:2568``, ``year:2568``, ``month:3/2568`` → :class:`Period`."""
    kind, sep, value = (spec or "").strip().partition(":")
    kind = kind.strip().lower()
    if not sep:
        raise AbcError(
            f"ช่วงเวลาไม่ถูกต้อง: {spec} (เช่น bimonth:2568-1, fy:2568, year:2568, month:3/2568)",
            f"Invalid period: {spec} (e.g. bimonth:2568-1, fy:2568, year:2568, month:3/2568)",
        )
    if kind in ("bimonth", "bm"):
        m = re.fullmatch(r"\s*(\S+?)\s*[-/]\s*(\d)\s*", to_ascii_digits(value))
        if not m:
            raise AbcError(
                f"ช่วงสองเดือนไม่ถูกต้อง: {spec} (เช่น bimonth:2568-1)",
                f"Invalid bi-month: {spec} (e.g. bimonth:2568-1)",
            )
        return bimonth(_year_be(m.group(1), spec), int(m.group(2)))
    if kind == "fy":
        fy = parse_fiscal_year(value)
        return Period(Month(fy - BE_OFFSET - 1, 10), Month(fy - BE_OFFSET, 9))
    if kind == "year":
        y = _year_be(value, spec) - BE_OFFSET
        return Period(Month(y, 1), Month(y, 12))
    if kind == "month":
        m = parse_month(value)
        return Period(m, m)
    raise AbcError(
        f"ไม่รู้จักช่วงเวลาแบบ {kind} (ใช้ bimonth, fy, year หรือ month)",
        f"Unknown period kind {kind!r} (use bimonth, fy, year or month)",
    )


def last_complete_month(today: _dt.date | None = None) -> Month:
    return Month.of(today or _dt.date.today()).prev()


def resolve_period(
    first: str | None = None,
    last: str | None = None,
    spec: str | None = None,
    *,
    today: _dt.date | None = None,
) -> Period:
    """The period a command asked for.

    ``spec`` (``bimonth:…``) wins; otherwise ``first``/``last`` months (``YYYY-MM`` or B.E. forms).
    Neither: the twelve months up to last month. Only ``first``: up to last month (or that month).
    Only ``last``: that month alone.
    """
    if spec:
        if first or last:
            raise AbcError(
                "ใช้ --period หรือ --from/--to อย่างใดอย่างหนึ่ง",
                "Use either --period or --from/--to, not both",
            )
        return parse_period(spec)
    default_last = last_complete_month(today)
    if first is None and last is None:
        return Period(default_last.prev(11), default_last)
    if first is None:
        m = parse_month(last)
        return Period(m, m)
    f = parse_month(first)
    if last is None:
        return Period(f, max(f, default_last))
    return Period(f, parse_month(last))


# ---------------------------------------------------------------- areas


def check_area(code: str | None) -> Area:
    """The area of ``code`` (any level), or AbcError. Thai digits are accepted."""
    c = to_ascii_digits((code or "").strip())
    if not re.fullmatch(r"\d+", c) or len(c) not in LEVEL_DIGITS.values():
        raise AbcError(
            f"รหัสพื้นที่ต้องเป็นตัวเลข 2, 4, 6 หรือ 8 หลัก: {code or ''}",
            f"An area code has 2, 4, 6 or 8 digits: {code or ''}",
        )
    area = Area.get_or_none(Area.code == c)
    if area is None:
        raise AbcError(f"ไม่พบพื้นที่รหัส {c} ในฐานข้อมูลนี้", f"No area with code {c} in this database")
    return area
