"""``abc-tui check``: schema version, integrity check, report summaries and row counts (read-only)."""

from __future__ import annotations

import argparse


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="check the database (schema, integrity, report summaries, row counts)",
        description="Print the schema version, PRAGMA integrity_check and foreign-key check results, "
        "whether the report summary tables agree with the ledger lines, and the row count of every "
        "table. Exit status 1 on any problem, including a damaged, empty or foreign file. The file is "
        "opened read-only and never changed (only --rebuild-summaries writes).",
    )
    p.add_argument(
        "--rebuild-summaries",
        action="store_true",
        help="recompute the report summary tables from the ledger lines first",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Report on the file as it is. Without ``--rebuild-summaries`` nothing is written: the file is
    opened read-only (its bytes, mtime and side files stay as they were)."""
    from pathlib import Path

    from abc_tui.cli import existing_db
    from abc_tui.domain.errors import AbcError
    from abc_tui.store.database import check_database, check_path, inspect_file, open_database
    from abc_tui.store.engine import is_server_url, redact

    path = existing_db(args)
    if is_server_url(path):  # a server: no file to classify; opening it says what is wrong
        print(f"database        {redact(path)}")
        open_database(path, upgrade=False, create=False, readonly=not args.rebuild_summaries)
        return _report(args, check_database(path))
    check_path(Path(path), create_parent=False)  # a folder there: said in Thai and English
    print(f"database        {path}")
    found = inspect_file(path)
    refused = found.problem(path)
    if found.kind == "empty":
        refused = AbcError(
            f"ไฟล์ว่าง ไม่ใช่ฐานข้อมูล abc-tui: {path}", f"An empty file, not an abc-tui database: {path}"
        )
    if refused:
        # Another program's file, an empty file, junk or a damaged schema: a finding, file untouched.
        print(f"ปัญหา / PROBLEM: {refused}")
        return 1
    # Report the file as it is; opening it in the app upgrades it.
    open_database(path, upgrade=False, create=False, readonly=not args.rebuild_summaries)
    return _report(args, check_database(path))


def _report(args: argparse.Namespace, result) -> int:
    from abc_tui.reports import summary
    from abc_tui.store.database import DB_ERRORS
    from abc_tui.store.models import db

    if result.ok:
        try:
            if args.rebuild_summaries:
                with db.atomic():
                    summary.rebuild()  # every summary (migrations 5 and 10), on either engine
            # The summaries are kept by triggers; a difference means something wrote around them.
            found = summary.verify_in_sql()
            result.problems.extend(f"{p} (--rebuild-summaries)" for p in found)
        except DB_ERRORS as exc:
            result.problems.append(f"อ่านตารางสรุปไม่ได้ / cannot read the report summaries: {exc}")
    print(f"schema version  {result.schema_version} (program {result.latest_version})")
    print(f"integrity       {result.integrity}")
    for table, n in result.counts.items():
        print(f"  {table:<20} {n:>10,}")
    if result.problems:
        for problem in result.problems:
            print(f"ปัญหา / PROBLEM: {problem}")
        return 1
    print("ปกติ / OK")
    return 0
