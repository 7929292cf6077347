"""Issue 10 (layout and consistency): each test types the keys a clerk would and fails before its fix."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from abc_tui.domain.thai import Month
from abc_tui.store import forums
from abc_tui.ui.app import create_app
from abc_tui.ui.money import show_money
from abc_tui.ui.screens.datacard import DataCardScreen
from abc_tui.ui.screens.forums import ForumsScreen

SIZE = (80, 24)


def test_one_money_rule() -> None:
    assert show_money(39_461_100) == "394,611.00" and show_money(300_000) == "3,000.00"
    assert show_money(125_050) == "1,250.50" and show_money(-5) == "-0.05" and show_money(None) == ""
    assert show_money(125_050, whole=True) == "1,251" and show_money(-150, whole=True) == "-2"
    assert show_money(23_649_200, whole=True) == "236,492"


async def test_f10_opens_the_card_of_the_highlighted_forum(office) -> None:
    """Bug 4: F10 on the forum list opened หมู่ 1's card whatever forum was highlighted."""
    v1, v2 = office.villages
    forums.create_forum(forums.ForumForm("village", v1, "10/1/2567", "เวทีหมู่หนึ่ง", "", ""))
    f2 = forums.create_forum(forums.ForumForm("village", v2, "20/3/2567", "เวทีหมู่สอง", "", ""))
    app = create_app(lang="th", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, ForumsScreen)
        table = app.screen.query_one("#forums", DataTable)
        assert app.screen.row_ids[0] == f2.id  # newest first
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, DataCardScreen)
        assert app.screen.query_one("#card-village", Select).value == v2
        assert app.screen.card is not None and app.screen.card.last == Month(2024, 3)
        await pilot.press("escape", "down", "f10")
        await pilot.pause()
        assert table.cursor_row == 1
        assert app.screen.query_one("#card-village", Select).value == v1
