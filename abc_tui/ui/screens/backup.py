"""Backups from the program: the automatic ones, the main screen's backup line, "back up to USB".

The copy itself (:mod:`abc_tui.store.backup`) runs in a worker thread with its own
SQLite connection, so typing never waits for it.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static
from textual.worker import get_current_worker

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import format_date_be
from abc_tui.store import backup, engine, settings
from abc_tui.store.dbfile import removable_folders, shared_storage
from abc_tui.store.models import db
from abc_tui.store.server_backup import backup_server
from abc_tui.ui.strings import get_lang, t

#: Seconds between automatic backups while the program is open (only when the file changed).
AUTO_SECONDS = 30 * 60
#: A backup older than this is warned about on the main screen.
STALE_AFTER = _dt.timedelta(days=1)


def _when(moment: _dt.datetime) -> str:
    return f"{format_date_be(moment.date())} {moment:%H:%M}"


def _message(err: BaseException) -> str:
    return err.message(get_lang()) if isinstance(err, AbcError) else str(err)


class AutoBackup:
    """One backup when the program starts, then one every :data:`AUTO_SECONDS` if the file changed."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.path = backup.current_path()
        self.running = False
        self.error = ""
        self.share = shared_storage(self.path)
        self._copied: tuple | None = None  # the file's signature when the last backup started

    def start(self) -> None:
        self.tick()
        self.app.set_interval(AUTO_SECONDS, self.tick)

    def _signature(self) -> tuple:
        out = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.path}{suffix}")
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def tick(self) -> None:
        signature = self._signature()
        if self.running or signature == self._copied:
            return
        self.running, self._copied = True, signature
        refresh_status(self.app)
        self.app.run_worker(self._work, thread=True, group="auto-backup", exit_on_error=False)

    def _work(self) -> None:
        worker = get_current_worker()
        try:
            # Quitting cancels the worker; the copy then stops within a moment (no half file left).
            backup.auto_backup(self.path, should_stop=lambda: worker.is_cancelled)
            error = ""
        except backup.Stopped:
            return
        except Exception as err:  # disk full, folder read-only …: shown on the main screen, never a crash
            error = _message(err)
        try:
            self.app.call_from_thread(self._done, error)
        except RuntimeError:
            pass  # the program was closed meanwhile

    def _done(self, error: str) -> None:
        self.running, self.error = False, error
        if error:
            self._copied = None  # try again at the next tick
        refresh_status(self.app)


def start_auto_backup(app: App) -> AutoBackup:
    app.auto_backup = AutoBackup(app)  # type: ignore[attr-defined]
    app.auto_backup.start()  # type: ignore[attr-defined]
    return app.auto_backup  # type: ignore[attr-defined]


def status_text(app: App, now: _dt.datetime | None = None) -> Text:
    """The main screen's lines about the data file: last backup (warned when old) and a network share."""
    if engine.is_postgres():  # a server's backups are pg_dump's (b, or abc-tui backup), not file copies
        return Text(t("backup.server"), style="dim")
    auto: AutoBackup | None = getattr(app, "auto_backup", None)
    path = auto.path if auto else backup.current_path()
    text = Text()
    share = auto.share if auto else shared_storage(path)
    if share:
        text.append(t("backup.network", kind=share) + "\n", style="bold red")
    if auto and auto.error:
        text.append(t("backup.auto_failed", error=auto.error) + "\n", style="bold red")
    last = backup.last_backup(path, settings.get(backup.LAST_SETTING))
    now = now or _dt.datetime.now()
    if auto and auto.running:
        text.append(t("backup.running"), style="dim")
    elif last is None:
        text.append(t("backup.never"), style="bold red")
    elif now - last > STALE_AFTER:
        text.append(t("backup.stale", when=_when(last)), style="bold red")
    else:
        text.append(t("backup.last", when=_when(last)), style="dim")
    return text


def refresh_status(app: App) -> None:
    """Redraw the backup line wherever a screen shows one (the main screen)."""
    for screen in app.screen_stack:
        for widget in screen.query("#backup-status"):
            if isinstance(widget, Static):
                widget.update(status_text(app))


class BackupScreen(ModalScreen[None]):
    """ "Back up to USB": asks for a folder (the first USB stick found, if any) and copies there."""

    DEFAULT_CSS = """
    BackupScreen { align: center middle; }
    #backup-msg { height: auto; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "close", "key.back")]

    def __init__(self) -> None:
        super().__init__()
        found = removable_folders()
        self.default = found[0] if found else ""
        self.busy = False

    def compose(self) -> ComposeResult:
        from abc_tui.ui.app import AbcFooter

        with Vertical(classes="form-box"):
            yield Static(t("backup.title"), classes="title")
            with Horizontal(classes="form-row"):
                yield Label(t("backup.folder"))
                from abc_tui.ui.widgets.thai_input import (
                    ThaiInput,  # not at start-up: the main screen imports this module
                )

                yield ThaiInput(value=self.default, id="backup-folder")
            yield Static(self._hint(), id="backup-msg")
            yield AbcFooter()

    def _hint(self) -> Text:
        hint = t("backup.found_usb", path=self.default) if self.default else t("backup.no_usb")
        return Text(f"{hint}\n{t('backup.hint')}")

    def language_changed(self) -> None:
        """F12: the first hint in the new language (a result already shown stays as it was said)."""
        if not self.said:
            self.query_one("#backup-msg", Static).update(self._hint())

    said = False

    def _say(self, message: str, style: str = "") -> None:
        self.said = True
        self.query_one("#backup-msg", Static).update(Text(message, style=style))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.busy:
            return
        folder = event.value.strip()
        if not folder:
            self._say(t("backup.need_folder"), "bold red")
            return
        target = Path(folder).expanduser()
        if not target.is_dir():
            self._say(t("backup.no_folder", path=folder), "bold red")
            return
        self.busy = True
        self._say(t("backup.running"))
        # On the app, not this box: closing the box does not stop a copy half made.
        app = self.app  # (a worker thread has no active app to find it by)
        app.run_worker(lambda: self._work(app, target), thread=True, group="usb-backup", exit_on_error=False)

    def _work(self, app: App, folder: Path) -> None:
        if engine.is_postgres():  # a server database: pg_dump into the folder
            try:
                dumped = backup_server(db.database, folder)
                message = t("backup.done", path=dumped.path, size=f"{dumped.size / 1e6:,.1f}")
                app.call_from_thread(self._done, message, "bold green")
            except Exception as err:  # no pg_dump, a full stick: say so, keep the box open
                app.call_from_thread(self._done, t("backup.failed", error=_message(err)), "bold red")
            return
        path = backup.current_path()
        worker = get_current_worker()
        try:
            result = backup.make_backup(path, folder, should_stop=lambda: worker.is_cancelled)
            backup.record_elsewhere(path, result)
            message, style = (
                t("backup.done", path=result.path, size=f"{result.size / 1e6:,.1f}"),
                "bold green",
            )
        except backup.Stopped:
            return
        except Exception as err:  # a full or pulled-out stick: say so, keep the box open
            message, style = t("backup.failed", error=_message(err)), "bold red"
        try:
            app.call_from_thread(self._done, message, style)
        except RuntimeError:
            pass  # the program was closed meanwhile

    def _done(self, message: str, style: str) -> None:
        self.busy = False
        if self in self.app.screen_stack:
            self._say(message, style)
        else:  # the box was closed meanwhile: say it wherever the clerk is now
            self.app.notify(message, severity="error" if "red" in style else "information", timeout=10)
        refresh_status(self.app)

    def action_close(self) -> None:
        self.dismiss(None)
