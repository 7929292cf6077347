"""Kill-safety at scale: drive the REAL app in a terminal, SIGKILL it at random points, lose nothing.

    .venv/bin/python bench/kill.py                       # 200 kills, seed 1, temp database
    .venv/bin/python bench/kill.py --kills 500 --seed 7 --db /tmp/k/kill.sqlite3   # + backups/, kill-usb*/ there

What it does
------------
1. Builds a small demo office (``build_demo``: 2 villages, 12 households with members, forums).
2. Again and again: starts ``python -m abc_tui --db FILE --lang en --user kill`` in a pseudo-terminal
   (80×24; Python's ``pty``, no tmux), reads the screen through the ``pyte`` terminal emulator,
   and types like a clerk: opens a household-month page and types ledger lines (day, code, item,
   amount, Enter), edits an amount, deletes a line (with its confirmation), takes back the last
   change with Ctrl+Z, ticks/unticks people on a forum's attendance list, or backs up with the
   main menu's ``b`` ("back up to USB": a folder, Enter). Every start also makes the automatic
   backup into ``backups/``, and now and then ``abc-tui backup`` (into ``backups/`` or ``--to`` a
   folder) runs in a second process meanwhile and is SIGKILLed at a random moment too (while its
   temporary copy exists, any time, or not at all). Each operation is one small function below.
3. An operation is *acknowledged* when the screen says so ("Line 4 saved (1,203.07)", "Line 2
   changed (…)", "Line 3 deleted (…)", "Undone: …", the forum's "named N" count, "Backed up and
   verified: …"; ``abc-tui backup``: exit 0 and "Backup made: PATH"). At a random point (seeded:
   during start-up, during the start-up backup's copy, in the middle of an operation's keys, right
   after its last Enter — while the save or copy may be committing — or after an acknowledgement)
   the app is SIGKILLed.
4. After each kill the file is opened and checked: ``PRAGMA integrity_check`` ok, foreign keys,
   report summaries agree with the lines (``verify_in_sql``), every acknowledged change is there
   exactly once (lines compared whole, in order: nothing lost, nothing duplicated by a retried
   save), the one operation in flight is either wholly there or wholly absent, no line sits on
   another household's or month's page, and the audit rows agree with the data (an edit's or
   delete's audit row exists only with its change, an attendance audit only with its tick).
   Backups: in ``backups/`` and both USB folders every file with a backup's final name is
   complete (``inspect_backup``: integrity_check, an abc schema; the households all there) and,
   opened, holds exactly one state the file had during that session (a snapshot, never half a
   change); every other file is a temporary copy (``….part-PID``) of a killed process; every
   acknowledged backup is there (in ``backups/``, or replaced by a newer one through rotation).
   At the end the temporary copies are made an hour old and one backup into each folder must
   remove them all.
5. Prints kills, operations acknowledged, backups checked, kills during a copy, lost, broken,
   time; exits 1 when anything was lost or broken (or the screen got stuck: the app no longer
   answered).

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
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyte  # noqa: E402

from abc_tui.domain.errors import AbcError  # noqa: E402
from abc_tui.domain.thai import Month, format_money, to_thai_digits  # noqa: E402
from abc_tui.reports.summary import verify_in_sql  # noqa: E402
from abc_tui.store import backup as backup_store  # noqa: E402
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
    "enter": b"\r",
    "escape": b"\x1b",
    "tab": b"\t",
    "space": b" ",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "delete": b"\x1b[3~",
    "ctrl+u": b"\x15",
    "ctrl+z": b"\x1a",
    "f2": b"\x1bOQ",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
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
            os.execv(
                sys.executable,
                [sys.executable, "-m", "abc_tui", "--db", str(db_path), "--lang", "en", "--user", USER],
            )
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
    n_households: int = 0

    @property
    def backups(self) -> Path:  # the automatic backups (and `abc-tui backup` without --to)
        return backup_store.backup_dir(self.path)

    @property
    def usb(self) -> Path:  # the folder typed into the main menu's "back up to USB" box
        return self.path.with_name(f"{self.path.stem}-usb")

    @property
    def usb_cli(self) -> Path:  # `abc-tui backup --to` this folder
        return self.path.with_name(f"{self.path.stem}-usb-cli")

    @property
    def scratch(self) -> Path:  # where a backup is copied to be opened (opening writes)
        return self.path.with_name(f"{self.path.stem}-check")


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
        n_households = Household.select().count()
    finally:
        close_database()
    office = Office(path, households, forum_id, members[:6], n_households)
    for folder in (office.usb, office.usb_cli, office.scratch):
        folder.mkdir(exist_ok=True)
    return office


def read_state(office: Office) -> tuple[State, list[str]]:
    """The harness's part of the open file, and every way it is broken."""
    problems: list[str] = []
    state = State()
    months = [m.iso() for m in MONTHS]
    rows = (
        LedgerLine.select(LedgerLine, LedgerPage, Household)
        .join(LedgerPage)
        .switch(LedgerLine)
        .join(Household)
        .where(LedgerPage.month.in_(months))
        .order_by(LedgerLine.id)
    )
    for ln in rows:
        page = ln.page
        if (
            page.household_id != ln.household_id
            or ln.date.strftime("%Y-%m") != page.month
            or (ln.village_code != ln.household.village_code)
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
        elif a.action != "delete" and (
            line is None or json.loads(a.after)["amount_satang"] != line.amount_satang
        ):
            problems.append(f"audit {a.action} of line {uuid} does not match the line")
    uuids = {m.uuid: m.id for m in Member.select(Member.id, Member.uuid)}
    ticked: dict[int, str] = {}
    forum_uuid = forum_store.get_forum(office.forum_id).uuid
    for a in (
        Audit.select()
        .where((Audit.table == "forum_attendance") & (Audit.row_uuid == forum_uuid) & (Audit.who == USER))
        .order_by(Audit.id)
    ):
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


def _pages_only(state: State) -> State:
    """A page without lines is no change."""
    return State({k: v for k, v in state.pages.items() if v}, set(state.present))


def check_backup(office: Office, path: Path, history: list[State]) -> list[str]:
    """A file with a backup's final name: complete (``inspect_backup``: integrity_check, an abc
    schema), sane row counts, and a snapshot of one state the file had while it was copied."""
    try:
        counts = backup_store.inspect_backup(path)
    except AbcError as err:
        return [f"backup {path.name}: {err.en}"]
    if counts.get("household") != office.n_households:
        return [f"backup {path.name}: {counts.get('household')} households, not {office.n_households}"]
    copy = office.scratch / path.name  # opening a database writes (WAL); never into the backup
    shutil.copyfile(path, copy)
    try:
        open_database(copy)
        try:
            problems = list(check_database().problems) + verify_in_sql()
            state, more = read_state(office)
        finally:
            close_database()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    problems = [f"backup {path.name}: {p}" for p in problems + more]
    if _pages_only(state) not in [_pages_only(h) for h in history]:
        problems.append(f"backup {path.name} holds a state the file never had (half a change?)")
    return problems


def backup_patterns(office: Office) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A backup's final name, and its temporary name while being written (``.part-PID``, and the
    SQLite side files of that temporary copy)."""
    final = rf"{re.escape(office.path.stem)}-\d{{8}}-\d{{6}}\.sqlite3"
    return re.compile(final), re.compile(rf"{final}\.part-(\d+)(?:-journal|-wal|-shm)?")


def check_backups(office: Office, tally: Tally, history: list[State]) -> list[str]:
    """After a kill, every backup folder: each file with a final name is a good copy (each new one
    checked once: they are never rewritten), the rest are temporary copies of killed processes,
    and every acknowledged backup is there (in ``backups/`` rotation may replace it by a newer one)."""
    final, temp = backup_patterns(office)
    problems = []
    names: dict[Path, list[str]] = {}
    for folder in (office.backups, office.usb, office.usb_cli):
        names[folder] = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        for name in names[folder]:
            path = folder / name
            if not name.startswith(office.path.stem + "-"):
                continue  # another database's
            if final.fullmatch(name):
                if path not in tally.checked:
                    problems += check_backup(office, path, history)
                    tally.checked.add(path)
                    where = folder.name.removeprefix(office.path.stem + "-")
                    tally.backups_checked[where] = tally.backups_checked.get(where, 0) + 1
            elif m := temp.fullmatch(name):
                pid = int(m[1])
                if pid in tally.ended:
                    problems.append(f"{name}: left behind by a backup that was not killed")
                elif pid not in tally.killed:
                    problems.append(f"{name}: a temporary copy of an unknown process")
                elif path not in tally.leftovers:
                    tally.leftovers.add(path)
                    who = (
                        "CLI"
                        if pid in tally.cli_pids
                        else "TUI " + folder.name.removeprefix(office.path.stem + "-")
                    )
                    tally.copy_kills[who] = tally.copy_kills.get(who, 0) + 1
            else:
                problems.append(f"{folder.name}/{name}: neither a backup nor a backup's temporary copy")
    usb_finals = [n for n in names[office.usb] if final.fullmatch(n)]
    if len(usb_finals) < tally.usb_acks:
        problems.append(f"{tally.usb_acks} USB backups acknowledged, {len(usb_finals)} in {office.usb}")
    for path in tally.cli_acks:
        newer = [n for n in names[path.parent] if final.fullmatch(n) and n >= path.name]
        if path.name not in names[path.parent] and not (path.parent == office.backups and newer):
            problems.append(f"acknowledged backup {path} is gone")
    return problems


def clean_leftovers(office: Office, tally: Tally) -> list[str]:
    """At the end: make the killed backups' temporary copies old and back up into each folder once,
    as the app and ``abc-tui backup`` do: none may remain."""
    old = time.time() - backup_store.STALE_PART_SECONDS - 60
    for path in tally.leftovers:
        if path.exists():
            os.utime(path, (old, old))
    backup_store.auto_backup(office.path)
    backup_store.make_backup(office.path, office.usb)
    backup_store.make_backup(office.path, office.usb_cli)
    _, temp = backup_patterns(office)
    left = [
        p for f in (office.backups, office.usb, office.usb_cli) for p in f.iterdir() if temp.fullmatch(p.name)
    ]
    tally.cleaned = len([p for p in tally.leftovers if not p.exists()])
    return [f"{p}: a killed backup's temporary copy is never cleaned up" for p in left]


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
    keys = [
        f"{day}\r".encode(),
        code.encode(),
        *[ch.encode() for ch in item],
        KEYS["delete"],
        KEYS["enter"],
        typed.encode(),
        KEYS["enter"],
    ]
    n = len(state.pages.get(page, [])) + 1
    return Op(
        "line",
        keys,
        re.compile(rf"Line {n} saved \({re.escape(format_money(satang))}\)"),
        lambda s: s.pages.setdefault(page, []).append((day, code, item, satang)),
        undo=lambda s: s.pages[page].pop(n - 1),
    )


def op_edit(clerk: Clerk, state: State, page: tuple[str, str]) -> Op | None:
    """Change a saved line's amount: Up into the lines, Up to it, Enter, Tab to the amount, type, Enter."""
    lines = state.pages.get(page, [])
    if not lines:
        return None
    back = clerk.rng.randrange(min(len(lines), 12))
    index = len(lines) - 1 - back
    typed, satang = clerk.amount()
    keys = [KEYS["up"]] * (back + 1) + [
        KEYS["enter"],
        KEYS["tab"],
        KEYS["tab"],
        KEYS["tab"],
        typed.encode(),
        KEYS["enter"],
    ]

    old = lines[index]

    def apply(s: State) -> None:
        s.pages[page][index] = (*old[:3], satang)

    def undo(s: State) -> None:
        s.pages[page][index] = old

    return Op(
        "edit",
        keys,
        re.compile(rf"Line {index + 1} changed \({re.escape(format_money(satang))}\)"),
        apply,
        undo=undo,
    )


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
    return Op(
        "delete",
        keys,
        re.compile(rf"Line {index + 1} deleted \({re.escape(amount)}\)"),
        lambda s: s.pages[page].pop(index),
        after,
        undo=lambda s: s.pages[page].insert(index, old),
    )


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
    return Op(
        "tick",
        keys,
        re.compile(rf"named {named} from"),
        lambda s: s.present.symmetric_difference_update({member}),
    )


