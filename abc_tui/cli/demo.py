"""``abc-tui demo``: build a realistic demo office database."""

from __future__ import annotations

import argparse
import sys
import time

from abc_tui.domain.thai import Month, parse_month


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="build a demo office database",
        description="Build a realistic demo office (default file demo.sqlite3 in the data home, the one `abc-tui --demo` "
        "opens; --db for another): one tambon, its villages, households with members "
        "and occupation groups, and months of ledger lines from the real category chart. "
        "Deterministic for a seed and an --until month. Refuses to overwrite a real (non-demo) "
        "database without --force.",
    )
    p.add_argument("--tambon", default="540101", help="6-digit tambon code (default 540101, Phrae)")
    p.add_argument("--villages", type=int, default=12, help="number of villages (default 12)")
    p.add_argument("--households", type=int, default=300, help="number of households (default 300)")
    p.add_argument("--months", type=int, default=12, help="months of ledger data (default 12)")
    p.add_argument("--until", help="last month of data, B.E. (3/2568) or YYYY-MM (default: last month)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--force", action="store_true", help="overwrite even a non-demo database")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from abc_tui.cli import demo_path, warn_if_network_share
    from abc_tui.store.database import table_counts
    from abc_tui.store.demo import build_demo

    # The demo never defaults to the office's real database.
    path, is_default = demo_path(args.db)
    warn_if_network_share(path)
    until: Month | None = parse_month(args.until) if args.until else None
    started = time.perf_counter()
    progress, finish = _progress_bar(args.households)
    try:
        result = build_demo(
            path,
            tambon=args.tambon,
            villages=args.villages,
            households=args.households,
            months=args.months,
            seed=args.seed,
            until=until,
            force=args.force,
            progress=progress,
            create_parent=is_default,
        )
    finally:
        finish()
    elapsed = time.perf_counter() - started
    counts = table_counts()
    from abc_tui.store.engine import is_server_url, redact

    where = redact(result.path) if is_server_url(result.path) else Path(result.path).absolute()
    print(f"สร้างฐานข้อมูลตัวอย่างแล้ว / Demo database built: {where} ({elapsed:.1f} s)")
    for table, n in counts.items():
        print(f"  {table:<20} {n:>10,}")
    return 0


def _progress_bar(total: int):
    """A rich progress bar on a terminal; silent when output is not a terminal."""
    if not sys.stderr.isatty() or total < 500:
        return None, lambda: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("ครัวเรือน / households", total=total)
    bar.start()

    def update(done: int, _total: int) -> None:
        bar.update(task, completed=done)

    return update, bar.stop
