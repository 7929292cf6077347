"""Benchmark of the reports (issue 5): every report for one month and one year at tambon level,
the ledger CSV export against the sqlite3 shell on the same query, and peak memory.

    .venv/bin/python bench/reports.py                 # builds /tmp/abc-bench-reports.sqlite3 once
    .venv/bin/python bench/reports.py --rebuild       # build the demo again
    .venv/bin/python bench/reports.py --xlsx          # also time XLSX exports (slow: openpyxl)

Goals: every report ≤ 0.3 s for a tambon-year; ledger CSV ≥ 0.5× the sqlite3 shell's speed; peak
RSS ≤ 150 MB. The timed part runs in a fresh child process so its peak RSS is the reports' own
(not the demo builder's). Times are the median of ``--repeat`` runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from peakmem import peak_rss_mb  # noqa: E402

TAMBON = "540101"
UNTIL = (2025, 3)


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def build(path: Path, households: int, months: int) -> None:
    from abc_tui.domain.thai import Month
    from abc_tui.store.database import close_database
    from abc_tui.store.demo import build_demo

    t0 = time.perf_counter()
    r = build_demo(path, households=households, months=months, seed=1, until=Month(*UNTIL), force=True)
    close_database()
    print(
        f"demo built: {r.households:,} households, {r.lines:,} lines in {time.perf_counter() - t0:.1f} s -> {path}"
    )


def child(db: str, repeat: int, xlsx: bool) -> None:
    """The timed part (a fresh process). Prints one JSON object."""
    from abc_tui.domain.thai import Month
    from abc_tui.reports import export, queries
    from abc_tui.reports.period import Period
    from abc_tui.store.database import open_database

    open_database(db)
    last = Month(*UNTIL)
    month, year = Period(last, last), Period(last.prev(11), last)
    out: dict = {"reports": {}}
    for name in queries.REPORT_FUNCTIONS:
        row = {}
        for label, period in (("month", month), ("year", year)):
            if name == "ledger":
                # What the screen loads for the ledger: the line ids in report order.
                secs, ids = median_time(lambda p=period: queries.ledger_ids(p, TAMBON), repeat)
                row[label] = (secs, len(ids))
            else:
                secs, rows = median_time(lambda n=name, p=period: queries.run(n, p, TAMBON), repeat)
                row[label] = (secs, len(rows))
        out["reports"][name] = row
    tmp = Path(tempfile.mkdtemp(prefix="abc-bench-"))
    try:
        ours, shell = [], []
        sql, params = queries.ledger_csv_query(year, TAMBON)
        query_file = tmp / "ledger.sql"
        query_file.write_text(_inline(sql, params) + ";\n", encoding="utf-8")
        shell_bin = shutil.which("sqlite3")
        n = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            n = export.export_report("ledger", year, TAMBON, out=tmp / "ledger.csv").rows
            ours.append(time.perf_counter() - t0)
            if shell_bin:
                t0 = time.perf_counter()
                with open(query_file, "rb") as q, open(tmp / "shell.csv", "wb") as o:
                    subprocess.run([shell_bin, "-csv", db], stdin=q, stdout=o, check=True)
                shell.append(time.perf_counter() - t0)
            else:
                t0 = time.perf_counter()
                _python_floor(db, sql, params, tmp / "shell.csv")
                shell.append(time.perf_counter() - t0)
        out["ledger_rows"] = n
        out["csv_ours"] = statistics.median(ours)
        out["csv_floor"] = statistics.median(shell)
        out["floor_kind"] = (
            f"sqlite3 shell {_shell_version(shell_bin)}" if shell_bin else "python sqlite3+csv"
        )
        out["csv_mb"] = (tmp / "ledger.csv").stat().st_size / 1e6
        out["same_rows"] = _same_rows(tmp / "ledger.csv", tmp / "shell.csv")
        if xlsx:
            for name, period in (("household-month", year), ("ledger", month), ("village-month", year)):
                secs, _ = median_time(
                    lambda n=name, p=period: export.export_report(
                        n, p, TAMBON, fmt="xlsx", out=tmp / "x.xlsx"
                    ),
                    1,
                )
                out.setdefault("xlsx", {})[f"{name} {'year' if period is year else 'month'}"] = secs
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out["peak_rss_mb"] = peak_rss_mb() or 0.0
    print(json.dumps(out))


def _inline(sql: str, params: list) -> str:
    parts = sql.split("?")
    assert len(parts) == len(params) + 1
    lit = ["'" + str(p).replace("'", "''") + "'" for p in params]
    return parts[0] + "".join(v + s for v, s in zip(lit, parts[1:], strict=True))


def _python_floor(db: str, sql: str, params: list, path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(db)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(con.execute(sql, params))
    con.close()


def _shell_version(shell_bin: str | None) -> str:
    if not shell_bin:
        return ""
    return subprocess.run([shell_bin, "--version"], capture_output=True, text=True).stdout.split()[0]


def _same_rows(ours: Path, floor: Path) -> bool:
    """Our CSV (BOM, header row) and the floor's hold the same cells row for row (streamed)."""
    with open(ours, encoding="utf-8-sig", newline="") as fa, open(floor, encoding="utf-8", newline="") as fb:
        a, b = csv.reader(fa), csv.reader(fb)
        next(a)
        return all(x == y for x, y in zip(a, b, strict=True))


