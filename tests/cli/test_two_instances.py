"""Two copies of the program on one file (a shared PC): both keep working, nothing is corrupted.

Two processes open the same database through ``open_database`` and save ledger lines
through the ledger service at the same time, each on its own households (every
process also reads the other's pages, as a report would). Each prints the uuid of
every line the service acknowledged (committed) and the message of any it refused.
Afterwards ``integrity_check`` is ok and every acknowledged line is in the file once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINES_EACH = 120

CHILD = r"""
import json, sys
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.store import ledger
from abc_tui.store.database import open_database
from abc_tui.store.models import Household, LedgerLine
import peewee

db_path, who, first, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
open_database(db_path)
desk = ledger.LedgerDesk(who=who)
households = [h.id for h in Household.select().order_by(Household.id)][first::2]
print(json.dumps({"ready": True}), flush=True)
sys.stdin.readline()  # start together
for i in range(n):
    month = Month(2567, 1 + i % 12)
    page = desk.open(households[i % len(households)], month)
    try:
        result = page.save_line(str(1 + i % 28), "31", f"{who}-{i}", "12")
        print(json.dumps({"ok": result.line.uuid}), flush=True)
    except (AbcError, peewee.DatabaseError) as err:
        print(json.dumps({"refused": str(err)}), flush=True)
    LedgerLine.select().count()  # the other's lines are readable meanwhile
"""


def test_two_processes_write_ledger_lines_at_once(tmp_path):
    db = tmp_path / "shared.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    build = subprocess.run(
        [sys.executable, "-m", "abc_tui", "demo", "--db", str(db), "--households", "12", "--months", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), who, str(first), str(LINES_EACH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for first, who in enumerate(("pc-a", "pc-b"))
    ]
    for child in children:
        assert json.loads(child.stdout.readline()) == {"ready": True}
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    acknowledged, refused = [], []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        for line in out.splitlines():
            msg = json.loads(line)
            (acknowledged if "ok" in msg else refused).append(msg.get("ok") or msg.get("refused"))
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = [r[0] for r in con.execute("SELECT uuid FROM ledger_line")]
        writers = [r[0][:4] for r in con.execute("SELECT item FROM ledger_line ORDER BY id")]
    finally:
        con.close()
    assert len(stored) == len(set(stored))
    assert set(acknowledged) <= set(stored)
    # Both kept working: the busy timeout makes one wait for the other instead of failing.
    assert len(acknowledged) == 2 * LINES_EACH, refused[:3]
    # …and they really wrote at the same time: their lines interleave in commit order.
    assert sum(a != b for a, b in zip(writers, writers[1:])) > 2
