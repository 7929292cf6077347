"""What a clerk sees at 80×24, kept as SVG snapshots reviewed in the diff (issue 9 §5).

They guard the 80-column fit and the F12 relabelling that broke several times. The office is a
small seeded demo at a fixed path (the main screen shows the file's path), months fixed in 2024.
Update after an intended change with ``pytest tests/snapshots --snapshot-update`` and look at
the SVGs in the diff.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import Input

from abc_tui.domain.thai import Month
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.ui.app import create_app
from abc_tui.ui.strings import set_lang
from tests.ui.wait import settle

SIZE = (80, 24)
#: Fixed, so the path the main screen shows is the same on every machine.
HOME = Path("/tmp/abc-tui-snapshots")
#: Held for the whole of a test that uses HOME: another pytest process (``-n 2``'s other worker, or
#: a second checkout's run) waits instead of replacing the file under it.
LOCK = HOME.with_name(HOME.name + ".lock")
_built: dict[str, bytes] = {}


@contextmanager
def _home_locked():
    with open(LOCK, "a+b") as f:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            while True:
                try:
                    msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)


@pytest.fixture
def demo_office(monkeypatch):
    """The seeded demo office (built once per session, copied fresh for each test). No start-up
    backup: its time would change the main screen every run (the line says "never" instead)."""
    with _home_locked():
        yield from _demo_office(monkeypatch)


def _demo_office(monkeypatch):
    from abc_tui.ui.screens import backup as backup_ui

    monkeypatch.setattr(backup_ui, "start_auto_backup", lambda app: None)
    # The cursor does not blink: on a busy machine (a parallel run) the half-second blink could
    # hide it before the picture was taken, and the picture would differ from the one kept.
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    path = HOME / "demo.sqlite3"
    if "demo" not in _built:
        shutil.rmtree(HOME, ignore_errors=True)
        HOME.mkdir(parents=True)
        build_demo(path, households=24, villages=2, months=3, seed=7, until=Month(2024, 3))
        close_database()
        _built["demo"] = path.read_bytes()
    for extra in HOME.glob("demo.sqlite3*"):
        extra.unlink()
    for extra in (HOME / "backups",):
        shutil.rmtree(extra, ignore_errors=True)
    path.write_bytes(_built["demo"])
    open_database(path)
    yield path
    close_database()
    set_lang("th")


def _app(lang: str = "th"):
    app = create_app(lang=lang)
    app.CSS += "\n* { scrollbar-size: 1 1; }\nInput { &>.input--cursor { text-style: none; } }\n"
    return app


async def _settle(pilot) -> None:
    await settle(pilot)
    await pilot.pause()


def test_main_menu_thai(snap_compare, demo_office):
    assert snap_compare(_app("th"), terminal_size=SIZE, run_before=_settle)


def test_main_menu_english(snap_compare, demo_office):
    assert snap_compare(_app("th"), press=["f12"], terminal_size=SIZE, run_before=_settle)


def test_help_on_main_menu(snap_compare, demo_office):
    assert snap_compare(_app("th"), press=["f1"], terminal_size=SIZE, run_before=_settle)


def test_households(snap_compare, demo_office):
    assert snap_compare(_app("th"), press=["2"], terminal_size=SIZE, run_before=_settle)


def test_households_english(snap_compare, demo_office):
    assert snap_compare(_app("th"), press=["2", "f12"], terminal_size=SIZE, run_before=_settle)


def test_plan_board(snap_compare, demo_office):
    assert snap_compare(_app("th"), press=["3", "f9"], terminal_size=SIZE, run_before=_settle)


def test_data_card(snap_compare, demo_office):
    async def open_card(pilot):
        await _settle(pilot)
        await pilot.press("3")
        await _settle(pilot)
        await pilot.press("f10")
        await _settle(pilot)

    assert snap_compare(_app("th"), terminal_size=SIZE, run_before=open_card)


def test_indicators(snap_compare, demo_office):
    async def open_indicators(pilot):
        await _settle(pilot)
        await pilot.press("4")
        await _settle(pilot)
        await pilot.press("f6")
        await _settle(pilot)

    assert snap_compare(_app("th"), terminal_size=SIZE, run_before=open_indicators)
