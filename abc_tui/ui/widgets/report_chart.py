"""Sparklines on a shared scale, for comparing two series (income against spending)."""

from __future__ import annotations

from collections.abc import Sequence

from abc_tui.ui.marks import plain

_TICKS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[int], top: int) -> str:
    """One character per value on the scale 0 … ``top`` (a value ≤ 0 is the lowest tick)."""
    if top <= 0:
        return plain(_TICKS[0] * len(values))
    return plain("".join(_TICKS[max(0, min(7, round(7 * v / top)))] for v in values))
