"""A DataTable that shows any number of rows by holding only a window of them.

DataTable measures every cell it holds (100k rows take seconds to draw), so this one holds
``WINDOW`` rows around the cursor and asks its source for more when the cursor nears an edge.
The cursor moves over the *whole* report: Up/Down/PageUp/PageDown cross window edges seamlessly,
Ctrl+Home/Ctrl+End go to the first/last row of the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from abc_tui.ui import guard

#: fetch(offset, limit) -> display rows (each a sequence of cells: str or rich Text)
Fetch = Callable[[int, int], Sequence[Sequence[str | Text]]]


class ReportTable(guard.Guarded, DataTable):
    """A windowed, read-only report table."""

    WINDOW = 300
    MARGIN = 20

    BINDINGS = [
        Binding("ctrl+home", "first_row", "reports.key.top", show=False),
        Binding("ctrl+end", "last_row", "reports.key.bottom", show=False),
    ]

    class Moved(Message):
        """The cursor is on row ``index`` of ``total`` (0-based, over the whole report)."""

        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.total = 0
        self.window_start = 0
        self._fetch: Fetch = lambda offset, limit: []
        self._shifting = False

    # ------------------------------------------------------------ source

    def set_source(self, columns: Sequence[str | Text], total: int, fetch: Fetch) -> None:
        """Show a new report: its column labels, how many rows, and how to fetch a window."""
        self.clear(columns=True)
        for i, label in enumerate(columns):
            self.add_column(label, key=f"c{i}")
        self.total = total
        self._fetch = fetch
        self._load(0)
        self.move_cursor(row=0, column=0, animate=False)
        self.post_message(self.Moved(0, total))

    @property
    def global_row(self) -> int:
        """The cursor's row in the whole report."""
        return self.window_start + self.cursor_row

    def _load(self, offset: int) -> None:
        self._shifting = True
        try:
            offset = max(0, min(offset, max(0, self.total - self.WINDOW)))
            self.window_start = offset
            self.clear(columns=False)
            rows = list(self._fetch(offset, min(self.WINDOW, self.total - offset))) if self.total else []
            self.add_rows(rows)
        finally:
            self._shifting = False

    def go_to(self, index: int) -> None:
        """Put the cursor on row ``index`` of the report, loading the window around it."""
        if not self.total:
            return
        index = max(0, min(index, self.total - 1))
        if not self.window_start <= index < self.window_start + self.row_count:
            self._load(index - self.WINDOW // 2)
        self._shifting = True
        try:
            self.move_cursor(row=index - self.window_start, animate=False)
        finally:
            self._shifting = False
        self.post_message(self.Moved(index, self.total))

    # ------------------------------------------------------------ moving over the edges

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if self._shifting or not self.total:
            return
        row = new.row
        near_top = row < self.MARGIN and self.window_start > 0
        near_bottom = row >= self.row_count - self.MARGIN and self.window_start + self.row_count < self.total
        index = self.window_start + row
        if near_top or near_bottom:
            self.call_after_refresh(self._recentre, index)
        else:
            self.post_message(self.Moved(index, self.total))

    def _recentre(self, index: int) -> None:
        self._load(index - self.WINDOW // 2)
        self._shifting = True
        try:
            self.move_cursor(row=index - self.window_start, animate=False)
        finally:
            self._shifting = False
        self.post_message(self.Moved(index, self.total))

    def action_first_row(self) -> None:
        self.go_to(0)

    def action_last_row(self) -> None:
        self.go_to(self.total - 1)

    def action_page_down(self) -> None:
        if (
            self.cursor_row + self.size.height >= self.row_count
            and self.window_start + self.row_count < self.total
        ):
            self.go_to(self.global_row + max(1, self.size.height - 2))
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.cursor_row - self.size.height < 0 and self.window_start > 0:
            self.go_to(self.global_row - max(1, self.size.height - 2))
        else:
            super().action_page_up()
