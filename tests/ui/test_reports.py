"""Pilot tests of the reports screens, driven as a reporting officer would, then checked against
the query layer and the files written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from abc_tui.domain.thai import Month
from abc_tui.reports import queries
from abc_tui.reports.period import Period
from abc_tui.reports.spec import SPECS
from abc_tui.store.database import close_database, open_database
from abc_tui.ui.app import create_app
from abc_tui.ui.screens.reports import ReportsScreen, display_rows
from abc_tui.ui.screens.reports_indicators import IndicatorsScreen
from abc_tui.ui.widgets.report_table import ReportTable
from tests.ui.keys import type_text
from tests.ui.wait import settle
from tests.unit.test_reports_fixture import HEAD_NAMES, books_fixture  # noqa: F401

P = Period(Month(2024, 1), Month(2024, 3))


def status(app) -> str:
    return str(app.screen.query_one("#rep-status").render())


def cells(row) -> list[str]:
    return [str(c) for c in row]


async def open_reports(pilot) -> ReportsScreen:
    await pilot.press("4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReportsScreen)
    return screen


async def choose_report(pilot, steps: int) -> None:
    """F2, open the list, move ``steps`` (negative = up), Enter."""
    await pilot.press("f2", "enter")
    await pilot.pause()
    key = "down" if steps > 0 else "up"
    for _ in range(abs(steps)):
        await pilot.press(key)
    await pilot.press("enter")
    await settle(pilot)


async def type_period(pilot, first: str, last: str) -> None:
    await pilot.press("f3")
    await pilot.press("end", *["backspace"] * 12)
    await type_text(pilot, first + "\t")
    await pilot.press("end", *["backspace"] * 12)
    await type_text(pilot, last + "\n")
    await settle(pilot)


async def test_pick_report_period_and_read_the_table(books, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        # Default: village-month, twelve months up to the latest month with lines (Mar 2024).
        assert screen.report == "village-month"
        assert screen.period == Period(Month(2023, 4), Month(2024, 3))
        await type_period(pilot, "1/67", "มี.ค. 2567")
        assert screen.period == P
        table = screen.query_one("#rep-table", ReportTable)
        expected = queries.village_month(P, "540101")
        assert table.total == len(expected) == 6
        assert cells(table.get_row_at(2)) == [
            str(c) for c in display_rows(expected, SPECS["village-month"].visible())[2]
        ]
        assert cells(table.get_row_at(2))[:5] == ["54010101", "03/2567", "3", "2", "66.7"]
        assert "6 แถว" in status(app)
        chart = str(screen.query_one("#rep-chart").render())
        assert "รายรับ" in chart and "หนี้สินรวม" in chart and "197,000 → 74,000" in chart
        # Another report from the list: household-month (one up from village-month).
        await choose_report(pilot, -1)
        assert screen.report == "household-month"
        assert table.total == 13
        assert cells(table.get_row_at(0))[:5] == ["54010101-1", "54010101", "01/2567", "7", "8,000.00"]


async def test_export_with_one_key_shows_where_the_file_went(books, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("f9")
        await settle(pilot)
        path = tmp_path / "exports" / "540101-village-month-2567-01-2567-03.csv"
        assert path.exists()
        assert str(path) in status(app).replace("\n", "") or path.name in status(app)
        assert screen.last_export == path.resolve()
        assert path.read_bytes().startswith(b"\xef\xbb\xbfvillage_code,month,")
        await choose_report(pilot, -2)  # ledger
        assert screen.report == "ledger"
        await pilot.press("f10")
        await settle(pilot)
        xlsx = tmp_path / "exports" / "540101-ledger-2567-01-2567-03.xlsx"
        assert xlsx.exists()
        text = xlsx.read_bytes()
        assert all(name.encode() not in text for name in HEAD_NAMES)


async def test_bimonth_toggle_and_stepping(books, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await pilot.press("f5")
        await settle(pilot)
        # The latest bi-month ended by March 2024 is bi-month 1 of 2567 (Jan–Feb).
        assert screen.period == Period(Month(2024, 1), Month(2024, 2))
        assert "2567-1" in str(screen.query_one("#rep-mode").render())
        assert screen.query_one("#rep-table", ReportTable).total == 4
        await pilot.press("f8")
        await settle(pilot)
        assert screen.period == Period(Month(2024, 3), Month(2024, 4))
        assert "2567-2" in str(screen.query_one("#rep-mode").render())
        await pilot.press("f7", "f7")
        await settle(pilot)
        assert screen.period == Period(Month(2023, 11), Month(2023, 12))
        await pilot.press("f5")
        await settle(pilot)
        assert str(screen.query_one("#rep-mode").render()) == ""


async def test_indicators_view(books, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        main = app.screen.query_one("#ind-table")
        rows = [cells(main.get_row_at(i)) for i in range(main.row_count)]
        assert [r[0] for r in rows] == [i.id for i in queries.INDICATORS]
        assert rows[5][2:6] == ["1", "2", "50.0", "≥30.0 ผ่าน"]  # 5.2.3 meets its target
        below = app.screen.query_one("#ind-areas")
        assert [str(below.get_row_at(i)[0]) for i in range(below.row_count)] == ["54010101", "54010102"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReportsScreen)


@pytest.fixture(scope="session")
def big_office_file(tmp_path_factory):
    """The big demo built once per session (10 s): each test opens a copy of it."""
    from abc_tui.store.demo import build_demo

    path = tmp_path_factory.mktemp("big-office") / "big.sqlite3"
    build_demo(path, households=300, months=12, seed=5, until=Month(2025, 3))
    close_database()
    return path


@pytest.fixture
def big_office(big_office_file, tmp_path):
    """A demo tambon of 300 households × 12 months (household-month: ~3,600 rows), a fresh copy."""
    path = tmp_path / "big.sqlite3"
    for part in big_office_file.parent.glob(big_office_file.name + "*"):  # a -wal too if one was left
        shutil.copyfile(part, tmp_path / part.name)
    open_database(path)
    yield path
    close_database()


async def test_the_table_moves_over_every_row_of_a_big_report(big_office, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ReportTable, "WINDOW", 80)  # a small window: fewer key presses to cross it
    monkeypatch.setattr(ReportTable, "MARGIN", 10)
    app = create_app(lang="th")
    period = Period(Month(2024, 4), Month(2025, 3))
    expected = queries.household_month(period, "540101")
    shown = display_rows(expected, SPECS["household-month"].visible())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await choose_report(pilot, -1)
        table = screen.query_one("#rep-table", ReportTable)
        assert table.total == len(expected) > 3 * ReportTable.WINDOW
        assert table.row_count == ReportTable.WINDOW  # only a window is held
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.global_row == len(expected) - 1
        assert cells(table.get_row(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)) == cells(
            shown[-1]
        )
        assert f"{len(expected):,}/{len(expected):,}" in status(app)
        await pilot.press("ctrl+home")
        await pilot.pause()
        # Page down across the first window's edge, then row by row: the rows stay in order.
        for _ in range(8):
            await pilot.press("pagedown")
        await pilot.pause()
        at = table.global_row
        assert at > ReportTable.WINDOW
        for _ in range(25):
            await pilot.press("down")
        await pilot.pause()
        assert table.global_row == at + 25
        row = table.get_row_at(table.cursor_row)
        assert cells(row) == cells(shown[at + 25])
        for _ in range(40):
            await pilot.press("up")
        await pilot.pause()
        assert table.global_row == at - 15
        assert cells(table.get_row_at(table.cursor_row)) == cells(shown[at - 15])
        assert table.row_count <= ReportTable.WINDOW


async def test_ledger_report_streams_a_screenful_at_a_time(big_office, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await choose_report(pilot, -2)
        table = screen.query_one("#rep-table", ReportTable)
        period = Period(Month(2024, 4), Month(2025, 3))
        assert screen.period == period
        assert table.total == queries.ledger_count(period, "540101") > 10_000
        assert screen.ledger.total == table.total and screen.rows == []
        await pilot.press("ctrl+end")
        await pilot.pause()
        last = queries.ledger(period, "540101")[-1]
        shown = cells(table.get_row_at(table.cursor_row))
        assert shown[0] == last[1] and last[0] not in shown  # the entry UUID stays in the files


def test_export_path_is_reported_relative_to_where_the_program_runs(tmp_path):
    # The screen shows the absolute path of the file (exports/ under the current folder).
    assert Path("exports").resolve().parent == Path.cwd()


async def test_household_statements_from_the_screen(books, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("ctrl+t")  # the tambon is chosen: statements need a village
        await settle(pilot)
        assert not (tmp_path / "exports").exists()
        # F4 → the area list → down to village 01 (after 54, 5401, 540101 comes 54010101) → Enter
        await pilot.press("f4", "enter", "down", "enter")
        await settle(pilot)
        assert screen.area == "54010101"
        await pilot.press("ctrl+t", "y")  # "include names?" yes
        await settle(pilot)
        path = tmp_path / "exports" / "540101-statements-54010101-2567-01-2567-03-named.txt"
        assert path.exists() and path.read_text("utf-8-sig").count("\f") == 2
        assert screen.last_export == path.resolve()


async def test_ods_export_key_beside_csv_and_xlsx(books, monkeypatch, tmp_path):
    """Ctrl+D writes the shown report as ODS, named in B.E. in the export folder, and says where."""
    from odf.opendocument import load

    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("ctrl+d")
        await settle(pilot)
        path = tmp_path / "exports" / "540101-village-month-2567-01-2567-03.ods"
        assert path.exists(), sorted(p.name for p in (tmp_path / "exports").glob("*"))
        assert screen.last_export == path.resolve()
        assert "บันทึกไฟล์แล้ว" in status(app) and "6 แถว" in status(app)
        load(str(path))  # a real ODS
        shown = [k.key for k in app.screen.query("FooterKey")]  # at 80 columns, beside F9 and F10
        assert {"f9", "f10", "ctrl+d"} <= set(shown), shown


@pytest.mark.parametrize(
    ("lang", "said", "other"),
    [("th", "หมู่บ้านรายเดือน", "Village by month"), ("en", "Village by month", "หมู่บ้านรายเดือน")],
)
async def test_ods_row_cap_says_so_in_the_screens_language(books, monkeypatch, tmp_path, lang, said, other):
    from abc_tui.reports import export

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(export, "ODS_MAX_ROWS", 3)
    app = create_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("ctrl+d")
        await settle(pilot)
        shown = status(app).replace("\n", "")
        assert "ODS" in shown and "CSV" in shown and said in shown and other not in shown, shown
        assert "village-month" not in shown, shown
        assert not list((tmp_path / "exports").glob("*.ods"))


async def test_f12_on_the_open_submit_question_and_reopen_form_switches_the_months(
    books, monkeypatch, tmp_path
):
    from abc_tui.ui.app import ConfirmScreen
    from abc_tui.ui.widgets.form import FormScreen

    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.query_one("#confirm-question")
        assert "ม.ค. 2567" in str(question.render())
        await pilot.press("f12")
        await settle(pilot)
        shown = str(question.render())
        assert "01/2567 – 03/2567" in shown and "ม.ค." not in shown, shown
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+r")  # the reopen form's title names the period
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        title = lambda: " ".join(str(s.render()) for s in app.screen.query(".title"))  # noqa: E731
        assert "01/2567" in title(), title()
        await pilot.press("f12")
        await settle(pilot)
        assert "ม.ค. 2567" in title() and "01/2567" not in title(), title()
