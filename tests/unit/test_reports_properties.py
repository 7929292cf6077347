"""Properties over random ledgers: village-month = Σ household-month; household-month = Σ its lines;
the ledger CSV written by SQLite is byte for byte the CSV written from the typed rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abc_tui.domain.categories import standard_chart
from abc_tui.domain.thai import Month
from abc_tui.reports import export, queries
from abc_tui.reports.period import Period
from abc_tui.reports.spec import spec
from abc_tui.store.models import Household, LedgerLine, LedgerPage, db
from tests.unit.test_reports_fixture import add_line

P = Period(Month(2024, 1), Month(2024, 3))
KIND = {c.code: c.kind for c in standard_chart()}
COLUMN_OF_KIND = {
    "income": 4, "production": 5, "consumption": 6, "avoidable": 7, "interest": 8,
    "debt_borrowed": 9, "debt_repaid": 10, "saving_in": 11, "saving_out": 12,
}
ITEM_TEXT = st.text(alphabet='ไข่ก้ำ น=+-@,"\t\r\n\u00a0xy1', max_size=12)

ledgers = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.dates(dt.date(2023, 12, 1), dt.date(2024, 4, 30)),
        st.sampled_from(sorted(KIND)),
        ITEM_TEXT,
        st.integers(1, 5_000_000),
    ),
    max_size=60,
)
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _reset(office, lines, inactive: set[int]) -> None:
    with db.atomic():
        LedgerLine.delete().execute()
        LedgerPage.delete().execute()
        for i, h in enumerate(office.households):
            Household.update(active=i not in inactive).where(Household.id == h.id).execute()
        for i, d, code, item, amount in lines:
            add_line(office.households[i], d.isoformat(), code, item, amount)


@SETTINGS
@given(lines=ledgers, inactive=st.sets(st.integers(0, 4), max_size=2))
def test_household_month_is_the_sum_of_its_lines(office, lines, inactive):
    _reset(office, lines, inactive)
    expected: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 13)
    code_of = {h.id: h.code for h in office.households}
    for line in LedgerLine.select():
        month = line.date.isoformat()[:7]
        if not "2024-01" <= month <= "2024-03":
            continue
        acc = expected[(code_of[line.household_id], month)]
        acc[3] += 1
        acc[COLUMN_OF_KIND[KIND[line.category_code]]] += line.amount_satang
    rows = queries.household_month(P, "540101")
    got = {(r[0], r[2]): r for r in rows if r[3] > 0}
    assert set(got) == set(expected)
    for key, row in got.items():
        acc = expected[key]
        assert list(row[3:13]) == acc[3:13]
        assert row[13] == row[4] - row[5] - row[6] - row[7] - row[8]  # net
    # Zero rows: exactly the active households without lines that month.
    zero = {(r[0], r[2]) for r in rows if r[3] == 0}
    active = {h.code for i, h in enumerate(office.households) if i not in inactive}
    assert zero == {(c, m.iso()) for c in active for m in P.month_list()} - set(expected)


@SETTINGS
@given(lines=ledgers, inactive=st.sets(st.integers(0, 4), max_size=2))
def test_village_month_is_the_sum_of_household_months(office, lines, inactive):
    _reset(office, lines, inactive)
    hm = queries.household_month(P, "540101")
    active = {h.code for i, h in enumerate(office.households) if i not in inactive}
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 8)
    reporting: dict[tuple[str, str], int] = defaultdict(int)
    registered: dict[tuple[str, str], int] = defaultdict(int)
    for r in hm:
        key = (r[1], r[2])
        for j, col in enumerate((4, 5, 6, 7, 8, 9, 10, 13)):
            sums[key][j] += r[col]
        if r[0] in active:
            registered[key] += 1
            reporting[key] += r[3] > 0
    vm = queries.village_month(P, "540101")
    assert len(vm) == 2 * 3
    for r in vm:
        key = (r[0], r[1])
        assert list(r[5:13]) == sums[key]
        assert r[2] == registered[key] and r[3] == reporting[key]
        assert r[4] == queries.pct(reporting[key], registered[key])
    assert [r[:4] for r in queries.completeness(P, "540101")] == [r[:4] for r in vm]


@SETTINGS
@given(lines=ledgers, named=st.booleans())
def test_ledger_csv_from_sqlite_equals_csv_from_typed_rows(office, tmp_path_factory, lines, named):
    _reset(office, lines, set())
    folder = tmp_path_factory.mktemp("csv")
    fast, slow = folder / "fast.csv", folder / "slow.csv"
    export.write_ledger_csv(fast, P, "540101", named=named)
    export.write_csv(slow, spec("ledger"), queries.iter_ledger(P, "540101", named=named), named=named)
    assert fast.read_bytes() == slow.read_bytes()
