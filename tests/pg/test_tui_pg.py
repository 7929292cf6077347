"""The TUI on a PostgreSQL server database (Pilot): the main menu names the server without its
password, says how a server is backed up, and b backs it up with pg_dump into a folder."""

from __future__ import annotations

import pytest

from abc_tui.ui.app import MainScreen, create_app
from abc_tui.ui.screens import backup as backup_ui
from tests.ui.keys import type_text
from tests.ui.test_recovery import settle, text_of


async def test_main_menu_names_the_server_not_its_password(pg_office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        where = text_of(app, "#db-path")
        assert "postgresql://abc:***@127.0.0.1" in where.replace("\n", "") and "abc-test" not in where
        assert "pg_dump" in text_of(app, "#backup-status")
        assert not hasattr(app, "auto_backup")  # no file copies of a server


async def test_b_backs_up_the_server_with_pg_dump(pg_office, tmp_path, monkeypatch):
    from abc_tui.store.server_backup import find_pg_dump

    if find_pg_dump() is None:
        pytest.skip("pg_dump is not on this machine")
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(backup_ui, "removable_folders", lambda: [])
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, backup_ui.BackupScreen)
        await type_text(pilot, str(stick) + "\n")
        for _ in range(200):
            await settle(pilot)
            if "Backed up" in text_of(app, "#backup-msg") or "failed" in text_of(app, "#backup-msg"):
                break
            await pilot.pause(0.05)
        [dump] = stick.iterdir()
        assert dump.suffix == ".dump" and dump.stat().st_size > 1000
        assert "Backed up" in text_of(app, "#backup-msg")
