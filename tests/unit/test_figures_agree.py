"""One place for every figure (issue 9 §1): the data card, the reports and the statements give the
same numbers for the same data, and every copy of a definition that is still spelled twice (the
frozen migration, the models) agrees with the one definition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from abc_tui.domain import categories
from abc_tui.domain.categories import EXPENSE_KINDS, KIND_COLUMNS, KIND_TABLE, KINDS
from abc_tui.domain.ledger import PageTotals, item_key
from abc_tui.domain.thai import Month
from abc_tui.reports import datacard, queries, statements, summary
from abc_tui.reports.period import Period
from abc_tui.reports.spec import spec
from abc_tui.store.database import close_database, open_database
from abc_tui.store.migrations import M5_DDL
from abc_tui.store.models import LedgerLine, LedgerPage, ReportMonth, db
from tests.unit.test_reports_golden import PERIODS, build_golden_demo

B = 100


def add_line(h, day: str, code: str, item: str, satang: int) -> LedgerLine:
    d = dt.date.fromisoformat(day)
    page, _ = LedgerPage.get_or_create(household=h.id, month=d.isoformat()[:7])
    return LedgerLine.create(
        page=page.id,
        household=h.id,
        village_code=h.village_code,
        date=d,
        category=code,
        item=item,
        amount_satang=satang,
    )


# ---------------------------------------------------------------- one pct


def test_one_sixteenth_shows_6_3_everywhere(office) -> None:
    """1/16 = 6.25 %: half up is 6.3 (a float ``round`` gives 6.2 — the data card once did)."""
    a = office.households[0]
    add_line(a, "2024-01-05", "31", "ข้าวสาร", 1_500 * B)
    add_line(a, "2024-01-06", "43", "หวย", 100 * B)  # avoidable 100 of 1,600 spent
    assert queries.pct(1, 16) == D("6.3")
    card = datacard.data_card(a.village_code, Month(2024, 1), Month(2024, 1))
    assert card.avoidable_share_pct == D("6.3")
    assert "ค่าใช้จ่ายที่ลดได้ 6.3% ของรายจ่ายหมู่บ้าน" in datacard.evidence_lines(card, "th")
    assert "6.3" in card_text(card)
    (own,) = [
        s
        for s in statements.statements(a.village_code, Period(Month(2024, 1), Month(2024, 1)))
        if s.household_code == a.code
    ]
    assert own.avoidable_share == D("6.3")
    assert "6.3%" in statements.render_text(own, "en")
    lottery = next(it for it in card.top_items if it.item == "หวย")
    assert lottery.share_pct == D("6.3")


def card_text(card: datacard.DataCard) -> str:
    from abc_tui.ui.screens.datacard import render_card

    console = Console(record=True, width=80)
    console.print(render_card(card))
    return console.export_text()


# ---------------------------------------------------------------- card = reports


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = build_golden_demo(tmp_path_factory.mktemp("agree") / "demo.sqlite3")
    yield path
    close_database()


@pytest.mark.parametrize("pname", list(PERIODS))
def test_data_card_gives_the_reports_numbers(demo, pname) -> None:
    open_database(demo)
    period = PERIODS[pname]
    for village in queries.villages_in("540101"):
        card = datacard.data_card(village, period.first, period.last)
        vm = [r for r in queries.village_month(period, village)]
        keys = spec("village-month").keys()
        col = {k: i for i, k in enumerate(keys)}
        for kind in KIND_TABLE[: len(keys) - 6]:
            assert card.by_kind[kind.kind] == sum(r[col[kind.report_key]] for r in vm), (village, kind.kind)
        assert card.net == sum(r[col["net"]] for r in vm)
        assert [(m.month.iso(), m.income) for m in card.months] == [(r[1], r[col["income"]]) for r in vm]
        assert [m.expense for m in card.months] == [
            sum(r[col[k.report_key]] for k in KIND_TABLE if k.net < 0) for r in vm
        ]
        ind = {r[4]: r for r in queries.indicators(period, village) if r[0] == village}
        assert (card.households_reporting, card.households_registered) == ind["5.1.1"][5:7]
        assert card.debt_start.households_in_debt == ind["5.1.2"][6]
        assert card.households_debt_reduced == ind["5.1.2"][5]
        assert card.households_debt_cleared == ind["5.1.2a"][5]
        profile = queries.spending_profile(period, village)
        assert [(t.category_code, t.item, t.amount, t.households) for t in card.top_items] == [
            (r[1], r[2], r[5], r[3]) for r in profile[:5]
        ]
        pages = statements.statements(village, period)
        assert len(pages) == card.households_registered
        assert sum(s.months_with_books > 0 for s in pages) == card.households_reporting
        assert sum(max(s.debt_end, 0) for s in pages) == card.debt_end.total_debt
        assert sum(s.debt_end > 0 for s in pages) == card.debt_end.households_in_debt
        for kind in KIND_TABLE:
            assert sum(s.totals[kind.column] for s in pages) == card.by_kind[kind.kind], kind.kind
        cap = queries.debt_capacity(period, village)
        assert sum(r[1] for r in cap) == card.households_reporting
        # The chart's debt at each month end (that month's members) is the statements' debt then.
        for m in period.month_list():
            one = Period(m, m)
            assert queries.debt_trend(one, village) == [
                (m.iso(), sum(s.debt_end for s in statements.statements(village, one)))
            ]


def test_data_card_counts_members_of_the_period_not_todays_active_flag(office) -> None:
    from abc_tui.store.models import Household

    a, b = office.households[:2]
    add_line(a, "2024-01-05", "11", "ขายข้าว", 1_000 * B)
    add_line(b, "2024-01-06", "11", "ค่าแรง", 500 * B)
    # B left in March 2024: still a member in January, so January's card counts it and its income.
    Household.update(active=False, left_on=dt.date(2024, 3, 1)).where(Household.id == b.id).execute()
    card = datacard.data_card(a.village_code, Month(2024, 1), Month(2024, 1))
    assert (card.households_registered, card.households_reporting) == (3, 2)
    assert card.income == 1_500 * B
    later = datacard.data_card(a.village_code, Month(2024, 4), Month(2024, 4))
    assert later.households_registered == 2


# ---------------------------------------------------------------- one kind table


def test_kind_table_is_the_one_spelling() -> None:
    assert set(KINDS) == {r.kind for r in categories.standard_chart()}
    assert EXPENSE_KINDS == ("production", "consumption", "avoidable", "interest")
    assert PageTotals.EXPENSE_KINDS == EXPENSE_KINDS
    # The summary table's model (and so the frozen migration) has exactly the kind columns, in order.
    fields = [
        f
        for f in ReportMonth._meta.sorted_field_names
        if f not in ("village_code", "household_id", "month", "lines")
    ]
    assert fields == list(KIND_COLUMNS)
    # Report columns: household-month has every kind, village-month all up to repaid.
    hm = spec("household-month").keys()
    assert hm[4:-1] == [k.report_key for k in KIND_TABLE]
    from abc_tui.ui.strings import ledger as ledger_strings

    for k in KIND_TABLE[1:]:
        assert f"ledger.kind.{k.kind}" in ledger_strings.STRINGS


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-(10**9), 10**9), min_size=9, max_size=9))
def test_net_in_sql_is_net_in_python(values) -> None:
    row = dict(zip(KIND_COLUMNS, values, strict=True))
    from peewee import Select, SqliteDatabase, ValuesList

    t = ValuesList([tuple(values)], columns=list(KIND_COLUMNS)).cte("t", columns=list(KIND_COLUMNS))
    query = (
        Select([t], [queries.net_expr(t.c), queries.expense_expr(t.c)])
        .with_cte(t)
        .bind(SqliteDatabase(":memory:"))
    )
    assert query.tuples()[0] == (categories.net(row), categories.expense(row))
    by_kind = {KIND_COLUMNS[c]: v for c, v in row.items()}
    assert categories.net(by_kind) == categories.net(row)


# ---------------------------------------------------------------- one item normalisation

ITEMS = st.text(alphabet=st.sampled_from(list(" \t\n\r\u00a0\u3000\u200b\ufeffaไข่ก")), max_size=40)


@settings(max_examples=150, deadline=None)
@given(ITEMS)
def test_item_key_in_sql_is_item_key_in_python(text) -> None:
    from peewee import SqliteDatabase

    mem = SqliteDatabase(":memory:")
    assert mem.execute_sql(f"SELECT {summary.item_key_sql('?')}", (text,)).fetchone()[0] == item_key(text)
    assert summary.item_key is item_key


HOSTILE = ["ไข่ไก่ ", " ไข่\u00a0 ไก่\u200b ", "a\t\tb\r\nc", "\ufeffx" + " " * 100 + "y", "", "   "]


def test_frozen_migration_copies_agree_with_item_key(office) -> None:
    """The five SQL copies in migration 5 (four triggers and the backfill) stay as written; they
    must group items exactly as :func:`item_key` does."""
    a = office.households[0]
    lines = [add_line(a, "2024-01-05", "31", text, 100) for text in HOSTILE]  # insert trigger
    assert summary.verify() == [] and summary.verify_in_sql() == []
    for line, text in zip(lines, reversed(HOSTILE), strict=True):  # update trigger (both halves)
        LedgerLine.update(item=text + " ").where(LedgerLine.id == line.id).execute()
    assert summary.verify() == [] and summary.verify_in_sql() == []
    LedgerLine.delete().where(LedgerLine.id == lines[0].id).execute()  # delete trigger
    assert summary.verify() == []
    # The backfill copy: run the migration's own statements, then compare with ours.
    with db.atomic():
        for sql in M5_DDL:
            if sql.startswith(("DELETE", "INSERT")):
                db.execute_sql(sql)
    frozen = db.execute_sql("SELECT * FROM report_item ORDER BY 1, 2, 3, 4, 5").fetchall()
    summary.rebuild()
    assert db.execute_sql("SELECT * FROM report_item ORDER BY 1, 2, 3, 4, 5").fetchall() == frozen
    assert {r[2] for r in frozen} == {item_key(t) for t in HOSTILE[1:]} | {item_key(t + " ") for t in HOSTILE}
