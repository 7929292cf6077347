"""Reporting periods that hold still (issue 13): membership history, submit/approve/reopen and the
locks, the sent log with what changed, evaluation rounds. On the hand-computed office."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from peewee import IntegrityError

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import export, queries, submission
from abc_tui.reports.period import Period, parse_period
from abc_tui.store import households as hh
from abc_tui.store import periods
from abc_tui.store.database import close_database, open_database
from abc_tui.store.ledger import LedgerDesk
from abc_tui.store.models import Audit, Household, LedgerLine, LedgerPage, db
from tests.unit.test_reports_fixture import add_line, books_fixture  # noqa: F401

V1, V2 = "54010101", "54010102"
JAN = Month(2024, 1)
P = Period(Month(2024, 1), Month(2024, 3))


# ---------------------------------------------------------------- membership


def test_deactivating_today_does_not_move_past_months(books):
    before = queries.village_month(P, "540101")
    h1 = books.households[0]
    hh.set_active(h1.id, False, reason="ย้ายบ้าน")  # today (2026 or later): long after March 2024
    assert queries.village_month(P, "540101") == before
    assert queries.completeness(P, "540101")[0][2] == 3
    h = Household.get_by_id(h1.id)
    assert not h.active and h.left_on == dt.date.today() and h.left_reason == "ย้ายบ้าน"


def test_deactivating_with_a_past_date_drops_it_from_later_months_only(books):
    h1 = books.households[0]
    hh.set_active(h1.id, False, left_on="15/2/2567")  # a member in Jan and Feb, not March
    got = {(r[0], r[1]): r for r in queries.village_month(P, V1)}
    assert got[(V1, "2024-01")][2:4] == (3, 3)
    assert got[(V1, "2024-02")][2:4] == (3, 3)
    assert got[(V1, "2024-03")][2:4] == (2, 2)


def test_money_columns_use_the_same_members_as_the_counts(books):
    # H5 left on 31 Jan 2024 (fixture). A line it has in March (after it left) is in no village row.
    add_line(books.households[4], "2024-03-05", "11", "ขายไก่", 99_900)
    march = {(r[0], r[1]): r for r in queries.village_month(Period(Month(2024, 3), Month(2024, 3)), V2)}
    row = march[(V2, "2024-03")]
    assert row[2:4] == (1, 1) and row[5] == 0  # income: H4 has none in March; H5's is not counted
    assert [
        r for r in queries.household_month(Period(Month(2024, 3), Month(2024, 3)), V2) if r[0] == "54010102-8"
    ] == []


def test_left_date_is_checked(books):
    h1 = books.households[0]
    with pytest.raises(AbcError) as err:
        hh.set_active(h1.id, False, left_on="1/1/2500")
    assert "joined" in err.value.en
    soon = dt.date.today() + dt.timedelta(days=40)
    future = f"{soon.day}/{soon.month}/{soon.year + 543}"
    with pytest.raises(AbcError):
        hh.set_active(h1.id, False, left_on=future)


def test_migration_fills_the_history_from_today_data(tmp_path):
    """A file from before migration 8 whose inactive household has lines: it left on its last line."""
    from abc_tui.store.demo import build_demo

    path = tmp_path / "old.sqlite3"
    build_demo(path, households=40, villages=2, months=3, seed=5)
    db.execute_sql("UPDATE household SET active = 0, left_on = NULL WHERE id IN (1, 2)")
    db.execute_sql("DELETE FROM ledger_line WHERE household_id = 2")
    last = db.execute_sql("SELECT max(date) FROM ledger_line WHERE household_id = 1").fetchone()[0]
    for sql in [
        'ALTER TABLE "household" DROP COLUMN "left_on"',
        'ALTER TABLE "household" DROP COLUMN "left_reason"',
    ]:
        db.execute_sql(sql)
    db.execute_sql("PRAGMA user_version = 6")
    close_database()
    open_database(path)
    got = dict(db.execute_sql("SELECT id, left_on FROM household WHERE id IN (1, 2)").fetchall())
    joined2 = db.execute_sql("SELECT joined_on FROM household WHERE id = 2").fetchone()[0]
    assert got == {1: last, 2: joined2}
    assert (
        db.execute_sql("SELECT count(*) FROM household WHERE active = 1 AND left_on IS NOT NULL").fetchone()[
            0
        ]
        == 0
    )
    close_database()


def test_demo_village_month_counts_and_money_describe_the_same_households(tmp_path):
    """Issue 13's example: a demo household that left still had lines; counts and income agree."""
    from abc_tui.store.demo import build_demo

    build_demo(tmp_path / "d.sqlite3", households=300, villages=4, months=6, seed=7)
    assert Household.select().where(Household.active == False).count() > 0  # noqa: E712
    first = Month.from_iso(db.execute_sql("SELECT min(month) FROM report_month").fetchone()[0])
    period = Period(first, first.next(5))
    for v, month, registered, reporting, _pct, income, *_ in queries.village_month(period, "540101"):
        with_lines = db.execute_sql(
            "SELECT count(DISTINCT household_id), coalesce(sum(CASE WHEN c.kind = 'income' THEN amount_satang END), 0) "
            "FROM ledger_line l JOIN category c ON c.code = l.category_code "
            "WHERE village_code = ? AND substr(date, 1, 7) = ?",
            (v, month),
        ).fetchone()
        assert (reporting, income) == tuple(with_lines)  # every household with lines was a member
        assert reporting <= registered
    close_database()


