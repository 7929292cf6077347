"""Type-ahead: keys typed faster than the screen reacts still land in the right field.

A clerk skips both paper totals with Enter, Enter and starts the day at once. The keys
arrive in a burst (a fast typist on a slow office PC); none may be lost or land in the
field the focus just left.
"""

from __future__ import annotations

from textual.widgets import Input

from abc_tui.store.models import LedgerLine
from abc_tui.ui.app import create_app
from tests.ui.keys import burst, type_text


async def test_enter_enter_then_day_in_a_burst(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")  # ledger entry
        await pilot.pause()
        await type_text(pilot, "1\n1\n")  # moo 1, house 1 → the month field
        await burst(pilot, "\n\n\n5")  # month as shown, no income total, no expense total, day 5
        screen = app.screen
        assert screen.query_one("#lg-cinc", Input).value == ""
        assert screen.query_one("#lg-cexp", Input).value == ""
        assert screen.query_one("#lg-day", Input).value == "5"


async def test_a_whole_page_typed_in_one_burst(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        # moo 1, house 2, month 3/67, paper totals, then three lines: a complete code moves on
        # by itself, a blank day carries the one above, a blank item stays blank.
        await burst(pilot, "1\n2\n3/67\n5,000\n1,455\n4\n13ค่าแรง\n5,000\n\n31ไข่ไก่\n๑๒๐+๓๕\n9\n21\n1,300\n")
    lines = list(LedgerLine.select().order_by(LedgerLine.id))
    assert [(str(x.date), x.category_code, x.item, x.amount_satang) for x in lines] == [
        ("2024-03-04", "13", "ค่าแรง", 500_000),
        ("2024-03-04", "31", "ไข่ไก่", 15_500),
        ("2024-03-09", "21", "", 130_000),
    ]
