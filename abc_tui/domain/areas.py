"""Area codes (Interior Ministry scheme), household codes and occupation groups."""

from __future__ import annotations

import re

from abc_tui.domain.errors import AbcError
from abc_tui.domain.text import clean_field
from abc_tui.domain.thai import to_ascii_digits

#: Longest name (person or place) accepted.
NAME_MAX = 120

#: level -> number of digits in its code
LEVEL_DIGITS = {"province": 2, "district": 4, "tambon": 6, "village": 8}
LEVEL_LABELS = {
    "province": ("จังหวัด", "Province"),
    "district": ("อำเภอ", "District"),
    "tambon": ("ตำบล", "Tambon"),
    "village": ("หมู่บ้าน", "Village"),
}

#: The programme document's occupation groups (debt-capacity table).
OCCUPATION_GROUPS: dict[str, tuple[str, str]] = {
    "rice": ("ทำนา", "Rice farming"),
    "rice_other": ("ทำนาและอาชีพอื่น", "Rice and other"),
    "crops": ("ทำสวน/ทำไร่", "Orchard and field crops"),
    "fishery": ("ประมง", "Fishery"),
    "livestock": ("เลี้ยงสัตว์", "Livestock"),
    "wage": ("รับจ้าง", "Wage labour"),
    "wage_farm": ("รับจ้างและทำการเกษตร", "Wage labour and farming"),
    "business": ("ค้าขาย/ธุรกิจ", "Business and trade"),
    "business_farm": ("ค้าขายและทำการเกษตร", "Business and farming"),
    "other": ("อื่นๆ", "Other"),
}


def level_of(code: str) -> str:
    """The level an area code belongs to, from its length."""
    for level, digits in LEVEL_DIGITS.items():
        if len(code) == digits:
            return level
    raise AbcError(
        f"รหัสพื้นที่ต้องมี 2, 4, 6 หรือ 8 หลัก: {code}",
        f"An area code has 2, 4, 6 or 8 digits: {code}",
    )


def parse_area_code(text: str | None, level: str) -> str:
    """Validate a typed area code for ``level`` (Thai digits accepted)."""
    digits = LEVEL_DIGITS[level]
    th, en = LEVEL_LABELS[level]
    s = to_ascii_digits((text or "").strip())
    if not re.fullmatch(rf"[0-9]{{{digits}}}", s):  # [0-9], not \d: "٣" would be stored as a code
        raise AbcError(
            f"รหัส{th}ต้องเป็นตัวเลข {digits} หลัก: {text or ''}",
            f"The {en.lower()} code must be {digits} digits: {text or ''}",
        )
    if s.endswith("00"):
        raise AbcError(f"รหัส{th}ต้องไม่ลงท้ายด้วย 00: {s}", f"The {en.lower()} code cannot end in 00: {s}")
    return s


def parse_house_no(text: str | None) -> str:
    """A house number as on the house registration: ``12``, ``12/3``, ``45/1ก``."""
    s = to_ascii_digits((text or "").strip()).replace(" ", "")
    if not s:
        raise AbcError("กรุณากรอกบ้านเลขที่", "Please enter the house number")
    if not re.fullmatch(r"[0-9]{1,5}(/[0-9]{1,4})?[ก-ฮ]?", s):  # [0-9], not \d: no "٣" house numbers
        raise AbcError(
            f"บ้านเลขที่ไม่ถูกต้อง: {text} (เช่น 12 หรือ 12/3)",
            f"Invalid house number: {text} (e.g. 12 or 12/3)",
        )
    return s


def household_code(village_code: str, house_no: str) -> str:
    """``54010103`` + ``12/3`` -> ``54010103-12/3``."""
    return f"{village_code}-{house_no}"


def parse_name(text: str | None, *, field_th: str = "ชื่อ", field_en: str = "name") -> str:
    """A person's or place's name, cleaned by :func:`~abc_tui.domain.text.clean_field`: not blank,
    not absurdly long."""
    return clean_field(text, field_th=field_th, field_en=field_en, required=True, max_length=NAME_MAX)


#: Sorts after every digit in byte order (SQLite) and in any locale's or ICU collation a
#: PostgreSQL server may use (letters follow digits there; ``~`` and other symbols do not).
_AFTER_DIGITS = "A"


def area_bounds(code: str) -> tuple[str, str]:
    """``(lo, hi)`` with ``lo <= village_code < hi`` exactly for the villages under area ``code``.

    Codes are digit strings and an area's code is a prefix of its children's, so the range is
    index-friendly where ``LIKE 'code%'`` is not; ``hi`` holds under every collation of the
    database (the one definition: reports and period states use it)."""
    return code, code + _AFTER_DIGITS
