"""Learning forums: validation, attendance without double counting, totals, findings, the report rows."""

from __future__ import annotations

import datetime as dt

import pytest

from abc_tui.domain import forums as dom
from abc_tui.domain.errors import AbcError
from abc_tui.reports import queries
from abc_tui.reports.spec import spec
from abc_tui.store import forums, plan
from abc_tui.store import households as hh
from abc_tui.store.models import Audit, ForumAttendance, Member

TODAY = dt.date.today()


def be(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year + 543}"


def village_forum(office, **kw) -> forums.ForumForm:
    values = {
        "level": "village",
        "area_code": office.villages[0],
        "date": "15/3/2567",
        "topic": "อ่านบัญชีครัวเรือน",
        "facilitators": "นางสาวแก้ว",
        "notes": "",
    }
    values.update(kw)
    return forums.ForumForm(**values)


@pytest.fixture
def village1(office):
    """Members for village 1: A (house 1) gets a wife and a son; the heads' sex is recorded."""
    a, b, c = office.households[:3]
    for h, sex in ((a, "m"), (b, "f"), (c, "m")):
        Member.update(sex=sex, birth_year=1970).where(Member.household == h.id).execute()
    wife = hh.add_member(a.id, "นางบัวผัน ใจดี", "ญ", "2515")  # born 1972
    son = hh.add_member(a.id, "นายเอก ใจดี", "ช", "2550")  # born 2007: 17 in 2024 -> youth
    return office, wife, son


# ---------------------------------------------------------------- domain rules


def test_forum_date_future_limit() -> None:
    today = dt.date.today()  # not the module's TODAY: a run that passes midnight moved the limit
    assert dom.parse_forum_date(be(today + dt.timedelta(days=7))) == today + dt.timedelta(days=7)
    with pytest.raises(AbcError) as err:
        dom.parse_forum_date(be(today + dt.timedelta(days=8)))
    assert "อนาคต" in err.value.th and "future" in err.value.en


@pytest.mark.parametrize("text", ["-1", "10001", "1.5", "abc", "๑๐,๐๐๑"])
def test_bad_counts_refused(text: str) -> None:
    with pytest.raises(AbcError):
        dom.parse_count(text)


def test_counts_accept_blank_thai_digits_and_commas() -> None:
    assert dom.parse_count("") == 0
    assert dom.parse_count("๑๒") == 12
    assert dom.parse_count("10,000") == 10_000
    assert "ติดลบ" in _err(lambda: dom.parse_count("-3")).th


def _err(fn) -> AbcError:
    with pytest.raises(AbcError) as err:
        fn()
    return err.value


def test_transitions() -> None:
    dom.check_transition("proposed", "in_plan")
    dom.check_transition("budgeted", "dropped")
    dom.check_transition("dropped", "proposed")
    for cur, new in (
        ("proposed", "budgeted"),
        ("proposed", "done"),
        ("done", "dropped"),
        ("in_plan", "in_plan"),
    ):
        with pytest.raises(AbcError):
            dom.check_transition(cur, new)
    assert [dom.next_status(s) for s in dom.STATUSES] == ["in_plan", "budgeted", "done", None, None]


# ---------------------------------------------------------------- forum sessions


def test_create_forum_and_audit(office) -> None:
    f = forums.create_forum(village_forum(office), who="แก้ว")
    assert f.level == "village" and f.area_code == "54010101"
    assert f.date == dt.date(2024, 3, 15)
    assert Audit.select().where((Audit.table == "forum") & (Audit.row_uuid == f.uuid)).count() == 1


def test_level_must_match_area(office) -> None:
    err = _err(lambda: forums.create_forum(village_forum(office, level="tambon")))
    assert "ตำบล" in err.th and "tambon" in err.en
    f = forums.create_forum(village_forum(office, level="tambon", area_code="540101"))
    assert f.level == "tambon"
    assert [a.code for a in forums.areas_for_level("village")] == office.villages


def test_forum_needs_topic_and_a_sane_date(office) -> None:
    with pytest.raises(AbcError):
        forums.create_forum(village_forum(office, topic="  "))
    with pytest.raises(AbcError):
        forums.create_forum(village_forum(office, date=be(TODAY + dt.timedelta(days=30))))
    with pytest.raises(AbcError):
        forums.create_forum(village_forum(office, date="31/2/2567"))
    assert forums.count_forums() == 0


# ---------------------------------------------------------------- attendance


def test_attendance_by_name_no_double_count(village1) -> None:
    office, wife, son = village1
    f = forums.create_forum(village_forum(office))
    head_a = hh.members(office.households[0].id)[0]
    assert forums.set_present(f.id, head_a.id, True) is True
    assert forums.set_present(f.id, head_a.id, True) is False  # already ticked: no second head
    assert ForumAttendance.select().where(ForumAttendance.forum == f.id).count() == 1
    assert forums.toggle_present(f.id, wife.id) is True
    assert forums.toggle_present(f.id, wife.id) is False
    assert forums.toggle_present(f.id, wife.id) is True
    assert forums.totals(f.id).named == 2


def test_member_from_another_village_refused(village1) -> None:
    office, _, _ = village1
    f = forums.create_forum(village_forum(office))
    outsider = hh.members(office.households[3].id)[0]  # village 2
    with pytest.raises(AbcError):
        forums.set_present(f.id, outsider.id, True)


