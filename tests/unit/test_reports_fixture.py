"""The hand-computed office for the report tests (and a check that it is what the tests assume).

Built on the shared ``office`` fixture (tambon 540101, villages 01 and 02, five households that
joined 1 Oct 2023) with known lines in Dec 2023 and Jan–Mar 2024, forums and plan items. Every
expected figure in ``test_reports_expected.py`` is worked out by hand from the data here.

Households (debt at joining):
  H1 54010101-1    นายสมชาย ใจดี     rice       50,000.00
  H2 54010101-2    นางมาลี แก้วมา     wage            0.00
  H3 54010101-3/1  นายบุญมี ศรีวงศ์   business  120,000.00
  H4 54010102-7    นางสมศรี คำแสน    crops      20,000.00
  H5 54010102-8    นายทองดี อินต๊ะ    livestock       0.00  (deactivated: left the programme)
"""

from __future__ import annotations

import datetime as dt

import pytest

from abc_tui.store import households as hh
from abc_tui.store.models import (
    Area,
    Finding,
    Forum,
    ForumAttendance,
    ForumOfficial,
    Household,
    LedgerLine,
    LedgerPage,
    Member,
    PlanItem,
    User,
    db,
)

CLERK = "สมหญิง รักงาน"

# (household index 1-5, ISO date, category, item, baht as written)
LINES = [
    (1, "2023-12-20", "51", "กู้ ธ.ก.ส.", "10000.00"),
    (1, "2024-01-05", "11", "ขายข้าวเปลือก", "8000.00"),
    (1, "2024-01-06", "21", "ปุ๋ย", "1500.00"),
    (1, "2024-01-10", "31", "ไข่ไก่", "110.00"),
    (1, "2024-01-12", "31", "ไข่ไก่ ", "90.50"),
    (1, "2024-01-15", "41", "เหล้าขาว", "120.00"),
    (1, "2024-01-20", "52", "ส่ง ธ.ก.ส.", "3000.00"),
    (1, "2024-01-20", "53", "ดอกเบี้ย", "600.00"),
    (1, "2024-02-03", "31", "ข้าวสาร", "350.00"),
    (1, "2024-02-14", "43", "=SUM(A1)", "100.00"),
    (1, "2024-02-25", "61", "ฝากสัจจะ", "500.00"),
    (2, "2024-01-31", "13", "ค่าแรง", "6000.00"),
    (2, "2024-01-31", "31", "ไข่ไก่", "55.25"),
    (2, "2024-02-10", "42", "บุหรี่", "70.00"),
    (2, "2024-02-29", "13", "ค่าแรง", "6000.00"),
    (2, "2024-03-05", "39", "-5", "5.00"),
    (2, "2024-03-15", "51", "กู้กองทุนหมู่บ้าน", "2000.00"),
    (2, "2024-03-31", "13", "+66812345678", "6000.00"),
    (3, "2024-01-02", "14", "ขายของชำ", "4000.00"),
    (3, "2024-01-02", "29", "ซื้อของมาขาย", "2500.00"),
    (3, "2024-02-02", "14", "ขายของชำ", "4000.00"),
    (3, "2024-02-03", "52", "ส่งกองทุน", "120000.00"),
    (3, "2024-03-03", "31", "@x", "20.00"),
    (4, "2024-01-08", "11", "ขายลำไย", "4500.00"),
    (4, "2024-01-09", "22", "ยาฆ่าหญ้า", "900.00"),
    (4, "2024-03-10", "31", "ไข่ไก่", "110.00"),
    (4, "2024-03-11", "62", "ถอนเงินออม", "800.00"),
    (4, "2024-03-12", "52", "ส่ง ธ.ก.ส.", "5000.00"),
    (5, "2024-01-15", "12", "ขายไก่", "2500.00"),
    (5, "2024-01-16", "26", "อาหารไก่", "600.00"),
]

HEAD_NAMES = ["นายสมชาย ใจดี", "นางมาลี แก้วมา", "นายบุญมี ศรีวงศ์", "นางสมศรี คำแสน", "นายทองดี อินต๊ะ"]
OTHER_NAMES = ["ด.ญ.แก้ว แก้วมา", "นายพร ใจดี", "ครูสมใจ สอนดี", "ป้าบัว ผู้นำ"]


def satang(text: str) -> int:
    baht, _, st = text.partition(".")
    return int(baht) * 100 + int((st + "00")[:2])


