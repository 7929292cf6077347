"""Issue 14, the list screens: work they did twice or for nothing (``python -m bench --only household``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Select
from textual.widgets import _data_table as data_table_module

from abc_tui.ui.app import create_app
from abc_tui.ui.screens import households as hh_screen
from abc_tui.ui.widgets.paged_table import Col, PagedTable
from tests.ui.wait import settle


async def test_household_list_is_read_once_when_it_opens_and_again_for_another_village(office, monkeypatch):
    reads: list[str | None] = []
    search = hh_screen.hh_store.search

    def counted(village, *args, **kwargs):
        reads.append(village)
        return search(village, *args, **kwargs)

    monkeypatch.setattr(hh_screen.hh_store, "search", counted)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, hh_screen.HouseholdsScreen)
        # Once: the Select's own Changed as it mounts used to read (and draw) the same page again.
        assert reads == [office.villages[0]]
        assert len(screen.row_ids) == 3 and screen.total == 3
        screen.query_one("#village", Select).value = office.villages[1]  # another village: read again
        await settle(pilot)
        assert reads == [office.villages[0], office.villages[1]]
        assert len(screen.row_ids) == 2
        screen.query_one("#village", Select).value = hh_screen.ALL
        await settle(pilot)
        assert reads == [office.villages[0], office.villages[1], None]
        assert len(screen.row_ids) == 5
        screen.query_one("#village", Select).value = office.villages[0]  # and back to the first
        await settle(pilot)
        assert reads[-1] == office.villages[0] and len(screen.row_ids) == 3


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield PagedTable(id="t")


async def test_paged_table_does_not_measure_the_cells_it_cut_to_their_column(monkeypatch):
    measured: list[object] = []
    measure = data_table_module.measure

    def counted(console, renderable, *args, **kwargs):
        measured.append(renderable)
        return measure(console, renderable, *args, **kwargs)

    monkeypatch.setattr(data_table_module, "measure", counted)
    app = _One()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PagedTable)
        columns = [Col("code", "Code"), Col("name", "Name", flex=True), Col("n", "N", justify="right")]
        rows = [(i, (f"{i:04}", Text("นางสมศรี คำแสน " * (i % 9)), str(i))) for i in range(100)]
        table.show(columns, rows, keep_id=42)
        await pilot.pause()
        await pilot.pause()
        headings = {"Code", "Name", "N"}  # add_column measures its heading: that stays
        assert [
            str(r) for r in measured if str(r) not in headings
        ] == []  # before: 300 cells, no width changed
        measured.clear()
        assert table.row_count == 100 and table.selected_id() == 42
        widths = [c.get_render_width(table) for c in table.ordered_columns]
        assert sum(widths) == table.available_width()  # the flex column takes what is left
        assert table.virtual_size.height == 101  # the rows and the heading: scrolling still reaches the end
        # A row added directly (not cut by show) is still measured and widens its column.
        table.add_row("0000000000000", Text("x"), "1", key="extra")
        await pilot.pause()
        await pilot.pause()
        assert len(measured) == 3
        assert table.ordered_columns[0].content_width == 13


def _count_calls(monkeypatch, module, name: str) -> list[tuple]:
    calls: list[tuple] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


async def test_forum_list_plan_board_and_forum_read_once_when_they_open_and_again_when_back_on_top(
    office, monkeypatch
):
    from abc_tui.store import forums, plan
    from abc_tui.ui.screens import forum_detail as detail_screen
    from abc_tui.ui.screens import forums as forums_screen
    from abc_tui.ui.screens import plan_board as plan_screen
    from abc_tui.ui.screens.plan_board import PlanBoardScreen

    f = forums.create_forum(forums.ForumForm("village", office.villages[0], "10/1/2567", "เวที", "", ""))
    plan.propose(f.id, plan.PlanForm(title="ถนน", actor="agency", agency="อำเภอ", fiscal_year="2567"))
    listed = _count_calls(monkeypatch, forums_screen.store, "list_forums")
    boards = _count_calls(monkeypatch, plan_screen.store, "items")
    opened = _count_calls(monkeypatch, detail_screen.store, "totals")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")  # the forum list: its area Select and first showing used to read it twice more
        await settle(pilot)
        assert isinstance(app.screen, forums_screen.ForumsScreen)
        assert len(listed) == 1 and app.screen.row_ids == [f.id]
        await pilot.press("f9")  # the plan board: five Selects and its first showing read it 7 times
        await settle(pilot)
        assert isinstance(app.screen, PlanBoardScreen)
        assert len(boards) == 1 and len(app.screen.row_ids) == 1
        await pilot.press("escape")  # back on top: the forum list reads again (counts may have changed)
        await settle(pilot)
        assert isinstance(app.screen, forums_screen.ForumsScreen)
        assert len(listed) == 2
        await pilot.press("f5")  # the forum: read once (was twice)
        await settle(pilot)
        assert isinstance(app.screen, detail_screen.ForumScreen)
        assert len(opened) == 1
        await pilot.press("f9")  # its plan board, then back: the forum reads again
        await settle(pilot)
        assert isinstance(app.screen, PlanBoardScreen) and len(boards) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, detail_screen.ForumScreen) and len(opened) == 2


async def test_data_card_is_read_once_when_it_opens_and_again_for_another_village(office, monkeypatch):
    from abc_tui.ui.screens import datacard as card_screen

    cards = _count_calls(monkeypatch, card_screen.store, "data_card")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(card_screen.DataCardScreen(office.villages[0]))
        await settle(pilot)
        assert [c[0] for c in cards] == [office.villages[0]]  # was twice (the village Select's Changed)
        app.screen.query_one("#card-village", Select).value = office.villages[1]
        await settle(pilot)
        assert [c[0] for c in cards] == [office.villages[0], office.villages[1]]
        assert app.screen.card is not None and app.screen.card.village_code == office.villages[1]


async def test_the_start_up_objects_are_frozen_out_of_the_collector_once_the_first_screen_is_drawn(
    office, monkeypatch
):
    import gc

    frozen: list[int] = []
    monkeypatch.setattr(gc, "get_freeze_count", lambda: len(frozen))
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert frozen == [1]
    app = create_app(lang="th")  # a second app in the same process (tests): not again
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert frozen == [1]
