"""Pilot and rendering tests of the data card, the plan board's status keys, officials, charts."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.console import Console
from textual.widgets import DataTable, Input, Static

from abc_tui.domain.thai import Month
from abc_tui.reports import datacard
from abc_tui.store import forums, plan
from abc_tui.store.models import Audit, Finding, Household, LedgerLine, LedgerPage, PlanItem
from abc_tui.ui.app import ConfirmScreen, create_app
from abc_tui.ui.money import show_money
from abc_tui.ui.screens.datacard import DataCardScreen, render_card
from abc_tui.ui.screens.forum_attendance import AttendanceScreen, OfficialsScreen
from abc_tui.ui.screens.forum_detail import ForumScreen
from abc_tui.ui.screens.plan_board import PlanBoardScreen
from abc_tui.ui.strings import set_lang
from abc_tui.ui.widgets.chart import bar, sparkline
from abc_tui.ui.widgets.form import FormScreen
from abc_tui.ui.widgets.forum_choice import ChoiceScreen
from tests.ui.keys import type_text
from tests.ui.wait import settle

SIZE = (80, 24)


def add_line(h: Household, day: str, code: str, item: str, baht: int) -> None:
    d = dt.date.fromisoformat(day)
    page, _ = LedgerPage.get_or_create(household=h.id, month=d.isoformat()[:7])
    LedgerLine.create(
        page=page.id,
        household=h.id,
        village_code=h.village_code,
        date=d,
        category=code,
        item=item,
        amount_satang=baht * 100,
    )


def small_ledger(office) -> None:
    a, b = office.households[:2]
    add_line(a, "2024-01-05", "11", "ขายข้าว", 10_000)
    add_line(a, "2024-01-12", "43", "หวย", 400)
    add_line(a, "2024-02-15", "21", "ปุ๋ย", 2_000)
    add_line(b, "2024-03-01", "41", "เบียร์", 600)
    add_line(b, "2024-03-02", "31", "ข้าวสาร", 1_000)
    add_line(a, "2024-02-03", "52", "ส่ง ธ.ก.ส.", 5_000)


# ---------------------------------------------------------------- charts


def test_bar_and_sparkline() -> None:
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██"
    assert bar(1, 1000, 4) == "▏"  # a positive value never disappears
    assert bar(0, 10, 4) == bar(3, 0, 4) == ""
    assert bar(20, 10, 3) == "███"  # clipped at the width
    assert sparkline([0, 7, 14]) == "▁▅█"
    assert sparkline([5, 5]) == "██" and sparkline([0, 0]) == "▁▁"
    assert sparkline([10, 11, 12], minimum=10) == "▁▅█"
    assert sparkline([]) == ""
    assert show_money(125_000, whole=True) == "1,250" and show_money(125_050, whole=True) == "1,251"


def test_card_fits_80_columns(office) -> None:
    small_ledger(office)
    card = datacard.data_card("54010101", Month(2024, 1), Month(2024, 3))
    for lang in ("th", "en"):
        set_lang(lang)
        try:
            console = Console(width=78, record=True, color_system=None)
            console.print(render_card(card))
        finally:
            set_lang("th")
        lines = console.export_text().splitlines()
        assert all(cell_len(line) <= 78 for line in lines)
        assert len(lines) <= 20  # with the toolbar, header and footer: 24 rows
    text = "\n".join(lines)
    assert "10,000" in text and "4,000" in text  # income, expense (2,000 + 400 + 600 + 1,000)
    assert "25.0% of spending" in text  # avoidable 1,000 of 4,000


# ---------------------------------------------------------------- data card screen


async def test_data_card_period_and_finding_from_a_figure(office) -> None:
    small_ledger(office)
    f = forums.create_forum(forums.ForumForm("village", "54010101", "20/3/2567", "อ่านบัญชี", "", ""))
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ForumScreen(f.id))
        await pilot.pause()
        await pilot.press("f10")
        await settle(pilot)  # the card loads in a worker
        screen = app.screen
        assert isinstance(screen, DataCardScreen)
        assert (screen.card.first, screen.card.last) == (Month(2023, 10), Month(2024, 3))
        await pilot.press("f5")
        await type_text(pilot, "2/67\n3/2567\n")
        await settle(pilot)
        assert (screen.card.first, screen.card.last) == (Month(2024, 2), Month(2024, 3))
        assert screen.card.expense == 360_000 and screen.card.income == 0
        await pilot.press("f7")  # the two months before
        await settle(pilot)
        assert (screen.card.first, screen.card.last) == (Month(2023, 12), Month(2024, 1))
        assert screen.query_one("#card-from", Input).value == "12/2566"
        await pilot.press("f5")
        await type_text(pilot, "4/67\n1/67\n")  # backwards: refused in place, the old card stays
        await settle(pilot)
        assert "ก่อน" in str(screen.query_one("#card-error", Static).render())
        assert screen.card.last == Month(2024, 1)
        await pilot.press("f5")
        await type_text(pilot, "1/67\n3/67\n")
        await settle(pilot)
        assert screen.card.avoidable_share_pct == 25.0
        await pilot.press("f2")  # use a figure as a finding of the forum
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "ใช้จ่ายฟุ่มเฟือย\nเหล้า หวย\n\n")
        assert isinstance(app.screen, DataCardScreen)
        (finding,) = Finding.select()
        assert (finding.forum_id, finding.problem) == (f.id, "ใช้จ่ายฟุ่มเฟือย")
        assert finding.evidence == "ค่าใช้จ่ายที่ลดได้ 25.0% ของรายจ่ายหมู่บ้าน"
        await pilot.press("escape")
        assert isinstance(app.screen, ForumScreen)
        assert app.screen.query_one("#findings", DataTable).row_count == 1


# ---------------------------------------------------------------- plan board keys


async def test_plan_board_move_drop_history_delete(office) -> None:
    v1 = office.villages[0]
    done = plan.add_item(
        v1, plan.PlanForm(title="ถนน", actor="lao", fiscal_year="2567", budget_requested="100")
    )
    for _ in range(3):
        plan.advance(done.id)
    item = plan.add_item(
        v1, plan.PlanForm(title="ปุ๋ยหมัก", actor="group", fiscal_year="2568", budget_requested="100")
    )
    app = create_app(lang="en", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PlanBoardScreen(area=v1))
        await pilot.pause()
        board = app.screen
        table = board.query_one("#plan-items", DataTable)
        assert board.row_ids == [item.id, done.id]  # newest fiscal year first
        await pilot.press("f3")  # set status: a list of the allowed moves
        assert isinstance(app.screen, ChoiceScreen)
        assert [o.id for o in app.screen.query_one("#choices").options] == ["in_plan", "dropped"]
        await pilot.press("enter")
        await pilot.pause()
        assert plan.get_item(item.id).status == "in_plan"
        await pilot.press("f4")  # drop: asked first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert plan.get_item(item.id).status == "in_plan"
        await pilot.press("f4", "enter")
        await pilot.pause()
        assert plan.get_item(item.id).status == "dropped"
        assert board.row_ids == [done.id]  # the default view hides dropped items
        await pilot.press("f2")  # done cannot go further: refused, nothing changes
        assert plan.get_item(done.id).status == "done"
        await pilot.press("f9")
        assert isinstance(app.screen, ChoiceScreen)
        assert len(app.screen.query_one("#choices").options) == 4
        await pilot.press("escape", "delete", "enter")
        await pilot.pause()
        assert PlanItem.select().count() == 1 and table.row_count == 0
        assert Audit.select().where((Audit.row_uuid == done.uuid) & (Audit.action == "delete")).count() == 1


# ---------------------------------------------------------------- officials


async def test_officials_replace_and_remove(office) -> None:
    f = forums.create_forum(forums.ForumForm("village", "54010101", "20/3/2567", "อ่านบัญชี", "", ""))
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(AttendanceScreen(f.id))
        await pilot.pause()
        await pilot.press("f4")
        assert isinstance(app.screen, OfficialsScreen)
        await type_text(pilot, "รพ.สต.\n2\nรพ.สต.\n3\nอบต.\n๑๐,๐๐๑\n")
        assert "10,000" in str(app.screen.query_one("#off-error", Static).render())
        assert [(o.agency, o.count) for o in forums.officials(f.id)] == [("รพ.สต.", 3)]
        await pilot.press("ctrl+u")  # clear the bad count; the agency is still typed
        await type_text(pilot, "1\n")
        assert [(o.agency, o.count) for o in forums.officials(f.id)] == [("รพ.สต.", 3), ("อบต.", 1)]
        await pilot.press("tab", "tab", "delete")  # to the list; remove the first row
        assert [o.agency for o in forums.officials(f.id)] == ["อบต."]
        await pilot.press("escape")
        assert "อบต. 1" in str(app.screen.query_one("#att-officials", Static).render())


async def test_f12_on_the_open_status_list_switches_its_language(office) -> None:
    """F3's list of moves was left in the language it opened in (its title and every choice)."""
    v1 = office.villages[0]
    plan.add_item(v1, plan.PlanForm(title="ปุ๋ยหมัก", actor="group", fiscal_year="2568", budget_requested="100"))
    app = create_app(lang="th", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PlanBoardScreen(area=v1))
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        choices = app.screen.query_one("#choices")
        thai = [str(o.prompt) for o in choices.options]
        await pilot.press("down", "f12")
        await pilot.pause()
        await pilot.pause()
        english = [str(o.prompt) for o in choices.options]
        assert english != thai and not any("\u0e00" <= ch <= "\u0e7f" for text in english for ch in text), (
            english
        )
        assert [o.id for o in choices.options] == ["in_plan", "dropped"]
        assert choices.highlighted == 1  # the same choice highlighted
        title = str(app.screen.query_one("#choice-box > .title").render())
        assert title.startswith("Set status") or "ปุ๋ยหมัก" in title and "เปลี่ยนสถานะ" not in title, title
        await pilot.press("enter")  # chosen in English: the same move
        await pilot.pause()
        assert plan.PlanItem.select().first().status == "dropped"
