"""Import office packages in the TUI (officers: permission "import"): type a package's path, press
Enter, read the added / updated / skipped / rejected report. Opened from the reports screen
(Ctrl+G). The merge is :mod:`abc_tui.store.package`, run in a worker thread with a progress bar."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, ProgressBar, Static

from abc_tui.reports.package import format_report
from abc_tui.store.database import close_database
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.package import import_package
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.strings import get_lang, t


class PackageImportScreen(Screen[None]):
    """Type package paths one at a time; each is merged whole or not at all."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f9", "household_list", "hh.key.import", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("pkg.title"), classes="title")
        yield Static(t("pkg.hint"))
        yield Input(placeholder=t("pkg.placeholder"), id="pkg-path")
        yield ProgressBar(id="pkg-progress", show_eta=False)
        with VerticalScroll():
            yield Static("", id="pkg-report")
        yield AbcFooter()

    def on_mount(self) -> None:
        self.query_one("#pkg-progress", ProgressBar).display = False
        self.query_one("#pkg-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip().strip('"')
        if not path:
            return
        event.input.disabled = True
        bar = self.query_one("#pkg-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._show(Text(t("pkg.working", name=Path(path).name)))
        self._import(Path(path))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _import(self, path: Path) -> None:
        bar = self.query_one("#pkg-progress", ProgressBar)
        try:
            report = import_package(
                path,
                LATEST_VERSION,
                lambda done, total: self.app.call_from_thread(bar.update, total=total, progress=done),
            )
        except guard.GUARDED as err:  # a bad package, a locked month: nothing was imported
            self.app.call_from_thread(self._finish, Text(guard.reason(err, get_lang())), "error")
        else:
            text = t("pkg.done", name=path.name, n=report.changed)
            self.app.call_from_thread(self._finish, Text(format_report(report)), "information", text)
        finally:
            close_database()  # this thread's connection

    def _finish(self, body: Text, severity: str, note: str = "") -> None:
        self._show(body)
        self.query_one("#pkg-progress", ProgressBar).display = False
        box = self.query_one("#pkg-path", Input)
        box.disabled = False
        box.value = ""
        box.focus()
        self.notify(note or body.plain.splitlines()[0], severity=severity, markup=False)

    def _show(self, body: Text) -> None:
        self.query_one("#pkg-report", Static).update(body)

    def action_household_list(self) -> None:
        """F9: an office's household list from a spreadsheet (the register's F9 too)."""
        from abc_tui.ui.screens.household_import import HouseholdImportScreen

        self.app.push_screen(HouseholdImportScreen())

    def action_back(self) -> None:
        self.app.pop_screen()
