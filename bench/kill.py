"""Kill-safety at scale: drive the REAL app in a terminal, SIGKILL it at random points, lose nothing.

    .venv/bin/python bench/kill.py                       # 200 kills, seed 1, temp database
    .venv/bin/python bench/kill.py --kills 500 --seed 7 --db /tmp/kill.sqlite3

What it does
------------
1. Builds a small demo office (``build_demo``: 2 villages, 12 households with members, forums).
2. Again and again: starts ``python -m abc_tui --db FILE --lang en --user kill`` in a pseudo-terminal
   (80×24; Python's ``pty``, no tmux), reads the screen through the ``pyte`` terminal emulator,
   and types like a clerk: opens a household-month page and types ledger lines (day, code, item,
   amount, Enter), edits an amount, deletes a line (with its confirmation), takes back the last
   change with Ctrl+Z, or ticks/unticks
   people on a forum's attendance list. Each operation is one small function below.
3. An operation is *acknowledged* when the screen says so ("Line 4 saved (1,203.07)", "Line 2
   changed (…)", "Line 3 deleted (…)", "Undone: …", the forum's "named N" count). At a random point (seeded:
   during start-up, in the middle of an operation's keys, right after its last Enter — while the
   save may be committing — or after an acknowledgement) the app is SIGKILLed.
4. After each kill the file is opened and checked: ``PRAGMA integrity_check`` ok, foreign keys,
   report summaries agree with the lines (``verify_in_sql``), every acknowledged change is there
   exactly once (lines compared whole, in order: nothing lost, nothing duplicated by a retried
   save), the one operation in flight is either wholly there or wholly absent, no line sits on
   another household's or month's page, and the audit rows agree with the data (an edit's or
   delete's audit row exists only with its change, an attendance audit only with its tick).
5. Prints kills, operations acknowledged, lost, broken, time; exits 1 when anything was lost or
   broken (or the screen got stuck: the app no longer answered).

``tests/cli/test_kill.py`` runs the same harness with a small count.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import random
import re
import select
import signal
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyte  # noqa: E402

from abc_tui.domain.thai import Month, format_money, to_thai_digits  # noqa: E402
from abc_tui.reports.summary import verify_in_sql  # noqa: E402
from abc_tui.store import forums as forum_store  # noqa: E402
from abc_tui.store.database import check_database, close_database, open_database  # noqa: E402
from abc_tui.store.demo import build_demo  # noqa: E402
from abc_tui.store.models import Audit, ForumAttendance, Household, LedgerLine, LedgerPage, Member  # noqa: E402

USER = "kill"
#: Demo data ends with 01/2567; the harness types into later months, so every line there is its own.
DEMO_UNTIL = Month(2024, 1)
MONTHS = [Month(2024, m) for m in (2, 3, 4)]
CODES = ("31", "33", "13", "21", "41", "61", "34", "37")
ITEMS = ("", "ข้าวสาร", "ค่าไฟ", "kill-item", "น้ำมันรถ", "ปุ๋ย", "x")
#: Key names → the bytes a terminal sends for them.
KEYS = {
    "enter": b"\r", "escape": b"\x1b", "tab": b"\t", "space": b" ", "up": b"\x1b[A", "down": b"\x1b[B",
    "delete": b"\x1b[3~", "ctrl+z": b"\x1a", "f2": b"\x1bOQ", "f4": b"\x1bOS", "f5": b"\x1b[15~",
}


# ---------------------------------------------------------------- the app in a terminal


class Terminal:
    """The real program in a pseudo-terminal of 80×24, its screen kept by a terminal emulator."""

    def __init__(self, db_path: Path) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the app (never returns)
            os.environ.update(TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONPATH=str(ROOT))
            os.execv(sys.executable, [sys.executable, "-m", "abc_tui", "--db", str(db_path), "--lang", "en", "--user", USER])
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def send(self, data: bytes | re.Pattern[str]) -> bool:
        """Type ``data``; a pattern instead waits until the screen shows it (False: it never did)."""
        if isinstance(data, re.Pattern):
            return self.wait(data) is not None
        os.write(self.fd, data)
        if data == KEYS["escape"]:  # a lone ESC is told from the start of a key sequence by a pause
            time.sleep(0.15)
        self.pump(0)
        return True

    def pump(self, timeout: float) -> None:
        """Read whatever the app drew (waiting at most ``timeout`` for the first bytes)."""
        while select.select([self.fd], [], [], timeout)[0]:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the app is gone
                return
            if not data:
                return
            self.stream.feed(data)
            timeout = 0

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait(self, pattern: re.Pattern[str], timeout: float = 10.0) -> re.Match[str] | None:
        end = time.monotonic() + timeout
        while True:
            found = pattern.search(self.text())
            if found or time.monotonic() > end:
                return found
            self.pump(0.02)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


# ---------------------------------------------------------------- what should be in the file


Line = tuple[int, str, str, int]  # day, code, item, satang — in the order typed (ledger_line.id)


@dataclass
class State:
    """The part of the file the harness changes: its pages' lines and one forum's ticks."""

    pages: dict[tuple[str, str], list[Line]] = field(default_factory=dict)  # (household code, month iso)
    present: set[int] = field(default_factory=set)  # member ids ticked on the forum

    def copy(self) -> State:
        return State({k: list(v) for k, v in self.pages.items()}, set(self.present))


@dataclass
class Op:
    """One thing a clerk does: the keys, the screen text that acknowledges it, its effect."""

    name: str
    keys: list[bytes | re.Pattern[str]]  # a pattern: wait until the screen shows it
    ack: re.Pattern[str]
    apply: Callable[[State], None]
    after: list[bytes] = field(default_factory=list)  # keys that bring the screen back to typing
    undo: Callable[[State], None] | None = None  # what Ctrl+Z does to it afterwards


@dataclass
class Office:
    path: Path
    households: list[str]  # codes of the households whose pages the harness types
    forum_id: int
    forum_members: list[tuple[str, int]]  # (household code to search, the member listed first)


def build_office(path: Path, seed: int) -> Office:
    build_demo(path, villages=2, households=12, months=1, until=DEMO_UNTIL, seed=seed)
    open_database(path)
    try:
        households = [h.code for h in Household.select().order_by(Household.code)[:4]]
        forum_id = forum_store.list_forums(None, offset=0, limit=10)[0].id  # the first row of the forums list
        members = []
        for h in Household.select().order_by(Household.code):
            found = forum_store.candidates(forum_id, h.code, limit=1)
            if found and found[0].household_code == h.code:
                members.append((h.code, found[0].member_id))
    finally:
        close_database()
    return Office(path, households, forum_id, members[:6])


def read_state(office: Office) -> tuple[State, list[str]]:
    """The harness's part of the open file, and every way it is broken."""
    problems: list[str] = []
    state = State()
    months = [m.iso() for m in MONTHS]
    rows = (
        LedgerLine.select(LedgerLine, LedgerPage, Household)
        .join(LedgerPage).switch(LedgerLine).join(Household)
        .where(LedgerPage.month.in_(months))
        .order_by(LedgerLine.id)
    )
    for ln in rows:
        page = ln.page
        if page.household_id != ln.household_id or ln.date.strftime("%Y-%m") != page.month or (
            ln.village_code != ln.household.village_code
        ):
            problems.append(f"line {ln.id} does not belong to its page {page.id}")
        key = (ln.household.code, page.month)
        state.pages.setdefault(key, []).append((ln.date.day, ln.category_code, ln.item, ln.amount_satang))
    state.present = {
        a.member_id for a in ForumAttendance.select().where(ForumAttendance.forum == office.forum_id)
    }
    # Audit rows come only with their change: the last one for each line / person says what is there.
    last: dict[str, Audit] = {}
    for a in Audit.select().where((Audit.table == "ledger_line") & (Audit.who == USER)).order_by(Audit.id):
        last[a.row_uuid] = a
    lines = {ln.uuid: ln for ln in LedgerLine.select().where(LedgerLine.uuid.in_(list(last)))} if last else {}
    for uuid, a in last.items():
        line = lines.get(uuid)
        if a.action == "delete" and line is not None:
            problems.append(f"audit says line {uuid} was deleted, but it is there")
        elif a.action != "delete" and (line is None or json.loads(a.after)["amount_satang"] != line.amount_satang):
            problems.append(f"audit {a.action} of line {uuid} does not match the line")
    uuids = {m.uuid: m.id for m in Member.select(Member.id, Member.uuid)}
    ticked: dict[int, str] = {}
    forum_uuid = forum_store.get_forum(office.forum_id).uuid
    for a in Audit.select().where(
        (Audit.table == "forum_attendance") & (Audit.row_uuid == forum_uuid) & (Audit.who == USER)
    ).order_by(Audit.id):
        member = json.loads(a.after or a.before)["member_uuid"]
        ticked[uuids[member]] = a.action
    for mid, action in ticked.items():
        if (action == "insert") != (mid in state.present):
            problems.append(f"attendance audit of member {mid} says {action}, the file disagrees")
    return state, problems


