"""Completeness grid: one village's households down, twelve months across.

Each cell shows whether that household's page for that month is missing (·),
opened without lines (○), entered (●), balanced against the paper (✓) or
closed (■). A month submitted (ส/S) or approved (อ/A) upward is marked in its column header
(those months are locked, :mod:`abc_tui.store.periods`). Enter on a cell opens that page in the ledger screen; F7/F8 move
the window a year back or forward; F6 changes the village.
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import MONTHS_TH_SHORT, Month, month_range
from abc_tui.store import areas, periods
from abc_tui.store import completeness as store
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.marks import plain
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.thai_input import ThaiInput

SYMBOLS = {"missing": "·", "empty": "○", "entered": "●", "balanced": "✓", "closed": "■"}
STYLES = {"missing": "dim", "empty": "yellow", "entered": "bold", "balanced": "bold green", "closed": "green"}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_header(m: Month, first: bool = False) -> str:
    """A 4-cell column header: the month's short name (Thai without its dots), with the
    two-digit B.E. year on January and on the first column."""
    if get_lang() == "en":
        name = MONTHS_EN[m.month - 1][:2] if (first or m.month == 1) else MONTHS_EN[m.month - 1]
    else:
        name = MONTHS_TH_SHORT[m.month - 1].replace(".", "")
    return f"{name}{m.year_be % 100:02d}" if first or m.month == 1 else name


class CompletenessScreen(guard.Guarded, Screen[tuple[int, Month] | None]):
    """Which pages of a village are entered; Enter opens one."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f6", "village", "ledger.grid.key.village", priority=True),
        Binding("f7", "shift(-12)", "ledger.grid.key.prev", priority=True),
        Binding("f8", "shift(12)", "ledger.grid.key.next", priority=True),
    ]

    def __init__(self, village_code: str, month: Month, span: int = 12) -> None:
        super().__init__()
        self.village_code = village_code
        self.last = month
        self.span = span
        self.rows: list[store.CompletenessRow] = []
        self.months: list[Month] = []
        self.period_states: dict[str, str] = {}  # month iso -> submitted | approved (locked months)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="lg-bar"):
            yield Label(t("ledger.village"))
            yield ThaiInput(id="grid-village", max_length=20)
            yield Static("", id="grid-title")
        yield DataTable(id="grid", cursor_type="cell", zebra_stripes=True, cell_padding=0)
        yield Static("", id="grid-status")
        yield Static(t("ledger.grid.legend"), id="grid-legend", classes="hint")
        yield AbcFooter()

    def on_mount(self) -> None:
        self.title = t("ledger.grid.title")
        self.refresh_grid()
        self.query_one("#grid").focus()

    def refresh_grid(self, keep: tuple[int, int] | None = None) -> None:
        self.months = month_range(self.last.prev(self.span - 1), self.last)
        self.rows = store.completeness(self.village_code, self.months)
        self.period_states = {
            m: st
            for (_v, m), st in periods.states(self.village_code, self.months[0], self.months[-1]).items()
        }
        village = next((v for v in areas.villages() if v.code == self.village_code), None)
        self.query_one("#grid-village", Input).value = str(int(self.village_code[-2:]))
        label = areas.area_label(village) if village else self.village_code
        self.query_one("#grid-title", Static).update(
            escape(f"{label}  {self.months[0].label(get_lang())} – {self.months[-1].label(get_lang())}")
            + ("  " + escape(t("per.grid_legend")) if self.period_states else "")
        )
        table = self.query_one("#grid", DataTable)
        table.clear(columns=True)
        table.add_column(t("ledger.grid.house"), key="house", width=9)
        for i, m in enumerate(self.months):
            header = Text(month_header(m, i == 0), justify="center")
            if m.iso() in self.period_states:  # locked: submitted / approved
                header.append(t(f"per.mark.{self.period_states[m.iso()]}"), style="bold red")
            table.add_column(header, key=m.iso(), width=5)
        for r in self.rows:
            cells = [Text(" " + r.house_no, style="" if r.active else "dim strike")]
            for m in self.months:
                state = r.cells[m.iso()]
                cells.append(Text(plain(SYMBOLS[state]), style=STYLES[state], justify="center"))
            table.add_row(*cells, key=str(r.household_id))
        if keep and self.rows:
            table.move_cursor(row=min(keep[0], len(self.rows) - 1), column=keep[1], animate=False)
        elif self.rows:
            table.move_cursor(row=0, column=len(self.months), animate=False)
        self._status()

    def language_changed(self) -> None:
        """F12: month heads, title and status in the new language; the cursor stays."""
        table = self.query_one("#grid", DataTable)
        self.refresh_grid((table.cursor_coordinate.row, table.cursor_coordinate.column))

    def _cell(self) -> tuple[store.CompletenessRow, Month] | None:
        table = self.query_one("#grid", DataTable)
        coord = table.cursor_coordinate
        if not self.rows or not 0 <= coord.row < len(self.rows):
            return None
        col = max(coord.column, 1)
        return self.rows[coord.row], self.months[col - 1]

    def _status(self) -> None:
        status = self.query_one("#grid-status", Static)
        cell = self._cell()
        done = [
            sum(r.cells[m.iso()] in ("entered", "balanced", "closed") for r in self.rows) for m in self.months
        ]
        if cell is None:
            status.update(t("ledger.grid.none"))
            return
        row, month = cell
        state = row.cells[month.iso()]
        locked = self.period_states.get(month.iso())
        status.update(
            escape(
                (t("per.grid_locked", state=t(f"per.state.{locked}")) + " · " if locked else "")
                + t(
                    "ledger.grid.status",
                    code=row.code,
                    name=row.head_name,
                    month=month.label(get_lang()),
                    state=t(f"ledger.grid.state.{state}"),
                    n=row.lines[month.iso()],
                    done=done[self.months.index(month)],
                    total=len(self.rows),
                )
            )
        )

    @on(DataTable.CellHighlighted, "#grid")
    def _moved(self) -> None:
        self._status()

    @on(DataTable.CellSelected, "#grid")
    def _open(self, event: DataTable.CellSelected) -> None:
        event.stop()
        cell = self._cell()
        if cell is not None:
            self.dismiss((cell[0].household_id, cell[1]))

    def action_shift(self, months: int) -> None:
        table = self.query_one("#grid", DataTable)
        keep = (table.cursor_coordinate.row, table.cursor_coordinate.column)
        self.last = self.last.next(months)
        self.refresh_grid(keep)

    def action_village(self) -> None:
        self.query_one("#grid-village").focus()

    @on(Input.Submitted, "#grid-village")
    def _village(self, event: Input.Submitted) -> None:
        event.stop()
        found = areas.find_villages(event.value)
        if not event.value.strip() or not found:
            msg = t("ledger.err.village", text=event.value)
            self.query_one("#grid-status", Static).update(escape(AbcError(msg, msg).message(get_lang())))
            self.app.bell()
            return
        self.village_code = found[0].code
        self.refresh_grid()
        self.query_one("#grid").focus()

    def action_back(self) -> None:
        if self.query_one("#grid-village").has_focus:
            self.query_one("#grid").focus()
            return
        self.dismiss(None)
