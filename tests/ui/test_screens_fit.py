"""Issue 10 (layout and consistency): each test types the keys a clerk would and fails before its fix."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from abc_tui.domain.thai import Month
from abc_tui.store import forums
from abc_tui.ui.app import create_app
from abc_tui.ui.money import show_money
from abc_tui.ui.screens.datacard import DataCardScreen
from abc_tui.ui.screens.forums import ForumsScreen
from tests.unit.test_reports_fixture import books_fixture  # noqa: F401

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
                title=f"ผู้ใหญ่บ้านที่นี่ดีมากน้ำใจไม่ตรี {i}",
                actor="agency",
                agency=f"{agency} {i}",
                fiscal_year="2567",
                budget_requested="1,000",
            ),
        )
    app = create_app(lang="th", user="officer")
    async with app.run_test(size=(40, 24)) as pilot:  # narrow: the tables scroll sideways
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


# ---------------------------------------------------------------- forum list, plan board, proposals

LONG_TOPIC = "อ่านบัญชีครัวเรือนเดือนมีนาคมกับเรื่องหนี้ ธ.ก.ส."  # 44 cells
LONG_TITLE = "ส่งเสริมแปลงผักรวมของกลุ่มแม่บ้าน"  # 29 cells


def shown(table: DataTable, key: str, column: int) -> str:
    return str(table.get_row(key)[column])


async def test_forum_list_topics_use_the_width_there_is(office) -> None:
    """The forum list cut topics at 20 columns while the line stayed empty."""
    from rich.cells import cell_len

    f = forums.create_forum(forums.ForumForm("village", office.villages[0], "10/1/2567", LONG_TOPIC, "", ""))
    for size, whole in (((80, 24), False), ((130, 30), True)):
        app = create_app(lang="th", user="officer")
        async with app.run_test(size=size) as pilot:
            await pilot.press("3")
            table = app.screen.query_one("#forums", DataTable)
            topic = shown(table, str(f.id), 2)
            assert cell_len(topic) > 20
            assert (topic == LONG_TOPIC) if whole else topic.endswith("…")
            widths = sum(c.get_render_width(table) for c in table.columns.values())
            assert widths <= table.size.width  # the row fits: nothing scrolls sideways
            await pilot.press("f12")  # English: the columns fit again
            await pilot.pause()
            widths = sum(c.get_render_width(table) for c in table.columns.values())
            assert widths <= table.size.width and str(table.columns["topic"].label) == "Topic"


async def plan_office(office):
    from abc_tui.store import plan

    f = forums.create_forum(forums.ForumForm("village", office.villages[0], "10/1/2567", "เวที", "", ""))
    item = plan.propose(
        f.id,
        plan.PlanForm(
            title=LONG_TITLE,
            actor="agency",
            agency="ปศุสัตว์อำเภอ",
            fiscal_year="2567",
            budget_requested="1,234,567.50",
        ),
    )
    return f, item


async def test_plan_board_fits_money_and_titles_and_says_moves_on_the_status_line(office) -> None:
    from textual.widgets import Static

    from abc_tui.store.models import PlanItem
    from abc_tui.ui.widgets.form import FormScreen

    _f, item = await plan_office(office)
    app = create_app(lang="th", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "f9")
        board = app.screen
        items = board.query_one("#plan-items", DataTable)
        from rich.cells import cell_len

        assert cell_len(shown(items, str(item.id), 0)) > 20  # not cut at 18 while space is left
        assert shown(items, str(item.id), 4) == "1,234,567.50"  # the money rule, never "1,234,567.5"
        totals = board.query_one("#plan-totals", DataTable)
        assert shown(totals, "total", 2) == "1,234,567.50"
        for table in (items, totals):
            assert sum(c.get_render_width(table) for c in table.columns.values()) <= table.size.width
        await pilot.press("f2")  # -> in local plan: said on the status line, no toast over the totals
        await pilot.pause()
        assert PlanItem.get_by_id(item.id).status == "in_plan"
        assert "เข้าแผนพัฒนาท้องถิ่น" in str(board.query_one("#status", Static).render())
        assert not app._notifications
        await pilot.press("f3", "enter")  # set status: budgeted asks for the approved amount
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-approved").value == "1234567.50"
        assert PlanItem.get_by_id(item.id).status == "in_plan"
        await pilot.press("escape")  # not approved after all: nothing moves
        await pilot.pause()
        assert PlanItem.get_by_id(item.id).status == "in_plan"
        await pilot.press("f2")
        assert isinstance(app.screen, FormScreen)
        from tests.ui.keys import type_text

        await type_text(pilot, "1,000,000\n")
        await pilot.pause()
        saved = PlanItem.get_by_id(item.id)
        assert (saved.status, saved.budget_approved_satang) == ("budgeted", 100_000_000)
        assert shown(items, str(item.id), 5) == "1,000,000.00"


async def test_forum_proposals_show_the_agency_and_the_approved_budget(office) -> None:
    from abc_tui.store import plan
    from abc_tui.ui.screens.forum_detail import ForumScreen

    f, item = await plan_office(office)
    plan.advance(item.id)
    plan.budget(item.id, "900,000")
    app = create_app(lang="th", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        assert isinstance(app.screen, ForumScreen) and app.screen.forum_id == f.id
        table = app.screen.query_one("#proposals", DataTable)
        row = [str(c) for c in table.get_row(str(item.id))]
        assert row[0].startswith(LONG_TITLE[:18]) and row[1] == "ปศุสัตว์อำเภอ"
        assert row[3:5] == ["1,234,567.50", "900,000.00"]


# ---------------------------------------------------------------- area setup


async def test_area_setup_village_boxes_are_on_screen_and_one_line_sums_up(office) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from abc_tui.store import areas
    from abc_tui.ui.screens.setup import SetupScreen
    from tests.ui.keys import type_text

    app = create_app(lang="th", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert isinstance(app.screen, SetupScreen)
        screen_region = app.screen.region
        for wid in ("#v-moo", "#v-name", "#a-tambon_name"):
            box = app.screen.query_one(wid)
            assert box.region.height == 1 and screen_region.contains_region(box.region), wid
            assert box.region.bottom <= screen_region.bottom - 1  # above the footer
        assert app.screen.query_one(VerticalScroll).scroll_y == 0
        await pilot.press("f2")
        for moo in range(3, 15):  # twelve villages typed one after another
            await type_text(pilot, f"{moo}\nบ้านที่ {moo}\n")
        await pilot.pause()
        assert len(areas.villages()) == 14
        assert not app._notifications  # no pile of twelve toasts
        note = str(app.screen.query_one("#village-note", Static).render())
        assert "12" in note and "บ้านที่ 14" in note


# ---------------------------------------------------------------- reports screen


async def test_reports_screen_words_not_keys_and_lists_on_one_line(books, monkeypatch, tmp_path) -> None:
    from textual.widgets._select import SelectOverlay

    from abc_tui.reports import queries
    from abc_tui.ui.screens.reports_indicators import IndicatorsScreen
    from abc_tui.ui.widgets.report_table import ReportTable
    from tests.ui.test_reports import choose_report, open_reports, type_period
    from tests.ui.wait import settle

    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        for select_key, select_id in (("f2", "#rep-report"), ("f4", "#rep-area")):
            await pilot.press(select_key, "enter")  # open the list: one line per choice, none wrapped
            await pilot.pause()
            overlay = screen.query_one(select_id).query_one(SelectOverlay)
            assert overlay.virtual_size.height == overlay.option_count, select_id
            await pilot.press("escape")
        assert app.screen is screen
        await choose_report(pilot, 3)  # village-month -> debt-capacity
        assert screen.report == "debt-capacity"
        table = screen.query_one("#rep-table", ReportTable)
        heads = [str(c.label) for c in table.columns.values()]
        assert "ชื่อกลุ่มอาชีพ" not in heads  # the Thai name is the first column now
        groups = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert groups and "rice" not in groups and "ทำนา" in groups
        await choose_report(pilot, -5)  # -> ledger lines
        assert screen.report == "ledger"
        heads = [str(c.label) for c in table.columns.values()]
        assert not [h for h in heads if "UUID" in h or "รหัสรายการ" in h or "ค.ศ." in h]
        assert "วันที่ (พ.ศ.)" in heads
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        main = app.screen.query_one("#ind-table")
        names = [str(main.get_row_at(i)[1]) for i in range(main.row_count)]
        assert names[0] == queries.INDICATORS[0].th  # not cut at 20 columns
        await pilot.press("down")
        await pilot.pause()
        assert queries.INDICATORS[1].th in str(app.screen.query_one("#ind-name").render())


# ---------------------------------------------------------------- exports


async def test_export_folder_is_chosen_and_files_are_named_in_buddhist_era(
    books, monkeypatch, tmp_path
) -> None:
    from textual.widgets import Static

    from abc_tui.reports import export
    from abc_tui.ui.widgets.form import FormScreen
    from tests.ui.keys import type_text
    from tests.ui.test_reports import open_reports, type_period
    from tests.ui.wait import settle

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "แฟลชไดรฟ์" / "รายงานส่งอำเภอ ปี 2567" / "ไตรมาสที่ 2 มกราคม ถึง มีนาคม"
    app = create_app(lang="th")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reports(pilot)
        await type_period(pilot, "1/67", "3/67")
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, FormScreen)
        assert str((tmp_path / "exports").resolve()) in app.screen.form_title  # the folder in use, in full
        await type_text(pilot, f"{folder}\n")
        await pilot.pause()
        assert app.screen is screen
        assert export.export_dir() == folder.resolve()
        await pilot.press("f9")
        await settle(pilot)
        written = folder / "540101-village-month-2567-01-2567-03.csv"  # B.E. months, as on the screens
        assert written.exists()
        status = screen.query_one("#rep-status", Static)
        text = str(status.render())
        assert str(written.resolve()) in text  # the whole path
        assert status.size.height >= 2  # wrapped over lines, not cut at the edge


# ---------------------------------------------------------------- every list fits 80×24 in both languages


def tables_fit(app) -> list[str]:
    """The tables of the screen whose columns are wider than the table (they would scroll sideways)."""
    from abc_tui.ui.widgets.report_table import ReportTable

    wide = []
    for table in app.screen.query(DataTable):
        if isinstance(table, ReportTable) or not table.display or not table.columns:
            continue
        if sum(c.get_render_width(table) for c in table.columns.values()) > table.size.width:
            wide.append(f"{type(app.screen).__name__}#{table.id}")
    return wide


async def test_lists_fit_80x24_in_both_languages(office) -> None:
    from abc_tui.store import households as hh
    from abc_tui.store import plan

    long_name = "นางสาวประภาพรรณ ศรีสุวรรณวงศ์ตระกูลใหญ่ยิ่งยาวมาก"
    hh.add_household(
        office.villages[0],
        hh.HouseholdForm(
            house_no="99/999",
            head_name=long_name,
            members_count="3",
            occupation="business_farm",
            debt_at_joining="0",
            joined_on="1/10/2566",
        ),
    )
    f = forums.create_forum(
        forums.ForumForm("village", office.villages[0], "10/1/2567", LONG_TOPIC * 2, "", "")
    )
    plan.propose(
        f.id,
        plan.PlanForm(
            title=LONG_TITLE * 2,
            actor="agency",
            agency="สำนักงานเกษตรและสหกรณ์จังหวัดแพร่",
            fiscal_year="2567",
            budget_requested="12,345,678.90",
        ),
    )
    for lang in ("th", "en"):
        app = create_app(lang=lang, user="officer")
        wide: list[str] = []
        seen: list[str] = []
        async with app.run_test(size=SIZE) as pilot:
            for keys in (
                ("2",),
                ("escape", "3"),
                ("f9",),
                ("f6",),
                ("escape", "f4"),
                ("escape", "enter"),
                ("escape", "escape", "5"),
            ):
                await pilot.press(*keys)
                await pilot.pause()
                wide += tables_fit(app)
                seen.append(type(app.screen).__name__)
        assert seen == [
            "HouseholdsScreen",
            "ForumsScreen",
            "PlanBoardScreen",
            "PlanBoardScreen",
            "AttendanceScreen",
            "ForumScreen",
            "SetupScreen",
        ]
        assert wide == [], lang