def check_file(office: Office) -> tuple[State, list[str]]:
    open_database(office.path)
    try:
        result = check_database()
        problems = list(result.problems) + verify_in_sql()
        state, more = read_state(office)
        return state, problems + more
    finally:
        close_database()


# ---------------------------------------------------------------- operations (one small function each)


class Clerk:
    """Makes the next operation from what the page and forum hold now (numbers are never reused)."""

    def __init__(self, rng: random.Random, office: Office) -> None:
        self.rng = rng
        self.office = office
        self.serial = 0

    def amount(self) -> tuple[str, int]:
        """A new amount never typed before (so its acknowledgement can't be an old message)."""
        self.serial += 1
        satang = 100 * (self.rng.randint(1, 40) * 100 + self.serial) + self.rng.randint(1, 99)
        typed = f"{satang // 100}.{satang % 100:02d}"
        return (to_thai_digits(typed) if self.rng.random() < 0.2 else typed), satang


def op_line(clerk: Clerk, state: State, page: tuple[str, str]) -> Op:
    """Type one ledger line: day Enter, 2-digit code, item (Delete drops a grey completion) Enter, amount Enter."""
    rng = clerk.rng
    day, code, item = rng.randint(1, 28), rng.choice(CODES), rng.choice(ITEMS)
    typed, satang = clerk.amount()
    keys = [f"{day}\r".encode(), code.encode(), *[ch.encode() for ch in item], KEYS["delete"], KEYS["enter"],
            typed.encode(), KEYS["enter"]]
    n = len(state.pages.get(page, [])) + 1
    return Op("line", keys, re.compile(rf"Line {n} saved \({re.escape(format_money(satang))}\)"),
              lambda s: s.pages.setdefault(page, []).append((day, code, item, satang)),
              undo=lambda s: s.pages[page].pop(n - 1))