def trigger_overhead(db: Path) -> list[float]:
    """Seconds to insert 100k ledger lines (one transaction): without the summary triggers, with them,
    and with them under ``PRAGMA temp_store=memory`` (statement journals in memory)."""
    import sqlite3
    import uuid

    results = []
    for keep, temp_memory in ((False, False), (True, False), (True, True)):
        copy = Path(tempfile.mkdtemp(prefix="abc-bench-")) / "copy.sqlite3"
        shutil.copy(db, copy)
        con = sqlite3.connect(copy, isolation_level=None)
        con.execute("PRAGMA journal_mode=wal")
        con.execute("PRAGMA synchronous=full")
        con.execute("PRAGMA foreign_keys=1")
        if temp_memory:
            con.execute("PRAGMA temp_store=memory")
        if not keep:
            for trig in ("report_ledger_line_ai", "report_ledger_line_ad", "report_ledger_line_au"):
                con.execute(f'DROP TRIGGER "{trig}"')
        rows = con.execute(
            "SELECT page_id, household_id, village_code, date, category_code, item, amount_satang "
            "FROM ledger_line LIMIT 100000"
        ).fetchall()
        data = [(str(uuid.uuid4()), *r, "bench", "t", "t") for r in rows]
        t0 = time.perf_counter()
        con.execute("BEGIN")
        con.executemany(
            'INSERT INTO "ledger_line" (uuid, page_id, household_id, village_code, date, category_code, item, '
            "amount_satang, entered_by, entered_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            data,
        )
        con.execute("COMMIT")
        results.append(time.perf_counter() - t0)
        con.close()
        shutil.rmtree(copy.parent, ignore_errors=True)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "abc-bench-reports.sqlite3"))
    ap.add_argument("--households", type=int, default=3000)
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--xlsx", action="store_true", help="also time XLSX exports")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.db, args.repeat, args.xlsx)
        return 0
    db = Path(args.db)
    if args.rebuild or not db.exists():
        build(db, args.households, args.months)
    cmd = [sys.executable, __file__, "--child", "--db", str(db), "--repeat", str(args.repeat)]
    if args.xlsx:
        cmd.append("--xlsx")
    res = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if res.returncode:
        print(res.stderr)
        return 1
    r = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"\nreports at tambon level ({TAMBON}), median of {args.repeat}; goal ≤ 0.300 s for a year")
    print(f"{'report':<18} {'1 month':>9} {'rows':>8} {'12 months':>10} {'rows':>8}  goal")
    worst = 0.0
    for name, row in r["reports"].items():
        (ms, mn), (ys, yn) = row["month"], row["year"]
        worst = max(worst, ys)
        note = " (line ids for the screen)" if name == "ledger" else ""
        print(
            f"{name:<18} {ms:>8.3f}s {mn:>8,} {ys:>9.3f}s {yn:>8,}  {'ok' if ys <= 0.3 else 'MISSED'}{note}"
        )
    ratio = r["csv_floor"] / r["csv_ours"]
    print(
        f"\nexport ledger CSV, 12 months: {r['ledger_rows']:,} lines, {r['csv_mb']:.0f} MB\n"
        f"  abc-tui export     {r['csv_ours']:.2f} s  ({r['ledger_rows'] / r['csv_ours']:,.0f} lines/s)\n"
        f"  {r['floor_kind']:<18} {r['csv_floor']:.2f} s  (same query, .mode csv)\n"
        f"  speed ratio        {ratio:.2f}× the floor (goal ≥ 0.5×) {'ok' if ratio >= 0.5 else 'MISSED'};"
        f" same cells: {r['same_rows']}"
    )
    for label, secs in r.get("xlsx", {}).items():
        print(f"  xlsx {label:<26} {secs:.2f} s")
    print(
        f"\npeak RSS of the timed process: {r['peak_rss_mb']:.0f} MB (goal ≤ 150 MB) "
        f"{'ok' if r['peak_rss_mb'] <= 150 else 'MISSED'}"
    )
    plain, with_triggers, with_memory = trigger_overhead(db)
    print(
        f"write cost of the summaries (100k lines, one transaction): {plain:.2f} s without the triggers, "
        f"{with_triggers:.2f} s with ({(with_triggers - plain) * 10:.0f} µs a line), "
        f"{with_memory:.2f} s with and PRAGMA temp_store=memory ({(with_memory - plain) * 10:.0f} µs a line)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
