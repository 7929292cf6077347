"""Moving a forum to another area (issue 8): asked first with the count, removals audited,
plan items moved with it, and ``check`` reports plan items left in another area."""

from __future__ import annotations

import json

import pytest

from abc_tui.store import forums, plan
from abc_tui.store.database import check_database
from abc_tui.store.models import Audit, ForumAttendance, Member, PlanItem, db
from tests.unit.test_forums import village1, village_forum  # noqa: F401


@pytest.fixture
def ticked(village1):  # noqa: F811
    """A village-1 forum with every member of village 1 ticked (3 heads, a wife, a son) and 2 proposals."""
    office, _, _ = village1
    f = forums.create_forum(village_forum(office), who="แก้ว")
    for c in forums.candidates(f.id):
        forums.set_present(f.id, c.member_id, True, who="แก้ว")
    for title in ("ลดรายจ่ายหวย", "กลุ่มออมทรัพย์"):
        plan.propose(f.id, plan.PlanForm(title=title, actor="group", fiscal_year="2568"))
    return office, f


def test_the_service_says_beforehand_what_a_move_removes(ticked):
    office, f = ticked
    v1, v2 = office.villages
    assert forums.attendees_outside(f.id, v2) == 5
    assert forums.attendees_outside(f.id, v1) == 0
    assert forums.attendees_outside(f.id, office.tambon) == 0  # up to the tambon: everyone lives there
    assert forums.area_change(f.id, v2) == forums.AreaChange(v1, v2, attendees=5, plan_items=2)
    assert not forums.area_change(f.id, v1).needs_question


def test_an_unconfirmed_move_changes_nothing(ticked):
    office, f = ticked
    audits = Audit.select().count()
    with pytest.raises(forums.AreaChangeNeedsConfirmation) as err:
        forums.update_forum(f.id, village_forum(office, area_code=office.villages[1], topic="ใหม่"))
    assert err.value.change.attendees == 5 and err.value.change.plan_items == 2
    assert "5" in err.value.th and "5 attendees" in err.value.en and "2 plan items" in err.value.en
    assert forums.get_forum(f.id).area_code == office.villages[0] and forums.get_forum(f.id).topic != "ใหม่"
    assert ForumAttendance.select().count() == 5
    assert {i.area_code for i in PlanItem.select()} == {office.villages[0]}
    assert Audit.select().count() == audits


def test_a_confirmed_move_removes_audits_and_moves_the_plan(ticked):
    office, f = ticked
    v1, v2 = office.villages
    change = forums.area_change(f.id, v2)
    forums.update_forum(f.id, village_forum(office, area_code=v2), who="สมปอง", confirm=change)
    assert forums.get_forum(f.id).area_code == v2
    assert ForumAttendance.select().where(ForumAttendance.forum == f.id).count() == 0
    removed = list(
        Audit.select()
        .where((Audit.table == "forum_attendance") & (Audit.action == "delete"))
        .order_by(Audit.id)
    )
    assert len(removed) == 5 and {a.who for a in removed} == {"สมปอง"}
    names = {json.loads(a.before)["name"] for a in removed}
    assert names == {m.name for m in Member.select()} - {"นางสมศรี คำแสน", "นายทองดี อินต๊ะ"}
    assert {json.loads(a.before)["to_area"] for a in removed} == {v2}
    assert {i.area_code for i in PlanItem.select()} == {v2}
    moves = Audit.select().where((Audit.table == "plan_item") & (Audit.action == "update"))
    assert moves.count() == 2 and all(json.loads(a.after)["area_code"] == v2 for a in moves)
    assert check_database().ok


def test_a_stale_confirmation_asks_again(ticked):
    office, f = ticked
    v2 = office.villages[1]
    stale = forums.AreaChange(office.villages[0], v2, attendees=4, plan_items=2)  # one more ticked since
    with pytest.raises(forums.AreaChangeNeedsConfirmation):
        forums.update_forum(f.id, village_forum(office, area_code=v2), confirm=stale)
    assert ForumAttendance.select().count() == 5


def test_moving_up_to_the_tambon_keeps_everyone_and_moves_the_plan(ticked):
    office, f = ticked
    change = forums.area_change(f.id, office.tambon)
    assert change.attendees == 0 and change.plan_items == 2
    forums.update_forum(f.id, village_forum(office, level="tambon", area_code=office.tambon), confirm=change)
    assert ForumAttendance.select().count() == 5
    assert {i.area_code for i in PlanItem.select()} == {office.tambon}


def test_a_move_with_nothing_to_lose_needs_no_question(office):
    f = forums.create_forum(village_forum(office))
    forums.update_forum(f.id, village_forum(office, area_code=office.villages[1]))
    assert forums.get_forum(f.id).area_code == office.villages[1]


def test_check_reports_plan_items_outside_their_forums_area(ticked):
    office, f = ticked
    assert check_database().ok
    with db.atomic():  # as the old update_forum left them: the forum moved, its plan did not
        db.execute_sql("UPDATE forum SET area_code = ? WHERE id = ?", (office.villages[1], f.id))
    result = check_database()
    assert result.problems == ["2 plan items are not in the area of their forum"]
