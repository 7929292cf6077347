"""Demo forums and plan: present for every month, every actor and status, deterministic, consistent."""

from __future__ import annotations

import sqlite3

import pytest

from abc_tui.domain.forums import ACTORS, STATUSES
from abc_tui.domain.thai import Month
from abc_tui.reports import queries
from abc_tui.store import plan
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo

UNTIL = Month(2024, 6)

TABLES = {
    "forum": "uuid, level, area_code, date, topic, facilitators, walkin_women, walkin_men, walkin_youth",
    "forum_attendance": "forum_id, member_id",
    "forum_official": "forum_id, agency, count",
    "finding": "uuid, forum_id, problem, cause, evidence",
    "plan_item": "uuid, area_code, forum_id, title, actor, agency, fiscal_year_be, budget_requested_satang, "
    "budget_approved_satang, status, uses_data",
    "plan_status_change": "plan_item_id, status, changed_on",
}


def dump(path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {
            t: con.execute(f"SELECT {cols} FROM {t} ORDER BY 1, 2").fetchall() for t, cols in TABLES.items()
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    result = build_demo(path, households=60, villages=3, months=3, seed=5, until=UNTIL)
    yield path, result
    close_database()


def test_forums_for_every_month_and_village(demo) -> None:
    path, result = demo
    open_database(path)
    rows = queries.forum_report_rows()
    months = {(r["level"], r["area_code"], r["date"][:7]) for r in rows}
    for m in ("2024-04", "2024-05", "2024-06"):
        assert ("tambon", "540101", m) in months
        for v in ("54010101", "54010102", "54010103"):
            assert ("village", v, m) in months
    assert result.extra["forums"] == len(rows) == 12
    assert all(r["attendees_total"] > 0 and r["findings"] >= 1 for r in rows)
    assert all(r["households_present"] <= r["attendees_total"] for r in rows)


def test_every_actor_and_status_with_history(demo) -> None:
    path, _ = demo
    open_database(path)
    flt = plan.PlanFilter()
    by_actor, overall = plan.totals(flt)
    assert {r.key for r in by_actor} == set(ACTORS)
    assert all(n > 0 for n in plan.status_counts(flt).values()), plan.status_counts(flt)
    assert set(plan.status_counts(flt)) == set(STATUSES)
    for item in plan.items(flt, limit=1000):
        steps = [c.status for c in plan.history(item.id)]
        assert steps[0] == "proposed" and steps[-1] == item.status
        if item.budget_approved_satang is not None:
            assert item.status in ("budgeted", "done")
    assert overall.requested >= overall.approved


def test_deterministic_for_a_seed(tmp_path) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    build_demo(a, households=30, villages=2, months=2, seed=9, until=UNTIL)
    build_demo(b, households=30, villages=2, months=2, seed=9, until=UNTIL)
    close_database()
    assert dump(a) == dump(b)
