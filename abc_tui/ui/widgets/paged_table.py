"""One page of a list read with LIMIT/OFFSET, its columns fitted to the screen (issue 9 §2, issue 10).

The forum list, the plan board (and the other lists that show a page of rows with F7/F8) all did the
same things by hand: clear the table, add a page of rows keyed by id, keep the cursor on the same
record, say "12 of 156 (page 1/2)", and cut the long text column at a fixed width while the rest of
the line stayed empty. :class:`PagedTable` does them once:

* every column but one is as wide as its widest cell (or its heading), with an optional cap;
* the *flex* column (a title, a topic, a name) takes the width that is left, and its cells are cut
  with ``…`` only when they do not fit — it grows with a wider terminal;
* :meth:`show` takes the columns (headings already in the current language, so F12 re-shows them)
  and ``(id, cells)`` rows, keeps the cursor on ``keep_id``; :attr:`row_ids` and
  :meth:`selected_id` give the highlighted record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

Cell = str | Text
#: A row's record id (or any key that names the row).
Key = int | str


@dataclass(frozen=True)
class Col:
    """A column: ``key``, its heading (translated), alignment, and whether it takes the width left."""

    key: str
    label: str
    justify: str = "left"
    flex: bool = False
    #: Cells wider than this are cut with "…" (the flex column's width is computed instead).
    max_width: int | None = None


def clip(cell: Cell, width: int, justify: str = "left") -> Text:
    """``cell`` as one line of at most ``width`` cells, cut with "…" (data is never read as markup)."""
    text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
    text.no_wrap = True
    text.overflow = "ellipsis"
    text.justify = justify  # type: ignore[assignment]
    if text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    return text


def fit_widths(
    columns: Sequence[Col], rows: Sequence[Sequence[Cell]], available: int, padding: int = 1
) -> list[int]:
    """Column widths for ``available`` cells: fixed columns as their widest cell or heading (capped at
    ``max_width``), the flex column the rest (at least 6; no wider than its widest cell)."""
    natural = []
    for i, c in enumerate(columns):
        widest = max([cell_len(c.label)] + [_cell_width(r[i]) for r in rows if i < len(r)])
        natural.append(min(widest, c.max_width) if c.max_width else widest)
    fixed = sum(w for w, c in zip(natural, columns, strict=True) if not c.flex)
    left = available - fixed - 2 * padding * len(columns)
    return [max(6, min(left, w)) if c.flex else w for w, c in zip(natural, columns, strict=True)]


def _cell_width(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))


class PagedTable(DataTable):
    """A row-cursor table showing one page of records keyed by their ids."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self.row_ids: list[Key] = []
        self._shown: tuple[Sequence[Col], list[tuple[Key, Sequence[Cell]]]] | None = None
        self._fitted = 0  # the width the columns were fitted to
        #: Rows added by :meth:`show`: their cells are cut to their column's given width already.
        self._clipped: set[RowKey] = set()

    def available_width(self) -> int:
        """Cells for the columns: the table's width (or the screen's before layout), less the scrollbar."""
        width = self.size.width or max(0, self.app.size.width - 2)
        return width - self.styles.scrollbar_size_vertical

    def show(
        self, columns: Sequence[Col], rows: Sequence[tuple[Key, Sequence[Cell]]], keep_id: Key | None = None
    ) -> None:
        """Show ``rows`` (``(id, cells)``) under ``columns``; the cursor on ``keep_id`` if it is shown."""
        rows = list(rows)
        self._shown = (columns, rows)
        self._fitted = self.available_width()
        widths = fit_widths(columns, [cells for _, cells in rows], self._fitted, self.cell_padding)
        self.clear(columns=True)
        for c, w in zip(columns, widths, strict=True):
            self.add_column(Text(c.label, justify=c.justify), key=c.key, width=w)  # type: ignore[arg-type]
        self.row_ids = []
        clipped = self._clipped = set()
        for rid, cells in rows:
            clipped.add(
                self.add_row(
                    *[clip(cell, w, c.justify) for cell, c, w in zip(cells, columns, widths, strict=True)],
                    key=str(rid),
                )
            )
            self.row_ids.append(rid)
        if keep_id in self.row_ids:
            self.move_cursor(row=self.row_ids.index(keep_id), animate=False)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable measures every cell of every new row to widen its columns (issue 14: most of a
        page's cost). A row :meth:`show` added cannot widen anything — each cell is already cut to
        its column's width, and its height is 1 — so only the other rows (an ``add_row`` made
        directly, as the attendance summary does) are measured."""
        clipped = self._clipped
        super()._update_dimensions([k for k in new_rows if k not in clipped])

    def selected_id(self) -> Key | None:
        row = self.cursor_row
        if not self.row_ids or row is None or not 0 <= row < len(self.row_ids):
            return None
        return self.row_ids[row]

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        if self._shown is not None and self.available_width() != self._fitted:  # a wider or narrower terminal
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        if self._shown is not None and self.available_width() != self._fitted:
            columns, rows = self._shown
            self.show(columns, rows, self.selected_id())
