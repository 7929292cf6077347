"""Textual user interface (the only layer that may import textual)."""

from abc_tui.ui import cells as _cells

_cells.install()  # Thai marks stay on their letter when a line is cut (issue 10, bug 7)
