"""A tambon-year at real volume for the benchmarks: ≈ 3,000 households × 365 days × 5 lines (5.5 M lines).

    .venv/bin/python bench/tambon.py                      # build (or reuse) the cached file, print its path
    .venv/bin/python bench/tambon.py --households 300     # smaller
    .venv/bin/python bench/tambon.py --rebuild

The households, members, villages and users come from the demo builder
(:func:`abc_tui.store.demo.build_demo` with no months); the lines are written here in bulk through
the same schema: the ledger line's triggers and secondary indexes are set aside while the rows go
in (one ``executemany`` per chunk), then the indexes are built again and the report summaries are
rebuilt from the lines by the migrations' own backfill, so every summary is exact. A page is one
household-month, balanced with the paper's totals.

The file is built once and cached under ``$ABC_BENCH_CACHE`` (default ``~/.cache/abc-tui-bench``),
keyed by the schema version, the generator version and the size; a file of another schema version
is never opened (opening would migrate it), a new one is built.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from abc_tui.domain.thai import Month  # noqa: E402
from abc_tui.store import demo  # noqa: E402
from abc_tui.store.database import close_database, open_database  # noqa: E402
from abc_tui.store.migrations import LATEST_VERSION  # noqa: E402
from abc_tui.store.models import db  # noqa: E402

#: Bump when the generated data changes (the cache key includes it).
GENERATOR_VERSION = 2
TAMBON = "540101"
UNTIL = Month(2025, 3)  # the year is 04/2024 – 03/2025 (fiscal-ish, as the reports benchmark uses)


def cache_dir() -> Path:
    base = os.environ.get("ABC_BENCH_CACHE") or str(Path.home() / ".cache" / "abc-tui-bench")
    return Path(base)


def cached_path(households: int, lines_per_day: int) -> Path:
    return (
        cache_dir()
        / f"tambon-year-s{LATEST_VERSION}-g{GENERATOR_VERSION}-h{households}-l{lines_per_day}.sqlite3"
    )


def ensure(households: int = 3000, lines_per_day: int = 5, *, rebuild: bool = False, log=print) -> Path:
    """The cached tambon-year file, built first if missing (or ``rebuild``)."""
    path = cached_path(households, lines_per_day)
    done = Path(str(path) + ".done")
    if not rebuild and not done.exists() and upgrade_older(path, log):
        return path
    if rebuild or not done.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        done.unlink(missing_ok=True)
        t0 = time.perf_counter()
        n = build(path, households=households, lines_per_day=lines_per_day, log=log)
        done.write_text(f"{n}\n", encoding="ascii")
        log(f"tambon-year built: {n:,} lines in {time.perf_counter() - t0:.0f} s -> {path}")
    return path


def upgrade_older(path: Path, log=print) -> bool:
    """A cached file of an older schema version (same data otherwise), copied and migrated to
    ``path`` as an office's file would be on upgrade: minutes faster than building again."""
    import re
    import shutil

    m = re.fullmatch(r"(.*-s)(\d+)(-.*)", path.name)
    if not m:
        return False
    older = []
    for p in path.parent.glob(f"{m.group(1)}*{m.group(3)}"):
        v = re.fullmatch(re.escape(m.group(1)) + r"(\d+)" + re.escape(m.group(3)), p.name)
        if v and int(v.group(1)) < LATEST_VERSION and Path(str(p) + ".done").exists():
            older.append((int(v.group(1)), p))
    if not older:
        return False
    _, source = max(older)
    t0 = time.perf_counter()
    tmp = path.with_name(path.name + ".part")
    shutil.copyfile(source, tmp)
    open_database(tmp)  # runs the new migrations
    close_database()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.replace(path)
    Path(str(path) + ".done").write_text(Path(str(source) + ".done").read_text())
    log(
        f"{source.name} upgraded to schema {LATEST_VERSION} in {time.perf_counter() - t0:.0f} s -> {path.name}"
    )
    return True


def _pool(occupation: str, vice: float) -> list[tuple[str, str, int, float]]:
    """(category, item, typical baht, weight) for one household, from the demo's monthly patterns."""
    rates: dict[str, float] = {}
    for pattern in (
        demo.INCOME_PATTERN[occupation],
        demo.PRODUCTION_PATTERN[occupation],
        demo.CONSUMPTION_PATTERN,
    ):
        for code, lam in pattern.items():
            rates[code] = rates.get(code, 0.0) + lam
    rates.update(
        {"41": 3 * vice, "42": 2 * vice, "43": 2.5 * vice, "61": 0.8, "62": 0.1, "52": 0.3, "53": 0.2}
    )
    out = []
    for code, lam in rates.items():
        if lam <= 0:
            continue
        items = demo.ITEMS[code]
        for item, typical in items:
            out.append((code, item, typical, lam / len(items)))
    return out