# ---------------------------------------------------------------- submit, lock, approve, reopen


def _session(books, i=0, month=JAN):
    return LedgerDesk(who="clerk1").open(books.households[i], month)


def test_submitted_month_is_locked_with_who_and_how_to_reopen(books):
    result = submission.submit(V1, JAN, "officer1")
    assert [(s.village, s.month) for s in result] == [(V1, "2024-01")]
    assert periods.state(V1, JAN) == "submitted"
    snap = periods.snapshot_of(V1, JAN)
    assert snap["54010101:2024-01"]["households_reporting"] == 3
    page = _session(books)
    with pytest.raises(AbcError) as err:
        page.save_line("20", "31", "ข้าว", "50")
    assert (
        "officer1" in err.value.en and "abc-tui period reopen --area 54010101 --month 2024-01" in err.value.en
    )
    assert "officer1" in err.value.th
    line = page.lines[0]
    with pytest.raises(AbcError):
        page.update_line(line.id, "", line.code, line.item, "1")
    with pytest.raises(AbcError):
        page.delete_line(line.id)
    with pytest.raises(AbcError):
        page.set_controls("1", "2")
    # February and the other village are still open.
    _session(books, month=Month(2024, 2)).save_line("20", "31", "ข้าว", "50")
    _session(books, i=3).save_line("20", "31", "ข้าว", "50")


def test_the_database_refuses_writes_into_a_locked_month_whatever_the_path(books):
    submission.submit(V1, JAN, "officer1")
    n = LedgerLine.select().count()
    with pytest.raises(IntegrityError):
        with db.atomic():
            add_line(books.households[0], "2024-01-30", "31", "x", 100)
    with pytest.raises(IntegrityError):
        LedgerLine.delete().where(LedgerLine.village_code == V1).execute()
    with pytest.raises(IntegrityError):
        LedgerPage.update(status="open").where(LedgerPage.month == "2024-01").execute()
    assert LedgerLine.select().count() == n


def test_bulk_writes_into_a_locked_month_are_refused_whole(books):
    """The check a package import uses (no import exists yet): the month is named."""
    submission.submit(V2, Month(2024, 3), "officer1")
    periods.assert_months_open([(V1, "2024-03"), (V2, "2024-02")])  # fine
    with pytest.raises(AbcError) as err:
        periods.assert_months_open([(V1, "2024-01"), (V2, "2024-03")])
    assert "2024-03" in err.value.en and V2 in err.value.en
    with pytest.raises(AbcError):  # an area above the village covers it
        periods.assert_months_open([("540101", "2024-03")])


def test_unbalanced_pages_are_listed_on_submit_but_do_not_stop_it(books):
    result = submission.submit("540101", JAN, "officer1")
    assert {s.village for s in result} == {V1, V2}
    listed = [code for s in result for code, _ in s.unbalanced]
    assert "54010101-1" in listed  # no page of the fixture is balanced
    assert all(periods.state(v, JAN) == "submitted" for v in (V1, V2))


def test_approve_then_reopen_needs_a_reason_and_is_audited(books):
    submission.submit(V1, JAN, "officer1")
    assert submission.approve(V1, JAN, "head") == [V1]
    page = _session(books)
    with pytest.raises(AbcError) as err:
        page.save_line("20", "31", "ข้าว", "50")
    assert "approved by head" in err.value.en and "Locked" in err.value.en
    with pytest.raises(AbcError) as err:
        submission.reopen(V1, JAN, "officer1", "  ")
    assert "reason" in err.value.en
    assert periods.state(V1, JAN) == "approved"
    assert submission.reopen(V1, JAN, "officer1", "พิมพ์ผิด") == [V1]
    assert periods.state(V1, JAN) == "open"
    row = Audit.select().where((Audit.table == "period_state") & (Audit.action == "reopen")).get()
    assert row.who == "officer1" and json.loads(row.after)["reason"] == "พิมพ์ผิด"
    assert json.loads(row.before)["snapshot"]["54010101:2024-01"]["households_reporting"] == 3
    _session(books).save_line("20", "31", "ข้าว", "50")  # open again


def test_resubmitting_after_a_change_says_what_changed(books):
    submission.submit(V1, JAN, "officer1")
    submission.reopen(V1, JAN, "officer1", "ลืมรายการ")
    _session(books).save_line("20", "11", "ขายข้าว", "100")
    (s,) = submission.submit(V1, JAN, "officer1")
    assert [(c.key, c.now - c.before) for c in s.changes if c.key in ("income", "net")] == [
        ("income", 10000),
        ("net", 10000),
    ]


