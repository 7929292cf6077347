"""Keys that Windows takes for itself are not the program's keys."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding

import abc_tui.ui.screens as screens
from abc_tui.ui.app import create_app
from tests.ui.test_reports import open_reports
from tests.unit.test_reports_fixture import books_fixture  # noqa: F401

#: F11: Windows Terminal's full screen; Alt+Enter: full screen in both consoles.
TAKEN_BY_WINDOWS = {"f11", "alt+enter"}


def all_bindings():
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"abc_tui.ui.screens.{info.name}")
        for obj in vars(module).values():
            for b in getattr(obj, "BINDINGS", None) or ():
                if isinstance(b, Binding) and isinstance(obj, type) and obj.__module__.startswith("abc_tui"):
                    yield obj.__name__, b


def test_no_screen_binds_a_key_windows_takes():
    for owner, binding in all_bindings():
        keys = set(binding.key.split(","))
        assert not keys & TAKEN_BY_WINDOWS, (owner, binding)


async def test_ctrl_down_puts_the_cursor_in_the_report_table(books, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await pilot.press("f3")
        assert screen.focused.id != "rep-table"
        await pilot.press("ctrl+down")
        assert screen.focused.id == "rep-table"
