"""Backup of a big office: time and size of each step, and the start-up quick_check.

    .venv/bin/abc-tui demo --households 3000 --db /tmp/backup-big.sqlite3
    .venv/bin/python bench/backup.py /tmp/backup-big.sqlite3

Copies into a temporary folder; prints the online-backup copy, integrity_check and
fsync times separately (the CLI's total includes all three), the file size, and
PRAGMA quick_check as run when the program starts.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from abc_tui.store import backup
from abc_tui.store.dbfile import quick_check
from abc_tui.store.fileio import fsync_file


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    args = parser.parse_args()
    size = args.db.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "copy.sqlite3"
        t = time.perf_counter()
        src, dst = sqlite3.connect(args.db), sqlite3.connect(target)
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        src.close()
        dst.close()
        copy = time.perf_counter() - t
        t = time.perf_counter()
        problem = backup.verify(target)
        integrity = time.perf_counter() - t
        t = time.perf_counter()
        fsync_file(target)
        fsync = time.perf_counter() - t
        t = time.perf_counter()
        result = backup.make_backup(args.db, tmp)
        total = time.perf_counter() - t
    t = time.perf_counter()
    quick = quick_check(args.db)
    quick_s = time.perf_counter() - t
    print(f"database            {args.db} {size / 1e6:,.1f} MB")
    print(f"online backup copy  {copy:6.2f} s")
    print(f"integrity_check     {integrity:6.2f} s  ({problem or 'ok'})")
    print(f"fsync               {fsync:6.2f} s")
    print(f"make_backup total   {total:6.2f} s  ({result.size / 1e6:,.1f} MB)")
    print(f"start-up quick_check {quick_s:5.2f} s  ({quick or 'ok'})")


if __name__ == "__main__":
    main()
