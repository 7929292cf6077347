"""The ledger CSV written a village × day at a time (queries.ledger_csv_blocks, the SQLite speed path)
is byte for byte the CSV written from the typed rows, whatever the clerks' names: names met only in
later blocks, names a spreadsheet would run or a CSV would quote, a name holding the block's marker."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from abc_tui.reports import export, queries
from abc_tui.reports.spec import spec
from abc_tui.store.models import LedgerLine, LedgerPage, db
from tests.unit.test_reports_fixture import add_line
from tests.unit.test_reports_properties import KIND, P

NAMES = st.sampled_from(
    ["", "สมหญิง รักงาน", "a,b", 'say "hi"', "=SUM(A1)", "-x", "@me", "\tx", "line\nbreak", "x\x01y", "ไข่"]
)
ITEM = st.text(alphabet='ไข่ น=+-@,"\t\r\n\x01xy1', max_size=8)
LINES = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.dates(dt.date(2023, 12, 30), dt.date(2024, 4, 2)),
        st.sampled_from(sorted(KIND)),
        ITEM,
        st.integers(-20_000, 5_000_000),
        NAMES,
    ),
    max_size=40,
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _reset(office, lines) -> None:
    with db.atomic():
        LedgerLine.delete().execute()
        LedgerPage.delete().execute()
        for i, d, code, item, amount, who in lines:
            add_line(office.households[i], d.isoformat(), code, item, amount, who=who)


def _same(office, folder, lines, named: bool) -> None:
    _reset(office, lines)
    fast, slow = folder / "fast.csv", folder / "slow.csv"
    n = export.write_ledger_csv(fast, P, "540101", named=named)
    export.write_csv(slow, spec("ledger"), queries.iter_ledger(P, "540101", named=named), named=named)
    assert fast.read_bytes() == slow.read_bytes()
    assert n == queries.ledger_count(P, "540101")


@SETTINGS
@given(lines=LINES, named=st.booleans())
@example(  # a new name in each later block (village × day), one after a block without names
    lines=[
        (0, dt.date(2024, 1, 1), "11", "a", 100, ""),
        (0, dt.date(2024, 1, 2), "11", "b", -5, "สมหญิง รักงาน"),
        (1, dt.date(2024, 1, 2), "31", "c", -100, "a,b"),
        (0, dt.date(2024, 1, 3), "31", "=d", 99, '=say "hi"'),
        (0, dt.date(2024, 1, 3), "31", "x\x01", 0, "x\x01y"),
    ],
    named=False,
)
def test_blocks_equal_the_typed_rows(office, tmp_path_factory, lines, named):
    _same(office, tmp_path_factory.mktemp("csv"), lines, named)


def test_blocks_are_village_days_in_report_order(office):
    _reset(
        office,
        [
            (3, dt.date(2024, 2, 1), "11", "v2", 1, "b"),
            (0, dt.date(2024, 2, 1), "11", "v1 late", 2, "a"),
            (0, dt.date(2024, 1, 5), "11", "v1 early", 3, "a"),
            (1, dt.date(2024, 1, 5), "11", "v1 early 2", 4, "c"),
        ],
    )
    blocks = list(queries.ledger_csv_blocks(P, "540101"))
    assert [n for _, n in blocks] == [2, 1, 1]
    assert [len(b.split(b"\r\n")) for b, _ in blocks] == [2, 1, 1]
    text = b"\r\n".join(b for b, _ in blocks).decode()
    assert [line.split(",")[7] for line in text.split("\r\n")] == ["v1 early", "v1 early 2", "v1 late", "v2"]
    # no clerk's name in a default export, only the pseudonyms
    assert "clerk-" in text and ",a," not in text and ",b," not in text


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_any_number_of_workers_gives_the_same_blocks(office, workers):
    lines = [
        (i % 5, dt.date(2024, 1, 1) + dt.timedelta(days=i % 40), "31", f"item {i}", i, f"clerk {i % 4}")
        for i in range(120)
    ]
    _reset(office, lines)
    one = list(queries.ledger_csv_blocks(P, "540101", workers=1))
    assert len(one) > 10
    assert list(queries.ledger_csv_blocks(P, "540101", workers=workers)) == one
    # nothing left open: a writer can go on at once
    add_line(office.households[0], "2024-01-02", "31", "after", 1)


def test_a_read_only_file_is_exported_by_one_worker(office, tmp_path):
    from abc_tui.store.database import close_database, open_database

    add_line(office.households[0], "2024-01-02", "31", "x", 1)
    path = office.path
    close_database()
    open_database(path, readonly=True)
    out = tmp_path / "ro.csv"
    assert export.write_ledger_csv(out, P, "540101") == 1
    assert out.read_bytes().count(b"\r\n") == 2


def test_a_database_in_memory_is_exported_by_one_worker():
    from abc_tui.store.database import close_database, migrate
    from abc_tui.store.models import sqlite_db

    close_database()
    db.initialize(sqlite_db)
    db.init(":memory:", pragmas={"foreign_keys": 1})
    try:
        migrate(db)
        assert list(queries.ledger_csv_blocks(P, "540101", workers=2)) == []
    finally:
        db.close()
