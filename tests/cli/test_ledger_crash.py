"""Crash safety of ledger entry: a clerk's process is killed (SIGKILL) in the middle of a page.

A subprocess drives the real ledger screen (Pilot, real key events) and types
lines of a sample page; after each line it reports what the screen says was
saved. The test kills it at a random moment while it types the next lines,
reopens the database and checks that every reported line is there exactly,
that nothing half-written exists, and that ``PRAGMA integrity_check`` is ok.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "paper_pages.csv"
HOUSEHOLD = "54010106-39"
MONTH_BE = "01/2567"


def intended_lines() -> list[tuple[int, str, str, str, int]]:
    """(day, code, item, amount as written, satang) for the lines the child types, in order.

    The sample page P7-0000 is typed twice over; the second round adds 1 baht to
    every amount so each line is distinguishable.
    """
    with open(SAMPLE, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["page_id"] == "P7-0000"]
    out = []
    for extra in (0, 1):
        for r in rows:
            written = r["amount_written"] if not extra else str(Decimal(r["amount"]) + extra)
            out.append(
                (
                    int(r["day"]),
                    r["category_code"],
                    r["item"],
                    written,
                    int((Decimal(r["amount"]) + extra) * 100),
                )
            )
    return out


def child(db: str) -> None:
    """Run in the subprocess: type the intended lines into the ledger screen, report each save."""
    from abc_tui.store.database import open_database
    from abc_tui.ui.app import create_app
    from abc_tui.ui.typeahead import has_pending_messages
    from tests.ui.keys import key_event_for

    open_database(db)
    app = create_app(lang="th", user="crash-test")

    def busy() -> bool:
        nodes = [app, *app.screen.walk_children(with_self=True)]
        return any(has_pending_messages(n) for n in nodes) or any(w.is_running for w in app.workers)

    async def settle() -> None:
        quiet = 0
        while quiet < 3:
            await asyncio.sleep(0)
            quiet = 0 if busy() else quiet + 1

    async def keys(text: str) -> None:
        for ch in text:
            event = key_event_for(ch)
            event.set_sender(app)
            app.post_message(event)
            await settle()

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1")
            await pilot.pause()
            village, house = HOUSEHOLD.split("-")
            await keys(f"{int(village[-2:])}\n{house}\n{MONTH_BE}\n\n\n")
            screen = app.screen
            print("OPEN", flush=True)
            previous = None
            for day, code, item, written, _satang in intended_lines():
                day_text = "" if day == previous else str(day)
                await keys(f"{day_text}\n{code}{item}")
                if item and screen.query_one("#lg-item").completion:
                    await pilot.press("delete")
                await keys(f"\n{written}\n")
                previous = day
                saved = screen.session.lines[-1]
                print(
                    "SAVED",
                    json.dumps([saved.day, saved.code, saved.item, saved.amount], ensure_ascii=False),
                    flush=True,
                )
            print("DONE", flush=True)
            await asyncio.sleep(60)  # wait to be killed

    asyncio.run(run())


@pytest.fixture
def crash_db(tmp_path: Path) -> Path:
    from abc_tui.store import areas
    from abc_tui.store import households as hh
    from abc_tui.store.database import close_database, open_database

    path = tmp_path / "abc.sqlite3"
    open_database(path)
    areas.setup_office("อบต.ทดสอบ", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    areas.add_village("540101", "6", "บ้านร่องฟอง")
    village, house = HOUSEHOLD.split("-")
    hh.add_household(
        village, hh.HouseholdForm(house_no=house, head_name="นายสมชาย ใจดี", joined_on="1/10/2566")
    )
    close_database()
    return path


@pytest.mark.parametrize("kill_after", [3, 17])
def test_sigkill_mid_page_keeps_every_saved_line(crash_db: Path, kill_after: int):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", f"from tests.cli.test_ledger_crash import child; child({str(crash_db)!r})"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    reported: list[list] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 120
        for line in proc.stdout:
            if line.startswith("SAVED"):
                reported.append(json.loads(line.split(" ", 1)[1]))
                if len(reported) == kill_after:
                    time.sleep(random.uniform(0.0, 0.05))  # somewhere inside the next line's keys
                    break
            assert time.monotonic() < deadline, "child too slow"
        else:
            pytest.fail("child ended before reporting saves: " + (proc.stderr.read() if proc.stderr else ""))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert proc.returncode == -signal.SIGKILL

    from abc_tui.store.database import check_database, close_database, open_database
    from abc_tui.store.models import LedgerLine, LedgerPage

    open_database(crash_db)
    try:
        result = check_database()
        assert result.integrity == "ok" and result.ok, result.problems
        in_db = [
            [ln.date.day, ln.category_code, ln.item, ln.amount_satang]
            for ln in LedgerLine.select().order_by(LedgerLine.id)
        ]
        intended = [[d, c, i, s] for d, c, i, _w, s in intended_lines()]
        # every line the screen reported as saved is there, in order, exactly
        assert in_db[: len(reported)] == reported
        assert reported == intended[: len(reported)]
        # the kill may land after the next line's commit but before its report: at most that one more,
        # and it is whole (exactly the next intended line), never half-written
        assert len(in_db) - len(reported) in (0, 1)
        assert in_db == intended[: len(in_db)]
        assert LedgerPage.select().count() == 1
        assert all(ln.entered_by == "crash-test" for ln in LedgerLine.select())
    finally:
        close_database()
