"""Benchmark: printing account-book forms for a 3,000-household tambon, and the keys that
open a page in ledger entry with and without the printed page code.

    .venv/bin/python bench/print.py                       # builds /tmp/abc-bench-print.sqlite3 once
    .venv/bin/python bench/print.py --db /tmp/t.sqlite3   # any 3,000-household demo office
    .venv/bin/python bench/print.py --skip-keys           # forms only

1. Forms (``abc_tui.reports.pdf.jobs.forms``) for the whole tambon for one month and for a
   year (12 months) in one file and month by month (``--split``), each in its own process: wall
   time, pages per second, file size and the process's peak RSS (goals: a month ≤ 30 s,
   memory ≤ 150 MB).
2. Page-opening keys on the 60 sample pages (tests/paper_pages.csv), typed into the real ledger
   screen (Textual Pilot, 80×24) two ways: as today (F2, moo, house number, month when it is not
   the one shown, the two paper totals; bench/entry.py's honest typist) and by scanning (F2, the
   scanner types the page code and Enter = one action, the two paper totals). Both must land on
   the right household and month.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

GOAL_MONTH_S = 30
GOAL_MB = 150


def one_job(db: str, months: int, out: str, split: bool = False) -> None:
    """Child process: print the forms, then report time and peak memory as JSON."""
    from abc_tui.domain.thai import Month
    from abc_tui.reports.datacard import latest_month
    from abc_tui.reports.pdf import jobs
    from abc_tui.store.database import open_database

    open_database(Path(db))
    last = latest_month() or Month(2025, 12)
    first = last.prev(months - 1)
    from abc_tui.domain.thai import month_range

    t = time.perf_counter()
    if split:
        paths, pages = jobs.forms_by_month("540101", month_range(first, last), out=Path(out))
    else:
        path, pages = jobs.forms("540101", month_range(first, last), out=Path(out))
        paths = [path]
    elapsed = time.perf_counter() - t
    from peakmem import peak_rss_mb  # bench/ is on sys.path; works on Windows too

    rss_mb = peak_rss_mb()
    size = sum(p.stat().st_size for p in paths)
    for p in paths:
        p.unlink()
    print(json.dumps({"pages": pages, "seconds": elapsed, "rss_mb": rss_mb, "bytes": size}))


def forms(db: Path) -> None:
    for label, months, split in (
        ("one month", 1, False),
        ("a year", 12, False),
        ("a year --split", 12, True),
    ):
        out = Path(tempfile.mkdtemp(prefix="abc-bench-print-")) / "forms.pdf"
        cmd = [sys.executable, __file__, "--job", str(months), "--db", str(db), "--out", str(out)]
        done = subprocess.run(
            cmd + (["--split"] if split else []), capture_output=True, text=True, check=True
        )
        r = json.loads(done.stdout.strip().splitlines()[-1])
        goal = f"  (goal ≤ {GOAL_MONTH_S} s)" if months == 1 else ""
        print(
            f"forms, {label:14}: {r['pages']:>6,} pages in {r['seconds']:6.1f} s{goal} = "
            f"{r['pages'] / r['seconds']:5.0f} pages/s; file {r['bytes'] / 1e6:6.1f} MB; "
            f"peak RSS {r['rss_mb']:5.0f} MB (goal ≤ {GOAL_MB} MB)"
        )


async def drained(typist) -> None:
    """Wait for the app's type-ahead backlog: a scanner's burst queues there, in order."""
    app = typist.app
    while app._key_backlog or (app._backlog_task is not None and not app._backlog_task.done()):
        await asyncio.sleep(0.001)
    await typist.settle()


async def count_keys(pages) -> tuple[list[int], list[int]]:
    from entry import CodeClock, Typist

    from abc_tui.domain.pagecode import page_code
    from abc_tui.domain.thai import parse_month
    from abc_tui.store.models import LedgerPage
    from abc_tui.ui.app import create_app

    typed, scanned = [], []
    app = create_app(lang="th", user="bench")
    async with app.run_test(size=(80, 24)) as pilot:
        typist = Typist(pilot, CodeClock())
        await typist.press("1")
        await pilot.pause()
        for page in pages:
            first = page[0]
            month = parse_month(first["month_be"])
            k = typist.keys
            await typist.open_page(first)  # asserts the page opened
            typed.append(typist.keys - k)
            # The same page again, by its printed code: F2, one scan, the two totals. It is made new
            # again first (it holds only its totals): a page that exists reopens in the entry row.
            LedgerPage.delete().where(LedgerPage.id == typist.screen.session.page_id).execute()
            k = typist.keys
            await typist.press("f2")
            await typist.type(page_code(first["household_code"], month) + "\n")
            await drained(typist)
            assert typist.focused() == "lg-cinc", (
                typist.focused(),
                typist.screen.query_one("#lg-village").value,
                typist.shown("lg-msg"),
            )
            s = typist.screen.session
            assert s.household.code == first["household_code"] and s.month == month
            human = (
                typist.keys - k - len(page_code(first["household_code"], month)) - 1 + 1
            )  # the scan is one action
            for total in (first["page_income"], first["page_expense"]):
                d = Decimal(total)
                text = (f"{d:.2f}".rstrip("0").rstrip(".") or "0") + "\n"
                await typist.type(text)
                await drained(typist)
                human += len(text)
            assert typist.focused() == "lg-day"
            scanned.append(human)
    return typed, scanned


def keys() -> None:
    from entry import build_office, read_pages

    pages = read_pages()
    build_office(Path(tempfile.mkdtemp(prefix="abc-bench-keys-")) / "keys.sqlite3", pages)
    typed, scanned = asyncio.run(count_keys(pages))
    n = len(pages)
    print(
        f"page-opening keys, {n} sample pages: typed {sum(typed) / n:.1f} per page "
        f"(min {min(typed)}, max {max(typed)}); scanned {sum(scanned) / n:.1f} per page "
        f"(F2 + scan + the two totals; min {min(scanned)}, max {max(scanned)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a demo office with 3,000 households (built if missing)")
    parser.add_argument("--skip-keys", action="store_true")
    parser.add_argument("--job", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--split", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.job:
        one_job(args.db, args.job, args.out, args.split)
        return
    db = Path(args.db or "/tmp/abc-bench-print.sqlite3")
    if not db.exists():
        from abc_tui.store.demo import build_demo

        t = time.perf_counter()
        build_demo(db, households=3000)
        print(f"built {db} (3,000 households) in {time.perf_counter() - t:.0f} s")
    forms(db)
    if not args.skip_keys:
        keys()


if __name__ == "__main__":
    main()
