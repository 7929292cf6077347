"""Small terminal charts drawn with block characters: horizontal bars and sparklines.

Plain functions returning strings, so a chart sits inside a table cell or a
line of text, reads on 16 colours and with ``NO_COLOR``, and is easy to test.
"""

from __future__ import annotations

from collections.abc import Sequence

from abc_tui.ui.marks import plain

#: Eighths of a cell, for bars that grow smoothly.
_EIGHTHS = " ▏▎▍▌▋▊▉█"
#: Eight heights, for sparklines.
_TICKS = "▁▂▃▄▅▆▇█"


def bar(value: int | float, maximum: int | float, width: int = 20) -> str:
    """A left-aligned bar ``value / maximum`` of ``width`` cells (eighth-cell steps).

    A positive value never disappears: it gets at least one eighth of a cell."""
    if width <= 0 or maximum <= 0 or value <= 0:
        return ""
    eighths = round(8 * width * min(value, maximum) / maximum)
    eighths = max(eighths, 1)
    full, part = divmod(eighths, 8)
    return plain("█" * full + (_EIGHTHS[part] if part else ""))


def sparkline(values: Sequence[int | float], minimum: int | float | None = None) -> str:
    """One character per value, scaled between ``minimum`` (default: the smallest, or 0 when all
    values are positive) and the largest value. Empty input gives an empty string."""
    if not values:
        return ""
    top = max(values)
    low = (0 if min(values) >= 0 else min(values)) if minimum is None else minimum
    if top <= low:
        return plain(_TICKS[0] * len(values))
    span = top - low
    return plain("".join(_TICKS[min(7, int((v - low) / span * 7 + 0.5))] for v in values))
