"""A backup killed half-way leaves its temporary copy (``*.sqlite3.part-PID`` and its journal);
the next backup into the same folder removes it once stale, wherever that folder is.

Found by ``bench/kill.py``: SIGKILLs during "back up to USB" and ``abc-tui backup --to DIR`` left
temporary copies on the stick that nothing ever removed (only ``backups/`` was cleaned, by rotation).
"""

from __future__ import annotations

import os

from abc_tui.store import backup
from abc_tui.store.database import close_database


def test_a_backup_to_a_usb_folder_removes_stale_temporary_copies_there(office, tmp_path):
    close_database()
    usb = tmp_path / "usb"
    usb.mkdir()
    stale = [
        usb / "abc-20250101-090000.sqlite3.part-123",
        usb / "abc-20250101-090000.sqlite3.part-123-journal",
    ]
    fresh = usb / "abc-20250101-090001.sqlite3.part-456"  # maybe another PC's backup in progress
    other = usb / "notes.sqlite3"
    for p in [*stale, fresh, other]:
        p.write_bytes(b"x")
    for p in [*stale, other]:
        os.utime(p, (0, 0))
    result = backup.make_backup(office.path, usb)
    assert sorted(p.name for p in usb.iterdir()) == sorted([result.path.name, fresh.name, other.name])