def build(path: Path, *, households: int, lines_per_day: int, seed: int = 1, log=print) -> int:
    t0 = time.perf_counter()
    demo.build_demo(path, tambon=TAMBON, households=households, months=0, seed=seed, until=UNTIL, force=True)
    close_database()
    open_database(path)
    conn = db.connection()
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    conn.execute("PRAGMA journal_mode = OFF")  # a cache file, rebuilt if anything goes wrong
    log(f"  households: {households:,} in {time.perf_counter() - t0:.0f} s")
    first = UNTIL.prev(11)
    months = [first.next(i) for i in range(12)]
    conn.execute(
        'UPDATE "household" SET "joined_on" = ?, "left_on" = NULL', (first.prev().first_day().isoformat(),)
    )

    # Set the line table's triggers and secondary indexes aside while the rows go in.
    saved = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('ledger_line', 'ledger_page') "
        "AND sql IS NOT NULL AND (type = 'trigger' OR (type = 'index' AND tbl_name = 'ledger_line'))"
    ).fetchall()
    for kind, name, _ in saved:
        conn.execute(f'DROP {kind.upper()} "{name}"')

    rng = random.Random(seed)
    clerks = demo.CLERKS
    hh = conn.execute('SELECT id, village_code, occupation FROM "household" ORDER BY id').fetchall()
    kinds = dict(conn.execute('SELECT code, kind FROM "category"').fetchall())
    line_sql = (
        'INSERT INTO "ledger_line" (uuid, page_id, household_id, village_code, date, category_code, item, '
        "amount_satang, entered_by, entered_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    )
    page_sql = (
        'INSERT INTO "ledger_page" (uuid, household_id, month, control_income_satang, control_expense_satang, '
        "status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)"
    )
    # Month by month, as an office's file grows (the lines of a month lie together in the file).
    plans = []
    for hid, village, occupation in hh:
        scale = rng.uniform(0.6, 1.6) / 7.5  # 5 lines a day is ~7.5× the demo's lines a month: same money
        pool = _pool(occupation, rng.random())
        cum, acc = [], 0.0
        for *_, w in pool:
            acc += w
            cum.append(acc)
        banks = [[demo._amount(rng, typical, scale) for _ in range(32)] for _, _, typical, _ in pool]
        plans.append((hid, village, pool, cum, banks, clerks[hid % 2]))
    n = 0
    conn.execute("BEGIN")
    t1 = time.perf_counter()
    for m in months:
        stamp = f"{m.next().first_day().isoformat()}T09:00:00+00:00"
        dates = [_dt.date(m.year, m.month, day).isoformat() for day in range(1, m.days() + 1)]
        for hid, village, pool, cum, banks, clerk in plans:
            idx = range(len(pool))
            rows = []
            income = expense = 0
            page_no = hid * 100 + m.month
            for day, date in enumerate(dates, 1):
                for k, i in enumerate(rng.choices(idx, cum_weights=cum, k=lines_per_day)):
                    code, item, _, _ = pool[i]
                    amount = banks[i][rng.getrandbits(5)]
                    kind = kinds[code]
                    if kind == "income":
                        income += amount
                    elif kind in ("production", "consumption", "avoidable", "interest"):
                        expense += amount
                    rows.append(
                        (
                            f"b{page_no:07x}-{day:04x}-4{k:03x}-8{hid % 4096:03x}-{n + len(rows):012x}",
                            0,
                            hid,
                            village,
                            date,
                            code,
                            item,
                            amount,
                            clerk,
                            stamp,
                            stamp,
                        )
                    )
            cur = conn.execute(
                page_sql,
                (
                    f"a{page_no:07x}-0000-4000-8000-{hid:012x}",
                    hid,
                    m.iso(),
                    income,
                    expense,
                    "balanced",
                    stamp,
                    stamp,
                ),
            )
            pid = cur.lastrowid
            conn.executemany(line_sql, [(r[0], pid, *r[2:]) for r in rows])
            n += len(rows)
        conn.execute("COMMIT")
        conn.execute("BEGIN")
        log(f"  lines: {n:,} ({n / (time.perf_counter() - t1):,.0f}/s)")
    conn.execute("COMMIT")
    log(f"  lines: {n:,} in {time.perf_counter() - t1:.0f} s; indexes, triggers, summaries …")
    t2 = time.perf_counter()
    for kind, _, sql in saved:
        if kind == "index":
            conn.execute(sql)
    for kind, _, sql in saved:
        if kind == "trigger":
            conn.execute(sql)
    rebuild_summaries()
    from abc_tui.store.migrations import M8_FILL_LEFT

    db.execute_sql(M8_FILL_LEFT)
    from abc_tui.store.demo_forums import build_demo_forums

    with db.atomic():
        build_demo_forums(seed, tambon=TAMBON, months=months)
    conn.execute("ANALYZE")
    log(f"  indexes and summaries: {time.perf_counter() - t2:.0f} s")
    close_database()
    return n


def rebuild_summaries() -> None:
    """Every report summary table rebuilt from the lines (the same statements ``check`` compares)."""
    from abc_tui.reports import summary

    summary.rebuild()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--households", type=int, default=3000)
    ap.add_argument("--lines-per-day", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    print(ensure(args.households, args.lines_per_day, rebuild=args.rebuild))


if __name__ == "__main__":
    main()
