"""Ledger bugs of issue 10, each typed as a clerk types it (tests fail before their fix)."""

from __future__ import annotations

import datetime as dt
import re

from textual.widgets import DataTable, Input

from abc_tui.domain.thai import Month
from abc_tui.reports import submission
from abc_tui.store.ledger import LedgerDesk
from abc_tui.store.models import Household, LedgerPage
from abc_tui.ui.app import create_app
from tests.ui.test_ledger import (  # noqa: F401
    db_lines,
    open_page,
    sample_office,
    screen_text,
    settle,
    start,
    type_line,
    type_text,
)


def shown_lines(app, wid: str) -> list[str]:
    """The text rows a widget draws on the 80×24 screen (what the clerk can read)."""
    widget = app.screen.query_one(f"#{wid}")
    return ["".join(seg.text for seg in widget.render_line(y)).rstrip() for y in range(widget.size.height)]


async def test_bug2_reopening_a_page_puts_the_cursor_in_the_entry_row(sample_office):  # noqa: F811
    h = Household.get(Household.code == "54010111-146")
    page = LedgerDesk().open(h, Month(2025, 2))
    page.set_controls("1,000", "8,036")
    page.save_line("4", "35", "", "167")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f2")
        await type_text(pilot, "11\n146\n2/68\n")  # the page exists: its totals are on it already
        assert app.screen.focused.id == "lg-day"
        await type_text(pilot, "5\n31\n\n20\n")  # a line typed at once goes in as a line
        assert app.screen.query_one("#lg-cinc", Input).value == "1,000"
        assert app.screen.query_one("#lg-cexp", Input).value == "8,036"
        # a new page still starts at the paper's totals
        await pilot.press("f2")
        await type_text(pilot, "\n146\n3/68\n")
        assert app.screen.focused.id == "lg-cinc"
    assert db_lines("54010111-146", Month(2025, 2)) == [(4, "35", "", 16700), (5, "31", "", 2000)]
    p = LedgerPage.get(LedgerPage.month == "2025-02")
    assert (p.control_income_satang, p.control_expense_satang) == (100000, 803600)


async def test_bug8_add_then_undo_on_a_balanced_page_stays_balanced(sample_office):  # noqa: F811
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010112-97", "6/68", "100", "50")
        await type_line(pilot, "1", "15", "", "100")
        await type_line(pilot, "", "31", "", "50")
        await pilot.press("f4")
        assert app.screen.session.status == "balanced"
        await type_line(pilot, "2", "31", "", "7")  # one line too many: no longer balanced
        assert app.screen.session.status == "open"
        await pilot.press("ctrl+z")  # taken back: the totals match again
        await settle(pilot)
        assert app.screen.session.status == "balanced"
        assert "balanced ✓" in screen_text(app, "lg-pageinfo")
        # an edit undone goes back to balanced too; a change that stays is not balanced
        await pilot.press("up", "enter")
        await type_text(pilot, "\n\n\n60\n")
        assert app.screen.session.status == "open"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.screen.session.status == "balanced"
    assert LedgerPage.get().status == "balanced"


async def test_bug8_undo_on_a_page_never_balanced_does_not_balance_it(sample_office):  # noqa: F811
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010112-97", "6/68", "100", "50")
        await type_line(pilot, "1", "15", "", "100")
        await type_line(pilot, "", "31", "", "50")
        await type_line(pilot, "2", "31", "", "7")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.screen.session.status == "open"  # F4 is still the clerk's word


async def test_bug9_a_line_before_the_household_joined_is_warned_in_both_languages(sample_office):  # noqa: F811
    # sample_office households joined on 1/10/2566 (2023-10-01)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "9/66")
        await type_line(pilot, "30", "31", "ข้าวสาร", "100")
        msg = screen_text(app, "lg-msg")
        assert "ก่อนวันเข้าโครงการ" in msg and "01/10/2566" in msg
        table = app.screen.query_one("#lg-lines", DataTable)
        assert "ก่อนเข้า?" in str(table.get_cell_at((0, 5)))
        await pilot.press("f12")
        await settle(pilot)
        await type_line(pilot, "", "31", "ไข่", "50")
        assert "before the household joined (2023-10-01)" in screen_text(app, "lg-msg")
        # on the joining month itself, no warning
        await pilot.press("f2")
        await type_text(pilot, "\n\n10/66\n\n\n")
        await type_line(pilot, "1", "31", "", "10")
        assert "joined" not in screen_text(app, "lg-msg")
    assert [ln[3] for ln in db_lines("54010107-60", Month(2023, 9))] == [10000, 5000]  # warned, saved


async def test_lock_message_is_whole_at_80_columns(sample_office):  # noqa: F811
    submission.submit("54010107", Month(2024, 6), "เจ้าหน้าที่เอ")
    for lang in ("en", "th"):
        app = create_app(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await start(pilot)
            await open_page(pilot, "54010107-60", "6/67")
            await type_line(pilot, "3", "31", "", "120")
            shown = "".join(shown_lines(app, "lg-msg")).replace(" ", "")
            full = screen_text(app, "lg-msg").replace(" ", "").replace("\n", "")
            assert "--reason..." in full
            assert shown == full  # nothing cut off


async def test_kind_totals_line_keeps_each_figure_whole_at_80_columns(sample_office):  # noqa: F811
    h = Household.get(Household.code == "54010107-60")
    page = LedgerDesk().open(h, Month(2024, 6))
    for code, amount in (
        ("21", "12,345"),
        ("31", "23,456"),
        ("41", "3,456"),
        ("53", "1,234"),
        ("51", "45,000"),
        ("52", "12,000"),
        ("61", "1,500"),
        ("62", "2,500"),
    ):
        page.save_line("3", code, "", amount)
    for lang in ("th", "en"):
        app = create_app(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await start(pilot)
            await open_page(pilot, "54010107-60", "6/67")
            await pilot.pause()
            rows = shown_lines(app, "lg-totals")
            for row in rows:  # every label on a row has its figure after it on the same row
                assert not re.search(r"[^\d,.\s│/✓()-]\s*$", row.replace("(ไม่มียอดตามกระดาษ)", "")), rows
            withdrawn = "ถอน" if lang == "th" else "Withdrawn"
            saved_row = next((r for r in rows if withdrawn in r), rows)
            assert saved_row.rstrip().endswith("2,500.00"), rows  # the figure on its label's row
            assert not any(r.strip() in ("2,500.00", "0.00") for r in rows)
    assert dt.date(2023, 10, 1) == Household.get(Household.code == "54010107-60").joined_on
