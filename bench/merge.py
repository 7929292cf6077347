"""Office package export and merge: rows per second, and the re-import (no changes) that must be faster.

    .venv/bin/python bench/merge.py                        # 3,000 households × 12 months, tambon 540101
    .venv/bin/python bench/merge.py --households 300 --tambons 540101 540201

Builds each demo tambon (or reuses ``--keep DIR``), exports its package, imports every package into
a fresh SQLite file, then imports them all again (every row skipped) and prints the times.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.package import check_package, import_package


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--tambons", nargs="+", default=["540101"])
    parser.add_argument("--keep", type=Path, help="folder for the demo files and packages (reused if present)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        packages = []
        for tambon in args.tambons:
            dbf, pkg = root / f"{tambon}.sqlite3", root / f"{tambon}-package.zip"
            if not dbf.exists():
                t = time.perf_counter()
                build_demo(dbf, tambon=tambon, households=args.households, months=args.months)
                close_database()
                print(f"demo {tambon}: {time.perf_counter() - t:.1f} s")
            open_database(dbf, create=False)
            from abc_tui.reports.package import export_package

            t = time.perf_counter()
            info, _ = export_package(pkg)
            dt = time.perf_counter() - t
            rows = sum(info.counts.values())
            close_database()
            print(f"export {tambon}: {rows:,} rows in {dt:.1f} s = {rows / dt:,.0f} rows/s; "
                  f"{pkg.stat().st_size / 1e6:.1f} MB")
            packages.append((pkg, rows))
        target = root / "merged.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        t = time.perf_counter()
        checked = [check_package(p, LATEST_VERSION) for p, _ in packages]
        dt = time.perf_counter() - t
        total = sum(checked)
        print(f"check (manifest, checksums, types, keys): {total:,} rows in {dt:.1f} s = {total / dt:,.0f} rows/s")
        open_database(target)
        for label in ("import into a fresh SQLite", "re-import (nothing changes)"):
            t = time.perf_counter()
            changed = sum(import_package(p, LATEST_VERSION, checked=n).changed for (p, _), n in zip(packages, checked))
            dt = time.perf_counter() - t
            print(f"{label}: {total:,} rows in {dt:.1f} s = {total / dt:,.0f} rows/s; {changed:,} rows changed")
        close_database()


if __name__ == "__main__":
    main()
