"""The classic Windows console, from injected platform facts: the warning, QuickEdit, ASCII marks."""

from __future__ import annotations

import ctypes
from ctypes import wintypes

import pytest
from textual.binding import Binding

from abc_tui.ui import console, marks
from abc_tui.ui.app import create_app
from abc_tui.ui.console import ENABLE_EXTENDED_FLAGS, ENABLE_QUICK_EDIT_MODE, is_legacy_console, setup_console
from abc_tui.ui.strings import set_lang, t
from abc_tui.ui.widgets.chart import bar, sparkline

CONHOST_DEFAULT = 0x01F7  # what GetConsoleMode gives on a fresh Windows 10 console: QuickEdit on


class FakeKernel32:
    """GetStdHandle/GetConsoleMode/SetConsoleMode as the classic console answers them."""

    def __init__(self, mode: int | None = CONHOST_DEFAULT) -> None:
        self.mode = mode  # None: no console (input redirected)
        self.set_calls: list[int] = []

    def GetStdHandle(self, which: int) -> int:
        assert which == console.STD_INPUT_HANDLE
        return 7

    def GetConsoleMode(self, handle: int, ref) -> int:
        if self.mode is None:
            return 0
        ctypes.cast(ref, ctypes.POINTER(wintypes.DWORD)).contents.value = self.mode
        return 1

    def SetConsoleMode(self, handle: int, mode: int) -> int:
        assert handle == 7
        self.set_calls.append(mode)
        self.mode = mode
        return 1


@pytest.fixture(autouse=True)
def plain_console():
    yield
    marks.use_ascii(False)
    console.current = console.Console()
    set_lang("th")


@pytest.mark.parametrize(
    "platform, environ, legacy",
    [
        ("win32", {}, True),  # conhost: cmd.exe, a shortcut, PowerShell 5.1's window
        ("win32", {"WT_SESSION": "5b0c…"}, False),  # Windows Terminal
        ("win32", {"TERM_PROGRAM": "vscode"}, False),
        ("linux", {}, False),
    ],
)
def test_which_console(platform, environ, legacy):
    assert is_legacy_console(platform, environ) is legacy


def test_quick_edit_is_cleared_for_the_programs_life_and_restored():
    k32 = FakeKernel32()
    found = setup_console("win32", {}, kernel32=k32)
    assert found.legacy and found.quick_edit_cleared and found.ascii
    cleared = k32.set_calls[-1]
    assert not cleared & ENABLE_QUICK_EDIT_MODE and cleared & ENABLE_EXTENDED_FLAGS
    assert (
        cleared & ~ENABLE_QUICK_EDIT_MODE == CONHOST_DEFAULT & ~ENABLE_QUICK_EDIT_MODE
    )  # nothing else changed
    found.restore()
    assert k32.mode == CONHOST_DEFAULT | ENABLE_EXTENDED_FLAGS
    found.restore()  # twice is harmless
    assert len(k32.set_calls) == 2


def test_quick_edit_off_already_or_no_console_is_left_alone():
    off = FakeKernel32(CONHOST_DEFAULT & ~ENABLE_QUICK_EDIT_MODE)
    assert not setup_console("win32", {}, kernel32=off).quick_edit_cleared and off.set_calls == []
    none = FakeKernel32(None)
    assert not setup_console("win32", {}, kernel32=none).quick_edit_cleared and none.set_calls == []


def test_windows_terminal_touches_nothing():
    k32 = FakeKernel32()
    found = setup_console("win32", {"WT_SESSION": "x"}, kernel32=k32)
    assert not found.legacy and not found.ascii and k32.set_calls == []
    assert bar(15, 20, 4) == "███"


def test_ascii_marks_on_the_classic_console():
    setup_console("win32", {}, kernel32=FakeKernel32())
    assert t("ledger.status.balanced") == "ตรงยอดแล้ว v"
    assert "!" in t("backup.never") and "⚠" not in t("backup.never")
    assert bar(15, 20, 4) == "###" and bar(9, 20, 4) == "#+"
    assert sparkline([0, 7, 14]) == "_=#"
    assert not set(marks.ASCII) & set(t("ledger.grid.legend"))
    assert t("ledger.grid.legend").startswith("· ยังไม่บันทึก  o ")


def test_abc_tui_ascii_forces_either_way():
    assert setup_console("linux", {"ABC_TUI_ASCII": "1"}).ascii
    assert marks.plain("✓ ●") == "v *"
    assert not setup_console("win32", {"ABC_TUI_ASCII": "0"}, kernel32=FakeKernel32()).ascii
    assert marks.plain("✓ ●") == "✓ ●"


async def test_the_program_warns_in_thai_and_shows_ascii_keys(office):
    setup_console("win32", {}, kernel32=FakeKernel32())
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("Windows Terminal" in m and "คอนโซลแบบเก่า" in m for m in shown), shown
        assert app.get_key_display(Binding("enter", "x", "y")) == ">"


async def test_no_warning_in_windows_terminal(office):
    setup_console("win32", {"WT_SESSION": "x"}, kernel32=FakeKernel32())
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("Windows Terminal" in n.message for n in app._notifications)
