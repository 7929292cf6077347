"""Start-up (issue 14): the first screen comes before the heavy imports and the whole-file check.

The program draws the main menu first; the data file's ``PRAGMA quick_check`` then runs in a
thread, keys typed meanwhile wait and go in order once it has passed, and a damaged file still
ends at the recovery screen with nothing written to it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from abc_tui.store import backup, dbfile
from abc_tui.store.database import close_database, open_database
from abc_tui.ui.app import MainScreen, create_app
from tests.ui import wait

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "bench" / "firstpaint.py"

#: Never imported before the first screen: the exports, PDF, spreadsheets, the server driver, tests.
HEAVY = ["openpyxl", "tablib", "fpdf", "odf", "uharfbuzz", "psycopg", "psycopg2", "hypothesis", "pdfplumber"]
#: Every screen but the main menu is imported when it is opened.
LATER_SCREENS = [
    "abc_tui.ui.screens.ledger",
    "abc_tui.ui.screens.households",
    "abc_tui.ui.screens.forums",
    "abc_tui.ui.screens.reports",
    "abc_tui.ui.screens.setup",
    "abc_tui.ui.screens.audit",
    "abc_tui.ui.screens.users",
    "abc_tui.ui.screens.login",
    "abc_tui.ui.screens.recovery",
    "abc_tui.reports",
]


def first_screen(db: Path, tmp_path: Path) -> dict:
    """``python -m abc_tui --db DB`` headless, up to its first screen drawn (bench/firstpaint.py)."""
    out = tmp_path / "firstpaint.json"
    env = {k: v for k, v in os.environ.items() if k not in ("ABC_TUI_DB", "ABC_TUI_HOME")}
    subprocess.run(
        [sys.executable, str(PROBE), "--exit", str(out), "-m", "abc_tui", "--db", str(db)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_first_screen_imports_nothing_heavy(office, tmp_path):
    close_database()
    got = first_screen(office.path, tmp_path)
    assert got["screen"] == "MainScreen"
    assert [m for m in HEAVY if m in got["modules"]] == []
    loaded = set(got["abc_modules"])
    assert [m for m in LATER_SCREENS if m in loaded] == []


def damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` (a bad sector where the first screen does not read)."""
    con = sqlite3.connect(path)
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (page_size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)


async def test_keys_typed_while_the_file_is_checked_wait_and_go_in_order(office, monkeypatch):
    release = threading.Event()
    quick_check = dbfile.quick_check

    def slow_check(path, *args, **kwargs):
        release.wait(20)  # a big file on a slow disk
        return quick_check(path, *args, **kwargs)

    monkeypatch.setattr(dbfile, "quick_check", slow_check)
    app = create_app(lang="en", check_path=office.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.startup_checking
        await pilot.press("2")  # households, typed before the check is done
        await pilot.pause(0.2)
        assert isinstance(app.screen, MainScreen) and not hasattr(app, "auto_backup")
        release.set()
        await wait.settle(pilot, timeout=30)
        assert not app.startup_checking and app.startup_problem is None
        assert type(app.screen).__name__ == "HouseholdsScreen"
        assert hasattr(app, "auto_backup")  # the backups start once the file is known good


async def test_a_click_while_the_file_is_checked_is_told_to_wait(office, monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(dbfile, "quick_check", lambda path, *a, **k: release.wait(20) and None)
    app = create_app(lang="en", check_path=office.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.open_entry("households") is None
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Checking the data file" in str(n.message) for n in app._notifications)
        release.set()
        await wait.settle(pilot, timeout=30)


async def test_damage_found_after_the_first_screen_ends_the_program_unchanged(office):
    close_database()
    damage_table(office.path, "ledger_line")
    before = office.path.read_bytes()
    open_database(office.path)  # opens: the damage is where the first screen does not read
    app = create_app(lang="th", check_path=office.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait.settle(pilot, timeout=30)
    assert app.startup_problem and "malformed" in app.startup_problem
    assert not hasattr(app, "auto_backup")  # no backup of a damaged file
    close_database()
    assert office.path.read_bytes() == before


@pytest.mark.skipif(shutil.which("tmux") is None or os.name == "nt", reason="needs tmux")
def test_tmux_damage_found_after_the_first_screen_opens_the_recovery_screen(office, tmp_path):
    close_database()
    backup.make_backup(office.path)
    damage_table(office.path, "ledger_line")
    session = f"abc-startup-{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    cmd = f"{sys.executable} -m abc_tui --db {office.path}; echo EXIT=$?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", cmd],
        cwd=ROOT,
        env=env,
        check=True,
    )

    def screen_until(*marks: str) -> str:
        screen = ""
        for _ in range(150):
            time.sleep(0.2)
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if any(m in screen for m in marks):
                break
        return screen

    try:
        screen = screen_until("⏎ กู้คืน", "Traceback")
        assert "ฐานข้อมูลเสียหาย" in screen and "Traceback" not in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        screen = screen_until("EXIT=")
        assert "EXIT=2" in screen and "Traceback" not in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert dbfile.quick_check(office.path)  # still damaged: nothing was written
