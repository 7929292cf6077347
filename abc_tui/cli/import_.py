"""``abc-tui import FILE…``: merge office packages (``abc-tui export package``) into this database,
and the ``export package`` half of the command line. The merge is :mod:`abc_tui.store.package`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="merge office packages (abc-tui export package) into this database",
        description="Check each package whole (manifest, checksums, schema version, row types), then merge "
        "it by UUID in one transaction: new rows added, changed rows updated when newer, identical rows "
        "skipped, conflicts reported and never overwritten. Importing the same package again changes "
        "nothing. A package touching a submitted or approved village-month here is refused whole.",
        epilog="Example: abc-tui import exports/540101-package-2025-03-01.zip exports/540201-package-2025-03-01.zip --db district.sqlite3",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="package files (.zip)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from abc_tui.cli import warn_if_network_share
    from abc_tui.domain.errors import AbcError
    from abc_tui.store.database import open_database, resolve_db_path
    from abc_tui.store.migrations import LATEST_VERSION
    from abc_tui.reports.package import format_report
    from abc_tui.store.package import check_package, import_package

    path, is_default = resolve_db_path(args.db)
    files = [Path(f) for f in args.files]
    # Every file is checked whole before the database is touched: a bad one changes nothing.
    totals = [check_package(f, LATEST_VERSION) for f in files]
    from abc_tui.store.engine import is_server_url

    if not is_server_url(path) and not path.exists() and args.db is None:
        raise AbcError(f"ไม่พบไฟล์ฐานข้อมูล: {path}", f"No database file at: {path}")
    warn_if_network_share(path)
    open_database(path, create_parent=is_default)
    for f, total in zip(files, totals):
        started = time.perf_counter()
        progress, finish = _progress_bar(f.name, total)
        try:
            report = import_package(f, LATEST_VERSION, progress, checked=total)
        finally:
            finish()
        print(format_report(report, time.perf_counter() - started))
    return 0


def export_package(args: argparse.Namespace, path: Path) -> int:
    """``abc-tui export package``: the whole office in one file (see :mod:`abc_tui.reports.package`)."""
    from abc_tui.cli.export import _print_sent, _progress_bar
    from abc_tui.reports.export import check_output_paths
    from abc_tui.reports.package import export_package as write
    from abc_tui.store.database import open_database

    out = Path(args.out) if args.out else None
    if out is not None:
        check_output_paths([out], Path(path))
    open_database(path, create=False)
    progress, finish = _progress_bar()
    try:
        info, result = write(out, who=getattr(args, "user", None) or "", progress=progress)
    finally:
        finish()
    print(f"เขียนแล้ว / Written: {info.path}  ({result.rows:,} แถว / rows, {len(info.counts)} ตาราง / tables)")
    _print_sent([result])
    return 0


def _progress_bar(name: str, total: int):
    """A rich progress bar on a terminal (rows merged of the package); silent when not a terminal."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(f"นำเข้า / importing {name}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,} แถว / rows"),
        TimeRemainingColumn(), transient=True,
    )
    task = bar.add_task("import", total=total)
    bar.start()

    def update(done: int, _total: int) -> None:
        bar.update(task, completed=done)

    return update, bar.stop
