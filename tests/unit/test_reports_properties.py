"""Properties over random ledgers: village-month = Σ household-month; household-month = Σ its lines
of the months the household was a member (REPORTS.md "Membership"); the ledger CSV written by SQLite is byte for byte the CSV written from the typed rows."""

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
    "income": 4,
    "production": 5,
    "consumption": 6,
    "avoidable": 7,
    "interest": 8,
    "debt_borrowed": 9,
    "debt_repaid": 10,
    "saving_in": 11,
    "saving_out": 12,
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
#: Households that left, and the day (the office's households joined on 1 Oct 2023).
LEFT = st.dictionaries(st.integers(0, 4), st.dates(dt.date(2023, 12, 1), dt.date(2024, 4, 30)), max_size=2)
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _reset(office, lines, left: dict[int, dt.date]) -> None:
    with db.atomic():
        LedgerLine.delete().execute()
        LedgerPage.delete().execute()
        for i, h in enumerate(office.households):
            Household.update(active=i not in left, left_on=left.get(i)).where(Household.id == h.id).execute()
        for i, d, code, item, amount in lines:
            add_line(office.households[i], d.isoformat(), code, item, amount)


@SETTINGS
@given(lines=ledgers, left=LEFT)
def test_household_month_is_the_sum_of_its_lines(office, lines, left):
    _reset(office, lines, left)
    expected: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 13)
    code_of = {h.id: h.code for h in office.households}
    index_of = {h.id: i for i, h in enumerate(office.households)}
    for line in LedgerLine.select():
        month = line.date.isoformat()[:7]
        if not "2024-01" <= month <= "2024-03" or not _member(left, index_of[line.household_id], month):
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
    # Zero rows: exactly the member households without lines that month.
    zero = {(r[0], r[2]) for r in rows if r[3] == 0}
    members = {
        (h.code, m.iso())
        for i, h in enumerate(office.households)
        for m in P.month_list()
        if _member(left, i, m.iso())
    }
    assert zero == members - set(expected)


def _member(left: dict[int, dt.date], i: int, month: str) -> bool:
    """Joined (1 Oct 2023) by the month's end and not left before its first day."""
    return i not in left or left[i] >= Month.from_iso(month).first_day()


@SETTINGS
@given(lines=ledgers, left=LEFT)
def test_village_month_is_the_sum_of_household_months(office, lines, left):
    _reset(office, lines, left)
    hm = queries.household_month(P, "540101")
    index_of = {h.code: i for i, h in enumerate(office.households)}
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 8)
    reporting: dict[tuple[str, str], int] = defaultdict(int)
    registered: dict[tuple[str, str], int] = defaultdict(int)
    for r in hm:
        key = (r[1], r[2])
        for j, col in enumerate((4, 5, 6, 7, 8, 9, 10, 13)):
            sums[key][j] += r[col]
        if _member(left, index_of[r[0]], r[2]):  # every row is a member's
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
    _reset(office, lines, {})
    folder = tmp_path_factory.mktemp("csv")
    fast, slow = folder / "fast.csv", folder / "slow.csv"
    export.write_ledger_csv(fast, P, "540101", named=named)
    export.write_csv(slow, spec("ledger"), queries.iter_ledger(P, "540101", named=named), named=named)
    assert fast.read_bytes() == slow.read_bytes()
