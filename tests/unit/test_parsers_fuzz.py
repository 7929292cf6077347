"""Fuzzing every parser of what a user types (issue 8, item 7).

Each parser in ``abc_tui.domain`` (and the period parser of ``abc_tui.reports.period``) is fed
random text — digits ASCII, Thai and other Unicode digits, separators, Thai letters and month
names, spaces, sums, commas, numbers thousands of digits long — and must either return a valid
value or raise :class:`AbcError` (a bilingual message), never another exception. Where a
formatter exists, formatting then parsing gives the same value back.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from abc_tui.domain import areas, forums, ledger, thai
from abc_tui.domain.categories import standard_chart
from abc_tui.domain.errors import AbcError
from abc_tui.reports import period

EXAMPLES = settings(max_examples=150, deadline=None)
TODAY = dt.date(2026, 11, 30)
CHART = {c.code: ledger.CategoryInfo(c.code, c.kind, c.name_th, c.name_en) for c in standard_chart()}

#: Pieces a clerk (or a cat on the keyboard) types: digits of three kinds, separators, Thai.
PIECES = [
    *"0123456789",
    *"๐๑๒๓๔๕๖๗๘๙",
    *"²³¹٣٤۵０１߀",  # other Unicode digits: str.isdigit()/re's \d take them
    *"/-.,+: ",
    "\u00a0",
    "\u200b",
    "\t",
    "บาท",
    "฿",
    "มี.ค.",
    "มีนาคม",
    "ม.ค.",
    "ธ.ค.",
    "jan",
    "ก",
    "ฮ",
    "bimonth:",
    "fy:",
    "year:",
    "month:",
    "25",
    "67",
    "2567",
    "2568",
    "-1",
    "1,000",
    "999999999",
    "e5",
    "นาย",
]
pieces = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
huge = st.integers(min_value=20, max_value=6000).map(lambda n: "9" * n)  # past int()'s 4,300-digit limit
typed = st.one_of(
    pieces, st.text(max_size=24), huge, huge.map(lambda s: s + ".50"), huge.map(lambda s: "1/" + s)
)
months = st.builds(
    thai.Month, st.integers(thai.MIN_YEAR_BE - 543, thai.MAX_YEAR_BE - 543), st.integers(1, 12)
)
dates = st.dates(dt.date(thai.MIN_YEAR_BE - 543, 1, 1), dt.date(thai.MAX_YEAR_BE - 543, 12, 31))


def parsed(fn, *args, **kwargs):
    """The parser's value, or None when it refused with an AbcError (anything else fails the test)."""
    try:
        return fn(*args, **kwargs)
    except AbcError as err:
        assert err.th and err.en  # bilingual
        return None


def valid_month(m) -> bool:
    return (
        isinstance(m, thai.Month) and 1 <= m.month <= 12 and thai.MIN_YEAR_BE <= m.year_be <= thai.MAX_YEAR_BE
    )


# ---------------------------------------------------------------- money and numbers


@EXAMPLES
@given(typed, st.booleans())
@example("9" * 4301, False)  # found: int() raised ValueError past 4,300 digits
@example("1+" + "9" * 5000 + ".50", True)
def test_parse_money_fuzz(text, allow_zero):
    v = parsed(thai.parse_money, text, allow_zero=allow_zero)
    assert v is None or (type(v) is int and (0 if allow_zero else 1) <= v <= thai.MAX_SATANG)


@EXAMPLES
@given(st.integers(1, thai.MAX_SATANG), st.booleans(), st.booleans())
def test_money_round_trip(satang, sep, thai_digits):
    text = thai.format_money(satang, sep=sep)
    assert thai.parse_money(thai.to_thai_digits(text) if thai_digits else text) == satang


@EXAMPLES
@given(st.lists(st.integers(1, 10**9), min_size=1, max_size=5))
def test_money_sums(parts):
    text = "+".join(thai.format_money(p) for p in parts)
    assert parsed(thai.parse_money, text) == (sum(parts) if sum(parts) <= thai.MAX_SATANG else None)


@EXAMPLES
@given(typed, st.one_of(st.none(), st.integers(-5, 5)), st.one_of(st.none(), st.integers(0, 10**6)))
@example("9" * 4301, None, None)  # found: ValueError past 4,300 digits
def test_parse_int_fuzz(text, minimum, maximum):
    v = parsed(thai.parse_int, text, minimum=minimum, maximum=maximum)
    assert v is None or (
        type(v) is int and (minimum is None or v >= minimum) and (maximum is None or v <= maximum)
    )


@EXAMPLES
@given(st.integers(0, 10**12), st.booleans())
def test_int_round_trip(n, commas):
    assert thai.parse_int(f"{n:,}" if commas else thai.to_thai_digits(str(n))) == n


@EXAMPLES
@given(typed)
def test_parse_count_fuzz(text):
    v = parsed(forums.parse_count, text)
    assert v is None or 0 <= v <= forums.MAX_COUNT


