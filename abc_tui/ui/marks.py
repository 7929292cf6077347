"""The symbols the screens draw, and their plain-ASCII stand-ins for the classic Windows console.

Consolas and the other fonts of the classic console host have no ``⏎ ✓ ● ○ ■ ⚠`` and
no partial blocks (``▁…▇``, ``▏…▉``): they show as boxes. When :func:`use_ascii` is on
(set once at start by :mod:`abc_tui.ui.console`), :func:`plain` turns every one of them
into an ASCII character; ``t()`` passes each UI string through it, and the screens pass
the symbols they draw themselves (grids, ticks, charts).
"""

from __future__ import annotations

#: Each symbol and its ASCII stand-in: the one mapping.
ASCII: dict[str, str] = {
    "⏎": ">",  # Enter (what Enter takes)
    "✓": "v",  # balanced, present, same
    "●": "*",  # entered
    "○": "o",  # opened, empty
    "■": "#",  # closed
    "⚠": "!",  # warning
    "⭘": "o",  # the header's icon
    # sparklines: eight heights
    "▁": "_",
    "▂": ".",
    "▃": "-",
    "▄": "~",
    "▅": "=",
    "▆": "+",
    "▇": "*",
    "█": "#",
    # bars: eighths of a cell (a short tail is dropped, a long one is half a cell)
    "▏": "",
    "▎": "",
    "▍": "",
    "▌": "+",
    "▋": "+",
    "▊": "+",
    "▉": "+",
}

_TABLE = str.maketrans(ASCII)
_ascii = False


def use_ascii(on: bool) -> None:
    global _ascii
    _ascii = on


def plain(text: str) -> str:
    """``text`` as the terminal can draw it: unchanged, or with every symbol of :data:`ASCII` replaced."""
    return text.translate(_TABLE) if _ascii else text
