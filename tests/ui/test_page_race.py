"""Two clerks on one new household-month page, through the ledger screen (issue 8, item 3).

The screen looked the page up (none yet); another clerk on another PC creates it and saves a line;
then this clerk saves the first line typed here: it goes onto that page, nothing is lost, no crash.
"""

from __future__ import annotations

from abc_tui.domain.thai import Month
from abc_tui.store.ledger import LedgerDesk
from abc_tui.store.models import Household, LedgerLine, LedgerPage
from abc_tui.ui.app import create_app
from tests.ui.test_ledger import db_lines, open_page, sample_office, start, type_line  # noqa: F401

CODE = "54010107-60"


async def test_a_page_created_by_another_clerk_meanwhile_takes_the_typed_line(sample_office):  # noqa: F811
    app = create_app(lang="th", user="สมหญิง")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, CODE, "6/67")
        assert LedgerPage.select().count() == 0  # looked up: no page yet
        other = LedgerDesk(who="สมปอง").open(Household.get(Household.code == CODE), Month(2024, 6))
        other.save_line("2", "31", "ข้าวสาร", "100")  # the other PC saves first
        await type_line(pilot, "3", "33", "ค่าไฟ", "250")
        assert app.is_running and app.screen.query_one("#lg-day").has_focus
        await type_line(pilot, "4", "31", "ไข่ไก่", "45")
    assert LedgerPage.select().count() == 1
    assert db_lines(CODE, Month(2024, 6)) == [
        (2, "31", "ข้าวสาร", 10000),
        (3, "33", "ค่าไฟ", 25000),
        (4, "31", "ไข่ไก่", 4500),
    ]
    assert [ln.entered_by for ln in LedgerLine.select().order_by(LedgerLine.id)] == [
        "สมปอง",
        "สมหญิง",
        "สมหญิง",
    ]
