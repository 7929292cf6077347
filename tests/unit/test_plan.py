"""Community plan: items from proposals, status moves with history and audit, filters, totals."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import OverApproval
from abc_tui.reports import queries
from abc_tui.reports.spec import spec
from abc_tui.store import forums, plan
from abc_tui.store.models import Audit, PlanItem, PlanStatusChange

B = 100


def form(**kw) -> plan.PlanForm:
    values = {
        "title": "กลุ่มเลี้ยงไก่ไข่",
        "problem": "ซื้อไข่จากนอกหมู่บ้าน",
        "actor": "group",
        "agency": "",
        "fiscal_year": "2568",
        "budget_requested": "50,000",
        "budget_approved": "",
    }
    values.update(kw)
    return plan.PlanForm(**values)


@pytest.fixture
def forum(office):
    return forums.create_forum(forums.ForumForm("village", office.villages[0], "15/3/2567", "อ่านบัญชี", "", ""))


@pytest.fixture
def board(office, forum):
    """Six items; hand-computed totals are in the tests."""
    v1, v2 = office.villages
    made = [
        plan.propose(forum.id, form(title="ลดหวย", actor="household", budget_requested="0")),
        plan.propose(forum.id, form(actor="group", budget_requested="50000", budget_approved="30000")),
        plan.add_item(
            v1, form(title="ถนน", actor="lao", budget_requested="200000", budget_approved="200000")
        ),
        plan.add_item(
            v2, form(title="ปุ๋ยหมัก", actor="agency", agency="เกษตรอำเภอ", budget_requested="100000")
        ),
        plan.add_item(
            v2,
            form(
                title="ตลาดชุมชน",
                actor="agency",
                agency="พัฒนาชุมชน",
                budget_requested="80000",
                budget_approved="90000",
                fiscal_year="2567",
            ),
            confirm_over=True,
        ),
        plan.add_item(
            v1,
            form(
                title="เมล็ดพันธุ์",
                actor="agency",
                agency="เกษตรอำเภอ",
                budget_requested="20000",
                budget_approved="20000",
            ),
        ),
    ]
    plan.move(made[2].id, "in_plan")
    plan.move(made[2].id, "budgeted")
    plan.move(made[5].id, "dropped")
    return made


def test_proposal_becomes_plan_item_linked_to_forum(office, forum) -> None:
    item = plan.propose(forum.id, form(), who="แก้ว")
    assert (item.area_code, item.forum_id, item.status) == (office.villages[0], forum.id, "proposed")
    assert item.budget_requested_satang == 50_000 * B and item.budget_approved_satang is None
    (change,) = plan.history(item.id)
    assert (change.status, change.changed_on, change.who) == ("proposed", dt.date(2024, 3, 15), "แก้ว")
    assert Audit.select().where(Audit.row_uuid == item.uuid).count() == 1


def test_plan_item_needs_an_actor_and_a_title(office) -> None:
    with pytest.raises(AbcError) as err:
        plan.add_item(office.villages[0], form(actor=""))
    assert "ผู้ดำเนินการ" in err.value.th and "who acts" in err.value.en
    with pytest.raises(AbcError):
        plan.add_item(office.villages[0], form(title=" "))
    with pytest.raises(AbcError):
        plan.add_item(office.villages[0], form(actor="agency", agency=""))
    with pytest.raises(AbcError):
        plan.add_item(office.villages[0], form(fiscal_year="2025"))  # C.E. year
    assert PlanItem.select().count() == 0


def test_over_approval_needs_confirmation(office) -> None:
    with pytest.raises(OverApproval) as err:
        plan.add_item(office.villages[0], form(budget_requested="1000", budget_approved="1500"))
    assert "1,500.00" in err.value.th and "above" in err.value.en
    assert PlanItem.select().count() == 0
    item = plan.add_item(
        office.villages[0], form(budget_requested="1000", budget_approved="1500"), confirm_over=True
    )
    assert item.budget_approved_satang == 1_500 * B
    with pytest.raises(OverApproval):
        plan.update_item(item.id, form(budget_requested="1000", budget_approved="2000"))
    assert plan.get_item(item.id).budget_approved_satang == 1_500 * B


def test_status_moves_write_history_and_audit(office) -> None:
    item = plan.add_item(office.villages[0], form())
    plan.advance(item.id, who="a", on=dt.date(2024, 4, 1))
    plan.move(item.id, "budgeted", who="b", on=dt.date(2024, 5, 1))
    with pytest.raises(AbcError):
        plan.move(item.id, "proposed")  # two steps back: not allowed
    plan.advance(item.id, who="c")
    with pytest.raises(AbcError):
        plan.advance(item.id)
    assert plan.get_item(item.id).status == "done"
    assert [(c.status, c.who) for c in plan.history(item.id)] == [
        ("proposed", ""),
        ("in_plan", "a"),
        ("budgeted", "b"),
        ("done", "c"),
    ]
    status_audits = list(
        Audit.select().where((Audit.row_uuid == item.uuid) & (Audit.action == "status")).order_by(Audit.id)
    )
    assert len(status_audits) == 3
    last = json.loads(status_audits[-1].after)
    assert (json.loads(status_audits[-1].before)["status"], last["status"]) == ("budgeted", "done")
    with pytest.raises(AbcError):
        plan.move(item.id, "in_plan", on=dt.date.today() + dt.timedelta(days=30))


def test_totals_by_actor(board) -> None:
    rows, overall = plan.totals(plan.PlanFilter())
    assert [(r.key, r.items, r.requested, r.approved, r.approved_items) for r in rows] == [
        ("household", 1, 0, 0, 0),
        ("group", 1, 50_000 * B, 30_000 * B, 1),
        ("lao", 1, 200_000 * B, 200_000 * B, 1),
        ("agency", 3, 200_000 * B, 110_000 * B, 2),
    ]
    assert (overall.items, overall.requested, overall.approved) == (6, 450_000 * B, 340_000 * B)
    assert rows[3].gap == 90_000 * B and rows[3].approved_pct == 55.0


def test_totals_by_agency_and_filters(board, office) -> None:
    rows, _ = plan.totals(plan.PlanFilter(), by="agency")
    assert [(r.key, r.items, r.requested, r.approved) for r in rows] == [
        ("", 3, 250_000 * B, 230_000 * B),
        ("เกษตรอำเภอ", 2, 120_000 * B, 20_000 * B),
        ("พัฒนาชุมชน", 1, 80_000 * B, 90_000 * B),
    ]
    active = plan.PlanFilter(status=plan.ACTIVE)
    rows, overall = plan.totals(active)
    assert (rows[-1].items, rows[-1].requested, rows[-1].approved) == (2, 180_000 * B, 90_000 * B)
    assert plan.count(active) == 5
    assert plan.count(plan.PlanFilter(status="budgeted")) == 1
    assert plan.count(plan.PlanFilter(actor="agency", agency="เกษตรอำเภอ")) == 2
    assert plan.count(plan.PlanFilter(fiscal_year_be=2567)) == 1
    assert plan.count(plan.PlanFilter(area=office.villages[1])) == 2
    assert plan.count(plan.PlanFilter(area="540101")) == 6
    assert plan.status_counts(plan.PlanFilter()) == {
        "proposed": 4,
        "in_plan": 0,
        "budgeted": 1,
        "done": 0,
        "dropped": 1,
    }
    assert plan.agencies() == ["พัฒนาชุมชน", "เกษตรอำเภอ"]
    assert plan.fiscal_years() == [2568, 2567]
    first = plan.items(plan.PlanFilter())[0]
    assert first.fiscal_year_be == 2568 and first.status == "proposed"


def test_totals_change_when_an_item_is_budgeted(board) -> None:
    before, _ = plan.totals(plan.PlanFilter(status="budgeted"))
    plan.advance(board[1].id)
    plan.advance(board[1].id)
    after, overall = plan.totals(plan.PlanFilter(status="budgeted"))
    assert [(r.key, r.requested) for r in before] == [("lao", 200_000 * B)]
    assert [(r.key, r.requested) for r in after] == [("group", 50_000 * B), ("lao", 200_000 * B)]
    assert overall.approved == 230_000 * B


def test_report_rows(board, forum) -> None:
    rows = queries.plan_report_rows()
    assert list(rows[0]) == spec("plan").keys()
    linked = [r for r in rows if r["forum_uuid"]]
    assert {r["forum_uuid"] for r in linked} == {forum.uuid} and len(linked) == 2
    road = next(r for r in rows if r["title"] == "ถนน")
    assert (road["actor"], road["status"], road["budget_requested"], road["budget_approved"]) == (
        "lao",
        "budgeted",
        200_000 * B,
        200_000 * B,
    )


def test_edit_and_delete(board) -> None:
    item = board[0]
    plan.update_item(item.id, plan.form_of(item))  # re-saving the pre-filled form works
    edited = plan.update_item(item.id, form(title="ลดหวย ลดเหล้า", actor="household", budget_requested="0"))
    assert edited.title == "ลดหวย ลดเหล้า" and edited.status == "proposed"
    assert plan.form_of(board[4]).budget_approved == "90000"
    plan.delete_item(item.id)
    assert PlanStatusChange.select().where(PlanStatusChange.plan_item == item.id).count() == 0
    assert plan.count(plan.PlanFilter()) == 5
