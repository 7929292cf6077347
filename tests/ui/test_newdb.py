"""A missing database is made only after the clerk has seen where and said yes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from abc_tui import cli
from abc_tui.ui.screens import newdb
from abc_tui.ui.screens.newdb import NewDatabaseApp
from tests.ui.keys import type_text


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.mark.parametrize("keys, answer", [("\r", True), ("y", True), ("n", False), ("q", False), ("ื", False)])
async def test_the_question_shows_the_full_path(tmp_path, keys, answer):
    where = tmp_path / "data" / "abc.sqlite3"
    app = NewDatabaseApp(where, lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(where) in text(app, "#newdb-where")
        if keys == "\r":
            await pilot.press("enter")
        else:
            await type_text(pilot, keys)
        await pilot.pause()
    assert app.return_value is answer
    assert not where.parent.exists()  # the question itself makes nothing


async def test_f12_asks_in_english(tmp_path):
    app = NewDatabaseApp(tmp_path / "abc.sqlite3", lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert "Create a new, empty database here?" in text(app, "#newdb-ask")
        await pilot.press("escape")
    assert app.return_value is False


def test_no_means_nothing_is_created(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(newdb, "ask_create", lambda path, lang=None: asked.append(path) or False)
    monkeypatch.setattr(cli.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("ABC_TUI_HOME", str(home))
    monkeypatch.delenv("ABC_TUI_DB", raising=False)
    assert cli.main([]) == 2
    assert asked == [Path(home / "abc.sqlite3")]
    assert not home.exists()
