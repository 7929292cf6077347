"""The import screen: an officer types a package's path on the reports screen (Ctrl+G) and reads the report."""

from __future__ import annotations

from textual.widgets import Static

from abc_tui.domain.thai import Month
from abc_tui.reports.package import export_package
from abc_tui.store import areas
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.models import Household
from abc_tui.store.package import import_package
from abc_tui.ui.app import create_app
from tests.ui.keys import type_text


def _package(tmp_path, tambon: str):
    close_database()
    dbf = tmp_path / f"{tambon}.sqlite3"
    build_demo(dbf, tambon=tambon, households=6, months=1, villages=2, until=Month(2025, 3))
    close_database()
    open_database(dbf, create=False)
    info, _ = export_package(tmp_path / f"{tambon}.zip")
    close_database()
    return info.path


async def test_import_screen_merges_a_typed_package(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first, second = _package(tmp_path, "540101"), _package(tmp_path, "540201")
    target = tmp_path / "district.sqlite3"
    open_database(target)
    import_package(first, LATEST_VERSION)
    # The app asks a file without an office to be set up first (a district's file too).
    areas.setup_office("อบต.ทดสอบ", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    try:
        app = create_app(lang="en", user="officer1")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("4")  # reports
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("ctrl+g")
            await pilot.pause()
            await type_text(pilot, f"{second.name}\n")
            await app.workers.wait_for_complete()
            await pilot.pause()
            report = str(app.screen.query_one("#pkg-report", Static).render())
            assert "540201" in report and "ledger_line" in report
            assert Household.select().where(Household.village.startswith("540201")).count() == 6
            await type_text(pilot, "nope.zip\n")  # a missing file: a message, nothing imported
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "nope.zip" in str(app.screen.query_one("#pkg-report", Static).render())
    finally:
        close_database()


async def test_import_screen_reports_the_deletions_a_package_carries(tmp_path, monkeypatch):
    """A line deleted at the tambon after its first package: the officer's second import (Ctrl+G)
    deletes it here and the report says so in its deleted column."""
    from abc_tui.store.models import LedgerLine

    monkeypatch.chdir(tmp_path)
    first = _package(tmp_path, "540101")
    open_database(tmp_path / "540101.sqlite3", create=False)
    uuid = LedgerLine.select(LedgerLine.uuid).order_by(LedgerLine.id).first().uuid
    LedgerLine.delete().where(LedgerLine.uuid == uuid).execute()
    second, _ = export_package(tmp_path / "second.zip")
    close_database()
    open_database(tmp_path / "district.sqlite3")
    import_package(first, LATEST_VERSION)
    areas.setup_office("สำนักงานอำเภอ", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    try:
        app = create_app(lang="en", user="officer1")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("ctrl+g")
            await pilot.pause()
            await type_text(pilot, f"{second.path.name}\n")
            await app.workers.wait_for_complete()
            await pilot.pause()
            report = str(app.screen.query_one("#pkg-report", Static).render())
            assert "deleted" in report
            row = next(x for x in report.splitlines() if x.strip().startswith("ledger_line"))
            assert row.split()[1:4] == ["0", "0", "1"], row  # added, updated, deleted
            assert not LedgerLine.select().where(LedgerLine.uuid == uuid).exists()
    finally:
        close_database()
