"""Audit viewer queries on a large audit table, and the cost of one password hash.

    .venv/bin/python bench/audit.py [--rows 1000000]

Builds a throw-away database with ``--rows`` audit rows (ledger-line edits of 3,000 households by
five clerks over five years, one rare user) and prints how long one page of 100 takes for each
filter of the viewer, the first page and a deep one. Also times ``hash_password``/``authenticate``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from abc_tui.store import audit, users
from abc_tui.store.database import close_database, open_database
from abc_tui.store.models import db


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def build(rows: int) -> None:
    rng = random.Random(1)
    clerks = ["malee", "somsri", "wanpen", "boonmee", "thongdee"]
    start = 1_577_836_800  # 2020-01-01
    span = 5 * 365 * 86400
    batch = []
    for i in range(rows):
        code = f"540101{rng.randint(1, 12):02d}-{rng.randint(1, 250)}"
        who = "rare" if i % 50_000 == 0 else rng.choice(clerks)
        at = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(start + span * i // rows))
        before = json.dumps({"household": code, "amount_satang": rng.randint(100, 99999)})
        after = json.dumps({"household": code, "amount_satang": rng.randint(100, 99999)})
        batch.append(("ledger_line", f"u{i}", "update", before, after, who, at))
        if len(batch) == 50_000:
            db.execute_sql("BEGIN")
            db.cursor().executemany(
                "INSERT INTO audit (table_name, row_uuid, action, before, after, who, at) VALUES (?,?,?,?,?,?,?)",
                batch,
            )
            db.execute_sql("COMMIT")
            batch = []
    if batch:
        with db.atomic():
            db.cursor().executemany(
                "INSERT INTO audit (table_name, row_uuid, action, before, after, who, at) VALUES (?,?,?,?,?,?,?)",
                batch,
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    import datetime as dt

    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.sqlite3")
        t0 = time.perf_counter()
        build(args.rows)
        print(f"built {args.rows:,} audit rows in {time.perf_counter() - t0:.1f} s")
        cases = {
            "newest page, no filter": audit.AuditFilter(),
            "user (common)": audit.AuditFilter(who="malee"),
            "user (rare: 1 in 50,000)": audit.AuditFilter(who="rare"),
            "one month (B.E. dates)": audit.AuditFilter(first=dt.date(2022, 3, 1), last=dt.date(2022, 3, 31)),
            "household code": audit.AuditFilter(household_code="54010103-17"),
        }
        for label, flt in cases.items():
            ms, rows = timed(lambda flt=flt: audit.page(flt, limit=101))
            deeper = rows[-1].id if rows else None
            ms2, _ = timed(lambda flt=flt, deeper=deeper: audit.page(flt, before_id=deeper, limit=101))
            print(f"{label:<28} first page {ms:8.1f} ms ({len(rows)} rows), next page {ms2:8.1f} ms")
        ms, _ = timed(lambda: audit.detail(args.rows // 2))
        print(f"{'one change before/after':<28} {ms:8.1f} ms")
        ms, _ = timed(lambda: users.hash_password("secret1"))
        print(f"hash_password (scrypt n=2**15 r=8 p=1): {ms:.0f} ms")
        users.add_user("bench", "admin", "secret1")
        ms, _ = timed(lambda: users.authenticate("bench", "secret1"))
        print(f"authenticate: {ms:.0f} ms")
        close_database()


if __name__ == "__main__":
    main()