@EXAMPLES
@given(typed)
def test_parse_control_fuzz(text):
    v = parsed(ledger.parse_control, text)
    assert v is None or 0 <= v <= thai.MAX_SATANG


@EXAMPLES
@given(st.one_of(st.none(), st.integers(0, thai.MAX_SATANG)))
def test_control_round_trip(satang):
    assert ledger.parse_control(ledger.format_control(satang)) == satang


# ---------------------------------------------------------------- months, dates, days, periods


@EXAMPLES
@given(typed)
@example("²/67")  # found: "²".isdigit() but int("²") raised ValueError
def test_parse_month_fuzz(text):
    m = parsed(thai.parse_month, text)
    assert m is None or valid_month(m)
    m = parsed(thai.Month.from_iso, text)
    assert m is None or valid_month(m)


@EXAMPLES
@given(months)
def test_month_round_trip(m):
    for text in (m.be_label(), m.thai_label(), m.iso(), thai.to_thai_digits(m.be_label())):
        assert thai.parse_month(text) == m, text
    if m.year_be < 2600:  # the grid's short label has a 2-digit year, read as 25xx
        assert thai.parse_month(m.short_label()) == m
    assert thai.Month.from_iso(m.iso()) == m


@EXAMPLES
@given(typed)
def test_parse_date_fuzz(text):
    d = parsed(thai.parse_date, text)
    assert d is None or (isinstance(d, dt.date) and thai.MIN_YEAR_BE <= d.year + 543 <= thai.MAX_YEAR_BE)
    d = parsed(forums.parse_forum_date, text, today=TODAY)
    assert d is None or d <= TODAY + dt.timedelta(days=forums.MAX_DAYS_AHEAD)


@EXAMPLES
@given(dates)
def test_date_round_trip(d):
    for text in (
        thai.format_date_be(d),
        thai.format_date_thai(d),
        d.isoformat(),
        thai.to_thai_digits(thai.format_date_be(d)),
    ):
        assert thai.parse_date(text) == d, text


@EXAMPLES
@given(typed, months)
@example("²", thai.Month(2024, 3))  # found: ValueError
@example("9" * 4301, thai.Month(2024, 3))  # found: ValueError
def test_parse_day_fuzz(text, month):
    day = parsed(thai.parse_day, text, month)
    assert day is None or 1 <= day <= month.days()


@EXAMPLES
@given(dates)
def test_day_round_trip(d):
    assert thai.parse_day(str(d.day), thai.Month.of(d)) == d.day
    assert thai.parse_day(thai.to_thai_digits(str(d.day)), thai.Month.of(d)) == d.day


@EXAMPLES
@given(typed)
def test_parse_fiscal_year_fuzz(text):
    fy = parsed(thai.parse_fiscal_year, text)
    assert fy is None or thai.MIN_YEAR_BE <= fy <= thai.MAX_YEAR_BE


@EXAMPLES
@given(
    st.one_of(
        typed,
        st.sampled_from(["bimonth:", "bm:", "fy:", "year:", "month:", "BIMONTH: "]).flatmap(
            lambda kind: typed.map(lambda rest: kind + rest)
        ),
    )
)
def test_parse_period_fuzz(spec):
    p = parsed(period.parse_period, spec)
    assert p is None or (valid_month(p.first) and valid_month(p.last) and 1 <= p.months <= period.MAX_MONTHS)


@EXAMPLES
@given(st.one_of(st.none(), typed), st.one_of(st.none(), typed), st.one_of(st.none(), typed))
def test_resolve_period_fuzz(first, last, spec):
    p = parsed(period.resolve_period, first, last, spec, today=TODAY)
    assert p is None or (p.first <= p.last and p.months <= period.MAX_MONTHS)


@EXAMPLES
@given(st.integers(thai.MIN_YEAR_BE, thai.MAX_YEAR_BE), st.integers(1, 6), st.booleans())
def test_period_round_trip(year_be, n, thai_digits):
    spec = f"bimonth:{year_be}-{n}"
    p = period.parse_period(thai.to_thai_digits(spec) if thai_digits else spec)
    assert p.bimonth() == (year_be, n) and p == period.bimonth(year_be, n)
    assert period.parse_period(f"year:{year_be}").months == 12
    m = thai.Month(year_be - 543, 2 * n)
    assert period.parse_period(f"month:{m.be_label()}") == period.Period(m, m)
    if year_be < thai.MAX_YEAR_BE:
        fy = period.parse_period(f"fy:{year_be}")
        assert list(fy.fiscal_years()) == [year_be] and fy.months == 12


# ---------------------------------------------------------------- codes, house numbers, names, choices


@EXAMPLES
@given(typed, st.sampled_from(sorted(areas.LEVEL_DIGITS)))
@example("٥٤", "province")  # found: Arabic-Indic digits were accepted and stored as a code
def test_parse_area_code_fuzz(text, level):
    code = parsed(areas.parse_area_code, text, level)
    assert code is None or (re.fullmatch(r"[0-9]+", code) and areas.level_of(code) == level)
    assert code is None or areas.parse_area_code(code, level) == code
    lv = parsed(areas.level_of, text)
    assert lv is None or lv in areas.LEVEL_DIGITS


