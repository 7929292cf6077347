"""Ctrl+T on the reports screen asks "include names?" before writing statements: Enter (no)
writes household codes only, y writes the names into a ``-named`` file, Esc writes nothing."""

from __future__ import annotations

from abc_tui.ui.app import ConfirmScreen, create_app
from tests.ui.test_reports import open_reports, settle, type_period
from tests.unit.test_reports_fixture import HEAD_NAMES, books_fixture  # noqa: F401

PLAIN = "540101-statements-54010101-2567-01-2567-03.txt"
NAMED = "540101-statements-54010101-2567-01-2567-03-named.txt"


async def test_ctrl_t_asks_for_names_and_defaults_to_none(books, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("f4", "enter", "down", "enter")  # village 01
        await settle(pilot)
        assert screen.area == "54010101"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # asked before anything is written
        assert not (tmp_path / "exports").exists()
        await pilot.press("escape")  # cancel: nothing written
        await settle(pilot)
        assert app.screen is screen and not (tmp_path / "exports").exists()
        await pilot.press("ctrl+t", "enter")  # Enter = no names
        await settle(pilot)
        assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == [PLAIN]
        text = (tmp_path / "exports" / PLAIN).read_text("utf-8-sig")
        assert text.count("\f") == 2 and "54010101-1" in text
        assert not [n for n in HEAD_NAMES if n in text]
        await pilot.press("ctrl+t", "y")  # y = names, in a -named file
        await settle(pilot)
        named = (tmp_path / "exports" / NAMED).read_text("utf-8-sig")
        assert "นายสมชาย ใจดี" in named and "นางมาลี แก้วมา" in named
        assert screen.last_export == (tmp_path / "exports" / NAMED).resolve()
