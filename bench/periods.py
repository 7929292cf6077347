"""Benchmark of the period locks (issue 13): what the lock triggers on ``ledger_line`` cost a bulk
write, and what the membership definition costs the village-month report.

    .venv/bin/python bench/periods.py [--households 1000] [--months 12] [--locked 60]

Builds the same demo twice into temporary files, once with migration 8's lock triggers and once
without them, and times ``build_demo`` (every line goes through the triggers); then, on the file
with ``--locked`` village-months submitted, times inserting 5,000 lines into open months in one
transaction with and without the lock triggers (alternating, median of 5), and the village-month
report for a year. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from abc_tui.store import migrations  # noqa: E402


def build(path: Path, households: int, months: int, triggers: bool) -> float:
    from abc_tui.store.database import close_database
    from abc_tui.store.demo import build_demo

    saved = migrations.M8_DDL
    if not triggers:
        migrations.M8_DDL = tuple(s for s in saved if "period_lock" not in s)
    try:
        started = time.perf_counter()
        build_demo(path, households=households, villages=10, months=months, seed=1)
        took = time.perf_counter() - started
    finally:
        migrations.M8_DDL = saved
    close_database()
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=1000)
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--locked", type=int, default=60)
    args = ap.parse_args()
    from abc_tui.domain.thai import Month
    from abc_tui.reports import queries
    from abc_tui.reports.period import Period
    from abc_tui.store import periods
    from abc_tui.store.database import close_database, open_database
    from abc_tui.store.models import db

    with tempfile.TemporaryDirectory() as tmp:
        with_t = build(Path(tmp) / "with.sqlite3", args.households, args.months, True)
        without_t = build(Path(tmp) / "without.sqlite3", args.households, args.months, False)
        open_database(Path(tmp) / "with.sqlite3")
        lines = db.execute_sql("SELECT count(*) FROM ledger_line").fetchone()[0]
        print(f"demo build, {lines:,} lines: with lock triggers {with_t:.2f} s, without {without_t:.2f} s")
        vm = db.execute_sql(
            "SELECT DISTINCT village_code, month FROM report_month ORDER BY month DESC"
        ).fetchall()
        for village, month in vm[: args.locked]:
            periods.submit(village, month, "bench", {}, [])
        locked = {(v, m) for v, m in vm[: args.locked]}
        open_rows = db.execute_sql(
            "SELECT page_id, household_id, village_code, date, category_code FROM ledger_line LIMIT 40000"
        ).fetchall()
        rows = [r for r in open_rows if (r[2], r[3][:7]) not in locked][:5000]
        close_database()
        sql = (
            "INSERT INTO ledger_line (uuid, page_id, household_id, village_code, date, category_code, item, "
            "amount_satang, entered_by, entered_at, updated_at) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, "
            "'x', 100, 'bench', '', '')"
        )
        con = sqlite3.connect(Path(tmp) / "with.sqlite3", isolation_level=None)
        con.execute("PRAGMA foreign_keys = 1")

        def insert(without_locks: bool) -> float:
            con.execute("BEGIN")
            if without_locks:  # rolled back below with the lines
                for t in ("ai", "au", "ad"):
                    con.execute(f'DROP TRIGGER "period_lock_line_{t}"')
            started = time.perf_counter()
            con.executemany(sql, rows)
            took = time.perf_counter() - started
            con.execute("ROLLBACK")
            return took / len(rows) * 1e6

        got: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(5):  # alternate: the machine is shared, so compare like with like
            got[False].append(insert(False))
            got[True].append(insert(True))
        con.close()
        print(
            f"{len(rows):,} lines into open months, {len(locked)} village-months locked (median of 5, µs a line): "
            f"with lock triggers {statistics.median(got[False]):.1f}, without {statistics.median(got[True]):.1f}"
        )
        open_database(Path(tmp) / "with.sqlite3")
        last = Month.from_iso(vm[0][1])
        period = Period(last.prev(11), last)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            queries.village_month(period, "540101")
            times.append(time.perf_counter() - started)
        print(f"village-month report, tambon × 12 months: median {statistics.median(times) * 1000:.0f} ms")
        close_database()


if __name__ == "__main__":
    main()
