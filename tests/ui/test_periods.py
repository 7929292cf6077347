"""Locked months and leaving households, typed as a clerk types (issue 13)."""

from __future__ import annotations

import datetime as dt
import re

from textual.widgets import DataTable

from abc_tui.domain.thai import Month, format_date_be
from abc_tui.reports import submission
from abc_tui.store.models import Household, LedgerLine
from abc_tui.ui.app import create_app
from tests.ui.test_ledger import open_page, sample_office, screen_text, start, type_line, type_text  # noqa: F401
from tests.ui.wait import settle

JUNE = Month(2024, 6)


async def test_typing_a_line_into_a_submitted_month_says_who_locked_it_and_how_to_reopen(sample_office):
    submission.submit("54010107", JUNE, "เจ้าหน้าที่เอ")
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        assert "Locked" in screen_text(app, "lg-msg")  # said on opening, before anything is typed
        await type_line(pilot, "3", "31", "ข้าวสาร", "120")
        msg = screen_text(app, "lg-msg")
        assert "submitted by เจ้าหน้าที่เอ" in msg and "abc-tui period reopen" in msg
        assert app.screen.query_one("#lg-amount").value == "120"  # nothing typed is lost
        # May is open: the same line goes in there (F2 asks before it drops the refused line: y)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await type_text(pilot, "7\n60\n5/67\n\n\n")
        await type_line(pilot, "3", "31", "ข้าวสาร", "120")
    assert LedgerLine.select().count() == 1
    assert LedgerLine.get().date == dt.date(2024, 5, 3)


async def test_the_grid_marks_submitted_and_approved_months(sample_office):
    submission.submit("54010107", JUNE, "o")
    submission.submit("54010107", Month(2024, 5), "o")
    submission.approve("54010107", Month(2024, 5), "head")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await pilot.press("f8")
        grid = app.screen
        table = grid.query_one("#grid", DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        assert (
            headers[-1].endswith("ส") and headers[-2].endswith("อ") and not headers[-3].endswith(("ส", "อ"))
        )
        assert grid.period_states == {"2024-06": "submitted", "2024-05": "approved"}
        assert "ล็อก (ส่งแล้ว)" in screen_text(app, "grid-status")


async def test_f4_asks_the_date_it_left_and_keeps_earlier_months(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # households
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.pause()
        code = app.screen.query_one(DataTable).get_row_at(0)[0]
        await pilot.press("f4")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-left_on").value == format_date_be(dt.date.today())  # default today
        form.query_one("#f-left_on").value = ""
        await type_text(pilot, "15/3/67\nย้ายไปต่างจังหวัด\n")
        await pilot.pause()
    h = Household.get(Household.code == str(code))
    assert not h.active and h.left_on == dt.date(2024, 3, 15) and h.left_reason == "ย้ายไปต่างจังหวัด"


async def test_indicators_close_a_round_and_show_rounds_side_by_side(sample_office):
    from abc_tui.reports.period import parse_period
    from abc_tui.ui.screens.reports_indicators import IndicatorsScreen

    submission.close_round(parse_period("bimonth:2567-2"), "540101", "o")
    app = create_app(lang="en", user="officer1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(IndicatorsScreen(parse_period("bimonth:2567-3"), "540101"))
        await pilot.pause()
        await pilot.press("f2")  # close May–June 2567 as a round
        await pilot.pause()
        table = app.screen.query_one("#ind-rounds", DataTable)
        assert table.display
        assert [str(c.label) for c in table.columns.values()] == ["Indicator", "2567-2", "2567-3", "Change"]
        assert table.row_count == 8
        await pilot.press("f2")  # the same round again: refused with a message, nothing added
        await pilot.pause()
    from abc_tui.store.models import EvalRound

    assert EvalRound.select().count() == 2


async def test_sent_screen_lists_an_export_from_the_reports_screen(sample_office, tmp_path, monkeypatch):
    from abc_tui.store import periods

    monkeypatch.chdir(tmp_path)
    app = create_app(lang="en", user="officer1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")  # reports
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("f9")  # export CSV
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        table = app.screen.query_one("#sent-table", DataTable)
        assert table.row_count == 1
        when, report = (str(c) for c in table.get_row_at(0)[:2])
        assert report == "Village by month", report  # the report's title, not its code
        assert re.fullmatch(r"\d\d/\d\d/25\d\d \d\d:\d\d", when), when  # B.E., as every screen
        await pilot.press("f12")
        await settle(pilot)
        assert str(table.get_row_at(0)[1]) == "หมู่บ้านรายเดือน"
    (row,) = periods.sent()
    assert row.who == "officer1" and row.report == "village-month"


async def test_reports_screen_submits_and_reopens_the_shown_period(sample_office):
    from abc_tui.reports.period import Period
    from abc_tui.store import periods
    from abc_tui.store.models import Audit
    from abc_tui.ui.screens.reports import ReportsScreen

    app = create_app(lang="en", user="officer1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ReportsScreen(period=Period(Month(2024, 5), JUNE), area="54010107"))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")  # asks first
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert periods.states("54010107", Month(2024, 5), JUNE) == {
            ("54010107", "2024-05"): "submitted",
            ("54010107", "2024-06"): "submitted",
        }
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Locked: พ.ค.67 S1/1, มิ.ย.67 S1/1" in screen_text(app, "rep-status")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")  # no reason: refused in place
        await pilot.pause()
        assert "reason" in screen_text(app, "form-error")
        await type_text(pilot, "ลืมหน้าหนึ่ง\n")
        await pilot.pause()
    assert periods.states("54010107", Month(2024, 5), JUNE) == {}
    assert Audit.select().where(Audit.action == "reopen").count() == 2