def test_roles_when_accounts_are_on(books):
    with pytest.raises(AbcError):
        submission.submit(V1, JAN, "c", role="clerk")
    assert periods.state(V1, JAN) == "open"
    submission.submit(V1, JAN, "o", role="officer")
    with pytest.raises(AbcError):
        submission.approve(V1, JAN, "o", role="officer")
    submission.approve(V1, JAN, "a", role="admin")
    with pytest.raises(AbcError):
        submission.reopen(V1, JAN, "f", "x", role="facilitator")


def test_leaving_before_a_locked_month_is_refused(books):
    submission.submit(V1, Month(2024, 3), "officer1")
    h1 = books.households[0]
    with pytest.raises(AbcError) as err:
        hh.set_active(h1.id, False, left_on="15/1/2567")  # would drop it from locked March
    assert "2024-03" in err.value.en
    assert Household.get_by_id(h1.id).active
    hh.set_active(h1.id, False, left_on="15/3/2567")  # a member in March: March does not change


# ---------------------------------------------------------------- sent log


def test_every_export_is_logged_and_a_re_export_says_what_changed(books, tmp_path):
    r = export.export_report("village-month", P, "540101", out=tmp_path / "vm.csv", who="officer1")
    assert r.logged and r.changes == ()
    (logged,) = periods.sent()
    assert (
        logged.report,
        logged.period_from,
        logged.period_to,
        logged.area_code,
        logged.rows,
        logged.who,
    ) == ("village-month", "2024-01", "2024-03", "540101", 6, "officer1")
    assert logged.sha256 == periods.file_sha256(tmp_path / "vm.csv") and logged.file_name.endswith("vm.csv")
    _session(books, month=Month(2024, 2)).save_line("20", "11", "ขายข้าว", "100")
    again = export.export_report("completeness", P, "540101", out=tmp_path / "c.csv")
    assert {(c.village, c.month, c.key) for c in again.changes} == {
        (V1, "2024-02", "income"),
        (V1, "2024-02", "net"),
    }
    assert len(periods.sent()) == 2


def test_export_all_logs_every_file_once(books, tmp_path):
    results = export.export_all(P, "540101", out=tmp_path / "all.xlsx")
    assert len(periods.sent()) == len(results)
    assert {r.report for r in periods.sent()} >= {"ledger", "all"}


# ---------------------------------------------------------------- evaluation rounds


def test_closed_rounds_keep_their_indicators(books):
    r1 = submission.close_round(parse_period("bimonth:2567-1"), "540101", "officer1")
    kept = json.loads(r1.indicators)
    assert ["5.1.1", 5, 5, "100.0"] in kept
    with pytest.raises(AbcError):
        submission.close_round(parse_period("bimonth:2567-1"), "540101", "officer1")
    with pytest.raises(AbcError):
        submission.close_round(P, "540101", "officer1")  # three months: not a round
    # Later changes do not move a closed round.
    hh.set_active(books.households[0].id, False, left_on="2/1/2567")
    submission.close_round(parse_period("bimonth:2567-2"), "540101", "officer1")
    labels, rows = submission.round_table("540101")
    assert len(labels) == 2
    first = next(r for r in rows if r.indicator == "5.1.1")
    assert first.percents[0] == "100.0"
    assert first.change == f"{float(first.percents[1]) - 100.0:+.1f}"


def test_first_export_of_a_submitted_period_compares_with_what_was_submitted(books, tmp_path):
    submission.submit(V1, JAN, "officer1")
    # A category changing kind moves figures even of a locked month (the lines stay as they are).
    from abc_tui.store.models import Category

    Category.update(kind="consumption").where(Category.code == "11").execute()
    r = export.export_report("village-month", Period(JAN, JAN), V1, out=tmp_path / "vm.csv")
    assert ("54010101", "2024-01", "income") in {(c.village, c.month, c.key) for c in r.changes}


def test_no_new_line_after_the_household_left(books):
    h5 = books.households[4]  # left on 31 Jan 2024
    with pytest.raises(AbcError) as err:
        _session(books, i=4, month=Month(2024, 2)).save_line("3", "31", "ข้าว", "50")
    assert "left on 31/01/2567" in err.value.en  # B.E. as the screens show
    _session(books, i=4, month=JAN).save_line("31", "31", "ข้าว", "50")  # its member months stay open
    assert LedgerLine.select().where(LedgerLine.household == h5.id).count() == 3


def test_an_export_is_written_even_when_the_log_cannot_be(books, tmp_path):
    """A database without the log's tables (opened without its upgrade): the file is written, not logged."""
    db.execute_sql("ALTER TABLE sent_file RENAME TO sent_file_away")
    try:
        r = export.export_report("completeness", P, "540101", out=tmp_path / "c.csv")
    finally:
        db.execute_sql("ALTER TABLE sent_file_away RENAME TO sent_file")
    assert r.path.exists() and not r.logged and r.changes == ()
