"""Fewer keys in ledger entry (issue 10), and nothing typed lands in the wrong field.

A complete day (two digits, or 4–9) moves on by itself, a whole month of a likely year opens its
page by itself; in both cases an Enter typed next out of habit is ignored, so the old keys and
the new ones give the same lines — typed one by one or all in a burst.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from abc_tui.domain.thai import Month
from abc_tui.store.models import LedgerLine, LedgerPage
from abc_tui.ui.app import create_app
from tests.ui import keys
from tests.ui.test_ledger import db_lines, sample_office, settle, start, type_text  # noqa: F401

WANT = [(15, "31", "ข้าวสาร", 12000), (15, "33", "", 5000), (3, "41", "", 3000), (7, "21", "ปุ๋ย", 80000)]


async def burst(pilot, text: str) -> None:
    """All keys at once (a fast typist on a slow PC); a loaded machine gets a minute to route them.
    Each key waits for the one before to take effect however long that takes here: the app's
    0.5 s safety cap (a screen that never settles still gets its keys) is not what is tested,
    and a CI machine shared by many jobs can take longer than that to open a page."""
    pilot.app.KEY_SETTLE_SECONDS = 10.0
    await keys.burst(pilot, text, timeout=60.0)
    assert pilot.app.typing_settled()


def value(app, wid: str) -> str:
    return app.screen.query_one(f"#{wid}", Input).value


async def test_a_complete_day_moves_on_by_itself(sample_office):  # noqa: F811
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f2")
        await type_text(pilot, "7\n60\n6/67")  # the month opens the page by itself
        assert app.screen.session is not None and app.screen.focused.id == "lg-cinc"
        await type_text(pilot, "\n")  # the Enter that used to open the page: ignored
        assert app.screen.focused.id == "lg-cinc"
        await type_text(pilot, "\n\n")  # no paper totals
        await type_text(pilot, "15")
        assert app.screen.focused.id == "lg-code"  # 15: no day starts with 15…
        await type_text(pilot, "\n")  # the old Enter: ignored, not "no category"
        assert app.screen.focused.id == "lg-code" and "หมวด" not in str(
            app.screen.query_one("#lg-msg").render()
        )
        await type_text(pilot, "31ข้าวสาร\n120\n")
        await type_text(pilot, "\n33\n50\n")  # a blank day is still Enter
        await type_text(pilot, "3")
        assert app.screen.focused.id == "lg-day"  # 3 may be 30 or 31: waits for Enter
        await type_text(pilot, "\n41\n30\n")
        await type_text(pilot, "7")
        assert app.screen.focused.id == "lg-code"
        await type_text(pilot, "21ปุ๋ย\n800\n")
    assert db_lines("54010107-60", Month(2024, 6)) == WANT


async def test_a_day_that_cannot_be_stays_with_its_reason(sample_office):  # noqa: F811
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f2")
        await type_text(pilot, "7\n60\n2/67\n\n\n")
        await type_text(pilot, "30")  # February 2567 has 29 days
        assert app.screen.focused.id == "lg-day" and "days 1–29" in str(
            app.screen.query_one("#lg-msg").render()
        )
        await type_text(pilot, "\n")  # Enter says it again; nothing moves
        assert app.screen.focused.id == "lg-day" and value(app, "lg-code") == ""
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "3")  # 3 waits for Enter even in February (30 must be refused, not split)
        assert app.screen.focused.id == "lg-day"
        await type_text(pilot, "\n31\n\n9\n")
    assert db_lines("54010107-60", Month(2024, 2)) == [(3, "31", "", 900)]


@pytest.mark.parametrize("habit", [False, True])
async def test_whole_pages_in_a_burst_with_or_without_the_old_enters(sample_office, habit):  # noqa: F811
    """The same page typed at speed: with the new keys, and with an Enter after each day and month."""
    e = "\n" if habit else ""
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await burst(
            pilot, f"7\n60\n6/67{e}2,000\n1,050\n15{e}31ข้าวสาร\n120\n\n33\n50\n3\n41\n30\n7{e}21ปุ๋ย\n800\n"
        )
        assert app.screen.focused.id == "lg-day"
        # a second page right after, its month typed in Thai digits
        await pilot.press("f2")
        await settle(pilot)
        await burst(pilot, f"\n61\n๗/๖๗{e}100\n\n9{e}13\n\n100\n")
    assert db_lines("54010107-60", Month(2024, 6)) == WANT, [
        (str(x.date), x.category_code, x.item, x.amount_satang) for x in LedgerLine.select()
    ]
    assert db_lines("54010107-61", Month(2024, 7)) == [(9, "13", "", 10000)]
    page = LedgerPage.get(LedgerPage.month == "2024-06")
    assert (page.control_income_satang, page.control_expense_satang) == (200000, 105000)
    assert LedgerLine.select().count() == 5


async def test_a_month_of_an_unlikely_year_waits_for_enter(sample_office):  # noqa: F811
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f2")
        await type_text(pilot, "7\n60\n6/2567")  # "6/25" on the way is not June 2525
        assert app.screen.session.month == Month(2024, 6) and app.screen.focused.id == "lg-cinc"
        await pilot.press("f2")
        await type_text(pilot, "\n60\n6/40")  # 2540: too far back to open by itself
        assert app.screen.focused.id == "lg-month"
        await type_text(pilot, "\n")
        assert app.screen.session.month == Month(1997, 6) and app.screen.focused.id == "lg-cinc"


async def test_month_as_digits_alone(sample_office):  # noqa: F811
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f2")
        await burst(pilot, "7\n60\n667100\n\n5\n13\n\n100\n")  # 667 = 6/67; totals 100 and none
        assert app.screen.session.month == Month(2024, 6)
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen.session.status == "balanced"
        assert app.screen.focused.id == "lg-day"  # F4 leaves the cursor where it was: typing on is safe
        await pilot.press("f2")
        await burst(pilot, "\n61\n1267\n\n\n9")  # 1267 = 12/67 (its start 126 is no month: 2526)
        assert app.screen.session.household.code == "54010107-61"
        assert app.screen.session.month == Month(2024, 12) and value(app, "lg-day") == "9"
        assert app.screen.focused.id == "lg-code"
    assert db_lines("54010107-60", Month(2024, 6)) == [(5, "13", "", 10000)]
