"""Backups seen from the program: the start-up recovery screen, the main screen's backup line,
"back up to USB"; and a real terminal (tmux) opening a damaged file to the recovery screen."""

from __future__ import annotations

import datetime as _dt
import functools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import Static

from abc_tui.store import backup, dbfile
from abc_tui.store.database import close_database
from abc_tui.ui.app import MainScreen, create_app
from abc_tui.ui.screens import backup as backup_ui
from abc_tui.ui.screens.recovery import QUIT, RESTORED, START_NEW, RecoveryApp, RecoveryScreen
from abc_tui.ui.strings import set_lang
from tests.ui import wait
from tests.ui.keys import type_text
from tests.unit.test_backup import counts, damage

ROOT = Path(__file__).resolve().parents[2]


settle = functools.partial(wait.settle, timeout=30.0)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


# ------------------------------------------------------------------ recovery screen


async def test_damaged_file_opens_to_recovery_and_restores_the_newest_good_backup(office):
    close_database()
    older = backup.make_backup(office.path, now=_dt.datetime(2025, 1, 1, 9, 0))
    good = backup.make_backup(office.path, now=_dt.datetime(2025, 1, 2, 9, 0))
    bad_newest = office.path.parent / "backups" / "abc-20250103-090000.sqlite3"
    bad_newest.write_bytes(b"half-copied" * 100)  # a damaged backup is passed over
    damage(office.path)
    problem = dbfile.quick_check(office.path)
    assert problem
    app = RecoveryApp(office.path, problem, lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        assert "ฐานข้อมูลเสียหาย" in text_of(app, "#recovery-title")
        assert problem in text_of(app, "#recovery-about")
        offer = text_of(app, "#recovery-offer")
        assert good.path.name in offer and "02/01/2568 09:00" in offer and "ครัวเรือน 5" in offer
        await pilot.press("enter")  # restore? -> asks
        await pilot.pause()
        assert "กู้คืนจาก" in str(app.screen.query_one(Static).render())
        await pilot.press("y")
        await settle(pilot)
        assert "กู้คืนแล้ว" in text_of(app, "#recovery-offer")
        await pilot.press("enter")  # open the program
        await pilot.pause()
    assert app.return_value == RESTORED
    assert dbfile.quick_check(office.path) is None and counts(office.path) == good.counts
    names = [p.name for p in (office.path.parent / "backups").iterdir()]
    assert any("-damaged-" in n for n in names) and older.path.exists()


async def test_recovery_quit_changes_nothing(tmp_path):
    junk = tmp_path / "abc.sqlite3"
    junk.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before = junk.read_bytes()
    app = RecoveryApp(junk, dbfile.quick_check(junk), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "not a database" in text_of(app, "#recovery-about")
        assert "No good backup" in text_of(app, "#recovery-offer")
        await pilot.press("f12")
        await pilot.pause()
        assert "ไม่พบไฟล์สำรองที่ดี" in text_of(app, "#recovery-offer")
        assert "ฐานข้อมูลเสียหาย" in text_of(app, "#recovery-title")
        await pilot.press("enter")  # nothing to restore: Enter does nothing
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == QUIT and junk.read_bytes() == before
    set_lang("th")


async def test_missing_file_with_backups_offers_them_or_a_new_start(office):
    close_database()
    backup.make_backup(office.path)
    office.path.unlink()
    app = RecoveryApp(office.path, None, lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "ไม่พบไฟล์ฐานข้อมูล" in text_of(app, "#recovery-title")
        await pilot.press("f2")
        await pilot.pause()
    assert app.return_value == START_NEW and not office.path.exists()


# ------------------------------------------------------------------ main screen


async def test_main_screen_shows_the_last_backup_made_at_start(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        status = text_of(app, "#backup-status")
        today = _dt.date.today()
        assert status.startswith("สำรองข้อมูลล่าสุด") and f"/{today.year + 543}" in status
    [made] = backup.list_backups(office.path.parent / "backups")
    assert backup.verify(made.path) is None


async def test_main_screen_warns_without_a_backup_for_over_a_day(office, monkeypatch):
    monkeypatch.setattr(backup_ui, "start_auto_backup", lambda app: None)  # a failing disk, say
    folder = office.path.parent / "backups"
    folder.mkdir()
    (folder / "abc-20250101-090000.sqlite3").write_bytes(b"")
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No backup for over a day (last 01/01/2568 09:00)" in text_of(app, "#backup-status")
        status = backup_ui.status_text(app)
        assert any("red" in str(span.style) for span in status.spans)
    set_lang("th")
    text = backup_ui.status_text(app, now=_dt.datetime(2025, 1, 1, 20, 0))
    assert str(text).startswith("สำรองข้อมูลล่าสุด 01/01/2568 09:00")


async def test_a_failing_automatic_backup_is_shown_not_raised(office):
    (office.path.parent / "backups").write_text("a file where the folder should be")
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = text_of(app, "#backup-status")
        assert "Automatic backup failed" in status and "Not a folder" in status
        assert "No backup yet" in status
        await pilot.press("2")  # the program goes on
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)
    set_lang("th")


async def test_main_screen_warns_about_a_network_share(office, monkeypatch):
    monkeypatch.setattr(backup_ui, "shared_storage", lambda path: "cifs")
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "network share (cifs)" in text_of(app, "#backup-status")
    set_lang("th")


async def test_b_backs_up_to_a_usb_folder(office, tmp_path, monkeypatch):
    stick = tmp_path / "แฟลชไดรฟ์"
    stick.mkdir()
    monkeypatch.setattr(backup_ui, "removable_folders", lambda: [])
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        palette = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert "สำรองข้อมูลลง USB" in palette  # Ctrl+P finds it
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, backup_ui.BackupScreen)
        assert "ไม่พบ USB" in text_of(app, "#backup-msg")
        await type_text(pilot, str(tmp_path / "ไม่มี") + "\n")
        await pilot.pause()
        assert "ไม่พบโฟลเดอร์" in text_of(app, "#backup-msg")
        field = app.screen.query_one("#backup-folder")
        field.value = ""
        await type_text(pilot, str(stick) + "\n")
        await settle(pilot)
        message = text_of(app, "#backup-msg")
        [copy] = stick.iterdir()
        assert "สำรองแล้ว" in message and copy.name in message.replace("\n", "")
        assert backup.verify(copy) is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "สำรองข้อมูลล่าสุด" in text_of(app, "#backup-status")


async def test_usb_default_is_the_first_stick_found(office, tmp_path, monkeypatch):
    monkeypatch.setattr(backup_ui, "removable_folders", lambda: [str(tmp_path)])
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.query_one("#backup-folder").value == str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        assert "สำรองแล้ว" in text_of(app, "#backup-msg")


async def test_automatic_backup_runs_again_only_after_a_change(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        auto = app.auto_backup
        folder = office.path.parent / "backups"
        first = {p.name for p in folder.iterdir()}
        auto.tick()  # the 30-minute timer, nothing typed since
        await settle(pilot)
        assert {p.name for p in folder.iterdir()} == first
        from abc_tui.store import settings

        settings.put("x", "changed")
        time.sleep(1.01)  # backup names are to the second
        auto.tick()
        await settle(pilot)
        # A second one today, and rotation kept only the newest of the day.
        [now] = {p.name for p in folder.iterdir()}
        assert now not in first


# ------------------------------------------------------------------ a real terminal


@pytest.mark.skipif(shutil.which("tmux") is None or os.name == "nt", reason="needs tmux")
def test_tmux_damaged_file_opens_to_the_recovery_screen(office, tmp_path):
    close_database()
    backup.make_backup(office.path)
    damage(office.path)
    session = f"abc-recovery-{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    cmd = f"{sys.executable} -m abc_tui --db {office.path}; echo EXIT=$?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", cmd],
        cwd=ROOT,
        env=env,
        check=True,
    )
    try:
        screen = ""
        for _ in range(100):
            time.sleep(0.2)
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if "⏎ กู้คืน" in screen or "Traceback" in screen:
                break
        assert "ฐานข้อมูลเสียหาย" in screen and "Traceback" not in screen
        assert "กู้คืน" in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        for _ in range(50):
            time.sleep(0.2)
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if "EXIT=" in screen:
                break
        assert "EXIT=2" in screen and "Traceback" not in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert dbfile.quick_check(office.path)  # nothing changed


async def test_closing_the_usb_box_mid_copy_still_says_where_the_copy_went(office, tmp_path, monkeypatch):
    import threading

    monkeypatch.setattr(backup_ui, "removable_folders", lambda: [str(tmp_path)])
    closed = threading.Event()
    make_backup = backup.make_backup

    def slow_stick(*args, **kwargs):
        closed.wait(10)  # the clerk closes the box before the copy is done
        return make_backup(*args, **kwargs)

    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(backup, "make_backup", slow_stick)
        await pilot.press("b", "enter", "escape")
        await pilot.pause()
        closed.set()
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [copy] = [p for p in tmp_path.iterdir() if p.suffix == ".sqlite3" and p.name != "abc.sqlite3"]
        assert any(copy.name in str(n.message) for n in app._notifications), list(app._notifications)
    set_lang("th")


async def test_recovery_refuses_while_another_window_has_the_file_open(office):
    close_database()
    backup.make_backup(office.path)
    damage(office.path)
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "c.execute('SELECT count(*) FROM sqlite_master').fetchone(); print('ready', flush=True);"
        "sys.stdin.readline()"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(office.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout.readline().strip() == "ready"
    before = office.path.read_bytes()
    try:
        app = RecoveryApp(office.path, dbfile.quick_check(office.path), lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("enter", "y")
            await settle(pilot)
            assert "another program has" in text_of(app, "#recovery-offer")
            await pilot.press("q")
            await pilot.pause()
        assert app.return_value == QUIT
    finally:
        other.stdin.close()
        other.wait(timeout=30)
    assert office.path.read_bytes() == before
    set_lang("th")
