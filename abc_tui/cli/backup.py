"""``abc-tui backup``: a verified copy of the database, safe while the program is open."""

from __future__ import annotations

import argparse


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="make a verified backup copy of the database (safe while the program is open)",
        description="Copy the database with SQLite's online backup API (safe while abc-tui is open and "
        "writing), check the copy (PRAGMA integrity_check and the row count of every table) and print "
        "where it went. Default folder: backups/ beside the database, where old automatic backups are "
        "thinned to the newest of each of the last 7 days and 4 weeks. --to DIR (e.g. a USB stick) "
        "keeps everything there.",
    )
    p.add_argument("--to", metavar="DIR", help="folder for the copy (created if missing), e.g. a USB stick; "
                   "for a PostgreSQL --db: the folder of the pg_dump file (default backups/ here)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from abc_tui.cli import warn_if_network_share
    from abc_tui.store import backup
    from abc_tui.store.database import resolve_db_path

    from abc_tui.store.engine import is_server_url

    path, _ = resolve_db_path(args.db)
    if is_server_url(path):
        return _server(args, path)
    warn_if_network_share(path)
    if args.to:
        result = backup.make_backup(path, args.to)
        backup.record_elsewhere(path, result)
    else:
        result = backup.auto_backup(path)
    print(f"สำรองข้อมูลแล้ว / Backup made: {result.path}")
    print(
        f"  {result.size / 1e6:,.1f} MB, {result.seconds:.1f} s; integrity_check ok; "
        f"rows: {sum(result.counts.values()):,} in {len(result.counts)} tables (same as the database)"
    )
    for table in ("household", "ledger_line", "forum"):
        if table in result.counts:
            print(f"  {table:<20} {result.counts[table]:>10,}")
    return 0


def _server(args: argparse.Namespace, url: str) -> int:
    """A PostgreSQL database: pg_dump into --to DIR (default: backups/ in the current folder)."""
    from abc_tui.store.server_backup import backup_server

    result = backup_server(url, args.to or "backups")
    print(f"สำรองข้อมูลแล้ว / Backup made: {result.path.absolute()}")
    print(
        f"  {result.size / 1e6:,.1f} MB, {result.seconds:.1f} s; pg_dump custom format (restore: pg_restore); "
        f"{len(result.tables)} tables read back"
    )
    return 0
