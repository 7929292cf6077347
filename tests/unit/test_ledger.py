"""Ledger service: pages, lines, totals, checks, undo, audit, completeness, re-key."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abc_tui.domain.errors import AbcError
from abc_tui.domain.ledger import (
    Bounds,
    CategoryInfo,
    LineError,
    PageTotals,
    is_complete_code,
    match_categories,
    outlier,
    parse_line,
)
from abc_tui.domain.thai import Month, format_money
from abc_tui.store import areas, completeness, households, ledger, rekey
from abc_tui.store.models import Audit, LedgerLine, LedgerPage

M = Month(2024, 1)


@pytest.fixture
def desk(office):
    return ledger.LedgerDesk(who="ทดสอบ")


def audits(action=None):
    q = Audit.select().order_by(Audit.id)
    if action:
        q = q.where(Audit.action == action)
    return list(q)


# ---------------------------------------------------------------- domain


def chart():
    from abc_tui.domain.categories import standard_chart

    return {c.code: CategoryInfo(c.code, c.kind, c.name_th, c.name_en) for c in standard_chart()}


def test_parse_line_carries_day_and_reads_thai_digits():
    e = parse_line("", "๓๑", "  ไข่ไก่  ", "๑,๒๕๐.๕๐", month=M, carry_day=7, chart=chart())
    assert (e.day, e.code, e.item, e.amount) == (7, "31", "ไข่ไก่", 125050)
    assert parse_line("15", "31", "", "120+35", month=M, carry_day=None, chart=chart()).amount == 15500


@pytest.mark.parametrize(
    ("day", "code", "amount", "field"),
    [
        ("", "31", "10", "day"),  # first line of a page needs a day
        ("32", "31", "10", "day"),
        ("3", "50", "10", "category"),
        ("3", "ไม่มีชื่อนี้", "10", "category"),
        ("3", "31", "12a", "amount"),
        ("3", "31", "0", "amount"),
        ("3", "31", "-5", "amount"),
    ],
)
def test_parse_line_names_the_bad_field(day, code, amount, field):
    with pytest.raises(LineError) as info:
        parse_line(day, code, "", amount, month=M, carry_day=None, chart=chart())
    assert info.value.field == field
    assert info.value.th and info.value.en


def test_category_by_part_of_name():
    found = match_categories("ไฟ", chart().values())
    assert found[0].code == "33"
    assert parse_line("1", "หวย", "", "80", month=M, carry_day=None, chart=chart()).code == "43"
    assert [c.code for c in match_categories("3", chart().values())][:3] == ["31", "32", "33"]


def test_complete_code():
    assert is_complete_code("31") and is_complete_code("๓๑")
    assert not is_complete_code("3") and not is_complete_code("ไฟ")


def test_totals_and_controls():
    t = PageTotals.from_lines([("income", 1000), ("consumption", 300), ("interest", 50), ("saving_in", 70)])
    assert (t.income, t.expense, t.saved) == (1000, 350, 70)
    assert t.matches(1000, 350) and t.matches(1000, None)
    assert not t.matches(None, None) and not t.matches(999, 350)
    assert t.differences(900, None) == (100, None)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["income", "production", "consumption", "avoidable", "interest", "debt_borrowed", "saving_in"]
            ),
            st.integers(1, 10**9),
        )
    )
)
def test_totals_add_up(lines):
    t = PageTotals.from_lines(lines)
    assert t.income + t.expense + t.borrowed + t.saved == sum(a for _, a in lines)


def test_outlier_rule():
    b = Bounds(10000, 50000, 5)
    assert outlier(200000, b) == "high"
    assert outlier(3000, b) == "low"
    assert outlier(60000, b) is None
    assert outlier(10**9, Bounds(1, 2, 2)) is None  # too little history
    assert outlier(10**9, None) is None


# ---------------------------------------------------------------- pages and lines


def test_save_line_commits_and_reopens(desk, office):
    h = office.households[0]
    page = desk.open(h, M)
    assert page.is_new and page.lines == []
    r1 = page.save_line("2", "37", "ทำบุญ", "138.50")
    r2 = page.save_line("", "32", "สบู่ ยาสีฟัน", "๑๖๓")  # day carried from the line above
    assert r1.line.amount == 13850 and r2.line.day == 2
    # committed: visible from a fresh read and from a reopened page
    rows = list(LedgerLine.select().order_by(LedgerLine.id))
    assert [(str(r.date), r.category_code, r.item, r.amount_satang, r.entered_by) for r in rows] == [
        ("2024-01-02", "37", "ทำบุญ", 13850, "ทดสอบ"),
        ("2024-01-02", "32", "สบู่ ยาสีฟัน", 16300, "ทดสอบ"),
    ]
    again = desk.open(h.id, M)
    assert not again.is_new and [ln.item for ln in again.lines] == ["ทำบุญ", "สบู่ ยาสีฟัน"]
    assert again.carry_day == 2
    assert rows[0].village_code == h.village_code and rows[0].household_id == h.id


def test_invalid_line_is_not_saved(desk, office):
    page = desk.open(office.households[0], M)
    with pytest.raises(LineError) as info:
        page.save_line("5", "31", "ข้าว", "abc")
    assert info.value.field == "amount"
    assert LedgerLine.select().count() == 0 and LedgerPage.select().count() == 0
    assert page.is_new


def test_totals_match_sql_and_balance(desk, office):
    page = desk.open(office.households[0], M)
    page.set_controls("9,174", "1,000.50")
    page.save_line("10", "14", "ขายของชำ", "9174")
    page.save_line("11", "31", "", "900.50")
    page.save_line("", "61", "ฝากสัจจะ", "500")  # savings are not expense
    with pytest.raises(AbcError):
        page.mark_balanced()  # 900.50 of 1,000.50
    page.save_line("", "53", "ดอกเบี้ย", "100")
    sql = ledger.page_totals(page.page_id)
    assert sql == page.totals()
    assert (sql.income, sql.expense, sql.saved) == (917400, 100050, 50000)
    assert page.differences() == (0, 0)
    page.mark_balanced()
    assert LedgerPage.get_by_id(page.page_id).status == "balanced"
    # a later change that breaks the balance re-opens the page, audited
    page.save_line("", "31", "", "5")
    assert LedgerPage.get_by_id(page.page_id).status == "open"
    assert [json.loads(a.after)["status"] for a in audits("status")] == ["balanced", "open"]


def test_controls_create_the_page_and_changes_are_audited(desk, office):
    page = desk.open(office.households[1], M)
    page.set_controls("", "")
    assert page.is_new  # nothing typed: no page row
    page.set_controls("0", "๒,๐๐๐")
    p = LedgerPage.get_by_id(page.page_id)
    assert (p.control_income_satang, p.control_expense_satang) == (0, 200000)
    page.set_controls("10", "2,000")
    assert len(audits("update")) == 1
    with pytest.raises(LineError) as info:
        page.set_controls("x", "")
    assert info.value.field == "control_income"


def test_edit_delete_undo_with_audit(desk, office):
    page = desk.open(office.households[0], M)
    a = page.save_line("3", "31", "ข้าวสาร", "492").line
    b = page.save_line("", "42", "บุหรี่", "139").line
    page.update_line(b.id, "", "42", "บุหรี่", "140")
    assert LedgerLine.get_by_id(b.id).amount_satang == 14000
    upd = audits("update")[-1]
    assert (
        json.loads(upd.before)["amount_satang"] == 13900 and json.loads(upd.after)["amount_satang"] == 14000
    )
    assert upd.who == "ทดสอบ"
    page.delete_line(a.id)
    assert LedgerLine.get_or_none(LedgerLine.id == a.id) is None
    assert json.loads(audits("delete")[-1].before)["item"] == "ข้าวสาร"
    # undo the delete: the same line (id and uuid) is back
    assert page.undo().action == "delete"
    back = LedgerLine.get_by_id(a.id)
    assert (back.uuid, back.amount_satang) == (a.uuid, 49200)
    # undo the edit
    assert page.undo().action == "update"
    assert LedgerLine.get_by_id(b.id).amount_satang == 13900
    # undo both saves
    assert page.undo().action == "insert" and page.undo().action == "insert"
    assert LedgerLine.select().count() == 0 and page.lines == []
    assert page.undo() is None
    assert len(audits("delete")) == 3  # the delete and the two undone saves


def test_closed_page_refuses_changes(desk, office):
    page = desk.open(office.households[0], M)
    page.save_line("3", "31", "", "10")
    LedgerPage.update(status="closed").where(LedgerPage.id == page.page_id).execute()
    closed = desk.open(office.households[0], M)
    with pytest.raises(AbcError):
        closed.save_line("3", "31", "", "10")
    with pytest.raises(AbcError):
        closed.delete_line(closed.lines[0].id)


def test_duplicate_and_outlier_warn(desk, office):
    h = office.households[0]
    for month in range(1, 5):
        p = desk.open(h, Month(2023, month))
        p.save_line("5", "33", "ค่าไฟ", str(400 + month * 10))
    page = desk.open(h, M)
    assert page.bounds["33"] == Bounds(41000, 44000, 4)
    r = page.save_line("5", "33", "ค่าไฟ", "4,200")  # ten times too much: a typo?
    assert r.warnings == ("high",)
    r2 = page.save_line("", "31", "", "50")
    assert r2.warnings == ()
    r3 = page.save_line("", "31", "", "50")
    assert r3.warnings == ("duplicate",)
    assert LedgerLine.select().count() == 7  # warnings never block


def test_item_completion_office_wide_most_used_first(desk, office):
    v1a, v1b, _, v2a, _ = office.households
    desk.open(v1a, M).save_line("1", "31", "ไข่ไก่", "10")
    p = desk.open(v2a, M)  # another village: completion is office-wide
    p.save_line("1", "31", "ไข่เป็ด", "10")
    p.save_line("1", "31", "ไข่เป็ด", "11")
    fresh = ledger.LedgerDesk()  # reads counts from the database
    assert fresh.items.complete("31", "ไข่") == "ไข่เป็ด"
    assert fresh.items.complete("31", "ไข่ไ") == "ไข่ไก่"
    assert fresh.items.complete("31", "ไข่เป็ด") is None  # already complete
    assert fresh.items.complete("32", "ไข่") is None  # other category
    assert fresh.items.complete("31", "") is None
    # the session keeps counts current as lines are saved
    q = fresh.open(v1b, M)
    for _ in range(2):
        q.save_line("1", "31", "ไข่ไก่", "10")
    assert fresh.items.complete("31", "ไข่") == "ไข่ไก่"
    q.undo()
    q.undo()
    assert fresh.items.complete("31", "ไข่") == "ไข่เป็ด"


def test_default_month_and_next_household(desk, office):
    h = office.households[0]
    assert ledger.default_month(h.id, Month(2025, 2)) == Month(2025, 2)
    desk.open(h, Month(2024, 3)).save_line("1", "31", "", "1")
    desk.open(h, Month(2024, 5)).save_line("1", "31", "", "1")
    assert ledger.default_month(h.id, Month(2025, 2)) == Month(2024, 6)
    hs = office.households
    assert households.next_household(hs[0]).id == hs[1].id
    assert households.next_household(hs[1]).id == hs[2].id
    assert households.next_household(hs[2]) is None  # last of village 01
    assert households.next_household(hs[1], step=-1).id == hs[0].id


def test_find_households_and_villages(office):
    v1 = office.villages[0]
    assert [h.house_no for h in households.find_households(v1, "3/1")] == ["3/1"]
    assert households.find_households(v1, "สมชาย")[0].house_no == "1"
    assert households.find_households(v1, "54010102-7")[0].head_name.startswith("นางสมศรี")
    assert households.find_households(v1, "") == []
    assert [v.code for v in areas.find_villages("๒")] == ["54010102"]
    assert [v.code for v in areas.find_villages("ป่าแดง")] == ["54010102"]


def test_completeness_grid(desk, office):
    hs = office.households
    months = [Month(2024, 1), Month(2024, 2)]
    p = desk.open(hs[0], months[0])
    p.set_controls("", "10")
    p.save_line("1", "31", "", "10")
    p.mark_balanced()
    desk.open(hs[1], months[0]).save_line("1", "31", "", "10")
    desk.open(hs[2], months[1]).set_controls("5", "")  # a page with no lines yet
    rows = completeness.completeness(office.villages[0], months)
    assert [r.house_no for r in rows] == ["1", "2", "3/1"]
    assert [[r.cells[m.iso()] for m in months] for r in rows] == [
        ["balanced", "missing"],
        ["entered", "missing"],
        ["missing", "empty"],
    ]
    assert rows[1].lines["2024-01"] == 1


def test_rekey_sample_and_check(desk, office):
    h = office.households[0]
    page = desk.open(h, M)
    page.save_line("3", "31", "ข้าวสาร", "492")
    page.save_line("4", "42", "บุหรี่", "139")
    page.save_line("5", "13", "", "3,620")
    desk.open(office.households[3], M).save_line("9", "31", "", "1")  # other village
    targets = rekey.rekey_sample(office.villages[0], M, n=10)
    assert sorted(t.position for t in targets) == [1, 2, 3]
    assert all(t.page_lines == 3 and t.household_code == h.code for t in targets)
    second = next(t for t in targets if t.position == 2)
    ok = rekey.rekey_check(second, "4", "42", "", "๑๓๙", who="หัวหน้า")
    assert ok.ok
    bad = rekey.rekey_check(second, "4", "41", "บุหรี่", "193", who="หัวหน้า")
    assert bad.mismatches == ("category", "amount")
    assert [a.who for a in audits("rekey")] == ["หัวหน้า", "หัวหน้า"]
    assert len(rekey.rekey_sample(None, M, n=2)) == 2


def test_history_bounds_use_only_other_pages(desk, office):
    h = office.households[0]
    page = desk.open(h, M)
    page.save_line("1", "31", "", "100")
    assert ledger.history_bounds(h.id, page.page_id) == {}
    assert ledger.history_bounds(h.id, None)["31"] == Bounds(10000, 10000, 1)


def test_money_is_integer_satang(desk, office):
    page = desk.open(office.households[0], M)
    page.save_line("1", "31", "", "0.10+0.20")
    assert LedgerLine.get().amount_satang == 30
    assert format_money(page.totals().expense) == "0.30"


def test_item_text_is_normalised_like_the_report_summaries():
    from abc_tui.domain.ledger import normalize_item
    from abc_tui.reports.summary import item_key

    for raw in (" ไข่\u00a0 ไก่\u200b ", "\ufeffไข่ไก่", "ไข่\tไก่\n", "ไข่ไก่"):
        assert normalize_item(raw) == item_key(raw)


def test_item_completion_offers_the_households_own_items_first(desk, office):
    v1a, v1b, _, v2a, _ = office.households
    other = desk.open(v2a, M)
    for _ in range(3):  # office-wide "ข้าวเหนียว" is the most used "ข…" under 31
        other.save_line("1", "31", "ข้าวเหนียว", "10")
    mine = desk.open(v1a, Month(2024, 1))
    mine.save_line("1", "31", "ข้าวสาร", "10")  # this household's own, once, last month
    fresh = ledger.LedgerDesk()
    assert fresh.items.complete("31", "ข", v1a.id) == "ข้าวสาร"  # its own history first
    assert fresh.items.complete("31", "ข", v1b.id) == "ข้าวเหนียว"  # another household: the office's
    assert fresh.items.complete("31", "ข") == "ข้าวเหนียว"
    assert fresh.items.complete("31", "ข้าวเ", v1a.id) == "ข้าวเหนียว"  # none of its own: the office's
    assert fresh.items.complete("31", "ข้าวสาร", v1a.id) is None  # already complete
    # kept current as lines are saved and undone, for the household and the office
    page = fresh.open(v1b, M)
    page.save_line("2", "31", "ขนม", "5")
    assert fresh.items.complete("31", "ข", v1b.id) == "ขนม"
    page.undo()
    assert fresh.items.complete("31", "ข", v1b.id) == "ข้าวเหนียว"
    assert fresh.items.ranked("31", v1a.id) == ["ข้าวสาร"]


def test_complete_day_and_month_and_months_as_digits():
    from abc_tui.domain.ledger import is_complete_day, is_complete_month, parse_page_month

    assert [d for d in ("1", "2", "3", "4", "9", "10", "31", "๕", "", "x", "123") if is_complete_day(d)] == [
        "4",
        "9",
        "10",
        "31",
        "๕",
    ]
    now = Month(2026, 11)  # 2569
    done = ("1/67", "4/68", "๔/๖๘", "04/2568", "เม.ย. 68", "468", "1267", "0468", "3/70")
    waiting = ("1/6", "1/25", "1/256", "12/6", "126", "116", "46", "2567", "2024-03", "3/55", "3/71", "")
    assert all(is_complete_month(m, now) for m in done)
    assert not any(is_complete_month(m, now) for m in waiting)
    assert parse_page_month("468") == Month(2025, 4) and parse_page_month("1267") == Month(2024, 12)
    assert parse_page_month("4/68") == Month(2025, 4)
    with pytest.raises(AbcError, match="2567"):
        parse_page_month("2567")


def test_item_completion_reads_a_households_categories_in_one_query(desk, office):
    """Issue 14: a household's items under every category come from one query (one per category
    cost ~0.1 ms each on the clerk's keys); a category it has never used, and a line saved under
    one after the load, are completed all the same."""
    from abc_tui.store.models import db

    v1a = office.households[0]
    page = desk.open(v1a, Month(2024, 1))
    page.save_line("1", "31", "ข้าวสาร", "10")
    page.save_line("1", "33", "ค่าไฟ", "10")
    fresh = ledger.LedgerDesk()
    fresh.items.complete("21", "x")  # the office-wide ranking under 21 (not what is counted)
    queries: list[str] = []
    execute = db.obj.execute_sql

    def counted(sql, *args, **kwargs):
        queries.append(sql)
        return execute(sql, *args, **kwargs)

    db.obj.execute_sql = counted
    try:
        assert fresh.items.ranked("31", v1a.id) == ["ข้าวสาร"]
        assert fresh.items.ranked("33", v1a.id) == ["ค่าไฟ"]
        assert fresh.items.ranked("21", v1a.id) == []  # never used by it: nothing, no query
    finally:
        del db.obj.execute_sql
    assert len(queries) == 1 and "GROUP BY" in queries[0]
    later = fresh.open(v1a, Month(2024, 2))
    later.save_line("1", "21", "ปุ๋ย", "10")
    assert fresh.items.complete("21", "ป", v1a.id) == "ปุ๋ย"
    later.undo()
    assert fresh.items.complete("21", "ป", v1a.id) is None
