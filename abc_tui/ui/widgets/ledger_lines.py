"""The page's saved lines (one month only), as the ledger screen shows them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from abc_tui.domain.thai import format_money
from abc_tui.store.ledger import LedgerDesk, LineRow, PageSession
from abc_tui.ui.strings import get_lang, t

__all__ = ["COLUMNS", "LinesTable"]

COLUMNS = (
    ("no", "ledger.col.no", 3),
    ("day", "ledger.col.day", 3),
    ("cat", "ledger.col.cat", 18),
    ("item", "ledger.col.item", 20),
    ("amount", "ledger.col.amount", 12),
    ("flag", "ledger.col.flag", 8),
)


class LinesTable(DataTable):
    """One row per saved line; the warnings a line raised when it was saved here are its flags."""

    def __init__(self, desk: LedgerDesk, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.desk = desk
        self.session: PageSession | None = None
        self.flags: dict[int, tuple[str, ...]] = {}

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(t(label), key=key, width=width)

    def relabel(self) -> None:
        for key, label, _width in COLUMNS:
            self.columns[key].label = Text(t(label))  # type: ignore[index]
        self.show(self.session)

    def cat_label(self, code: str) -> str:
        cat = self.desk.chart.get(code)
        return f"{code} {cat.name(get_lang())}" if cat else code

    def _cells(self, n: int, line: LineRow) -> tuple[Text, ...]:
        flags = self.flags.get(line.id, ())
        return (  # Text, not str: a DataTable reads a str cell as markup ("[" in an item)
            Text(str(n)),
            Text(str(line.day)),
            Text(self.cat_label(line.code)),
            Text(line.item),
            Text(format_money(line.amount), justify="right"),
            Text(" ".join(t(f"ledger.flag.{f}") for f in flags), style="bold yellow"),
        )

    def append_line(self, line: LineRow, flags: tuple[str, ...] = ()) -> None:
        self.flags[line.id] = flags
        self.add_row(*self._cells(self.row_count + 1, line), key=str(line.id))
        self.move_cursor(row=self.row_count - 1, animate=False)

    def show(self, session: PageSession | None, select: int | None = None) -> None:
        """All the lines of ``session`` (a new page starts without flags); the cursor on ``select`` or the last."""
        if session is not self.session:
            self.flags = {}
            self.session = session
        self.clear()
        if session is None:
            return
        for n, line in enumerate(session.lines, 1):
            self.add_row(*self._cells(n, line), key=str(line.id))
        if self.row_count:
            row = session.position(select) - 1 if select else self.row_count - 1
            self.move_cursor(row=max(row, 0), animate=False)

    def selected_line(self) -> LineRow | None:
        s = self.session
        if s is None or not s.lines or self.cursor_row is None:
            return None
        if not 0 <= self.cursor_row < len(s.lines):
            return None
        return s.lines[self.cursor_row]
