"""Thai helpers: digits, B.E. dates and months, money, fiscal year — good and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import (
    Month,
    fiscal_year_be,
    fiscal_year_range,
    format_date_be,
    format_date_thai,
    format_money,
    month_range,
    parse_date,
    parse_day,
    parse_fiscal_year,
    parse_int,
    parse_money,
    parse_month,
    to_ascii_digits,
    to_thai_digits,
)


def test_thai_digits_round_trip():
    assert to_ascii_digits("๑๒๓๔๕๖๗๘๙๐ บาท") == "1234567890 บาท"
    assert to_thai_digits("2567") == "๒๕๖๗"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15/3/67", dt.date(2024, 3, 15)),
        ("15/03/2567", dt.date(2024, 3, 15)),
        ("๑๕/๓/๒๕๖๗", dt.date(2024, 3, 15)),
        ("15 มี.ค. 67", dt.date(2024, 3, 15)),
        ("15 มีนาคม 2567", dt.date(2024, 3, 15)),
        ("1-10-2567", dt.date(2024, 10, 1)),
        ("29/2/2567", dt.date(2024, 2, 29)),  # 2024 is a leap year
        ("2024-03-15", dt.date(2024, 3, 15)),  # ISO Gregorian (CLI, files)
        (" 5/1/68 ", dt.date(2025, 1, 5)),
    ],
)
def test_parse_date_good(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "Please enter a date"),
        ("   ", "Please enter a date"),
        ("abc", "Invalid date"),
        ("30/2/67", "No such date"),
        ("29/2/2568", "No such date"),  # 2025 is not a leap year
        ("32/1/67", "No such date"),
        ("15/13/67", "Invalid month"),
        ("1/1/2400", "outside"),
        ("1/1/2024", "Buddhist-Era"),
        ("15/3/567", "Invalid date"),
        ("1,2,3", "Invalid date"),
        ("-5", "Invalid date"),
        ("99999999999", "Invalid date"),
    ],
)
def test_parse_date_bad(text, fragment):
    with pytest.raises(AbcError) as info:
        parse_date(text)
    assert fragment in info.value.en
    assert info.value.th  # always a Thai message too


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3/67", Month(2024, 3)),
        ("03/2567", Month(2024, 3)),
        ("๓/๒๕๖๗", Month(2024, 3)),
        ("มี.ค. 67", Month(2024, 3)),
        ("มีค 2567", Month(2024, 3)),
        ("มีนาคม 2567", Month(2024, 3)),
        ("ธ.ค.67", Month(2024, 12)),
        ("2024-03", Month(2024, 3)),
        ("12-2567", Month(2024, 12)),
    ],
)
def test_parse_month_good(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    "text", ["", "13/67", "0/67", "3", "abc", "3/2024", "3/2400", "มีนา", "1,2,3", "-3/67"]
)
def test_parse_month_bad(text):
    with pytest.raises(AbcError):
        parse_month(text)


def test_month_labels_and_arithmetic():
    m = Month(2024, 3)
    assert m.be_label() == "03/2567"
    assert m.thai_label() == "มี.ค. 2567"
    assert m.short_label() == "มี.ค.67"
    assert m.iso() == "2024-03"
    assert Month(2024, 12).next() == Month(2025, 1)
    assert Month(2025, 1).prev() == Month(2024, 12)
    assert Month(2024, 2).days() == 29
    assert Month(2024, 2).last_day() == dt.date(2024, 2, 29)
    assert month_range(Month(2024, 11), Month(2025, 2)) == [
        Month(2024, 11),
        Month(2024, 12),
        Month(2025, 1),
        Month(2025, 2),
    ]
    assert Month.from_iso("2025-01") == Month(2025, 1)
    with pytest.raises(AbcError):
        Month.from_iso("2025-13")


def test_format_dates():
    assert format_date_be(dt.date(2024, 3, 5)) == "05/03/2567"
    assert format_date_thai(dt.date(2024, 3, 5)) == "5 มี.ค. 2567"


@pytest.mark.parametrize(
    "text, satang",
    [
        ("1,250", 125000),
        ("1250.5", 125050),
        ("1250.50", 125050),
        ("๑๒๕๐", 125000),
        ("๗,๕๕๙", 755900),
        ("120+35", 15500),
        ("120.25+35.75", 15600),
        ("1,219.25", 121925),
        (" 12 ", 1200),
        ("50 บาท", 5000),
        (".5", 50),
        ("1,000,000", 100000000),
    ],
)
def test_parse_money_good(text, satang):
    assert parse_money(text) == satang


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "Please enter an amount"),
        ("abc", "Not a valid amount"),
        ("1,2,3", "Not a valid amount"),
        ("12,50", "Not a valid amount"),
        ("-5", "negative"),
        ("1.234", "Not a valid amount"),
        ("99999999999", "too large"),
        ("0", "more than 0"),
        ("120+", "Not a valid amount"),
        ("1e5", "Not a valid amount"),
        ("nan", "Not a valid amount"),
    ],
)
def test_parse_money_bad(text, fragment):
    with pytest.raises(AbcError) as info:
        parse_money(text)
    assert fragment in info.value.en
    assert info.value.th


def test_parse_money_zero_allowed_when_asked():
    assert parse_money("0", allow_zero=True) == 0


def test_format_money():
    assert format_money(125050) == "1,250.50"
    assert format_money(125050, sep=False) == "1250.50"
    assert format_money(-5) == "-0.05"
    assert format_money(0) == "0.00"


@given(st.integers(min_value=1, max_value=10_000_000_000))
def test_money_round_trip(satang):
    assert parse_money(format_money(satang)) == satang
    assert parse_money(to_thai_digits(format_money(satang, sep=False))) == satang


def test_parse_int():
    assert parse_int("๑,๒๐๐") == 1200
    with pytest.raises(AbcError):
        parse_int("")
    with pytest.raises(AbcError):
        parse_int("1.5")
    with pytest.raises(AbcError):
        parse_int("-1")
    with pytest.raises(AbcError):
        parse_int("20000", maximum=10000)


def test_parse_day():
    assert parse_day("๒๙", Month(2024, 2)) == 29
    with pytest.raises(AbcError):
        parse_day("30", Month(2024, 2))
    with pytest.raises(AbcError):
        parse_day("x", Month(2024, 2))
    with pytest.raises(AbcError):
        parse_day("", Month(2024, 2))


def test_fiscal_year():
    assert fiscal_year_be(dt.date(2024, 10, 1)) == 2568
    assert fiscal_year_be(dt.date(2025, 9, 30)) == 2568
    assert fiscal_year_be(dt.date(2024, 9, 30)) == 2567
    assert fiscal_year_range(2568) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert parse_fiscal_year("68") == 2568
    assert parse_fiscal_year("๒๕๖๘") == 2568
    with pytest.raises(AbcError):
        parse_fiscal_year("2400")
    with pytest.raises(AbcError):
        parse_fiscal_year("abc")
