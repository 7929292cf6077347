"""Thai conventions at the edges: digits, Buddhist-Era dates and months, money.

Everything a clerk types goes through here before it reaches the database:
Thai digits (๐-๙) become ASCII, B.E. years become Gregorian dates, amounts
become integer satang. Every parse error is an :class:`AbcError` with a Thai
and an English message. Stored dates are ISO Gregorian; stored money is
integer satang (never float).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from abc_tui.domain.errors import AbcError

BE_OFFSET = 543
#: Years a date in this programme can sensibly have (B.E.). 2400 B.E. is 1857.
MIN_YEAR_BE = 2500
MAX_YEAR_BE = 2643
#: Largest amount one ledger line or budget may hold: 100 million baht.
MAX_SATANG = 100_000_000 * 100

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

MONTHS_TH_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
MONTHS_TH_LONG = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_EN_SHORT = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for i in range(12):
        short = MONTHS_TH_SHORT[i]
        names[short] = i + 1
        names[short.replace(".", "")] = i + 1
        names[MONTHS_TH_LONG[i]] = i + 1
        names[MONTHS_EN_SHORT[i]] = i + 1
    return names


_MONTH_NAMES = _month_names()


def to_ascii_digits(text: str) -> str:
    """Replace Thai digits by ASCII digits; everything else is kept."""
    return text.translate(_THAI_DIGITS)


def to_thai_digits(text: str) -> str:
    """Replace ASCII digits by Thai digits (for printed statements)."""
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def _clean(text: str | None) -> str:
    return to_ascii_digits((text or "").strip())


# ---------------------------------------------------------------- integers


def parse_int(
    text: str | None,
    *,
    field_th: str = "ตัวเลข",
    field_en: str = "number",
    minimum: int | None = 0,
    maximum: int | None = None,
) -> int:
    """Parse a whole number (Thai digits and thousands commas allowed)."""
    s = _clean(text)
    if not s:
        raise AbcError(f"กรุณากรอก{field_th}", f"Please enter the {field_en}")
    if not re.fullmatch(r"-?(\d{1,3}(,\d{3})+|\d+)", s):
        raise AbcError(
            f"{field_th}ต้องเป็นจำนวนเต็ม: {text!s}", f"The {field_en} must be a whole number: {text!s}"
        )
    digits = s.replace(",", "")
    if len(digits) > 30:  # int() refuses 4,300+ digits; no count or code is this long
        raise AbcError(f"{field_th}ยาวเกินไป: {text!s}", f"The {field_en} is too long: {text!s}")
    value = int(digits)
    if minimum is not None and value < minimum:
        raise AbcError(f"{field_th}ต้องไม่น้อยกว่า {minimum}", f"The {field_en} must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise AbcError(f"{field_th}ต้องไม่เกิน {maximum:,}", f"The {field_en} must be at most {maximum:,}")
    return value


# ---------------------------------------------------------------- money

_TERM = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?|\.\d{1,2}")


def parse_money(text: str | None, *, allow_zero: bool = False) -> int:
    """Parse an amount as written on paper and return integer satang.

    Accepts ``1,250``, ``1250.5``, ``๑๒๕๐``, ``120+35`` (a sum, as on an adding
    machine), an optional trailing ``บาท``/``฿``. Refuses negatives, misplaced
    commas (``1,2,3``), more than two decimals, and amounts over 100 million baht.
    """
    s = _clean(text).replace(" ", "").replace("\u00a0", "")
    for suffix in ("บาท", "฿"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    if s.startswith("฿"):
        s = s[1:]
    if not s:
        raise AbcError("กรุณากรอกจำนวนเงิน", "Please enter an amount")
    if s.startswith("-"):
        raise AbcError("จำนวนเงินต้องไม่ติดลบ", "The amount cannot be negative")
    total = 0
    for term in s.split("+"):
        if not _TERM.fullmatch(term):
            raise AbcError(
                f"จำนวนเงินไม่ถูกต้อง: {text!s} (ตัวอย่าง 1,250 หรือ 1250.50 หรือ 120+35)",
                f"Not a valid amount: {text!s} (e.g. 1,250 or 1250.50 or 120+35)",
            )
        baht, _, frac = term.replace(",", "").partition(".")
        if len(baht) > len(str(MAX_SATANG)):  # too large anyway; int() refuses 4,300+ digits
            total = MAX_SATANG + 1
            break
        total += int(baht or "0") * 100 + int((frac + "00")[:2])
        if total > MAX_SATANG:
            break
    if total > MAX_SATANG:
        raise AbcError(
            f"จำนวนเงินสูงเกินไป (ไม่เกิน {MAX_SATANG // 100:,} บาท)",
            f"The amount is too large (at most {MAX_SATANG // 100:,} baht)",
        )
    if total == 0 and not allow_zero:
        raise AbcError("จำนวนเงินต้องมากกว่า 0", "The amount must be more than 0")
    return total


def format_money(satang: int, *, sep: bool = True) -> str:
    """``125050`` -> ``"1,250.50"`` (or ``"1250.50"`` with ``sep=False``)."""
    sign = "-" if satang < 0 else ""
    baht, st = divmod(abs(int(satang)), 100)
    whole = f"{baht:,}" if sep else str(baht)
    return f"{sign}{whole}.{st:02d}"


# ---------------------------------------------------------------- years


def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def _year_from_be_text(y: str, original: str) -> int:
    """A typed year (2 or 4 digits, B.E.) -> Gregorian year, range-checked."""
    if len(y) == 2:
        year_be = 2500 + int(y)
    elif len(y) == 4:
        year_be = int(y)
    else:
        raise AbcError(
            f"ปีไม่ถูกต้อง: {original} (ใช้ปี พ.ศ. เช่น 67 หรือ 2567)",
            f"Invalid year: {original} (use the Buddhist-Era year, e.g. 67 or 2567)",
        )
    if not MIN_YEAR_BE <= year_be <= MAX_YEAR_BE:
        if 1900 <= year_be <= 2200:
            raise AbcError(
                f"ใช้ปี พ.ศ. ไม่ใช่ ค.ศ.: {original} (เช่น {year_be + BE_OFFSET})",
                f"Use the Buddhist-Era year, not C.E.: {original} (e.g. {year_be + BE_OFFSET})",
            )
        raise AbcError(
            f"ปี พ.ศ. {year_be} อยู่นอกช่วง {MIN_YEAR_BE}–{MAX_YEAR_BE}",
            f"Year {year_be} B.E. is outside {MIN_YEAR_BE}–{MAX_YEAR_BE}",
        )
    return year_be - BE_OFFSET


def _month_number(token: str, original: str) -> int:
    t = token.strip().lower()
    if t.isdecimal():  # not isdigit(): int() refuses "²"
        m = int(t)
        if 1 <= m <= 12:
            return m
    elif t in _MONTH_NAMES:
        return _MONTH_NAMES[t]
    elif t.rstrip(".") in _MONTH_NAMES:
        return _MONTH_NAMES[t.rstrip(".")]
    raise AbcError(f"เดือนไม่ถูกต้อง: {original}", f"Invalid month: {original}")


# ---------------------------------------------------------------- months


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month (Gregorian year inside, B.E. on every label)."""

    year: int
    month: int

    @classmethod
    def of(cls, d: _dt.date) -> Month:
        return cls(d.year, d.month)

    @classmethod
    def from_iso(cls, text: str) -> Month:
        """``"2024-03"`` -> Month(2024, 3); raises AbcError otherwise."""
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", _clean(text))
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise AbcError(f"เดือนต้องอยู่ในรูป ปปปป-ดด (ค.ศ.): {text}", f"Month must be YYYY-MM: {text}")
        year = int(m.group(1))
        if not MIN_YEAR_BE <= year + BE_OFFSET <= MAX_YEAR_BE:
            raise AbcError(
                f"ปี ค.ศ. {year} อยู่นอกช่วง {MIN_YEAR_BE - BE_OFFSET}–{MAX_YEAR_BE - BE_OFFSET}",
                f"Year {year} is outside {MIN_YEAR_BE - BE_OFFSET}–{MAX_YEAR_BE - BE_OFFSET}",
            )
        return cls(year, int(m.group(2)))

    @property
    def year_be(self) -> int:
        return self.year + BE_OFFSET

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def be_label(self) -> str:
        """``03/2567``"""
        return f"{self.month:02d}/{self.year_be}"

    def thai_label(self) -> str:
        """``มี.ค. 2567``"""
        return f"{MONTHS_TH_SHORT[self.month - 1]} {self.year_be}"

    def label(self, lang: str = "th") -> str:
        """``มี.ค. 2567`` in Thai, ``03/2567`` in English (B.E. in both, as the screens show and take)."""
        return self.be_label() if lang == "en" else self.thai_label()

    def short_label(self) -> str:
        """``มี.ค.67`` (for narrow grid columns)"""
        return f"{MONTHS_TH_SHORT[self.month - 1]}{self.year_be % 100:02d}"

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, 1)

    def last_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.days())

    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    def next(self, n: int = 1) -> Month:
        idx = self.year * 12 + self.month - 1 + n
        return Month(idx // 12, idx % 12 + 1)

    def prev(self, n: int = 1) -> Month:
        return self.next(-n)

    def __str__(self) -> str:
        return self.be_label()


def month_range(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last`` inclusive."""
    out = []
    m = first
    while m <= last:
        out.append(m)
        m = m.next()
    return out


def parse_month(text: str | None) -> Month:
    """Parse a month as a clerk types it: ``3/67``, ``03/2567``, ``มี.ค. 67``,
    ``มีนาคม 2567``, ``๓/๒๕๖๗``, or ISO ``2024-03`` (Gregorian, for the CLI)."""
    s = _clean(text)
    if not s:
        raise AbcError("กรุณากรอกเดือน (เช่น 3/67)", "Please enter a month (e.g. 3/67)")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
    if iso and int(iso.group(1)) < 2400:
        return Month.from_iso(s)
    m = re.fullmatch(r"(\S+?)\s*[/\-\s]\s*(\d{2}|\d{4})", s) or re.fullmatch(r"(\D+?)\s*(\d{2}|\d{4})", s)
    if not m:
        raise AbcError(
            f"เดือนไม่ถูกต้อง: {text} (ตัวอย่าง 3/67 หรือ มี.ค. 2567)",
            f"Invalid month: {text} (e.g. 3/67 or มี.ค. 2567)",
        )
    month = _month_number(m.group(1), str(text))
    return Month(_year_from_be_text(m.group(2), str(text)), month)


# ---------------------------------------------------------------- dates


def _make_date(year: int, month: int, day: int, original: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise AbcError(f"ไม่มีวันที่นี้ในปฏิทิน: {original}", f"No such date in the calendar: {original}") from None


def parse_date(text: str | None) -> _dt.date:
    """Parse a date: ``15/3/67``, ``15/03/2567``, ``๑๕/๓/๒๕๖๗``, ``15 มี.ค. 67``,
    or ISO ``2024-03-15`` (Gregorian)."""
    s = _clean(text)
    if not s:
        raise AbcError("กรุณากรอกวันที่ (เช่น 15/3/67)", "Please enter a date (e.g. 15/3/67)")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if iso and int(iso.group(1)) < 2400:
        y, mo, d = (int(g) for g in iso.groups())
        if not MIN_YEAR_BE <= y + BE_OFFSET <= MAX_YEAR_BE:
            raise AbcError(f"ปีอยู่นอกช่วง: {text}", f"Year out of range: {text}")
        return _make_date(y, mo, d, str(text))
    m = re.fullmatch(r"(\d{1,2})\s*[/\-\s]\s*([^\s/\-]+?)\s*[/\-\s]\s*(\d{2}|\d{4})", s)
    if not m:
        raise AbcError(
            f"วันที่ไม่ถูกต้อง: {text} (ตัวอย่าง 15/3/67 หรือ 15/03/2567)",
            f"Invalid date: {text} (e.g. 15/3/67 or 15/03/2567)",
        )
    month = _month_number(m.group(2), str(text))
    year = _year_from_be_text(m.group(3), str(text))
    return _make_date(year, month, int(m.group(1)), str(text))


def format_date_be(d: _dt.date) -> str:
    """``date(2024, 3, 15)`` -> ``"15/03/2567"``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year + BE_OFFSET}"


def format_date_thai(d: _dt.date) -> str:
    """``date(2024, 3, 15)`` -> ``"15 มี.ค. 2567"``."""
    return f"{d.day} {MONTHS_TH_SHORT[d.month - 1]} {d.year + BE_OFFSET}"


def format_date_lang(d: _dt.date, lang: str = "th") -> str:
    """``15 มี.ค. 2567`` in Thai, ``15/03/2567`` in English (B.E. in both, as the screens show)."""
    return format_date_be(d) if lang == "en" else format_date_thai(d)


def parse_day(text: str | None, month: Month) -> int:
    """A day of ``month`` as typed in the ledger's day column (1..last day)."""
    s = _clean(text)
    if not s:
        raise AbcError("กรุณากรอกวันที่", "Please enter the day")
    if not s.isdecimal() or len(s) > 2:  # isdecimal: "²" is a digit but not a number int() takes
        raise AbcError(f"วันที่ต้องเป็นตัวเลข: {text}", f"The day must be a number: {text}")
    day = int(s)
    if not 1 <= day <= month.days():
        raise AbcError(
            f"เดือน {month.thai_label()} มีวันที่ 1–{month.days()} เท่านั้น",
            f"{month.iso()} has days 1–{month.days()} only",
        )
    return day


# ---------------------------------------------------------------- fiscal year


def fiscal_year_be(d: _dt.date) -> int:
    """Thai government fiscal year (B.E.): October starts the next year.

    1 Oct 2024 (2567) is in fiscal year 2568; 30 Sep 2025 too.
    """
    return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


def fiscal_year_range(fy_be: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of fiscal year ``fy_be`` (B.E.)."""
    year_ce = fy_be - BE_OFFSET
    return _dt.date(year_ce - 1, 10, 1), _dt.date(year_ce, 9, 30)


def parse_fiscal_year(text: str | None) -> int:
    """A fiscal year as typed (``68`` or ``2568``) -> B.E. year."""
    s = _clean(text)
    if not re.fullmatch(r"\d{2}|\d{4}", s):
        raise AbcError(f"ปีงบประมาณไม่ถูกต้อง: {text} (เช่น 2568)", f"Invalid fiscal year: {text} (e.g. 2568)")
    return _year_from_be_text(s, str(text)) + BE_OFFSET