def op_edit(clerk: Clerk, state: State, page: tuple[str, str]) -> Op | None:
    """Change a saved line's amount: Up into the lines, Up to it, Enter, Tab to the amount, type, Enter."""
    lines = state.pages.get(page, [])
    if not lines:
        return None
    back = clerk.rng.randrange(min(len(lines), 12))
    index = len(lines) - 1 - back
    typed, satang = clerk.amount()
    keys = [KEYS["up"]] * (back + 1) + [KEYS["enter"], KEYS["tab"], KEYS["tab"], KEYS["tab"], typed.encode(), KEYS["enter"]]

    old = lines[index]

    def apply(s: State) -> None:
        s.pages[page][index] = (*old[:3], satang)

    def undo(s: State) -> None:
        s.pages[page][index] = old

    return Op("edit", keys, re.compile(rf"Line {index + 1} changed \({re.escape(format_money(satang))}\)"), apply, undo=undo)


def op_delete(clerk: Clerk, state: State, page: tuple[str, str]) -> Op | None:
    """Delete a saved line: Up into the lines, Up to it, Delete, Enter (yes), Esc back to typing."""
    lines = state.pages.get(page, [])
    if not lines:
        return None
    back = clerk.rng.randrange(min(len(lines), 12))
    index = len(lines) - 1 - back
    old = lines[index]
    amount = format_money(old[3])
    keys = [KEYS["up"]] * (back + 1) + [KEYS["delete"], re.compile(r"Delete line"), KEYS["enter"]]
    # After the delete the lines table keeps the focus while it has rows: Esc goes back to typing.
    after = [KEYS["escape"]] if len(lines) > 1 else []
    return Op("delete", keys, re.compile(rf"Line {index + 1} deleted \({re.escape(amount)}\)"),
              lambda s: s.pages[page].pop(index), after, undo=lambda s: s.pages[page].insert(index, old))


