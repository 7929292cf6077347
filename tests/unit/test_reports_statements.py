"""Household statements on the hand-computed office (H1 of village 01, Jan–Mar 2024)."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import statements
from abc_tui.reports.period import Period
from tests.unit.test_reports_fixture import books_fixture  # noqa: F401

P = Period(Month(2024, 1), Month(2024, 3))


def test_statement_figures(books):
    pages = statements.statements("54010101", P, named=True)
    assert [s.household_code for s in pages] == ["54010101-1", "54010101-2", "54010101-3/1"]
    assert [s.head_name for s in statements.statements("54010101", P)] == [
        "",
        "",
        "",
    ]  # no names unless asked
    s = pages[0]
    assert s.head_name == "นายสมชาย ใจดี" and s.months_with_books == 2
    assert s.totals == {
        "income": 800000,
        "production": 150000,
        "consumption": 55050,
        "avoidable": 22000,
        "interest": 60000,
        "borrowed": 0,
        "repaid": 300000,
        "saved": 50000,
        "withdrawn": 0,
    }
    assert (s.expense, s.net, s.avoidable_share) == (287050, 512950, D("7.7"))
    assert [(t.category_code, t.item, t.amount, t.share) for t in s.top] == [
        ("21", "ปุ๋ย", 150000, D("52.3")),
        ("53", "ดอกเบี้ย", 60000, D("20.9")),
        ("31", "ข้าวสาร", 35000, D("12.2")),
        ("31", "ไข่ไก่", 20050, D("7.0")),
        ("41", "เหล้าขาว", 12000, D("4.2")),
    ]
    assert [m.iso() for m, _, _ in s.trend] == [Month(2023, 4).next(i).iso() for i in range(12)]
    assert [(d, sv) for _, d, sv in s.trend][-5:] == [
        (5000000, 0),
        (6000000, 0),
        (5700000, 0),
        (5700000, 50000),
        (5700000, 50000),
    ]
    assert (s.debt_end, s.savings_end) == (5700000, 50000)
    h3 = pages[2]
    assert h3.debt_end == 0 and h3.totals["repaid"] == 12000000


def test_households_that_left_get_a_statement_only_for_their_member_months(books):
    # H5 (54010102-8) left on 31 Jan 2024: a member in January, not in March.
    assert [s.household_code for s in statements.statements("54010102", P)] == ["54010102-7", "54010102-8"]
    march = Period(Month(2024, 3), Month(2024, 3))
    assert [s.household_code for s in statements.statements("54010102", march)] == ["54010102-7"]


def test_text_pages_fit_80_columns(books, tmp_path):
    path, n = statements.export_statements("54010101", P, out=tmp_path / "s.txt", named=True)
    assert path.name == "s-named.txt" and n == 3
    pages = path.read_text("utf-8-sig").split("\f")
    assert len(pages) == 3
    assert "นายสมชาย ใจดี" in pages[0] and "นางมาลี แก้วมา" in pages[1]
    assert "5,129.50" in pages[0] and "7.7%" in pages[0]
    for line in "".join(pages).splitlines():
        assert statements.display_width(line) <= 80, line
    en = statements.render_text(statements.statements("54010101", P, "en")[0], "en")
    assert "Household account statement" in en and "Fertiliser" in en


def test_xlsx_statements_one_page_each(books, tmp_path):
    path, n = statements.export_statements("54010101", P, fmt="xlsx", out=tmp_path / "s.xlsx", named=True)
    ws = openpyxl.load_workbook(path).active
    assert len(ws.row_breaks.brk) == n == 3
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "54010101-1  นายสมชาย ใจดี" in values and 5129.5 in values


def test_statements_need_one_village(books):
    with pytest.raises(AbcError):
        statements.statements("540101", P)
    with pytest.raises(AbcError):
        statements.export_statements("54010101", P, fmt="csv")


def test_display_width_ignores_thai_marks():
    assert statements.display_width("น้ำ") == 2
    assert statements.display_width("ค่าไฟ") == 4
