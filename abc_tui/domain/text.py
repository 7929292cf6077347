"""The one cleaning rule for every piece of free text the office stores.

Names (heads, members, villages, the office, users), ledger items, forum topics, facilitators,
notes, findings and plan titles, problems and agencies all pass through :func:`clean_field`
before they are saved, so a name is stored, searched, shown and exported exactly the same way.

What a clerk would expect, decided once:

* **Invisible junk is stripped**: control characters (NUL, ESC, …; tab and line breaks become a
  space), format characters such as bidi overrides and isolates (U+202A–202E, U+2066–2069),
  left-to-right/right-to-left marks (U+200E/200F), zero-width spaces and joiners, the BOM and the
  soft hyphen, and unpaired surrogates (left by a broken decoding; they cannot even be written to
  a UTF-8 file). Pasting from a web page or a spreadsheet brings these in; no one means them.
* **White space is folded**: any run of spaces (also no-break, ideographic, line and paragraph
  separators) becomes one space; none at either end.
* **A visible problem is refused**, with a message in Thai and English: a Thai vowel or tone mark
  (any combining mark, and SARA AM) with no consonant before it, i.e. at the start of the field or
  after a space. It shows as a mark on a dotted circle and is a typing slip (a key pressed twice or
  a consonant deleted); the clerk fixes it rather than the program guessing.
* Blank when required, or longer than the field allows (counted after cleaning): refused.

Markup-looking text (``[bold]``, ``[/]``) and formula-looking text (``=SUM(``) are ordinary text
here: the UI shows data as plain text and the exports neutralise formulas.
"""

from __future__ import annotations

import unicodedata

from abc_tui.domain.errors import AbcError

__all__ = ["clean_field", "strip_invisible"]

#: Categories stripped: control, format (bidi, zero-width, BOM, soft hyphen), surrogate.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})
#: Combining-mark categories: a mark needs a base character before it.
_MARKS = frozenset({"Mn", "Mc", "Me"})
#: SARA AM is a spacing letter (Lo) but starts with the NIKHAHIT mark: it needs a consonant too.
_NEEDS_BASE = frozenset({"\u0e33"})


def strip_invisible(text: str | None) -> str:
    """``text`` without invisible junk; white-space controls (tab, line breaks …) become spaces."""
    out = []
    for ch in text or "":
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) not in _INVISIBLE:
            out.append(ch)
    return "".join(out)


def _needs_base(ch: str) -> bool:
    return ch in _NEEDS_BASE or unicodedata.category(ch) in _MARKS


def clean_field(
    text: str | None,
    *,
    field_th: str = "ข้อความ",
    field_en: str = "text",
    required: bool = False,
    max_length: int | None = None,
) -> str:
    """The stored form of a typed value (see the module docstring); raises :class:`AbcError`."""
    s = text or ""
    if not s.isprintable():  # fast path: typed text rarely holds anything invisible
        s = strip_invisible(s)
    s = " ".join(s.split())
    if required and not s:
        raise AbcError(f"กรุณากรอก{field_th}", f"Please enter the {field_en}")
    start = 0
    for word in s.split(" "):  # a mark needs a base: check the first character of every word
        if word and _needs_base(word[0]):
            raise AbcError(
                f"{field_th}มีสระหรือวรรณยุกต์ที่ไม่มีพยัญชนะนำหน้า: “{word}” (ตัวที่ {start + 1}) กรุณาแก้ไข",
                f"The {field_en} has a vowel or tone mark with no consonant before it: “{word}” "
                f"(character {start + 1}); please correct it",
            )
        start += len(word) + 1
    if max_length is not None and len(s) > max_length:
        raise AbcError(
            f"{field_th}ยาวเกินไป (ไม่เกิน {max_length} ตัวอักษร)",
            f"The {field_en} is too long (at most {max_length} characters)",
        )
    return s