def test_candidates_search_and_present_flag(village1) -> None:
    office, wife, son = village1
    f = forums.create_forum(village_forum(office))
    everyone = forums.candidates(f.id)
    assert len(everyone) == 5 == forums.count_candidates(f.id)  # 3 heads + wife + son; not village 2
    assert [c.name for c in forums.candidates(f.id, "ใจดี")] == ["นายสมชาย ใจดี", "นางบัวผัน ใจดี", "นายเอก ใจดี"]
    assert [c.house_no for c in forums.candidates(f.id, "3/")] == ["3/1"]
    forums.set_present(f.id, son.id, True)
    assert [c.present for c in forums.candidates(f.id, "เอก")] == [True]
    assert [c.member_id for c in forums.candidates(f.id, present_only=True)] == [son.id]
    tambon = forums.create_forum(village_forum(office, level="tambon", area_code="540101"))
    assert forums.count_candidates(tambon.id) == 7  # both villages


def test_totals_walkins_officials_households(village1) -> None:
    office, wife, son = village1
    a, b = office.households[:2]
    f = forums.create_forum(village_forum(office))
    for m in (hh.members(a.id)[0], wife, son, hh.members(b.id)[0]):
        forums.set_present(f.id, m.id, True)
    forums.set_walkins(f.id, "4", "๓", "2")
    forums.set_official(f.id, "พัฒนาชุมชนอำเภอ", "2")
    forums.set_official(f.id, "อบต.", "1")
    forums.set_official(f.id, "พัฒนาชุมชนอำเภอ", "3")  # same agency again: replaced, not added
    tot = forums.totals(f.id)
    # named: head A (m, 1970), wife (f, 1972), son (m, 2007 -> youth), head B (f, 1970)
    assert (tot.named, tot.named_women, tot.named_men, tot.named_youth) == (4, 2, 1, 1)
    assert tot.households_present == 2
    assert (tot.women, tot.men, tot.youth) == (6, 4, 3)
    assert tot.officials == 4
    assert tot.total == 4 + 9 + 4
    forums.set_official(f.id, "อบต.", "0")
    assert [o.agency for o in forums.officials(f.id)] == ["พัฒนาชุมชนอำเภอ"]


def test_bad_walkins_save_nothing(office) -> None:
    f = forums.create_forum(village_forum(office))
    forums.set_walkins(f.id, "5", "5", "5")
    for women, men, youth in (("-1", "0", "0"), ("0", "20000", "0"), ("0", "0", "x")):
        with pytest.raises(AbcError):
            forums.set_walkins(f.id, women, men, youth)
    assert forums.totals(f.id).walkins == 15
    with pytest.raises(AbcError):
        forums.set_official(f.id, "", "3")
    with pytest.raises(AbcError):
        forums.set_official(f.id, "อบต.", "-2")


def test_moving_a_forum_drops_attendees_from_outside(village1) -> None:
    office, wife, _ = village1
    f = forums.create_forum(village_forum(office))
    forums.set_present(f.id, wife.id, True)
    change = forums.area_change(f.id, office.villages[1])
    forums.update_forum(f.id, village_forum(office, area_code=office.villages[1]), confirm=change)
    assert forums.totals(f.id).named == 0


# ---------------------------------------------------------------- findings and listing


def test_findings_crud(office) -> None:
    f = forums.create_forum(village_forum(office))
    row = forums.add_finding(f.id, "ซื้อหวยมาก", "หวังรวย", "หวย 14% ของรายจ่ายหมู่บ้าน")
    with pytest.raises(AbcError):
        forums.add_finding(f.id, "", "x")
    forums.update_finding(row.id, "ซื้อหวยมากเกินไป", "หวังรวย", "หวย 14%")
    assert [x.problem for x in forums.findings(f.id)] == ["ซื้อหวยมากเกินไป"]
    forums.delete_finding(row.id)
    assert forums.findings(f.id) == []


def test_list_report_rows_and_delete(village1) -> None:
    office, wife, son = village1
    f1 = forums.create_forum(village_forum(office, date="10/1/2567"))
    f2 = forums.create_forum(village_forum(office, date="10/2/2567"))
    f3 = forums.create_forum(village_forum(office, level="tambon", area_code="540101", date="20/2/2567"))
    forums.set_present(f1.id, wife.id, True)
    forums.set_present(f1.id, son.id, True)
    forums.set_walkins(f1.id, "1", "0", "0")
    forums.add_finding(f1.id, "หนี้สูง")
    plan.propose(f1.id, plan.PlanForm(title="กลุ่มออมทรัพย์", actor="group", fiscal_year="2567"))
    assert [s.id for s in forums.list_forums()] == [f3.id, f2.id, f1.id]
    assert [s.id for s in forums.list_forums(area="54010101")] == [f2.id, f1.id]
    assert [s.id for s in forums.list_forums(level="tambon")] == [f3.id]
    assert forums.count_forums(date_from=dt.date(2024, 2, 1)) == 2
    assert [s.id for s in forums.list_forums(offset=1, limit=1)] == [f2.id]
    rows = queries.forum_report_rows(area="54010101")
    assert list(rows[0]) == spec("forums").keys()
    assert rows[0] == {
        "forum_uuid": f1.uuid,
        "level": "village",
        "area_code": "54010101",
        "date": "2024-01-10",
        "date_be": "10/01/2567",
        "topic": "อ่านบัญชีครัวเรือน",
        "attendees_total": 3,
        "attendees_women": 2,
        "attendees_men": 0,
        "attendees_youth": 1,
        "households_present": 1,
        "findings": 1,
        "proposals": 1,
    }
    item = plan.items_of_forum(f1.id)[0]
    forums.delete_forum(f1.id)
    assert forums.count_forums() == 2
    assert plan.get_item(item.id).forum_id is None  # the plan item stays, unlinked
