"""The start-up recovery screen: a damaged (or missing) database, and the newest good backup.

Shown by ``abc-tui`` instead of the program when ``PRAGMA quick_check`` fails or the file
is not a database (or it is missing while ``backups/`` has backups). It says what is
wrong, checks the backups (newest first, ``integrity_check``) in a worker thread, and
offers the newest good one: Enter restores it (after a yes/no question; the damaged
file is kept in ``backups/``), q quits with nothing changed; for a missing file F2 starts
a new, empty database. It runs as an app of its own, before the database is opened.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import format_date_be
from abc_tui.store import backup
from abc_tui.ui.strings import get_lang, set_lang, t

#: What the recovery app ends with: restored / start new / quit (nothing changed).
RESTORED, START_NEW, QUIT = "restored", "new", "quit"


class RecoveryScreen(Screen[None]):
    DEFAULT_CSS = """
    RecoveryScreen #recovery-box { height: auto; padding: 1 1; }
    RecoveryScreen Static { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, path: Path, problem: str | None) -> None:
        super().__init__()
        self.path = path
        self.problem = problem  # None: the file is missing
        self.candidate: backup.BackupFile | None = None
        self.counts: dict[str, int] = {}
        self.searched = False  # the backups have been checked
        self.restored = False
        self.busy = False  # a restore is running
        self.error: AbcError | OSError | None = None  # why the last restore failed

    #: check_action shows only the keys that apply (Enter restores, then opens the program).
    BINDINGS = [
        Binding("enter", "restore", "key.restore"),
        Binding("enter", "open", "key.open_program"),
        Binding("f2", "start_new", "key.start_new"),
        Binding("q,escape", "quit_recovery", "key.quit"),
    ]

    def compose(self) -> ComposeResult:
        from abc_tui.ui.app import AbcFooter

        yield Header()
        with Vertical(id="recovery-box"):
            title = "recovery.title_damaged" if self.problem is not None else "recovery.title_missing"
            yield Static(Text(t(title), style="bold red"), id="recovery-title")
            about = t("recovery.file", path=self.path)
            if self.problem is not None:
                about += "\n" + t("recovery.problem", problem=self.problem)
            yield Static(Text(about), id="recovery-about")
            yield Static(self._offer(), id="recovery-offer")
        yield AbcFooter()

    def _offer(self) -> Text:
        """What the screen offers, from its state (so F12 can redraw it in the other language)."""
        if self.error is not None:
            err = self.error
            message = err.message(get_lang()) if isinstance(err, AbcError) else str(err)
            return Text(t("recovery.failed", error=message), style="bold red")
        if self.restored:
            return Text(t("recovery.restored"), style="bold green")
        if self.busy:
            return Text(t("recovery.restoring"))
        if not self.searched:
            return Text(t("recovery.searching"))
        if self.candidate is None:
            return Text(t("recovery.none", folder=backup.backup_dir(self.path)), style="bold")
        when = f"{format_date_be(self.candidate.taken_at.date())} {self.candidate.taken_at:%H:%M}"
        text = t(
            "recovery.candidate",
            name=self.candidate.path.name,
            when=when,
            households=self.counts.get("household", 0),
            lines=self.counts.get("ledger_line", 0),
        )
        if self.problem is not None:
            text += "\n" + t("recovery.keep")
        return Text(text)

    def _show(self) -> None:
        self.query_one("#recovery-offer", Static).update(self._offer())
        self.refresh_bindings()

    def on_mount(self) -> None:
        app = self.app  # (a worker thread has no active app to find it by)
        self.run_worker(lambda: self._find(app), thread=True, exit_on_error=False)

    def _find(self, app: App) -> None:
        try:
            found = backup.newest_good_backup(self.path)
        except Exception:  # an unreadable backups folder is "no backup", not a crash
            found = None
        try:
            app.call_from_thread(self._found, found)
        except RuntimeError:
            pass

    def _found(self, found: tuple[backup.BackupFile, dict[str, int]] | None) -> None:
        self.searched = True
        if found is not None:
            self.candidate, self.counts = found
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.busy:
            return False
        if action == "restore":
            return self.candidate is not None and not self.restored
        if action == "start_new":
            return self.problem is None and not self.restored
        if action == "open":
            return self.restored
        return True

    def action_restore(self) -> None:
        from abc_tui.ui.app import ConfirmScreen

        assert self.candidate is not None
        name = self.candidate.path.name

        def answer(yes: bool | None) -> None:
            if not yes or self.busy:
                return
            self.busy, self.error = True, None
            self._show()
            app, source = self.app, self.candidate.path
            self.run_worker(lambda: self._restore(app, source), thread=True, exit_on_error=False)

        self.app.push_screen(ConfirmScreen(t("recovery.ask", name=name)), answer)

    def _restore(self, app: App, source: Path) -> None:
        """In a worker: checking and copying a big file takes seconds."""
        error: AbcError | OSError | None = None
        try:
            backup.restore(source, self.path)
        except (AbcError, OSError) as err:
            error = err
        try:
            app.call_from_thread(self._restored, error)
        except RuntimeError:
            pass

    def _restored(self, error: AbcError | OSError | None) -> None:
        self.busy, self.error, self.restored = False, error, error is None
        self._show()

    def action_open(self) -> None:
        self.app.exit(RESTORED)

    def action_start_new(self) -> None:
        self.app.exit(START_NEW)

    def action_quit_recovery(self) -> None:
        self.app.exit(RESTORED if self.restored else QUIT)


class RecoveryApp(App[str]):
    CSS_PATH = "../app.tcss"
    TITLE = "ABC"
    BINDINGS = [
        Binding("ctrl+q", "quit_recovery", "key.quit", priority=True),
        Binding("f12", "toggle_lang", "key.lang", priority=True),
    ]

    def __init__(self, path: Path, problem: str | None, lang: str | None = None) -> None:
        super().__init__()
        set_lang(lang or "th")
        self.path, self.problem = path, problem
        self.title = t("app.title")

    def on_mount(self) -> None:
        self.push_screen(RecoveryScreen(self.path, self.problem))

    async def action_toggle_lang(self) -> None:
        set_lang("en" if get_lang() == "th" else "th")
        self.title = t("app.title")
        screen = self.screen
        if isinstance(screen, RecoveryScreen):
            await screen.recompose()

    def action_quit_recovery(self) -> None:
        screen = self.screen
        self.exit(RESTORED if isinstance(screen, RecoveryScreen) and screen.restored else QUIT)


def run_recovery(path: Path, problem: str | None, lang: str | None = None) -> bool:
    """Show the recovery screen; True when the program may go on to open ``path``."""
    return RecoveryApp(Path(path), problem, lang).run() in (RESTORED, START_NEW)