@EXAMPLES
@given(typed)
@example("٣")  # found: stored as a house number
def test_parse_house_no_fuzz(text):
    house = parsed(areas.parse_house_no, text)
    assert house is None or (
        re.fullmatch(r"[0-9]{1,5}(/[0-9]{1,4})?[ก-ฮ]?", house) and areas.parse_house_no(house) == house
    )


@EXAMPLES
@given(st.integers(1, 99999), st.one_of(st.none(), st.integers(1, 9999)), st.sampled_from(["", "ก", "ข"]))
def test_house_no_round_trip(n, sub, letter):
    house = f"{n}" + (f"/{sub}" if sub else "") + letter
    assert areas.parse_house_no(thai.to_thai_digits(house)) == house
    code = areas.household_code("54010101", house)
    assert code.split("-", 1) == ["54010101", house]


@EXAMPLES
@given(st.one_of(typed, st.text(min_size=100, max_size=600)))
def test_names_and_texts_fuzz(text):
    for fn in (areas.parse_name, forums.clean_text, ledger.normalize_item):
        v = parsed(fn, text)
        assert v is None or (v == v.strip() and fn(v) == v)
    assert parsed(areas.parse_name, text) is None or 1 <= len(areas.parse_name(text)) <= 120
    assert parsed(ledger.normalize_item, text) is None or len(ledger.normalize_item(text)) <= ledger.MAX_ITEM


@EXAMPLES
@given(typed)
def test_choices_fuzz(text):
    for fn, table in (
        (forums.parse_level, forums.LEVEL_LABELS),
        (forums.parse_actor, forums.ACTOR_LABELS),
        (forums.parse_status, forums.STATUS_LABELS),
    ):
        v = parsed(fn, text)
        assert v is None or v in table
        for code, (th, en) in table.items():  # every label parses back to its code
            assert fn(code) == fn(th) == fn(en) == fn(forums.label(table, code, "en")) == code


@EXAMPLES
@given(typed)
def test_parse_code_fuzz(text):
    cat = parsed(ledger.parse_code, text, CHART)
    assert cat is None or cat.code in CHART
    for code, info in CHART.items():
        assert ledger.parse_code(code, CHART) == info
        assert ledger.parse_code(thai.to_thai_digits(code), CHART) == info


@EXAMPLES
@given(typed, typed, typed, typed, months, st.one_of(st.none(), st.integers(1, 28)))
def test_parse_line_fuzz(day, code, item, amount, month, carry):
    line = parsed(ledger.parse_line, day, code, item, amount, month=month, carry_day=carry, chart=CHART)
    assert line is None or (
        1 <= line.day <= month.days()
        and line.code in CHART
        and len(line.item) <= ledger.MAX_ITEM
        and 0 < line.amount <= thai.MAX_SATANG
    )


@EXAMPLES
@example(dt.date(2024, 1, 5), sorted(CHART)[0], "\U0001e000", 100)  # a lone combining mark (Glagolitic)
@given(dates, st.sampled_from(sorted(CHART)), st.text(max_size=60), st.integers(1, thai.MAX_SATANG))
def test_line_round_trip(d, code, item, satang):
    month = thai.Month.of(d)
    try:
        line = ledger.parse_line(
            str(d.day), code, item, thai.format_money(satang), month=month, carry_day=None, chart=CHART
        )
    except ledger.LineError as err:  # the one refusal any text may get: a mark with no letter before it
        assert "no consonant before it" in str(err)
        return
    assert (line.day, line.code, line.amount) == (d.day, code, satang)
    assert line.item == ledger.normalize_item(item)


@EXAMPLES
@given(
    typed,
    typed,
    st.sampled_from(["household", "agency", "กลุ่ม", "", "x"]),
    typed,
    typed,
    typed,
    typed,
    st.booleans(),
)
def test_validate_plan_fuzz(title, problem, actor, agency, fy, requested, approved, confirm):
    v = parsed(
        forums.validate_plan,
        title=title,
        problem=problem,
        actor=actor,
        agency=agency,
        fiscal_year=fy,
        budget_requested=requested,
        budget_approved=approved,
        confirm_over=confirm,
    )
    assert v is None or (
        v.title
        and v.actor in forums.ACTOR_LABELS
        and v.budget_requested_satang >= 0
        and (confirm or not v.over_approved)
    )


@EXAMPLES
@given(st.lists(typed, min_size=4, max_size=4), months, st.sampled_from(sorted(CHART)))
def test_rekey_and_code_checks_never_raise(texts, month, code):
    saved = ledger.LineEntry(1, code, "ข้าว", 100)
    assert set(ledger.rekey_mismatches(saved, texts, month=month, chart=CHART)) <= set(ledger.FIELDS)
    assert isinstance(ledger.is_complete_code(texts[1]), bool)
    for new in (texts[0], *forums.STATUSES):
        for current in forums.STATUSES:
            parsed(forums.check_transition, current, new)
