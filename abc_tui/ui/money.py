"""How money is shown on screen — the one rule, in one place (issue 10).

* tables and forms: ``#,##0.00`` — ``1,250.50``, ``394,611.00``, ``-3,000.00``;
* charts and the data card (read out at a meeting, satang are noise): whole baht, rounded half
  away from zero — ``1,251``.

Every screen calls :func:`show_money` (or :func:`money_cell` for a right-aligned table cell);
no screen formats satang itself. Files written for upward reporting keep their own contract
format (:func:`abc_tui.reports.export.baht`).
"""

from __future__ import annotations

from rich.text import Text

from abc_tui.domain.thai import format_money


def whole_baht(satang: int) -> int:
    """Satang rounded to whole baht, half away from zero: 125050 -> 1251, -150 -> -2."""
    sign = -1 if satang < 0 else 1
    return sign * ((abs(int(satang)) + 50) // 100)


def show_money(satang: int | None, *, whole: bool = False) -> str:
    """The screen text of an amount: ``1,250.50`` (tables, forms) or ``1,251`` with ``whole=True``
    (charts, the data card). ``None`` (not decided yet) is blank."""
    if satang is None:
        return ""
    if whole:
        return f"{whole_baht(satang):,}"
    return format_money(int(satang))


def money_cell(satang: int | None, *, whole: bool = False) -> Text:
    """A right-aligned table cell of :func:`show_money`."""
    return Text(show_money(satang, whole=whole), justify="right")