def op_backup(office: Office) -> Op:
    """The main menu's "back up to USB": b, (the box) clear the folder, type it, Enter; acknowledged
    when the box says the copy is made and verified; Esc back to the menu."""
    keys = [b"b", re.compile(r"Folder"), KEYS["ctrl+u"], str(office.usb).encode(), KEYS["enter"]]
    return Op("backup", keys, re.compile(r"Backed up and verified"), lambda s: None, [KEYS["escape"]])


class CliBackup:
    """``abc-tui backup`` (into ``backups/`` or ``--to`` a folder) in a second process while the app
    types, SIGKILLed at a random moment: while its temporary copy exists, any time, or never."""

    def __init__(self, office: Office, rng: random.Random, tally: Tally) -> None:
        self.folder = rng.choice((office.backups, office.usb_cli))
        to = ["--to", str(self.folder)] if self.folder == office.usb_cli else []
        self.before = names(self.folder)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "abc_tui", "backup", "--db", str(office.path), *to],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        tally.cli_pids.add(self.proc.pid)
        self.when = rng.choice(("copying", "any time", "never"))
        self.delay = (
            rng.choice((0, rng.uniform(0, 0.02), rng.uniform(0, 0.15)))
            if self.when == "copying"
            else (rng.uniform(0, 2.0))
        )
        self.killer = threading.Thread(target=self._kill_later, daemon=True)
        self.killer.start()

    def _kill_later(self) -> None:
        if self.when == "never":
            return
        if self.when == "copying":  # until it starts writing its copy (after ~1 s of imports)
            end = time.monotonic() + 20
            while (
                self.proc.poll() is None and time.monotonic() < end and not names(self.folder) - self.before
            ):
                time.sleep(0.001)
        time.sleep(self.delay)
        self.proc.kill()  # (nothing if it has ended)

    def finish(self, tally: Tally, log) -> None:
        """Wait for it; an exit 0 is an acknowledged backup at the path it printed."""
        self.killer.join()
        out, err = self.proc.communicate(timeout=60)
        if self.proc.returncode == -signal.SIGKILL:
            tally.killed.add(self.proc.pid)
            return
        tally.ended.add(self.proc.pid)
        made = re.search(r"Backup made: (.+)", out)
        if self.proc.returncode == 0 and made:
            tally.cli_acks.append(Path(made[1].strip()))
            tally.acknowledged += 1
            tally.by_op["cli backup"] = tally.by_op.get("cli backup", 0) + 1
        else:
            tally.broken += 1
            log(f"BROKEN: abc-tui backup exited {self.proc.returncode}: {out}{err}")


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
    # Backups: the processes killed and those that ended on their own (a finished backup leaves
    # no temporary copy), the acknowledged ones, the files checked, killed copies' leftovers.
    killed: set[int] = field(default_factory=set)
    ended: set[int] = field(default_factory=set)
    cli_pids: set[int] = field(default_factory=set)
    usb_acks: int = 0
    cli_acks: list[Path] = field(default_factory=list)
    checked: set[Path] = field(default_factory=set)
    backups_checked: dict[str, int] = field(default_factory=dict)
    leftovers: set[Path] = field(default_factory=set)
    copy_kills: dict[str, int] = field(default_factory=dict)  # kills that left a temporary copy, by whose
    cleaned: int = 0

    def at(self, where: str) -> None:
        self.where[where] = self.where.get(where, 0) + 1


