"""F2 (another page), F3 (paper totals) and F6 (saved lines) on a half-typed ledger line behave
like F5: a complete line is saved first; one that cannot be saved is kept unless the clerk
answers yes to dropping it. Never lost silently."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from abc_tui.store.models import LedgerLine
from abc_tui.ui.app import ConfirmScreen, create_app
from abc_tui.ui.screens.ledger import LedgerScreen
from tests.ui.test_ledger import settle, type_text

FIELDS = ("lg-day", "lg-code", "lg-item", "lg-amount")


async def open_page(pilot) -> LedgerScreen:
    await pilot.press("1")
    await settle(pilot)
    await pilot.press("f2")
    await type_text(pilot, "1\n1\n01/2567\n\n\n")
    screen = pilot.app.screen
    assert isinstance(screen, LedgerScreen) and screen.session is not None
    return screen


def entry(screen) -> list[str]:
    return [screen.query_one(f"#{w}", Input).value for w in FIELDS]


def items() -> list[str]:
    return [ln.item for ln in LedgerLine.select().order_by(LedgerLine.id)]


@pytest.mark.parametrize(
    ("key", "goes_to"), [("f2", "lg-village"), ("f3", "lg-cinc"), ("f6", "lg-lines"), ("f5", None)]
)
async def test_a_complete_typed_line_is_saved_first(office, key, goes_to):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_page(pilot)
        await type_text(pilot, "5\n31ข้าวสาร\n350")  # the amount typed, Enter not pressed
        await pilot.press(key)
        await settle(pilot)
        assert items() == ["ข้าวสาร"]
        assert not isinstance(app.screen, ConfirmScreen)
        if goes_to:
            assert app.screen is screen and screen.focused.id == goes_to
            assert entry(screen) == ["", "", "", ""]


@pytest.mark.parametrize("key", ["f2", "f3", "f6", "f5"])
async def test_a_line_that_cannot_be_saved_is_kept_unless_the_clerk_drops_it(office, key):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_page(pilot)
        await type_text(pilot, "5\n31ข้าวสาร\nabc")  # an amount that is not money
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # asked, not thrown away
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and entry(screen) == ["5", "31", "ข้าวสาร", "abc"]
        await pilot.press(key)
        await settle(pilot)
        await pilot.press("enter")  # Enter is no: nothing is dropped by reflex
        await settle(pilot)
        assert app.screen is screen and entry(screen) == ["5", "31", "ข้าวสาร", "abc"]
        await pilot.press(key)
        await settle(pilot)
        await pilot.press("y")  # yes: drop it and go on
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert items() == []
        if key != "f5":
            assert entry(screen) == ["", "", "", ""]


async def test_f6_with_only_a_day_and_code_asks(office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_page(pilot)
        await type_text(pilot, "4\n21ปุ๋ย\n1200\n")  # one saved line to go up to
        await type_text(pilot, "5\n31")
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert entry(screen)[:2] == ["5", "31"] and items() == ["ปุ๋ย"]