def op_undo(done: list[Op], previous: str) -> Op | None:
    """Ctrl+Z: take back the last save, edit or delete of this session (the line comes back whole).

    Never twice in a row: the message ("Undone: … day, code, item, amount") is matched only up to
    the item, whose Thai the terminal emulator does not place exactly, so it must not be the last
    message already."""
    if not done or previous == "undo":
        return None
    return Op("undo", [KEYS["ctrl+z"]], re.compile(r"Undone: "), done[-1].undo)


def op_tick(clerk: Clerk, state: State) -> Op:
    """Attendance: F5 (search, text selected), a household code, Enter to the list, Space ticks the first."""
    code, member = clerk.rng.choice(clerk.office.forum_members)
    named = len(state.present) + (-1 if member in state.present else 1)
    keys = [KEYS["f5"], code.encode(), KEYS["enter"], KEYS["space"]]
    return Op("tick", keys, re.compile(rf"named {named} from"), lambda s: s.present.symmetric_difference_update({member}))


# BACKUP: when abc_tui/store/backup.py exists (another part of issue 8), add `op_backup` here — e.g. the
# `B` key of the main menu or `abc-tui backup --db FILE --to DIR` in a second process killed at random — and
# check in `check_file` that a backup file is either complete (integrity_check ok, same row counts) or absent.


# ---------------------------------------------------------------- one session: start, work, kill


@dataclass
class Tally:
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    broken: int = 0
    stuck: int = 0
    by_op: dict[str, int] = field(default_factory=dict)
    in_flight_kept: int = 0
    #: where the kills landed: start-up, inside an operation's keys, after its last key, after an ack
    where: dict[str, int] = field(default_factory=dict)

    def at(self, where: str) -> None:
        self.where[where] = self.where.get(where, 0) + 1


def session(office: Office, state: State, rng: random.Random, clerk: Clerk, tally: Tally, log) -> State:
    """Start the app, do a few operations, kill it somewhere; check the file; return what it holds."""
    term = Terminal(office.path)
    acked = state.copy()
    pending: Op | None = None
    try:
        if rng.random() < 0.05:  # killed while starting up (opening the file, WAL recovery)
            time.sleep(rng.uniform(0, 0.4))
            tally.at("start-up")
            return finish(office, term, acked, None, tally, log)
        if not term.wait(re.compile("Main menu")):
            return stuck(office, term, acked, tally, log, "main menu")
        forum = rng.random() < 0.3
        if forum:
            term.send(b"3")
            if not term.wait(re.compile(r"forums \(page")):
                return stuck(office, term, acked, tally, log, "forums")
            term.send(KEYS["f4"])
            if not term.wait(re.compile(r"named \d+ from")):
                return stuck(office, term, acked, tally, log, "attendance")
        else:
            page = (rng.choice(office.households), rng.choice(MONTHS).iso())
            month = Month.from_iso(page[1])
            term.send(b"1")
            if not term.wait(re.compile(r"Moo")):
                return stuck(office, term, acked, tally, log, "ledger")
            term.send(f"\r{page[0]}\r{month.be_label()}\r".encode())
            if not term.wait(re.compile(r"(New page|Reopened page) " + re.escape(page[0]))):
                return stuck(office, term, acked, tally, log, "page")
            term.send(b"\r\r")  # the paper's totals: none
        n_ops = rng.randint(1, 6)
        done: list[Op] = []  # this session's changes, newest last (what Ctrl+Z takes back)
        previous = ""
        kill_at = rng.randint(0, n_ops)  # n_ops: after the last acknowledgement
        for i in range(n_ops):
            if forum:
                op = op_tick(clerk, acked)
            else:
                kind = rng.choices(("line", "edit", "delete", "undo"), (6, 2, 1, 1))[0]
                op = (op_undo(done, previous) if kind == "undo" else
                      {"line": op_line, "edit": op_edit, "delete": op_delete}[kind](clerk, acked, page))
                op = op or op_line(clerk, acked, page)
            if i == kill_at:
                cut = len(op.keys) if rng.random() < 0.6 else rng.randrange(len(op.keys))
                if not all(term.send(k) for k in op.keys[:cut]):
                    return stuck(office, term, acked, tally, log, op.name)
                if cut == len(op.keys):  # every key sent: the save may be in the middle of its commit
                    pending = op
                    time.sleep(rng.choice((0, rng.uniform(0, 0.005), rng.uniform(0, 0.05), rng.uniform(0, 0.3))))
                tally.at("after the last key" if pending else "inside an operation's keys")
                return finish(office, term, acked, pending, tally, log)
            if not all(term.send(k) for k in op.keys) or not term.wait(op.ack):
                pending = op  # not seen: it may or may not be done, but never half
                return stuck(office, term, acked, tally, log, f"{op.name} acknowledgement", pending)
            op.apply(acked)
            if op.undo is not None:
                done.append(op)
            elif op.name == "undo":
                done.pop()
            previous = op.name
            tally.acknowledged += 1
            tally.by_op[op.name] = tally.by_op.get(op.name, 0) + 1
            for k in op.after:
                term.send(k)
        time.sleep(rng.uniform(0, 0.05))
        tally.at("after an acknowledgement")
        return finish(office, term, acked, None, tally, log)
    except BaseException:
        if term.pid:
            try:
                term.kill()
            except OSError:
                pass
        raise


