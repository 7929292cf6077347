"""Every report on the hand-computed office (test_reports_fixture.py), rows written out by hand.

Period: Jan–Mar 2024 (B.E. 2567), fiscal year 2567. Money in satang. H5 left the programme on
31 Jan 2024 (REPORTS.md "Membership"): a member in January (registered, reporting, its lines in the
money columns), in no later month.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal as D

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import queries
from abc_tui.reports.period import Period, parse_period
from abc_tui.store.models import LedgerLine
from tests.unit.test_reports_fixture import CLERK, books_fixture  # noqa: F401  (the books fixture)

P = Period(Month(2024, 1), Month(2024, 3))
V1, V2 = "54010101", "54010102"


def test_household_month(books):
    z = (0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert queries.household_month(P, "540101") == [
        # code, village, month, lines, income, production, consumption, avoidable, interest,
        # borrowed, repaid, saved, withdrawn, net
        ("54010101-1", V1, "2024-01", 7, 800000, 150000, 20050, 12000, 60000, 0, 300000, 0, 0, 557950),
        ("54010101-1", V1, "2024-02", 3, 0, 0, 35000, 10000, 0, 0, 0, 50000, 0, -45000),
        ("54010101-1", V1, "2024-03", 0, *z, 0),
        ("54010101-2", V1, "2024-01", 2, 600000, 0, 5525, 0, 0, 0, 0, 0, 0, 594475),
        ("54010101-2", V1, "2024-02", 2, 600000, 0, 0, 7000, 0, 0, 0, 0, 0, 593000),
        ("54010101-2", V1, "2024-03", 3, 600000, 0, 500, 0, 0, 200000, 0, 0, 0, 599500),
        ("54010101-3/1", V1, "2024-01", 2, 400000, 250000, 0, 0, 0, 0, 0, 0, 0, 150000),
        ("54010101-3/1", V1, "2024-02", 2, 400000, 0, 0, 0, 0, 0, 12000000, 0, 0, 400000),
        ("54010101-3/1", V1, "2024-03", 1, 0, 0, 2000, 0, 0, 0, 0, 0, 0, -2000),
        ("54010102-7", V2, "2024-01", 2, 450000, 90000, 0, 0, 0, 0, 0, 0, 0, 360000),
        ("54010102-7", V2, "2024-02", 0, *z, 0),
        ("54010102-7", V2, "2024-03", 3, 0, 0, 11000, 0, 0, 0, 500000, 0, 80000, -11000),
        ("54010102-8", V2, "2024-01", 2, 250000, 60000, 0, 0, 0, 0, 0, 0, 0, 190000),
    ]


def test_household_month_named_adds_the_head_at_the_end(books):
    rows = queries.household_month(Period(Month(2024, 1), Month(2024, 1)), V2, named=True)
    assert [(r[0], r[-1]) for r in rows] == [("54010102-7", "นางสมศรี คำแสน"), ("54010102-8", "นายทองดี อินต๊ะ")]


def test_village_month(books):
    assert queries.village_month(P, "540101") == [
        # village, month, registered, reporting, pct, income, production, consumption, avoidable,
        # interest, borrowed, repaid, net
        (V1, "2024-01", 3, 3, D("100.0"), 1800000, 400000, 25575, 12000, 60000, 0, 300000, 1302425),
        (V1, "2024-02", 3, 3, D("100.0"), 1000000, 0, 35000, 17000, 0, 0, 12000000, 948000),
        (V1, "2024-03", 3, 2, D("66.7"), 600000, 0, 2500, 0, 0, 200000, 0, 597500),
        (V2, "2024-01", 2, 2, D("100.0"), 700000, 150000, 0, 0, 0, 0, 0, 550000),  # H5 too
        (V2, "2024-02", 1, 0, D("0.0"), 0, 0, 0, 0, 0, 0, 0, 0),
        (V2, "2024-03", 1, 1, D("100.0"), 0, 0, 11000, 0, 0, 0, 500000, -11000),
    ]


def test_completeness(books):
    assert queries.completeness(P, "540101") == [
        (V1, "2024-01", 3, 3, 0, D("100.0")),
        (V1, "2024-02", 3, 3, 0, D("100.0")),
        (V1, "2024-03", 3, 2, 1, D("66.7")),
        (V2, "2024-01", 2, 2, 0, D("100.0")),
        (V2, "2024-02", 1, 0, 1, D("0.0")),
        (V2, "2024-03", 1, 1, 0, D("100.0")),
    ]


def test_completeness_of_one_village_for_the_first_bimonth(books):
    assert queries.completeness(parse_period("bimonth:2567-1"), V2) == [
        (V2, "2024-01", 2, 2, 0, D("100.0")),
        (V2, "2024-02", 1, 0, 1, D("0.0")),
    ]


def _ind(area, level, rows):
    labels = {i.id: i.th for i in queries.INDICATORS}
    return [
        (area, level, "2024-01", "2024-03", ind, v, d, p, D("30.0") if ind == "5.2.3" else None, labels[ind])
        for ind, v, d, p in rows
    ]


def test_indicators(books):
    assert queries.indicators(P, "540101") == (
        _ind(
            "540101",
            "tambon",
            [
                ("5.1.1", 5, 5, D("100.0")),  # H1–H5 members in the period (H5 in Jan), all kept books
                ("5.1.2", 3, 3, D("100.0")),  # indebted at start: H1 60,000, H3, H4; all fell
                ("5.1.2a", 1, 3, D("33.3")),  # H3 repaid all 120,000
                ("5.2.1", 1, 2, D("50.0")),  # village 01 is a sufficiency village
                ("5.2.2", 1, 2, D("50.0")),  # F1 (village 01); F3 (village 02) was before the period
                ("5.2.3", 1, 2, D("50.0")),  # P1 cites F1; P4 (village 02) is fiscal 2568
                ("5.3.2", 1, 2, D("50.0")),  # funded: P1 (lao), P3 (agency)
                ("5.3.2b", 1, 2, D("50.0")),
            ],
        )
        + _ind(
            V1,
            "village",
            [
                ("5.1.1", 3, 3, D("100.0")),
                ("5.1.2", 2, 2, D("100.0")),
                ("5.1.2a", 1, 2, D("50.0")),
                ("5.2.1", 1, 1, D("100.0")),
                ("5.2.2", 1, 1, D("100.0")),
                ("5.2.3", 1, 1, D("100.0")),
                ("5.3.2", 1, 1, D("100.0")),
                ("5.3.2b", 0, 1, D("0.0")),
            ],
        )
        + _ind(
            V2,
            "village",
            [
                ("5.1.1", 2, 2, D("100.0")),
                ("5.1.2", 1, 1, D("100.0")),
                ("5.1.2a", 0, 1, D("0.0")),
                ("5.2.1", 0, 1, D("0.0")),
                ("5.2.2", 0, 1, D("0.0")),
                ("5.2.3", 0, 1, D("0.0")),
                ("5.3.2", 0, 0, None),
                ("5.3.2b", 0, 0, None),
            ],
        )
    )


def test_indicators_at_province_level_roll_up_every_level(books):
    rows = queries.indicators(P, "54")
    assert [(r[0], r[1]) for r in rows[::8]] == [
        ("54", "province"),
        ("5401", "district"),
        ("540101", "tambon"),
        (V1, "village"),
        (V2, "village"),
    ]
    assert rows[:8] == [("54", "province", *r[2:]) for r in queries.indicators(P, "540101")[:8]]


def test_debt_capacity(books):
    assert queries.debt_capacity(P, "540101") == [
        # group, households, avg annual income, expense, surplus, debt start, debt end, repaid
        ("rice", 1, 3200000, 1148200, 2051800, 6000000, 5700000, 300000, "ทำนา"),
        ("crops", 1, 1800000, 404000, 1396000, 2000000, 1500000, 500000, "ทำสวน/ทำไร่"),
        ("livestock", 1, 1000000, 240000, 760000, 0, 0, 0, "เลี้ยงสัตว์"),  # H5, a member in January
        ("wage", 1, 7200000, 52100, 7147900, 0, 200000, 0, "รับจ้าง"),
        ("business", 1, 3200000, 1008000, 2192000, 12000000, 0, 12000000, "ค้าขาย/ธุรกิจ"),
    ]


def test_spending_profile(books):
    assert queries.spending_profile(P, "540101") == [
        # village, category, item, households, lines, amount, rank
        (V1, "29", "ซื้อของมาขาย", 1, 1, 250000, 1),
        (V1, "21", "ปุ๋ย", 1, 1, 150000, 2),
        (V1, "53", "ดอกเบี้ย", 1, 1, 60000, 3),
        (V1, "31", "ข้าวสาร", 1, 1, 35000, 4),
        (V1, "31", "ไข่ไก่", 2, 3, 25575, 5),  # "ไข่ไก่ " (H1) is the same item
        (V1, "41", "เหล้าขาว", 1, 1, 12000, 6),
        (V1, "43", "=SUM(A1)", 1, 1, 10000, 7),
        (V1, "42", "บุหรี่", 1, 1, 7000, 8),
        (V1, "31", "@x", 1, 1, 2000, 9),
        (V1, "39", "-5", 1, 1, 500, 10),
        (V2, "22", "ยาฆ่าหญ้า", 1, 1, 90000, 1),
        (V2, "26", "อาหารไก่", 1, 1, 60000, 2),
        (V2, "31", "ไข่ไก่", 1, 1, 11000, 3),
    ]


def test_forums(books):
    f1, f2, _f3 = books.handles["forums"]
    assert queries.forums(P, "540101") == [
        (f1.uuid, "village", V1, dt.date(2024, 1, 25), "25/01/2567", "ค่าใช้จ่ายหวย", 10, 4, 3, 2, 2, 1, 1),
        (
            f2.uuid,
            "tambon",
            "540101",
            dt.date(2024, 2, 20),
            "20/02/2567",
            "=cmd|' /C calc'!A0",
            5,
            0,
            5,
            0,
            0,
            0,
            1,
        ),
    ]
    named = queries.forums(P, "540101", named=True)
    assert [r[-1] for r in named] == ["ครูสมใจ สอนดี", "ป้าบัว ผู้นำ"]


def test_plan(books):
    f1, f2, _f3 = books.handles["forums"]
    p1, p2, p3, _p4 = books.handles["plan"]
    assert queries.plan(P, "540101") == [
        (
            p3.uuid,
            "540101",
            "อบรมบัญชี",
            "agency",
            "กรมการพัฒนาชุมชน",
            2567,
            10000000,
            8000000,
            "in_plan",
            f2.uuid,
        ),
        (p1.uuid, V1, "กลุ่มเลี้ยงไก่ไข่", "lao", "", 2567, 5000000, 3000000, "budgeted", f1.uuid),
        (p2.uuid, V1, "ลดหวย", "household", "", 2567, 0, None, "proposed", ""),
    ]


LEDGER = [
    # household, date, category, kind, item, satang
    ("54010101-3/1", "2024-01-02", "14", "income", "ขายของชำ", 400000),
    ("54010101-3/1", "2024-01-02", "29", "production", "ซื้อของมาขาย", 250000),
    ("54010101-1", "2024-01-05", "11", "income", "ขายข้าวเปลือก", 800000),
    ("54010101-1", "2024-01-06", "21", "production", "ปุ๋ย", 150000),
    ("54010101-1", "2024-01-10", "31", "consumption", "ไข่ไก่", 11000),
    ("54010101-1", "2024-01-12", "31", "consumption", "ไข่ไก่ ", 9050),
    ("54010101-1", "2024-01-15", "41", "avoidable", "เหล้าขาว", 12000),
    ("54010101-1", "2024-01-20", "52", "debt_repaid", "ส่ง ธ.ก.ส.", 300000),
    ("54010101-1", "2024-01-20", "53", "interest", "ดอกเบี้ย", 60000),
    ("54010101-2", "2024-01-31", "13", "income", "ค่าแรง", 600000),
    ("54010101-2", "2024-01-31", "31", "consumption", "ไข่ไก่", 5525),
    ("54010101-3/1", "2024-02-02", "14", "income", "ขายของชำ", 400000),
    ("54010101-1", "2024-02-03", "31", "consumption", "ข้าวสาร", 35000),
    ("54010101-3/1", "2024-02-03", "52", "debt_repaid", "ส่งกองทุน", 12000000),
    ("54010101-2", "2024-02-10", "42", "avoidable", "บุหรี่", 7000),
    ("54010101-1", "2024-02-14", "43", "avoidable", "=SUM(A1)", 10000),
    ("54010101-1", "2024-02-25", "61", "saving_in", "ฝากสัจจะ", 50000),
    ("54010101-2", "2024-02-29", "13", "income", "ค่าแรง", 600000),
    ("54010101-3/1", "2024-03-03", "31", "consumption", "@x", 2000),
    ("54010101-2", "2024-03-05", "39", "consumption", "-5", 500),
    ("54010101-2", "2024-03-15", "51", "debt_borrowed", "กู้กองทุนหมู่บ้าน", 200000),
    ("54010101-2", "2024-03-31", "13", "income", "+66812345678", 600000),
    ("54010102-7", "2024-01-08", "11", "income", "ขายลำไย", 450000),
    ("54010102-7", "2024-01-09", "22", "production", "ยาฆ่าหญ้า", 90000),
    ("54010102-8", "2024-01-15", "12", "income", "ขายไก่", 250000),
    ("54010102-8", "2024-01-16", "26", "production", "อาหารไก่", 60000),
    ("54010102-7", "2024-03-10", "31", "consumption", "ไข่ไก่", 11000),
    ("54010102-7", "2024-03-11", "62", "saving_out", "ถอนเงินออม", 80000),
    ("54010102-7", "2024-03-12", "52", "debt_repaid", "ส่ง ธ.ก.ส.", 500000),
]


def test_ledger(books):
    rows = queries.ledger(P, "540101")
    clerk = queries.pseudonym(CLERK)
    assert clerk.startswith("clerk-") and len(clerk) == 14
    assert clerk != "clerk-" + hashlib.sha256(CLERK.encode()).hexdigest()[:8]  # keyed: not from a staff list
    uuids = {line.uuid for line in LedgerLine.select()}
    assert [(r[1], r[3].isoformat(), r[5], r[6], r[7], r[8]) for r in rows] == LEDGER
    assert all(r[0] in uuids for r in rows)
    assert [r[2] for r in rows] == [V1] * 22 + [V2] * 7
    assert rows[0][4] == "02/01/2567" and rows[5][4] == "12/01/2567"
    assert {r[9] for r in rows} == {clerk}  # PDPA: a pseudonym, not the clerk's name
    assert queries.ledger_count(P, "540101") == 29
    assert queries.ledger_count(Period(Month(2023, 12), Month(2023, 12)), V1) == 1
    named = queries.ledger(P, V2, named=True)
    assert [r[-1] for r in named][:2] == ["นางสมศรี คำแสน"] * 2 and named[0][9] == CLERK


def test_ledger_window_by_ids(books):
    ids = queries.ledger_ids(P, "540101")
    assert len(ids) == 29
    window = queries.ledger_by_ids(ids[20:23])
    assert [(r[1], r[7]) for r in window] == [(c, i) for c, _, _, _, i, _ in LEDGER[20:23]]


def test_ledger_window_streams_the_report_in_order(books):
    """The screen's ledger (queries.LedgerWindow): total and blocks from the monthly summary, any
    stretch of rows equal to the same stretch of the whole report, across village-month blocks."""
    whole = queries.ledger(P, "540101")
    window = queries.LedgerWindow(P, "540101")
    assert window.total == len(whole) == queries.ledger_count(P, "540101") == 29
    assert len(window.blocks) > 2
    for offset in range(0, 30):
        for limit in (1, 3, 7, 40):
            assert window.rows(offset, limit) == whole[offset : offset + limit], (offset, limit)
    part = Period(Month(2024, 1), Month(2024, 2))
    assert queries.LedgerWindow(part, V1).rows(0, 100) == queries.ledger(part, V1)


def test_area_levels_select_the_same_villages(books):
    tambon = queries.village_month(P, "540101")
    assert queries.village_month(P, "5401") == tambon == queries.village_month(P, "54")
    assert queries.village_month(P, V2) == tambon[3:]


def test_a_period_before_any_data_has_zero_rows_but_registered_households(books):
    rows = queries.completeness(Period(Month(2023, 9), Month(2023, 10)), V1)
    assert rows == [(V1, "2023-09", 0, 0, 0, None), (V1, "2023-10", 3, 0, 3, D("0.0"))]


def test_unknown_report_is_a_user_error(books):
    with pytest.raises(AbcError):
        queries.run("nope", P, "540101")


def test_debt_trend_and_monthly_totals_for_charts(books):
    # Active households' debt at joining: H1 50,000 + H3 120,000 + H4 20,000 (H2 none, H5 inactive);
    # H1 borrowed 10,000 in Dec 2023.
    assert queries.debt_trend(P, "540101") == [
        ("2024-01", 20000000 - 300000),  # 200,000 then H1 repaid 3,000
        ("2024-02", 19700000 - 12000000),  # H3 repaid 120,000
        ("2024-03", 7700000 + 200000 - 500000),  # H2 borrowed 2,000, H4 repaid 5,000
    ]
    assert queries.monthly_totals(P, "540101") == [
        ("2024-01", 2500000, 400000 + 150000 + 25575 + 12000 + 60000),
        ("2024-02", 1000000, 35000 + 17000),
        ("2024-03", 600000, 2500 + 11000),
    ]
