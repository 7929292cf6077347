"""The same schema on both engines: a fresh database's tables and columns are the models', the
summary tables stay exact under inserts, updates and deletes, and submitted months are locked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from peewee import IntegrityError

from abc_tui.store import engine, periods
from abc_tui.store.database import open_database
from abc_tui.store.migrations_pg import NORM_ITEM  # noqa: F401 - the PostgreSQL twin of the item key
from abc_tui.store.models import (
    ALL_MODELS,
    DERIVED_MODELS,
    PERIOD_MODELS,
    SYNC_MODELS,
    Category,
    LedgerLine,
    LedgerPage,
    ReportItem,
    ReportMonth,
    db,
)

MODELS = ALL_MODELS + DERIVED_MODELS + PERIOD_MODELS + SYNC_MODELS
PG_TYPES = {
    "BOOL": "boolean",
    "DATE": "date",
    "INT": "integer",
    "AUTO": "integer",
    "TEXT": "text",
    "VARCHAR": "character varying",
}


@pytest.fixture(params=["sqlite", "postgres"])
def fresh(request, tmp_path):
    if request.param == "sqlite":
        open_database(tmp_path / "fresh.sqlite3")
    else:
        open_database(request.getfixturevalue("pg_url"))
    return request.param


def test_fresh_database_has_exactly_the_models_columns(fresh):
    assert engine.kind() == fresh
    tables = set(db.get_tables())
    for model in MODELS:
        name = model._meta.table_name
        assert name in tables, name
        have = {c.name: c for c in db.get_columns(name)}
        want = {f.column_name: f for f in model._meta.sorted_fields}
        assert set(have) == set(want), (fresh, name, set(have) ^ set(want))
        for col, f in want.items():
            assert have[col].null == f.null, (fresh, name, col)
            if fresh == "postgres":
                expected = PG_TYPES.get(f.field_type)
                if f.field_type == "INT" and hasattr(f, "rel_model"):
                    expected = None  # a foreign key has the type of its parent's key
                if expected:
                    assert have[col].data_type == expected, (name, col, have[col].data_type)
    extra = tables - {m._meta.table_name for m in MODELS} - {"schema_version"}
    assert not extra, extra


def _expected_summaries():
    kinds = dict(Category.select(Category.code, Category.kind).tuples())
    cols = {
        "income": "income",
        "production": "production",
        "consumption": "consumption",
        "avoidable": "avoidable",
        "interest": "interest",
        "debt_borrowed": "borrowed",
        "debt_repaid": "repaid",
        "saving_in": "saved",
        "saving_out": "withdrawn",
    }
    from abc_tui.reports.summary import item_key

    month: dict = defaultdict(lambda: defaultdict(int))
    item: dict = defaultdict(lambda: [0, 0])
    for line in LedgerLine.select():
        d = line.date if isinstance(line.date, dt.date) else dt.date.fromisoformat(line.date)
        m = d.isoformat()[:7]
        key = (line.village_code, line.household_id, m)
        month[key]["lines"] += 1
        kind = cols.get(kinds.get(line.category_code))
        if kind:
            month[key][kind] += line.amount_satang
        ik = (line.village_code, line.category_code, item_key(line.item), line.household_id, m)
        item[ik][0] += 1
        item[ik][1] += line.amount_satang
    month_rows = {k: tuple(v.get(c, 0) for c in ("lines", *cols.values())) for k, v in month.items()}
    return month_rows, {k: tuple(v) for k, v in item.items()}


def _actual_summaries():
    cols = (
        "lines",
        "income",
        "production",
        "consumption",
        "avoidable",
        "interest",
        "borrowed",
        "repaid",
        "saved",
        "withdrawn",
    )
    month = {
        (r.village_code, r.household_id, r.month): tuple(getattr(r, c) for c in cols)
        for r in ReportMonth.select()
    }
    item = {
        (r.village_code, r.category_code, r.item, r.household_id, r.month): (r.lines, r.amount)
        for r in ReportItem.select()
    }
    return month, item


def _line(h, day: str, code: str, item: str, amount: int) -> LedgerLine:
    d = dt.date.fromisoformat(day)
    page, _ = LedgerPage.get_or_create(household=h.id, month=day[:7])
    return LedgerLine.create(
        page=page.id,
        household=h.id,
        village_code=h.village_code,
        date=d,
        category=code,
        item=item,
        amount_satang=amount,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def any_office(request):
    return request.getfixturevalue("office" if request.param == "sqlite" else "pg_office")


def test_summaries_stay_exact_through_insert_update_delete(any_office):
    a, b, *_ = any_office.households
    lines = [
        _line(a, "2024-01-05", "11", "ขายข้าว", 1_000_00),
        _line(a, "2024-01-10", "31", "ไข่ไก่", 500_00),
        _line(a, "2024-01-11", "31", "ไข่ไก่ \u200b", 300_00),  # a zero-width mark and a space: same item
        _line(a, "2024-01-12", "31", "ข้าว\t  สาร", 250_00),
        _line(b, "2024-02-20", "51", "กู้ ธ.ก.ส.", 10_000_00),
        _line(b, "2024-02-21", "41", "เบียร์", 600_00),
    ]
    assert _actual_summaries() == _expected_summaries()
    assert ReportItem.get(ReportItem.item == "ไข่ไก่").lines == 2
    assert ReportItem.select().where(ReportItem.item == "ข้าว สาร").count() == 1
    # update: amount, item, date (to another month), category
    LedgerLine.update(amount_satang=700_00).where(LedgerLine.id == lines[1].id).execute()
    LedgerLine.update(item="ไข่เป็ด").where(LedgerLine.id == lines[2].id).execute()
    LedgerLine.update(date=dt.date(2024, 3, 1)).where(LedgerLine.id == lines[5].id).execute()
    LedgerLine.update(category="21").where(LedgerLine.id == lines[3].id).execute()
    assert _actual_summaries() == _expected_summaries()
    # delete: the emptied month rows go
    LedgerLine.delete().where(LedgerLine.id.in_([lines[4].id, lines[5].id])).execute()
    assert _actual_summaries() == _expected_summaries()
    assert not ReportMonth.select().where(ReportMonth.household_id == b.id).exists()
    # a category changing kind re-sums the months
    Category.update(kind="consumption").where(Category.code == "41").execute()
    _line(b, "2024-02-22", "41", "เบียร์", 100_00)
    Category.update(kind="avoidable").where(Category.code == "31").execute()
    assert _actual_summaries() == _expected_summaries()


def test_a_submitted_month_refuses_writes_in_the_database(any_office):
    a = any_office.households[0]
    line = _line(a, "2024-01-05", "11", "ขายข้าว", 1_000_00)
    periods.PeriodState.create(village_code=a.village_code, month="2024-01", state="submitted")
    with pytest.raises(IntegrityError) as err:
        with db.atomic():
            _line(a, "2024-01-06", "11", "x", 1)
    assert "period locked" in str(err.value)
    with pytest.raises(IntegrityError):
        with db.atomic():
            LedgerLine.delete().where(LedgerLine.id == line.id).execute()
    with pytest.raises(IntegrityError):
        with db.atomic():
            LedgerLine.update(date=dt.date(2024, 2, 1)).where(LedgerLine.id == line.id).execute()
    with pytest.raises(IntegrityError):
        with db.atomic():
            LedgerPage.update(status="closed").where(LedgerPage.month == "2024-01").execute()
    assert LedgerLine.select().count() == 1
    _line(a, "2024-02-06", "11", "y", 1)  # another month is open
    assert LedgerLine.select().count() == 2
