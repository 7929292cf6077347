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


# ---------------------------------------------------------------- bug 7: stray Thai marks


def stray_marks(app) -> list[tuple[int, int, str]]:
    """Pieces of the screen (as the terminal gets them on a partial update) that start with a Thai
    mark: the terminal puts that mark on the cell left of the piece, where it stays."""
    from abc_tui.ui.cells import zero_width

    compositor = app.screen._compositor
    found = []
    for y, line in enumerate(compositor._render_chops(compositor.size.region, lambda y: True)):
        for x, strip in line.items():
            text = "".join(segment.text for segment in strip or ())
            if x > 0 and text and zero_width(text[0]):
                found.append((y, x, text[:12]))
    return found


async def test_notes_typed_past_the_width_leave_no_stray_marks(office) -> None:
    from tests.ui.keys import type_text

    app = create_app(lang="th", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "f2")
        for _ in range(8):
            if app.focused is not None and app.focused.id == "f-notes":
                break
            await pilot.press("tab")
        assert app.focused.id == "f-notes"
        notes = app.focused
        seen = []
        for word in ["ที่นี่ดีมาก", "น้ำใจไม่ตรี", "ผู้ใหญ่บ้านพูดว่า", "ปีนี้ข้าวดี"] * 4:
            await type_text(pilot, word + " ")
            seen += stray_marks(app)
        assert notes.scroll_offset.x > 0  # typed past the field's width
        for _ in range(30):
            await pilot.press("backspace")
            seen += stray_marks(app)
        assert seen == []


async def test_a_table_scrolled_sideways_leaves_no_stray_marks(office) -> None:
    """The agency totals table after scrolling: a row cut at the left edge kept the marks of the
    letter scrolled out of view."""
    from abc_tui.store import plan

    f = forums.create_forum(forums.ForumForm("village", office.villages[0], "10/1/2567", "เวที", "", ""))
    agency = "ผู้ว่าราชการจังหวัดที่นี่"
    for i in range(30):
        plan.propose(
            f.id,
            plan.PlanForm(
                title=f"ผู้ใหญ่บ้านที่นี่ดีมากน้ำใจไม่ตรี {i}", actor="agency", agency=f"{agency} {i}",
                fiscal_year="2567", budget_requested="1,000",
            ),
        )
    app = create_app(lang="th", user="officer")
    async with app.run_test(size=(60, 24)) as pilot:  # narrow: the tables scroll sideways
        await pilot.press("3", "f9", "f6")
        await pilot.pause()
        seen = []
        tables = [t for t in app.screen.query(DataTable) if t.max_scroll_x > 0]
        assert tables, [(t.id, t.virtual_size, t.size) for t in app.screen.query(DataTable)]
        for table in tables:
            for x in range(0, 40):
                table.scroll_to(x=x, animate=False, immediate=True)
                await pilot.pause()
                seen += stray_marks(app)
        assert seen == []
