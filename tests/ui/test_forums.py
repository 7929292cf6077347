"""Pilot: a facilitator logs a forum from the keyboard, ticks attendance by name, counts
walk-ins and officials, adds a finding and two proposals; an officer moves a plan item to
budgeted and sees the plan board's totals change. Everything is checked in the database."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Static

from abc_tui.domain.thai import format_date_be
from abc_tui.store import forums, plan
from abc_tui.store import households as hh
from abc_tui.store.models import Audit, Forum, ForumAttendance, PlanItem, PlanStatusChange
from abc_tui.ui.app import ConfirmScreen, create_app
from abc_tui.ui.screens.forum_attendance import AttendanceScreen, OfficialsScreen
from abc_tui.ui.screens.forum_detail import ForumScreen
from abc_tui.ui.screens.forum_form import ForumFormScreen, PlanFormScreen
from abc_tui.ui.screens.forums import ForumsScreen
from abc_tui.ui.screens.plan_board import PlanBoardScreen
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.keys import type_text

SIZE = (80, 24)


def cells(table: DataTable, key: str) -> list[str]:
    return [str(c) for c in table.get_row(key)]


def error_text(screen) -> str:
    return str(screen.query_one("#form-error", Static).render())


async def test_log_forum_attendance_findings_proposals_and_plan_board(office) -> None:
    a, b = office.households[:2]
    wife = hh.add_member(a.id, "นางบัวผัน ใจดี", "ญ", "2515")
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, ForumsScreen)

        # -- the forum session: village forum in village 1, date typed in B.E.
        await pilot.press("f2")
        assert isinstance(app.screen, ForumFormScreen)
        # level as offered; area: none chosen yet, so Enter opens the list: village 1, Enter moves on
        await pilot.press("tab", "enter", "down", "enter", "enter")
        bad_day = dt.date.today() + dt.timedelta(days=30)
        await type_text(pilot, format_date_be(bad_day) + "\n")
        assert isinstance(app.screen, ForumFormScreen)  # refused at once: more than a week ahead
        assert "อนาคต" in error_text(app.screen)
        assert app.focused is app.screen.query_one("#f-date")  # the cursor stays on it
        await pilot.press("ctrl+u")
        await type_text(pilot, "15/3/2567\nเวทีอ่านบัญชีเดือนนี้\nนางสาวแก้ว\n")
        assert error_text(app.screen) == ""  # fixed: the message is gone
        assert Forum.select().count() == 0
        await pilot.press("f10")
        await pilot.pause()
        forum = Forum.get()
        assert (forum.level, forum.area_code, forum.date) == ("village", "54010101", dt.date(2024, 3, 15))
        assert forum.topic == "เวทีอ่านบัญชีเดือนนี้" and forum.facilitators == "นางสาวแก้ว"
        assert isinstance(app.screen, ForumScreen)  # a new forum opens at once

        # -- attendance by name: search as you type, Space ticks
        await pilot.press("f4")
        assert isinstance(app.screen, AttendanceScreen)
        await type_text(pilot, "ใจดี\n")  # Enter goes to the list
        await pilot.press("space", "down", "space")
        head_a = hh.members(a.id)[0]
        present = {r.member_id for r in ForumAttendance.select().where(ForumAttendance.forum == forum.id)}
        assert present == {head_a.id, wife.id}
        await type_text(pilot, "มาลี")  # typed in the list: a new search
        assert app.screen.query_one("#att-search").value == "มาลี"
        await pilot.press("enter", "space", "space", "space")  # on, off, on: still one head
        assert forums.totals(forum.id).named == 3
        assert ForumAttendance.select().where(ForumAttendance.forum == forum.id).count() == 3

        # -- walk-in counts: a negative count is refused and nothing is saved
        await pilot.press("f6")
        await type_text(pilot, "5\n3\n-1\n")
        assert "ติดลบ" in str(app.screen.query_one("#att-error", Static).render())
        assert Forum.get_by_id(forum.id).walkin_women == 0
        await type_text(pilot, "2\n")  # the youth field kept the focus, its text selected
        f = Forum.get_by_id(forum.id)
        assert (f.walkin_women, f.walkin_men, f.walkin_youth) == (5, 3, 2)
        assert str(app.screen.query_one("#att-error", Static).render()) == ""

        # -- officials by agency
        await pilot.press("f4")
        assert isinstance(app.screen, OfficialsScreen)
        await type_text(pilot, "พัฒนาชุมชนอำเภอ\n2\nอบต.\n1\n")
        await pilot.press("escape")
        totals = forums.totals(forum.id)
        assert (totals.named, totals.households_present, totals.walkins, totals.officials) == (3, 2, 10, 3)
        assert totals.total == 16
        assert "รวม 16 คน" in str(app.screen.query_one("#att-totals", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, ForumScreen)
        assert "ผู้เข้าร่วม 16 คน" in str(app.screen.query_one("#forum-totals", Static).render())

        # -- a finding
        await pilot.press("f2")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "ซื้อหวยมาก\nหวังรวยทางลัด\nหวย 14% ของรายจ่ายหมู่บ้าน\n")
        (finding,) = forums.findings(forum.id)
        assert (finding.problem, finding.cause, finding.evidence) == (
            "ซื้อหวยมาก",
            "หวังรวยทางลัด",
            "หวย 14% ของรายจ่ายหมู่บ้าน",
        )

        # -- proposal 1: refused without an actor, then a group project
        await pilot.press("f3")
        assert isinstance(app.screen, PlanFormScreen)
        await type_text(pilot, "กลุ่มเลี้ยงไก่ไข่\nซื้อไข่จากนอกหมู่บ้าน\n")
        await pilot.press("f10")
        assert "ผู้ดำเนินการ" in error_text(app.screen)
        assert PlanItem.select().count() == 0
        assert app.focused is app.screen.query_one("#f-actor")  # the refused save put the cursor there
        await pilot.press("enter", "down", "down", "enter", "enter")  # actor: (choose) -> household -> group
        await type_text(pilot, "\n\n50,000\n\n")  # no agency, fiscal year as offered, requested, no approval
        group = PlanItem.get(PlanItem.title == "กลุ่มเลี้ยงไก่ไข่")
        fy = plan.default_fiscal_year(dt.date(2024, 3, 15))
        assert (group.actor, group.forum_id, group.fiscal_year_be) == ("group", forum.id, fy)
        assert (group.budget_requested_satang, group.budget_approved_satang, group.status) == (
            5_000_000,
            None,
            "proposed",
        )

        # -- proposal 2: an agency, approved above requested -> asked; Esc = correct, Enter = yes
        await pilot.press("f3")
        await type_text(pilot, "ตรวจดินและปุ๋ยสั่งตัด\nต้นทุนปุ๋ยสูง\n")
        await pilot.press("enter", "down", "down", "down", "down", "enter", "enter")
        await type_text(pilot, "เกษตรอำเภอ\n\n20000\n25000\n")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PlanFormScreen)
        assert "สูงกว่างบที่ขอ" in error_text(app.screen)
        assert PlanItem.select().count() == 1
        await pilot.press("f10")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ForumScreen)
        soil = PlanItem.get(PlanItem.title == "ตรวจดินและปุ๋ยสั่งตัด")
        assert (soil.actor, soil.agency, soil.budget_requested_satang, soil.budget_approved_satang) == (
            "agency",
            "เกษตรอำเภอ",
            2_000_000,
            2_500_000,
        )
        assert app.screen.query_one("#proposals", DataTable).row_count == 2

        # -- the plan board: totals by actor, move the group project to budgeted
        await pilot.press("f9")
        assert isinstance(app.screen, PlanBoardScreen)
        board = app.screen
        totals = board.query_one("#plan-totals", DataTable)
        assert cells(totals, "total-group")[1:4] == ["1", "50,000.00", "0.00"]
        assert cells(totals, "total")[1:4] == ["2", "70,000.00", "25,000.00"]
        await pilot.press("f2")  # proposed -> in local plan
        await pilot.press("f2")  # -> budgeted: asks for the approved budget (the request offered)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-approved").value == "50000"
        assert PlanItem.get_by_id(group.id).status == "in_plan"
        await type_text(pilot, "40000\n")  # the offered amount is selected: typing replaces it
        await pilot.pause()
        assert isinstance(app.screen, PlanBoardScreen)
        assert PlanItem.get_by_id(group.id).status == "budgeted"
        assert PlanItem.get_by_id(group.id).budget_approved_satang == 4_000_000
        assert [c.status for c in plan.history(group.id)] == ["proposed", "in_plan", "budgeted"]
        assert Audit.select().where((Audit.row_uuid == group.uuid) & (Audit.action == "status")).count() == 2
        assert cells(board.query_one("#plan-items", DataTable), str(group.id))[-1] == "ได้งบ"
        assert cells(totals, "total-group")[1:4] == ["1", "50,000.00", "40,000.00"]
        assert cells(totals, "total")[1:5] == ["2", "70,000.00", "65,000.00", "5,000.00"]

        # only budgeted items: one item, 50,000 asked, 40,000 approved
        await pilot.press("f5", "f5", "enter", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert board.current_filter().status == "budgeted"
        assert cells(totals, "total")[1:4] == ["1", "50,000.00", "40,000.00"]
        assert board.query_one("#plan-items", DataTable).row_count == 1

        # by agency
        await pilot.press("f6")
        assert cells(totals, "total-")[0] == "(ไม่มีหน่วยงาน)"

    assert PlanStatusChange.select().where(PlanStatusChange.plan_item == soil.id).count() == 1


async def test_forum_list_opens_and_deletes_forums(office) -> None:
    f1 = forums.create_forum(
        forums.ForumForm("village", office.villages[0], "10/1/2567", "เวทีเดือนมกรา", "", "")
    )
    forums.create_forum(forums.ForumForm("tambon", office.tambon, "20/1/2567", "เวทีตำบล", "", ""))
    plan.propose(f1.id, plan.PlanForm(title="ลดหวย", actor="household", fiscal_year="2567"))
    app = create_app(lang="en", user="officer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        table = app.screen.query_one("#forums", DataTable)
        assert table.row_count == 2
        assert cells(table, str(f1.id))[1:3] == ["M.1 บ้านนาน้อย", "เวทีเดือนมกรา"]
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ForumScreen) and app.screen.forum_id == f1.id
        await pilot.press("escape", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep it
        assert Forum.select().count() == 2
        await pilot.press("delete", "enter")
        await pilot.pause()
        assert Forum.select().count() == 1 and table.row_count == 1
        assert PlanItem.get().forum_id is None  # the plan item stays
