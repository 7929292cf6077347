"""The code printed as a barcode on each account-book page: household code + month.

``54010106-39/5 032568`` = household ``54010106-39/5``, March 2568 (month two digits, B.E. year
four). Code 39 carries only digits, capitals, space and ``- . / $ + %``, so a Thai letter at the end
of a house number (``45/1ก``) is printed as ``.`` + its two-digit place in the alphabet (``45/1.01``);
``.`` never occurs in a house number, so the code reads back unambiguously.

A USB scanner is a keyboard: with the Thai Kedmanee layout switched on it "types" the Thai
characters on the same keys (``ๅ/-ภถุึคตจ`` for ``1234567890``); :func:`parse_page_code` maps
them back, so a scan works whichever layout is on.
"""

from __future__ import annotations

import re

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import BE_OFFSET, Month, to_ascii_digits

_FIRST_LETTER, _LAST_LETTER = 0x0E01, 0x0E2E  # ก … ฮ

#: Kedmanee (Thai) characters on the keys of what a scanner types, and the US character.
_KEDMANEE = str.maketrans(
    {
        "ๅ": "1",
        "/": "2",
        "-": "3",
        "ภ": "4",
        "ถ": "5",
        "ุ": "6",
        "ึ": "7",
        "ค": "8",
        "ต": "9",
        "จ": "0",
        "ข": "-",
        "ฝ": "/",
        "ใ": ".",
    }
)
_PATTERN = re.compile(r"(\d{8}-\d{1,5}(?:/\d{1,4})?(?:\.\d{2})?) (\d{2})(\d{4})")


def page_code(household_code: str, month: Month) -> str:
    """The barcode payload of ``household_code``'s page for ``month`` (without Code 39's ``*``)."""
    code = household_code
    if code and _FIRST_LETTER <= ord(code[-1]) <= _LAST_LETTER:
        code = f"{code[:-1]}.{ord(code[-1]) - _FIRST_LETTER + 1:02d}"
    return f"{code} {month.month:02d}{month.year_be:04d}"


def parse_page_code(text: str | None) -> tuple[str, Month] | None:
    """``(household code, month)`` when ``text`` is a page code (as scanned or typed), else None."""
    s = to_ascii_digits(" ".join((text or "").split()))
    if any("\u0e00" <= ch <= "\u0e7f" for ch in s):  # typed with the Thai layout on
        s = s.translate(_KEDMANEE)
    m = _PATTERN.fullmatch(s)
    if not m:
        return None
    code, month, year_be = m.group(1), int(m.group(2)), int(m.group(3))
    if not 1 <= month <= 12:
        return None
    if "." in code:
        head, _, letter = code.rpartition(".")
        if not 1 <= int(letter) <= _LAST_LETTER - _FIRST_LETTER + 1:
            return None
        code = head + chr(_FIRST_LETTER + int(letter) - 1)
    try:
        return code, Month.from_iso(f"{year_be - BE_OFFSET:04d}-{month:02d}")
    except AbcError:  # a year outside the program's range is not a page code
        return None
