"""The household import screen typed as an officer would: path, Enter (dry run), F5, F3, F10."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from abc_tui.store.models import Household
from abc_tui.ui.app import ConfirmScreen, create_app
from abc_tui.ui.screens.household_import import HouseholdImportScreen
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.keys import type_text
from tests.unit.test_household_import import nai_wiang  # noqa: F401

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "household_list.xlsx"


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def _open(pilot) -> None:
    await pilot.press("2")  # the household register
    await pilot.pause()
    await pilot.press("f9")
    await pilot.pause()


async def test_dry_run_then_one_transaction(nai_wiang):  # noqa: F811
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        assert isinstance(app.screen, HouseholdImportScreen)
        await type_text(pilot, f"{SAMPLE}\n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "เพิ่ม 75 ข้าม 6 ไม่รับ 2" in status(app)
        rows = app.screen.query_one("#hi-rows", DataTable)
        assert rows.row_count == 83
        assert Household.select().count() == 0  # the dry run saved nothing
        await pilot.press("f5")  # only the rows not added
        await pilot.pause()
        assert rows.row_count == 8
        refused = [rows.get_row_at(i) for i in range(rows.row_count) if str(rows.get_row_at(i)[1]) == "ไม่รับ"]
        assert [str(r[0]) for r in refused] == ["86", "87"]
        assert "ซ้ำกับแถว 7" in str(refused[0][5])
        await pilot.press("f12")  # English: the same rows relabelled
        await pilot.pause()
        assert "add 75, skip 6, refuse 2" in status(app)
        assert "same house as row 7" in str(rows.get_row_at(rows.row_count - 2)[5])
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert Household.select().count() == 75
        assert "add 0, skip 81, refuse 2" in status(app)  # checked again: all registered now
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#households", DataTable)
        assert table.row_count == 25  # หมู่ 1 of the register, refreshed


async def test_f3_changes_the_columns(nai_wiang):  # noqa: F811
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await type_text(pilot, f"{SAMPLE}\n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#f-debt").value == "6"  # G, guessed from หนี้สิน (บาท)
        form.query_one("#f-debt").value = ""  # no debt column: every debt 0
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, HouseholdImportScreen)
        assert "debt at joining=-" in str(app.screen.query_one("#hi-mapping", Static).render())
        plan = app.screen.plan
        assert plan.counts["add"] == 75 and all(
            r.values["debt_at_joining_satang"] == 0 for r in plan.of("add")
        )
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one("#f-head").value = ""  # no name column: refused in the form, said at once
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "head of household" in str(app.screen.query_one("#form-error", Static).render())


async def test_bad_file_and_role(nai_wiang, tmp_path):  # noqa: F811
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await type_text(pilot, f"{tmp_path / 'nope.xlsx'}\n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No such file" in status(app)
        (tmp_path / "empty.csv").write_bytes(b"")
        app.screen.query_one("#hi-path").value = ""
        await type_text(pilot, f"{tmp_path / 'empty.csv'}\n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "empty" in status(app)
        await pilot.press("f10")  # nothing read: nothing to import
        await pilot.pause()
        assert isinstance(app.screen, HouseholdImportScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.role = "clerk"  # a clerk may open the register but not import
        await pilot.press("f9")
        await pilot.pause()
        assert not isinstance(app.screen, HouseholdImportScreen)
    assert Household.select().count() == 0


async def test_an_officer_reaches_it_from_the_package_import_screen(nai_wiang):  # noqa: F811
    """Officers may import but not edit the register: Reports, Ctrl+G (imports), F9 (household list)."""
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.role = "officer"
        await pilot.press("2")  # the register: households.edit, refused for an officer
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
        await pilot.press("4")  # reports
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HouseholdImportScreen)
        await type_text(pilot, f"{SAMPLE}\n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f10", "enter")
        await pilot.pause()
    assert Household.select().count() == 75


async def test_the_highlighted_rows_reason_is_shown_whole(nai_wiang):  # noqa: F811
    """The reason column is cut at 80 columns; the line under the table shows it whole, F12 too."""
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await type_text(pilot, f"{SAMPLE}\n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f5")  # the rows not added
        await pilot.pause()
        rows = app.screen.query_one("#hi-rows", DataTable)
        line = app.screen.query_one("#hi-reason", Static)
        last = rows.row_count - 1
        for _ in range(last):
            await pilot.press("down")
        await pilot.pause()
        reason = str(rows.get_row_at(last)[5])
        assert reason and f"{rows.get_row_at(last)[0]}: {reason}" == str(line.render()), str(line.render())
        await pilot.press("f12")
        await pilot.pause()
        assert rows.cursor_row == last
        english = str(line.render())
        assert english.endswith(str(rows.get_row_at(last)[5])) and reason not in english, english
        assert line.region.bottom <= 23  # above the footer at 80×24
