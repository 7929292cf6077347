"""The log of files sent upward (REPORTS.md "Periods and what was sent"), newest first: when,
report, period, area, rows, who, the start of the SHA-256 and the file. Opened from the reports
screen (Ctrl+L); ``abc-tui sent`` prints the same list."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from abc_tui.domain.thai import Month
from abc_tui.store import periods
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.strings import get_lang, t


class SentScreen(Screen[None]):
    """Every file exported upward, as logged."""

    BINDINGS = [Binding("escape", "back", "key.back")]
    COLUMNS = ("at", "report", "period", "area", "rows", "who", "sha", "file")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("per.sent_title"), classes="title", id="sent-title")
        yield DataTable(id="sent-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="sent-status")
        yield AbcFooter()

    def on_mount(self) -> None:
        table = self.query_one("#sent-table", DataTable)
        for key in self.COLUMNS:
            table.add_column(t(f"per.col.{key}"), key=key)
        self._fill()
        table.focus()

    def _fill(self) -> None:
        """The log's rows: the time in B.E. as every screen shows it, the report by its title in the
        screen's language (the file name keeps the report's code)."""
        from abc_tui.reports.spec import SPECS
        from abc_tui.ui.screens.audit import format_at

        table = self.query_one("#sent-table", DataTable)
        table.clear()
        rows = periods.sent()
        for r in rows:
            period = Month.from_iso(r.period_from).be_label()
            if r.period_to != r.period_from:
                period += "–" + Month.from_iso(r.period_to).be_label()
            spec = SPECS.get(r.report)
            table.add_row(
                format_at(r.at),
                Text(spec.title(get_lang()) if spec else r.report),
                period,
                r.area_code,
                Text(f"{r.rows:,}", justify="right"),
                Text(r.who or "-"),
                r.sha256[:12],
                Text(r.file_name),
                key=str(r.id),
            )
        self.query_one("#sent-status", Static).update("" if rows else t("per.sent_none"))

    def language_changed(self) -> None:
        """F12: the title, the column heads and the empty-log line in the new language."""
        self.query_one("#sent-title", Static).update(t("per.sent_title"))
        table = self.query_one("#sent-table", DataTable)
        for key in self.COLUMNS:
            table.columns[key].label = Text(t(f"per.col.{key}"))
        self._fill()  # the report titles
        table.refresh()

    def action_back(self) -> None:
        self.app.pop_screen()
