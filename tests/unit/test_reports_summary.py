"""The summary tables (migration 5) stay exact through inserts, edits and deletes of ledger lines."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abc_tui.reports import summary
from abc_tui.store.models import Category, LedgerLine, LedgerPage, db
from tests.unit.test_reports_fixture import add_line

CODES = ["11", "13", "21", "31", "41", "43", "51", "52", "53", "61", "62"]
ITEMS = ["", "ไข่ไก่", "ไข่ไก่ ", " ไข่ไก่", "ไข่\u00a0ไก่", "ไข่  ไก่", "ไข่\tไก่", "ไข่\u200bไก่", "น้ำมัน", "=SUM(A1)"]

line_values = st.tuples(
    st.integers(0, 4),  # household
    st.dates(dt.date(2024, 1, 1), dt.date(2024, 4, 30)),
    st.sampled_from(CODES),
    st.sampled_from(ITEMS),
    st.integers(1, 10_000_000),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), line_values),
        st.tuples(st.just("edit"), st.integers(0, 50), line_values),
        st.tuples(st.just("delete"), st.integers(0, 50)),
    ),
    max_size=25,
)


def _clear() -> None:
    with db.atomic():
        LedgerLine.delete().execute()
        LedgerPage.delete().execute()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_summaries_follow_every_change(office, ops):
    _clear()
    assert summary.verify() == []
    hs = office.households
    for op in ops:
        ids = [r.id for r in LedgerLine.select(LedgerLine.id).order_by(LedgerLine.id)]
        if op[0] == "add":
            i, d, code, item, amount = op[1]
            add_line(hs[i], d.isoformat(), code, item, amount)
        elif op[0] == "edit" and ids:
            line = LedgerLine.get_by_id(ids[op[1] % len(ids)])
            i, d, code, item, amount = op[2]
            line.household = hs[i]
            line.village_code = hs[i].village_code
            line.date = d
            line.category = code
            line.item = item
            line.amount_satang = amount
            line.save()
        elif op[0] == "delete" and ids:
            LedgerLine.delete().where(LedgerLine.id == ids[op[1] % len(ids)]).execute()
    assert summary.verify() == []
    # No empty rows are left behind by deletes and edits.
    assert db.execute_sql("SELECT count(*) FROM report_month WHERE lines <= 0").fetchone()[0] == 0
    assert db.execute_sql("SELECT count(*) FROM report_item WHERE lines <= 0").fetchone()[0] == 0


def test_item_text_is_normalised_in_the_summary(office):
    h = office.households[0]
    for item in ("ไข่ไก่", "ไข่ไก่ ", "  ไข่ไก่", "ไข่ไก่\t", "ไข่ไก่\u200b"):
        add_line(h, "2024-01-10", "31", item, 100)
    add_line(h, "2024-01-11", "31", "ไข่  ไก่", 100)
    rows = db.execute_sql("SELECT item, lines, amount FROM report_item ORDER BY item").fetchall()
    assert rows == [("ไข่ ไก่", 1, 100), ("ไข่ไก่", 5, 500)]
    assert summary.item_key(" ไข่\u00a0 ไก่\u200b ") == "ไข่ ไก่"


def test_a_category_changing_kind_rebuilds_the_month_summary(office):
    h = office.households[0]
    add_line(h, "2024-01-10", "39", "ของ", 700)
    assert db.execute_sql("SELECT consumption, avoidable FROM report_month").fetchall() == [(700, 0)]
    Category.update(kind="avoidable").where(Category.code == "39").execute()
    assert db.execute_sql("SELECT consumption, avoidable FROM report_month").fetchall() == [(0, 700)]
    assert summary.verify() == []


def test_rebuild_restores_a_damaged_summary(office):
    h = office.households[0]
    add_line(h, "2024-01-10", "31", "ข้าว", 700)
    db.execute_sql("UPDATE report_month SET consumption = 1")
    db.execute_sql("DELETE FROM report_item")  # its triggers empty the item totals and month bits too
    assert summary.verify() == [
        "report_month differs from ledger_line",
        "report_item differs from ledger_line",
        "report_item_total differs from ledger_line",
        "report_item_year differs from ledger_line",
    ]
    assert len(summary.verify_in_sql()) == 4
    summary.rebuild()
    assert summary.verify() == [] and summary.verify_in_sql() == []


def test_migration_backfills_lines_written_before_it(tmp_path):
    """A database at schema 2 with lines gets exact summaries when it is opened (migrated)."""
    from abc_tui.store.database import close_database, open_database
    from abc_tui.store.demo import build_demo

    path = tmp_path / "old.sqlite3"
    build_demo(path, households=12, villages=2, months=2, seed=3)
    db.execute_sql("DROP TABLE report_month")
    db.execute_sql("DROP TABLE report_item")
    for trig in ("ai", "ad", "au"):
        db.execute_sql(f'DROP TRIGGER "report_ledger_line_{trig}"')
    db.execute_sql('DROP TRIGGER "report_category_kind_au"')
    db.execute_sql("PRAGMA user_version = 2")
    close_database()
    open_database(path)
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] >= 5
    assert db.execute_sql("SELECT count(*) FROM report_month").fetchone()[0] > 0
    assert summary.verify() == []
    close_database()


def test_item_totals_and_month_bits_follow_every_change_of_a_line(office):
    """Migration 10's tables (spending profile) stay exact through inserts, edits that move a line
    to another month, item or household, and deletes; a household-item-year row goes when its last
    month goes."""
    from abc_tui.store.models import LedgerLine

    a, b = office.households[0], office.households[1]
    add_line(a, "2024-01-10", "31", "ข้าว", 700)
    add_line(a, "2024-01-20", "31", "ข้าว ", 100)  # the same item (normalised)
    add_line(a, "2024-03-05", "31", "ข้าว", 50)
    add_line(b, "2024-03-06", "31", "ข้าว", 60)
    assert summary.verify() == []
    year = db.execute_sql(
        "SELECT household_id, year, months FROM report_item_year WHERE item = 'ข้าว' ORDER BY 1"
    ).fetchall()
    assert year == [(a.id, "2024", 0b101), (b.id, "2024", 0b100)]
    line = LedgerLine.get(LedgerLine.amount_satang == 50)
    LedgerLine.update(date="2024-02-05").where(LedgerLine.id == line.id).execute()  # March -> February
    assert summary.verify() == []
    assert db.execute_sql(
        "SELECT months FROM report_item_year WHERE household_id = ?", (a.id,)
    ).fetchone() == (0b011,)
    LedgerLine.update(item="ข้าวเหนียว").where(LedgerLine.id == line.id).execute()
    LedgerLine.update(household=b.id, village_code=b.village_code).where(LedgerLine.item == "ข้าว ").execute()
    assert summary.verify() == []
    for ln in LedgerLine.select():
        ln.delete_instance()
        assert summary.verify() == []
    assert db.execute_sql("SELECT count(*) FROM report_item_total").fetchone() == (0,)
    assert db.execute_sql("SELECT count(*) FROM report_item_year").fetchone() == (0,)