def stuck(office, term, acked, tally, log, what, pending=None) -> State:
    tally.stuck += 1
    log(f"STUCK waiting for {what}; screen:\n{term.text()}")
    return finish(office, term, acked, pending, tally, log)


def finish(office: Office, term: Terminal, acked: State, pending: Op | None, tally: Tally, log) -> State:
    term.kill()
    tally.kills += 1
    found, problems = check_file(office)
    allowed = [acked]
    if pending is not None:
        done = acked.copy()
        pending.apply(done)
        allowed.append(done)
    found.pages = {k: v for k, v in found.pages.items() if v}  # a page without lines is no change
    allowed = [State({k: v for k, v in a.pages.items() if v}, a.present) for a in allowed]
    if found not in allowed:
        # Lost: an acknowledged change is missing (or something appeared that was never typed).
        tally.lost += 1
        problems.append(f"file differs from every acknowledged state (in flight: {pending and pending.name})")
        log(f"LOST: expected {acked}\n  found {found}")
    elif pending is not None and found != allowed[0]:
        tally.in_flight_kept += 1
    if problems:
        tally.broken += 1
        log("BROKEN: " + "; ".join(problems))
    return found


def run(kills: int, seed: int, db_path: Path | None = None, log=print) -> Tally:
    rng = random.Random(seed)
    path = db_path or Path(tempfile.mkdtemp(prefix="abc-kill-")) / "kill.sqlite3"
    office = build_office(path, seed)
    state, problems = check_file(office)
    assert not problems, problems
    clerk = Clerk(rng, office)
    tally = Tally()
    while tally.kills < kills:
        state = session(office, state, rng, clerk, tally, log)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="database file to create (default: a new temp file)")
    args = parser.parse_args()
    if args.db and args.db.exists():
        sys.exit(f"{args.db} exists; give a new file")
    started = time.perf_counter()
    tally = run(args.kills, args.seed, args.db)
    elapsed = time.perf_counter() - started
    ops = ", ".join(f"{k} {v}" for k, v in sorted(tally.by_op.items()))
    print(f"kills: {tally.kills}  operations acknowledged: {tally.acknowledged} ({ops})")
    print("kills landed: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.where.items())))
    print(f"operations in flight at the kill found wholly committed: {tally.in_flight_kept} (the rest wholly absent)")
    print(f"lost: {tally.lost}  broken: {tally.broken}  stuck: {tally.stuck}")
    print(f"time: {elapsed:.1f} s ({elapsed / max(tally.kills, 1):.2f} s per kill)")
    if tally.lost or tally.broken or tally.stuck:
        sys.exit(1)


if __name__ == "__main__":
    main()
