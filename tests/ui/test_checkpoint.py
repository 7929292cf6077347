"""Saves reach the main database file (not only ``-wal``) when a page is closed, when idle, on exit:
a copy of the main file alone (Explorer, a USB stick) then has every line."""

from __future__ import annotations

import shutil
import sqlite3

from abc_tui.store import database
from abc_tui.store.database import checkpoint, wal_bytes
from abc_tui.store.models import LedgerLine
from abc_tui.ui.app import create_app
from abc_tui.ui.checkpoint import IdleCheckpoint
from tests.ui.test_ledger import open_page, sample_office, start, type_line  # noqa: F401


def lines_in_main_file_alone(db_path, tmp_path) -> int:
    """What Explorer copies: the main file without its -wal."""
    copy = tmp_path / "explorer-copy.sqlite3"
    shutil.copyfile(db_path, copy)
    con = sqlite3.connect(copy)
    try:
        return con.execute("SELECT count(*) FROM ledger_line").fetchone()[0]
    except sqlite3.OperationalError:  # even the tables are only in the log
        return 0
    finally:
        con.close()


def test_checkpoint_empties_the_log(office, tmp_path):
    LedgerLine.select().count()
    assert wal_bytes() > 0  # the office's set-up sits in the log
    assert checkpoint()
    assert wal_bytes() == 0


def test_checkpoint_gives_up_quickly_while_another_window_reads(office):
    other = sqlite3.connect(office.path)
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM household").fetchone()  # holds a snapshot
    try:
        from abc_tui.store import areas

        areas.add_village("540101", "9", "บ้านใหม่")  # a save after the reader's snapshot
        assert not checkpoint(wait_ms=10)
    finally:
        other.close()
    assert checkpoint()
    busy = database.db.execute_sql("PRAGMA busy_timeout").fetchone()[0]
    assert busy == database.PRAGMAS["busy_timeout"]  # the usual wait is back


async def test_closing_a_page_puts_its_lines_in_the_main_file(sample_office, tmp_path):  # noqa: F811
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_line(pilot, "1", "31", "", "10")
        await type_line(pilot, "2", "31", "", "20")
        assert lines_in_main_file_alone(sample_office, tmp_path) == 0  # still in -wal
        await pilot.press("f5")  # next household: the page is closed
        await pilot.pause()
        assert lines_in_main_file_alone(sample_office, tmp_path) == 2
        await type_text_line(pilot)
        await pilot.press("escape")  # leave the ledger: that page is closed too
        await pilot.pause()
        assert lines_in_main_file_alone(sample_office, tmp_path) == 3


async def type_text_line(pilot) -> None:
    await pilot.press("enter", "enter")  # the paper totals of the next household: none
    await type_line(pilot, "3", "31", "", "30")


async def test_idle_folds_the_log_in_once_nothing_more_is_saved(sample_office, tmp_path):  # noqa: F811
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        idle = IdleCheckpoint()
        await type_line(pilot, "1", "31", "", "10")
        idle.tick()  # a save since the last look: not idle yet
        assert lines_in_main_file_alone(sample_office, tmp_path) == 0
        idle.tick()  # nothing saved since: idle
        assert lines_in_main_file_alone(sample_office, tmp_path) == 1
        assert wal_bytes() == 0
