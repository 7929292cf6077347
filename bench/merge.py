"""Office package export and merge: rows per second, and the re-import (no changes) that must be faster.

    .venv/bin/python bench/merge.py                        # 3,000 households × 12 months, tambon 540101
    .venv/bin/python bench/merge.py --households 300 --tambons 540101 540201
    .venv/bin/python bench/merge.py --engine both      # also into a fresh PostgreSQL database

Builds each demo tambon (or reuses ``--keep DIR``), exports its package, imports every package into
a fresh SQLite file (``--engine sqlite``, the default), a fresh PostgreSQL database (``postgres``:
on the server of ``--pg URL``/``$ABC_TUI_TEST_PG``, else a throwaway cluster started here as the
tests do), or both; then imports them all again (every row skipped), and times the province-level
``village-month`` report of the last twelve months on the merged database.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.package import check_package, import_package


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--tambons", nargs="+", default=["540101"])
    parser.add_argument(
        "--keep", type=Path, help="folder for the demo files and packages (reused if present)"
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument(
        "--pg",
        metavar="URL",
        default=os.environ.get("ABC_TUI_TEST_PG"),
        help="a PostgreSQL server where this user may create databases",
    )
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
            print(
                f"export {tambon}: {rows:,} rows in {dt:.1f} s = {rows / dt:,.0f} rows/s; "
                f"{pkg.stat().st_size / 1e6:.1f} MB"
            )
            packages.append((pkg, rows))
        t = time.perf_counter()
        checked = [check_package(p, LATEST_VERSION) for p, _ in packages]
        dt = time.perf_counter() - t
        total = sum(checked)
        print(
            f"check (manifest, checksums, types, keys): {total:,} rows in {dt:.1f} s = {total / dt:,.0f} rows/s"
        )
        engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
        for engine in engines:
            with _target(engine, root, args.pg) as target:
                open_database(target)
                for label in (f"import into a fresh {engine}", f"re-import into {engine} (nothing changes)"):
                    t = time.perf_counter()
                    changed = sum(
                        import_package(p, LATEST_VERSION, checked=n).changed
                        for (p, _), n in zip(packages, checked)
                    )
                    dt = time.perf_counter() - t
                    print(
                        f"{label}: {total:,} rows in {dt:.1f} s = {total / dt:,.0f} rows/s; {changed:,} rows changed"
                    )
                _report_times(engine)
                close_database()


def _report_times(engine: str) -> None:
    """The province-level village-month report of the last twelve months with data."""
    from abc_tui.domain.thai import Month
    from abc_tui.reports import queries
    from abc_tui.reports.period import Period
    from abc_tui.store.models import LedgerPage

    last = LedgerPage.select(LedgerPage.month).order_by(LedgerPage.month.desc()).first()
    if last is None:
        return
    period = Period(Month.from_iso(last.month).prev(11), Month.from_iso(last.month))
    for area in ("54",):
        t = time.perf_counter()
        rows = queries.village_month(period, area)
        print(
            f"village-month {period.first.iso()}–{period.last.iso()} area {area} on {engine}: "
            f"{len(rows):,} rows in {time.perf_counter() - t:.2f} s"
        )


@contextlib.contextmanager
def _target(engine: str, root: Path, pg: str | None):
    """A fresh database of ``engine``: a file under ``root``, or a new database on a server."""
    if engine == "sqlite":
        target = root / "merged.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        yield target
        return
    import psycopg

    cluster = None
    if not pg:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.pg.cluster import Cluster

        cluster = Cluster().start()
        pg = cluster.url("postgres")
    name = "abc_bench_merge"
    try:
        with psycopg.connect(pg, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            con.execute(f'CREATE DATABASE "{name}"')
        parts = urlsplit(pg)
        yield urlunsplit(parts._replace(path=f"/{name}"))
        close_database()
        with psycopg.connect(pg, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
