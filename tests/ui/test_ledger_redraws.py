"""Fewer redraws per key on the ledger screen (issue 14: ledger code per line), drawing the same.

* A focus move (four a line: day, code, item, amount) no longer repaints the whole screen
  (Textual's ``Screen.focused`` does by default): only the two fields redraw, and what the
  terminal shows is exactly what a whole-screen repaint draws.
* The running totals redraw after every saved line without a new layout unless their number
  of rows changes; the figures shown are the new ones.
"""

from __future__ import annotations

from abc_tui.domain.thai import Month
from abc_tui.ui.app import create_app
from tests.ui.test_ledger import db_lines, open_page, sample_office, settle, start, type_text  # noqa: F401
from tests.ui.test_ledger_issue10 import shown_lines


def drawn(app) -> str:
    """Every cell the screen shows, with its style (what a terminal gets)."""
    return app.export_screenshot()


async def test_a_focus_move_redraws_the_fields_not_the_whole_screen(sample_office):  # noqa: F811
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/2567")
        await type_text(pilot, "15")  # a complete day: the focus moves to the code by itself
        screen = app.screen
        assert screen.focused.id == "lg-code"
        await pilot.pause()
        code, item = screen.query_one("#lg-code"), screen.query_one("#lg-item")
        screen.set_focus(item)
        assert not screen._repaint_required  # the whole screen is not marked for a repaint
        await pilot.pause()
        after_move = drawn(app)
        assert app.cursor_position.y == item.region.y  # the terminal cursor went to the item field
        screen.refresh()  # a whole-screen repaint draws exactly the same
        await pilot.pause()
        assert drawn(app) == after_move
        screen.set_focus(code)
        await pilot.pause()
        assert drawn(app) != after_move  # and the move back is drawn (the :focus styles changed)


async def test_the_totals_show_every_saved_line(sample_office):  # noqa: F811
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/2567", "", "170")
        rows = shown_lines(app, "lg-totals")
        assert len(rows) == 3 and "Expense 0.00/170.00" in rows[0]
        await type_text(pilot, "15\n31\n120\n")
        rows = shown_lines(app, "lg-totals")
        assert "Expense 120.00/170.00" in rows[0] and "diff -50.00" in rows[0]
        await type_text(pilot, "\n33\n50\n")
        rows = shown_lines(app, "lg-totals")
        assert "Expense 170.00/170.00" in rows[0] and "✓" in rows[0]
        assert len(rows) == 3 and "Cons. 170.00" in rows[1]  # both lines are consumption
    assert db_lines("54010107-60", Month(2024, 6)) == [(15, "31", "", 12000), (15, "33", "", 5000)]
