"""Thai marks stay on their letter when a line is cut (issue 10, bug 7: stray vowel marks).

Thai tone marks and above/below vowels take no cell of their own: ``"ที่"`` is three code points in
one cell. Rich's :meth:`rich.segment.Segment.split_cells` cuts a line at a cell position *before*
the marks of the last letter, so they start the right-hand piece. Every cut of a line goes through it
(``Strip.crop`` and ``Strip.divide``: an ``Input`` scrolled past its width, a table scrolled sideways,
the screen's pieces between widgets). A piece that starts with a mark is written at its column and the
terminal puts the mark on the cell to its left — a label, a border, another column — where it stays
until a full redraw.

:func:`install` (done once, when :mod:`abc_tui.ui` is imported) makes each cut keep a letter's marks
with the letter: the left piece ends with them, the right piece starts on a letter.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import get_character_cell_size
from rich.segment import Segment

_original_split = Segment._split_cells


def zero_width(ch: str) -> bool:
    """A code point drawn in no cell of its own (a combining mark, a zero-width joiner…)."""
    return get_character_cell_size(ch) == 0 and ch not in "\n\r"


@lru_cache(1024 * 16)
def _split_keeping_marks(segment: Segment, cut: int) -> tuple[Segment, Segment]:
    before, after = _original_split(segment, cut)
    if segment.control:
        return before, after
    text = after.text
    n = 0
    while n < len(text) and zero_width(text[n]):
        n += 1
    if not n:
        return before, after
    return (
        Segment(before.text + text[:n], before.style, before.control),
        Segment(text[n:], after.style, after.control),
    )


def _split_cells(cls, segment: Segment, cut: int) -> tuple[Segment, Segment]:
    return _split_keeping_marks(segment, cut)


def install() -> None:
    """Make every cell cut keep marks with their letter (idempotent)."""
    if Segment.__dict__["_split_cells"].__func__ is not _split_cells:
        Segment._split_cells = classmethod(_split_cells)  # type: ignore[method-assign]