def add_line(
    household: Household, date: str, code: str, item: str, amount: int, who: str = CLERK
) -> LedgerLine:
    """A ledger line (and its page) written straight through the models."""
    d = dt.date.fromisoformat(date)
    month = date[:7]
    page, _ = LedgerPage.get_or_create(household=household, month=month)
    return LedgerLine.create(
        page=page,
        household=household,
        village_code=household.village_code,
        date=d,
        category=code,
        item=item,
        amount_satang=amount,
        entered_by=who,
    )


def build(office) -> dict:
    """Fill the office with the lines, members, forums and plan items above. Returns handles."""
    hs = office.households
    User.create(name=CLERK)
    with db.atomic():
        for i, date, code, item, amount in LINES:
            add_line(hs[i - 1], date, code, item, satang(amount))
    hh.set_active(hs[4].id, False, left_on="31/1/2567", reason="ย้ายออก")  # a member in January only
    Area.update(sufficiency_village=True).where(Area.code == "54010101").execute()
    heads = {m.household_id: m for m in Member.select().where(Member.is_head == True)}  # noqa: E712
    Member.update(sex="m").where(Member.id.in_([heads[hs[0].id].id, heads[hs[2].id].id])).execute()
    Member.update(sex="f").where(Member.id == heads[hs[1].id].id).execute()
    child = Member.create(household=hs[1], name=OTHER_NAMES[0], sex="f", birth_year=2010)
    Member.create(household=hs[0], name=OTHER_NAMES[1], sex="m", birth_year=1990)
    # F1: village 01, in the period: H1's and H2's heads and H2's child by name, walk-ins 3 women,
    # 2 men, 1 youth, one official; one finding; plan items P1 (from F1) and P2 (not from a forum).
    f1 = Forum.create(
        level="village",
        area="54010101",
        date=dt.date(2024, 1, 25),
        topic="ค่าใช้จ่ายหวย",
        facilitators=OTHER_NAMES[2],
        walkin_women=3,
        walkin_men=2,
        walkin_youth=1,
    )
    for m in (heads[hs[0].id], heads[hs[1].id], child):
        ForumAttendance.create(forum=f1, member=m)
    ForumOfficial.create(forum=f1, agency="อบต.", count=1)
    Finding.create(forum=f1, problem="หวย 14% ของรายจ่าย")
    p1 = PlanItem.create(
        area="54010101",
        forum=f1,
        title="กลุ่มเลี้ยงไก่ไข่",
        actor="lao",
        fiscal_year_be=2567,
        budget_requested_satang=5_000_000,
        budget_approved_satang=3_000_000,
        status="budgeted",
    )
    p2 = PlanItem.create(
        area="54010101",
        title="ลดหวย",
        actor="household",
        fiscal_year_be=2567,
        status="proposed",
    )
    # F2: tambon level, in the period, formula-looking topic, walk-ins 5 men; P3 from it (agency).
    f2 = Forum.create(
        level="tambon",
        area="540101",
        date=dt.date(2024, 2, 20),
        topic="=cmd|' /C calc'!A0",
        facilitators=OTHER_NAMES[3],
        walkin_men=5,
    )
    p3 = PlanItem.create(
        area="540101",
        forum=f2,
        title="อบรมบัญชี",
        actor="agency",
        agency="กรมการพัฒนาชุมชน",
        fiscal_year_be=2567,
        budget_requested_satang=10_000_000,
        budget_approved_satang=8_000_000,
        status="in_plan",
    )
    # F3: village 02, before the period; P4: village 02, fiscal year 2568 (outside the period).
    f3 = Forum.create(
        level="village", area="54010102", date=dt.date(2023, 11, 10), topic="เวทีแรก", walkin_women=4
    )
    p4 = PlanItem.create(
        area="54010102",
        forum=f3,
        title="กลุ่มปุ๋ยหมัก",
        actor="group",
        fiscal_year_be=2568,
        budget_requested_satang=100_000,
        budget_approved_satang=100_000,
        status="in_plan",
    )
    return {"households": hs, "forums": (f1, f2, f3), "plan": (p1, p2, p3, p4)}


@pytest.fixture(name="books")
def books_fixture(office):
    """The office with every line, forum and plan item of this module."""
    handles = build(office)
    office.handles = handles
    return office


def test_fixture_is_what_the_expectations_assume(books):
    assert LedgerLine.select().count() == len(LINES) == 30
    assert Household.select().where(Household.active == True).count() == 4  # noqa: E712
    assert [h.code for h in books.households] == [
        "54010101-1",
        "54010101-2",
        "54010101-3/1",
        "54010102-7",
        "54010102-8",
    ]
    assert {h.joined_on for h in Household.select()} == {dt.date(2023, 10, 1)}
    assert [h.head_name for h in books.households] == HEAD_NAMES
