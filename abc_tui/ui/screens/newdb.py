"""The question before a new, empty database is made: where it will be, yes or no.

Shown by ``abc-tui`` when the database file does not exist (and has no backups beside
it: then the recovery screen asks). It runs as an app of its own, before anything is
created, so answering no leaves the disk as it was.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from abc_tui.ui.app import AbcFooter, _with_thai_layout
from abc_tui.ui.strings import get_lang, set_lang, t


class NewDatabaseScreen(Screen[None]):
    DEFAULT_CSS = """
    NewDatabaseScreen #newdb-box { height: auto; padding: 1 1; }
    NewDatabaseScreen Static { height: auto; margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding(f"enter,{_with_thai_layout('y')}", "answer(True)", "key.create"),
        Binding(
            f"escape,{_with_thai_layout('n')},{_with_thai_layout('q')}", "answer(False)", "key.dont_create"
        ),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="newdb-box"):
            yield Static(Text(t("newdb.title"), style="bold"), id="newdb-title")
            yield Static(Text(t("newdb.where", path=self.path)), id="newdb-where")
            yield Static(Text(t("newdb.ask")), id="newdb-ask")
        yield AbcFooter()

    def action_answer(self, yes: bool) -> None:
        self.app.exit(yes)


class NewDatabaseApp(App[bool]):
    CSS_PATH = "../app.tcss"
    TITLE = "ABC"
    BINDINGS = [
        Binding("ctrl+q", "no", "key.quit", priority=True),
        Binding("f12", "toggle_lang", "key.lang", priority=True),
    ]

    def __init__(self, path: Path, lang: str | None = None) -> None:
        super().__init__()
        set_lang(lang or "th")
        self.path = path
        self.title = t("app.title")

    def on_mount(self) -> None:
        self.push_screen(NewDatabaseScreen(self.path))

    async def action_toggle_lang(self) -> None:
        set_lang("en" if get_lang() == "th" else "th")
        self.title = t("app.title")
        await self.screen.recompose()

    def action_no(self) -> None:
        self.exit(False)


def ask_create(path: Path, lang: str | None = None) -> bool:
    """Ask whether to create a new database at ``path``; True for yes."""
    return bool(NewDatabaseApp(Path(path), lang).run())
