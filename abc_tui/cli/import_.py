"""``abc-tui import FILE…``: merge office packages (``abc-tui export package``) into this database,
and the ``export package`` half of the command line. The merge is :mod:`abc_tui.store.package`.

``abc-tui import households FILE``: onboard an office's household list from a spreadsheet (.xlsx,
.ods, .csv): a dry run row by row, then one transaction (:mod:`abc_tui.store.household_import`).
"households" is a word, not a package: a package file of that name is given as ``./households``."""

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
        epilog="Examples: abc-tui import exports/540101-package-2568-03-01.zip exports/540201-package-2568-03-01.zip "
        "--db district.sqlite3 | abc-tui import households list.xlsx --dry-run | "
        "abc-tui import households list.csv --map head=D --map debt=G --skip-refused",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="package files (.zip); or 'households' then one spreadsheet (.xlsx, .ods, .csv) of the office's households",
    )
    h = p.add_argument_group(
        "households",
        "import households FILE: the header row and columns are guessed from Thai or English "
        "headers; every row is listed as add / skip / refuse with the reason, then all rows to add are added "
        "in one transaction (or none)",
    )
    h.add_argument("--dry-run", action="store_true", help="only list what would be added, skipped or refused")
    h.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="set a column (letter, number or header text; empty to unmap); fields: village, house_no, head, "
        "members, occupation, debt, joined_on",
    )
    h.add_argument(
        "--header-row", type=int, metavar="N", help="the row holding the column headers (1 = first)"
    )
    h.add_argument(
        "--village", metavar="MOO|CODE", help="village of rows without one (moo number or 8-digit code)"
    )
    h.add_argument(
        "--joined",
        metavar="DATE",
        help="joining date of rows without one (B.E., e.g. 1/10/2567; default today)",
    )
    h.add_argument(
        "--skip-refused",
        action="store_true",
        help="add the good rows even though some are refused (without it, any refused row stops the import)",
    )
    p.set_defaults(func=run)


_HOUSEHOLD_OPTIONS = ("dry_run", "map", "header_row", "village", "joined", "skip_refused")


def run(args: argparse.Namespace) -> int:
    from abc_tui.cli import warn_if_network_share
    from abc_tui.domain.errors import AbcError
    from abc_tui.reports.package import format_report
    from abc_tui.store.database import open_database, resolve_db_path
    from abc_tui.store.migrations import LATEST_VERSION
    from abc_tui.store.package import check_package, import_package

    if args.files[0] == "households":
        return run_households(args)
    used = [
        f"--{o.replace('_', '-')}"
        for o in _HOUSEHOLD_OPTIONS
        if getattr(args, o, None) not in (None, False, [])
    ]
    if used:
        raise AbcError(
            f"{', '.join(used)} ใช้กับ import households เท่านั้น",
            f"{', '.join(used)} only go with import households",
        )
    path, is_default = resolve_db_path(args.db)
    files = [Path(f) for f in args.files]
    # Every file is checked whole before the database is touched: a bad one changes nothing.
    totals = [check_package(f, LATEST_VERSION) for f in files]
    from abc_tui.store.engine import is_server_url

    if not is_server_url(path) and not path.exists() and args.db is None:
        raise AbcError(f"ไม่พบไฟล์ฐานข้อมูล: {path}", f"No database file at: {path}")
    warn_if_network_share(path)
    open_database(path, create_parent=is_default)
    for f, total in zip(files, totals, strict=True):
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
        TextColumn(f"นำเข้า / importing {name}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,} แถว / rows"),
        TimeRemainingColumn(),
        transient=True,
    )
    task = bar.add_task("import", total=total)
    bar.start()

    def update(done: int, _total: int) -> None:
        bar.update(task, completed=done)

    return update, bar.stop


def run_households(args: argparse.Namespace) -> int:
    """``abc-tui import households FILE``: the dry run, then (unless --dry-run) one transaction."""
    from abc_tui.cli import existing_db, warn_if_network_share
    from abc_tui.domain.errors import AbcError
    from abc_tui.reports.household_import import format_plan
    from abc_tui.store import household_import as hi
    from abc_tui.store.database import open_database

    if len(args.files) != 2:
        raise AbcError(
            "ใช้: abc-tui import households ไฟล์ (หนึ่งไฟล์ .xlsx .ods หรือ .csv)",
            "Usage: abc-tui import households FILE (one .xlsx, .ods or .csv file)",
        )
    source = Path(args.files[1])
    table = hi.read_table(source)  # the file is read and checked before the database is opened
    if args.header_row is not None:
        if not 1 <= args.header_row <= table.height:
            raise AbcError(
                f"--header-row ต้องอยู่ระหว่าง 1 ถึง {table.height}", f"--header-row must be 1 to {table.height}"
            )
        header = args.header_row - 1
    else:
        header = hi.find_header(table)
        if header < 0:
            raise AbcError(
                "หาแถวหัวคอลัมน์ไม่พบ (ต้องมีบ้านเลขที่และชื่อ) ระบุ --header-row และ --map",
                "No header row found (it needs a house number and a name column); give --header-row and --map",
            )
    path = existing_db(args)
    warn_if_network_share(path)
    open_database(path, create=False)
    headers = list(table[header])
    base = hi.saved_mapping(headers) or hi.guess_mapping(headers)
    mapping = hi.parse_mapping(args.map, headers, base)
    options = {"village_code": args.village or "", "joined_on": args.joined or ""}
    plan = hi.plan_import(table, mapping, header, **options)
    print(format_plan(plan, source.name))
    counts = plan.counts
    if args.dry_run:
        print("ตรวจอย่างเดียว ไม่ได้เพิ่มอะไร / Dry run: nothing was added")
        return 0
    if counts["refuse"] and not args.skip_refused:
        raise AbcError(
            f"มี {counts['refuse']} แถวที่รับไม่ได้ ไม่ได้เพิ่มอะไร แก้ไฟล์แล้วนำเข้าใหม่ หรือใช้ --skip-refused"
            " เพื่อเพิ่มเฉพาะแถวที่ถูกต้อง",
            f"{counts['refuse']} rows are refused; nothing was added. Fix the file and import again, or give "
            "--skip-refused to add only the good rows",
        )
    added = hi.commit_import(table, plan, who=getattr(args, "user", None) or "", **options)
    print(f"เพิ่มแล้ว {added} ครัวเรือน / Added {added} households")
    return 0
