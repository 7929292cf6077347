"""Printing from a screen: one key runs a print job (``abc_tui.reports.pdf.jobs``) in a worker
thread; a progress bar appears only when the job runs over a second; the screen then says where
the file went (a notice and, when the screen has one, its status line)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import ProgressBar, Static

from abc_tui.domain.errors import AbcError
from abc_tui.store.database import close_database
from abc_tui.ui.strings import get_lang, t

#: ``job(lang, progress)`` -> (file, count); progress(done, total) may be called from the thread.
Job = Callable[[str, Callable[[int, int], None]], tuple[Path, int]]
SHOW_AFTER = 1.0


class PrintingScreen(ModalScreen[None]):
    """ "Printing…" with a progress bar, shown while a long print job runs."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(t("paper.printing"))
            yield ProgressBar(id="paper-bar", show_eta=False)

    def update(self, done: int, total: int) -> None:
        if self.is_mounted:
            self.query_one(ProgressBar).update(total=total or None, progress=done)


def print_pdf(screen: Screen, job: Job, status: str | None = None) -> None:
    """Run ``job`` off the UI thread and report the file (or the error) on ``screen``."""
    app, lang = screen.app, get_lang()
    state: dict = {"modal": None, "done": False}

    def show() -> None:
        if not state["done"]:
            state["modal"] = PrintingScreen()
            app.push_screen(state["modal"])

    timer = screen.set_timer(SHOW_AFTER, show)

    def progress(done: int, total: int) -> None:
        app.call_from_thread(lambda: state["modal"] and state["modal"].update(done, total))

    def finish(path: Path | None, error: str) -> None:
        state["done"] = True
        timer.stop()
        if state["modal"] is not None:
            state["modal"].dismiss()
        text = t("paper.failed", error=error) if path is None else t("paper.written", path=path.resolve())
        screen.notify(text, severity="error" if path is None else "information", timeout=10, markup=False)
        if status and screen.query(status):
            screen.query_one(status, Static).update(Text(text))

    def run() -> None:
        path, error = None, ""
        try:
            path, _ = job(lang, progress)
        except AbcError as err:
            error = err.message(lang)
        except OSError as err:  # a folder that cannot be written: said, not raised
            error = str(err)
        finally:
            close_database()  # this thread's own connection
        app.call_from_thread(finish, path, error)

    screen.run_worker(run, thread=True, group="paper", exit_on_error=False)
