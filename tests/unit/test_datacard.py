"""Forum data card: figures against hand-computed values on the small office.

Village 54010101 has households A (house 1, debt at joining 50,000), B (house 2, no debt)
and C (house 3/1, debt 120,000), all joined 1/10/2566 (2023-10-01). Lines are added
below through the models; every expected number is worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import datacard
from abc_tui.store.models import Household, LedgerLine, LedgerPage

B = 100  # satang per baht


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
        amount_satang=baht * B,
    )


@pytest.fixture
def card_office(office):
    a, b, c, v2a, _ = office.households
    add_line(a, "2023-12-15", "51", "กู้กองทุน", 1_000)  # before the period: debt A 51,000 at start
    add_line(a, "2024-01-05", "11", "ขายข้าว", 10_000)
    add_line(a, "2024-01-10", "31", "ไข่ไก่", 500)
    add_line(a, "2024-01-11", "31", "ไข่ไก่ ", 300)  # trailing space: the same item
    add_line(a, "2024-01-12", "43", "หวย", 400)
    add_line(a, "2024-02-03", "52", "ส่ง ธ.ก.ส.", 5_000)
    add_line(a, "2024-02-03", "53", "ดอกเบี้ย", 200)
    add_line(a, "2024-02-15", "21", "ปุ๋ย", 2_000)
    add_line(a, "2024-03-05", "31", "ข้าว สาร", 250)
    add_line(b, "2024-01-20", "13", "ค่าแรง", 3_000)
    add_line(b, "2024-02-20", "51", "กู้ ธ.ก.ส.", 10_000)
    add_line(b, "2024-03-01", "41", "เบียร์", 600)
    add_line(b, "2024-03-02", "31", "ข้าว  สาร", 350)  # two spaces: folded to "ข้าว สาร"
    add_line(c, "2024-03-10", "52", "ปิดหนี้", 120_000)
    add_line(v2a, "2024-01-05", "43", "หวย", 9_999)  # another village: never on this card
    add_line(a, "2024-04-01", "43", "หวย", 777)  # after the period
    return office


def test_income_and_expense_by_kind(card_office) -> None:
    card = datacard.data_card("54010101", Month(2024, 1), Month(2024, 3))
    assert card.by_kind["income"] == 13_000 * B  # 10,000 + 3,000
    assert card.by_kind["production"] == 2_000 * B
    assert card.by_kind["consumption"] == 1_400 * B  # 500 + 300 + 250 + 350
    assert card.by_kind["avoidable"] == 1_000 * B  # 400 + 600
    assert card.by_kind["interest"] == 200 * B
    assert card.by_kind["debt_borrowed"] == 10_000 * B
    assert card.by_kind["debt_repaid"] == 125_000 * B
    assert card.by_kind["saving_in"] == 0
    assert card.expense == 4_600 * B
    assert card.net == 8_400 * B
    assert card.avoidable_share_pct == D("21.7")  # 1,000 / 4,600 (Decimal, half up, as the reports)
    assert card.households_registered == 3
    assert card.households_reporting == 3


def test_monthly_series_has_every_month(card_office) -> None:
    card = datacard.data_card("54010101", Month(2024, 1), Month(2024, 3))
    assert [(m.month.iso(), m.income, m.expense, m.avoidable) for m in card.months] == [
        ("2024-01", 13_000 * B, 1_200 * B, 400 * B),
        ("2024-02", 0, 2_200 * B, 0),
        ("2024-03", 0, 1_200 * B, 600 * B),
    ]


def test_top_spending_items_normalised_and_ranked(card_office) -> None:
    card = datacard.data_card("54010101", Month(2024, 1), Month(2024, 3))
    got = [(t.category_code, t.item, t.amount, t.households, t.share_pct) for t in card.top_items]
    assert got == [
        ("21", "ปุ๋ย", 2_000 * B, 1, D("43.5")),
        ("31", "ไข่ไก่", 800 * B, 1, D("17.4")),
        ("31", "ข้าว สาร", 600 * B, 2, D("13.0")),
        ("41", "เบียร์", 600 * B, 1, D("13.0")),
        ("43", "หวย", 400 * B, 1, D("8.7")),
    ]


def test_debt_trend_and_households_in_debt(card_office) -> None:
    card = datacard.data_card("54010101", Month(2024, 1), Month(2024, 3))
    # A: 51,000 51,000 46,000 46,000; B: 0 0 10,000 10,000; C: 120,000 120,000 120,000 0
    assert [(p.day.isoformat(), p.households_in_debt, p.total_debt) for p in card.debt] == [
        ("2023-12-31", 2, 171_000 * B),
        ("2024-01-31", 2, 171_000 * B),
        ("2024-02-29", 3, 176_000 * B),
        ("2024-03-31", 2, 56_000 * B),
    ]
    assert card.households_debt_reduced == 2  # A and C
    assert card.households_debt_cleared == 1  # C


def test_household_debt_at_a_month_end(card_office) -> None:
    a, b, c = card_office.households[:3]
    assert datacard.household_debt(a.id, Month(2024, 1)) == 51_000 * B
    assert datacard.household_debt(a.id, Month(2024, 2)) == 46_000 * B
    assert datacard.household_debt(b.id, Month(2024, 3)) == 10_000 * B
    assert datacard.household_debt(c.id, Month(2024, 3)) == 0
    assert datacard.household_debt(a.id, Month(2023, 9)) == 0  # before joining


def test_empty_period_is_zeros_not_an_error(card_office) -> None:
    card = datacard.data_card("54010102", Month(2023, 1), Month(2023, 2))
    assert card.income == card.expense == 0
    assert card.avoidable_share_pct is None
    assert card.top_items == []
    assert [p.households_in_debt for p in card.debt] == [0, 0, 0]  # nobody had joined yet


def test_evidence_lines_quote_the_figures(card_office) -> None:
    card = datacard.data_card("54010101", Month(2024, 1), Month(2024, 3))
    lines = datacard.evidence_lines(card, "th")
    assert lines[0] == "ค่าใช้จ่ายที่ลดได้ 21.7% ของรายจ่ายหมู่บ้าน"
    assert "ปุ๋ย 43.5% ของรายจ่ายหมู่บ้าน" in lines
    assert datacard.evidence_lines(card, "en")[-1] == "Households in debt 2 -> 2"


def test_bad_period_and_village(card_office) -> None:
    with pytest.raises(AbcError):
        datacard.data_card("54010101", Month(2024, 3), Month(2024, 1))
    with pytest.raises(AbcError):
        datacard.data_card("54010101", Month(2020, 1), Month(2024, 1))
    with pytest.raises(AbcError):
        datacard.data_card("540101", Month(2024, 1), Month(2024, 3))


def test_default_period_ends_at_latest_data(card_office) -> None:
    assert datacard.default_period("54010101", 3) == (Month(2024, 2), Month(2024, 4))
    assert datacard.latest_month("54010102") == Month(2024, 1)