def names(folder: Path) -> set[str]:
    try:
        return set(os.listdir(folder))
    except FileNotFoundError:
        return set()


def wait_for_copy(term: Terminal, folder: Path, before: set[str], timeout: float = 10.0) -> bool:
    """Until a backup starts writing into ``folder``: a file not in ``before`` (reading the screen meanwhile)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if names(folder) - before:
            return True
        term.pump(0.001)
    return False


def session(office: Office, state: State, rng: random.Random, clerk: Clerk, tally: Tally, log) -> State:
    """Start the app, do a few operations, kill it somewhere; check the file; return what it holds."""
    before = names(office.backups)
    term = Terminal(office.path)
    acked = state.copy()
    history = [acked.copy()]  # every state the file has had in this session (what a backup may hold)
    cli: CliBackup | None = None

    def end(pending: Op | None = None) -> State:
        return finish(office, term, acked, pending, tally, log, history, cli)

    def halt(what: str, pending: Op | None = None) -> State:
        tally.stuck += 1
        log(f"STUCK waiting for {what}; screen:\n{term.text()}")
        return end(pending)

    try:
        start = rng.random()
        if start < 0.05:  # killed while starting up (opening the file, WAL recovery)
            time.sleep(rng.uniform(0, 0.4))
            tally.at("start-up")
            return end()
        if start < 0.15:  # killed during the automatic backup every start makes (copy, check, rename, rotate)
            copying = wait_for_copy(term, office.backups, before)
            time.sleep(rng.choice((0, rng.uniform(0, 0.02), rng.uniform(0, 0.15))))
            tally.at("during the start-up backup" if copying else "start-up backup (its copy not seen)")
            return end()
        if not term.wait(re.compile("Main menu")):
            return halt("main menu")
        kind = rng.choices(("ledger", "forum", "backup"), (55, 27, 18))[0]
        if kind == "forum":
            term.send(b"3")
            if not term.wait(re.compile(r"forums \(page")):
                return halt("forums")
            term.send(KEYS["f4"])
            if not term.wait(re.compile(r"named \d+ from")):
                return halt("attendance")
        elif kind == "ledger":
            page = (rng.choice(office.households), rng.choice(MONTHS).iso())
            month = Month.from_iso(page[1])
            term.send(b"1")
            if not term.wait(re.compile(r"Moo")):
                return halt("ledger")
            term.send(f"\r{page[0]}\r{month.be_label()}\r".encode())
            opened = term.wait(re.compile(r"(New page|Reopened page) " + re.escape(page[0])))
            if not opened:
                return halt("page")
            if opened.group(1) == "New page":  # a reopened page starts in the entry row (issue 10 bug 2)
                term.send(b"\r\r")  # the paper's totals: none
        n_ops = rng.randint(1, 3 if kind == "backup" else 6)
        cli_at = rng.randrange(n_ops) if rng.random() < 0.2 else None  # `abc-tui backup` alongside
        done: list[Op] = []  # this session's changes, newest last (what Ctrl+Z takes back)
        previous = ""
        kill_at = rng.randint(0, n_ops)  # n_ops: after the last acknowledgement
        for i in range(n_ops):
            if i == cli_at:
                cli = CliBackup(office, rng, tally)
            if kind == "forum":
                op = op_tick(clerk, acked)
            elif kind == "backup":
                op = op_backup(office)
            else:
                choice = rng.choices(("line", "edit", "delete", "undo"), (6, 2, 1, 1))[0]
                op = (
                    op_undo(done, previous)
                    if choice == "undo"
                    else {"line": op_line, "edit": op_edit, "delete": op_delete}[choice](clerk, acked, page)
                )
                op = op or op_line(clerk, acked, page)
            if i == kill_at:
                cut = len(op.keys) if rng.random() < 0.6 else rng.randrange(len(op.keys))
                before = names(office.usb)
                if not all(term.send(k) for k in op.keys[:cut]):
                    return halt(op.name)
                if cut == len(
                    op.keys
                ):  # every key sent: the save (or copy) may be in the middle of its commit
                    pending = op
                    if op.name == "backup" and rng.random() < 0.5:
                        wait_for_copy(term, office.usb, before)
                    time.sleep(
                        rng.choice((0, rng.uniform(0, 0.005), rng.uniform(0, 0.05), rng.uniform(0, 0.3)))
                    )
                    tally.at("after the last key")
                    return end(pending)
                tally.at("inside an operation's keys")
                return end()
            if not all(term.send(k) for k in op.keys) or not term.wait(op.ack):
                return halt(
                    f"{op.name} acknowledgement", op
                )  # not seen: it may or may not be done, but never half
            op.apply(acked)
            history.append(acked.copy())
            if op.undo is not None:
                done.append(op)
            elif op.name == "undo":
                done.pop()
            previous = op.name
            tally.acknowledged += 1
            tally.by_op[op.name] = tally.by_op.get(op.name, 0) + 1
            tally.usb_acks += op.name == "backup"
            for k in op.after:
                term.send(k)
        time.sleep(rng.uniform(0, 0.05))
        tally.at("after an acknowledgement")
        return end()
    except BaseException:
        for proc in (term.pid, cli and cli.proc.pid):
            try:
                os.kill(proc, signal.SIGKILL) if proc else None
            except OSError:
                pass
        raise


def finish(
    office: Office,
    term: Terminal,
    acked: State,
    pending: Op | None,
    tally: Tally,
    log,
    history: list[State],
    cli: CliBackup | None,
) -> State:
    term.kill()
    tally.killed.add(term.pid)
    if cli is not None:
        cli.finish(tally, log)
    tally.kills += 1
    found, problems = check_file(office)
    allowed = [acked]
    if pending is not None:
        done = acked.copy()
        pending.apply(done)
        allowed.append(done)
        history = [*history, done]
    found = _pages_only(found)
    allowed = [_pages_only(a) for a in allowed]
    if found not in allowed:
        # Lost: an acknowledged change is missing (or something appeared that was never typed).
        tally.lost += 1
        problems.append(f"file differs from every acknowledged state (in flight: {pending and pending.name})")
        log(f"LOST: expected {acked}\n  found {found}")
    elif pending is not None and found != allowed[0]:
        tally.in_flight_kept += 1
    problems += check_backups(office, tally, history)
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
    problems = clean_leftovers(office, tally)
    if problems:
        tally.broken += 1
        log("BROKEN: " + "; ".join(problems))
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
    print(
        f"operations in flight at the kill found wholly committed: {tally.in_flight_kept} (the rest wholly absent)"
    )
    print(
        "backup files checked (integrity_check, row counts, a state the file had): "
        + ", ".join(f"{k} {v}" for k, v in sorted(tally.backups_checked.items()))
        + f"; acknowledged: USB box {tally.usb_acks}, abc-tui backup {len(tally.cli_acks)}"
    )
    print(
        "kills during a copy (its temporary copy left behind): "
        + (", ".join(f"{k} {v}" for k, v in sorted(tally.copy_kills.items())) or "none")
        + f"; cleaned up by later backups: {tally.cleaned} of {len(tally.leftovers)}"
    )
    print(f"lost: {tally.lost}  broken: {tally.broken}  stuck: {tally.stuck}")
    print(f"time: {elapsed:.1f} s ({elapsed / max(tally.kills, 1):.2f} s per kill)")
    if tally.lost or tally.broken or tally.stuck:
        sys.exit(1)


if __name__ == "__main__":
    main()
