"""Kill-safety of the real app: 20+ SIGKILLs at random points lose nothing acknowledged.

Runs ``bench/kill.py``'s harness with a small count: the real ``python -m abc_tui`` in a
pseudo-terminal (read through ``pyte``), ledger lines typed, edited and deleted, forum
attendance ticked, backups made (the main menu's "back up to USB", the automatic one at every
start, ``abc-tui backup`` in a second process), SIGKILLed at seeded random moments; after each
kill the file must hold every acknowledged change exactly once, the operation in flight wholly or
not at all, and pass ``integrity_check``, the foreign-key check and the summary check; every file
with a backup's name must be a complete snapshot of a state the file had, anything else only a
killed backup's temporary copy, which a later backup removes. See bench/kill.py.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def test_twenty_kills_lose_nothing_acknowledged(tmp_path):
    from bench.kill import run

    messages: list[str] = []
    tally = run(kills=20, seed=4, db_path=tmp_path / "kill.sqlite3", log=messages.append)
    assert tally.kills >= 20
    assert tally.acknowledged >= 20, tally
    assert (tally.lost, tally.broken, tally.stuck) == (0, 0, 0), "\n".join(messages)
    # The seed covers backups: from the USB box, from the command line, and kills at start-up's copy.
    assert tally.usb_acks >= 1 and tally.cli_pids, tally
    assert tally.backups_checked.get("backups", 0) >= 1 and tally.backups_checked.get("usb", 0) >= 1, tally
    assert sum(n for where, n in tally.where.items() if "start-up backup" in where) >= 1, tally.where
