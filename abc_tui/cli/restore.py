"""``abc-tui restore FILE``: put a backup in place of the database, keeping the current file aside."""

from __future__ import annotations

import argparse
import sys

#: Answers that mean yes: English, Thai, and "y" typed with the Thai keyboard layout on (ั).
YES = {"y", "yes", "ใช่", "ช", "ั"}


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database with a backup (the current file is kept in backups/ first)",
        description="Check that FILE is a good abc-tui database (PRAGMA integrity_check, its tables, a "
        "schema this program reads), ask for confirmation, keep a copy of the current database in "
        "backups/ (named ...-pre-restore-...), then put the backup in place. Refused while any "
        "abc-tui window (on any PC) has the database open.",
    )
    p.add_argument("file", metavar="FILE", help="the backup file to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from abc_tui.cli import warn_if_network_share
    from abc_tui.domain.errors import AbcError
    from abc_tui.store import backup
    from abc_tui.store.database import resolve_db_path

    path, _ = resolve_db_path(args.db)
    warn_if_network_share(path)
    counts = backup.inspect_backup(args.file)
    backup.refuse_if_in_use(path, "กู้คืน", "restore")
    print(f"ไฟล์สำรอง / backup:   {args.file}")
    print(
        f"  ครัวเรือน / households {counts.get('household', 0):,}, "
        f"รายการบัญชี / ledger lines {counts.get('ledger_line', 0):,}; integrity_check ok"
    )
    print(f"แทนที่ / replaces:    {path}" + ("" if Path(path).exists() else " (ยังไม่มี / does not exist yet)"))
    if not args.yes:
        print(
            "ยืนยันการกู้คืน? ข้อมูลปัจจุบันจะถูกเก็บสำเนาไว้ก่อน / Restore? The current data is kept aside first. [y/N] ",
            end="",
            flush=True,
        )
        answer = sys.stdin.readline().strip().lower()
        if answer not in YES:
            raise AbcError("ไม่ได้ยืนยัน ไม่ได้กู้คืน", "Not confirmed; nothing was restored")
    result = backup.restore(args.file, path)
    for kept in result.set_aside:
        print(f"เก็บไฟล์เดิมไว้ที่ / current file kept at: {kept}")
    print(f"กู้คืนแล้ว / Restored: {result.path}")
    return 0
