"""Backups, rotation, restore and the database-file checks (no Textual)."""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.store import backup, dbfile
from abc_tui.store.database import close_database
from abc_tui.store.migrations import LATEST_VERSION

ROOT = Path(__file__).resolve().parents[2]


def counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return backup._counts(con)
    finally:
        con.close()


def damage(path: Path) -> None:
    """Overwrite a few pages in the middle of the file (a bad disk sector)."""
    with open(path, "r+b") as f:
        f.seek(4096 * 2)
        f.write(b"\xff" * 4096 * 3)


class Holder:
    """Another process with the database open and idle (as a second abc-tui window is)."""

    CODE = (
        "import sys; from abc_tui.store.database import open_database; from abc_tui.store import settings;"
        "open_database(sys.argv[1]); settings.put('holder', 'committed'); print('ready', flush=True);"
        "sys.stdin.readline()"
    )

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", self.CODE, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout.readline().strip() == "ready"

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


# ------------------------------------------------------------------ backup


def test_backup_is_a_verified_self_contained_copy(office):
    close_database()
    result = backup.make_backup(office.path)
    assert result.path.parent == office.path.parent / "backups"
    assert result.path.name.startswith("abc-") and result.path.suffix == ".sqlite3"
    assert result.counts == counts(office.path) and result.counts["household"] == 5
    assert backup.verify(result.path, result.counts) is None
    # One file: no -wal/-shm beside it, rollback journal (carried on a stick as it is).
    assert sorted(p.name for p in result.path.parent.iterdir()) == [result.path.name]
    con = sqlite3.connect(result.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_backup_while_another_connection_writes_is_a_consistent_snapshot(office):
    close_database()
    stop = threading.Event()
    written = []

    def writer() -> None:
        con = sqlite3.connect(office.path, timeout=10, isolation_level=None)
        while not stop.is_set():
            con.execute("INSERT INTO setting (key, value) VALUES (?, 'x')", (f"w{len(written)}",))
            written.append(1)
        con.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            pass
        result = backup.make_backup(office.path)
    finally:
        stop.set()
        thread.join()
    # The copy checked its counts against the source's in the same snapshot.
    assert backup.verify(result.path, result.counts) is None
    assert 0 < result.counts["setting"] <= counts(office.path)["setting"]


@pytest.mark.parametrize("after", [0, 1])  # stopped while copying; while checking the copy
def test_a_stopped_backup_leaves_nothing(office, after, monkeypatch):
    """Quitting the program cancels its backup worker: it stops at once, without a half file."""
    close_database()
    monkeypatch.setattr(backup, "CHECK_OPS", 10)  # a small file is checked in fewer steps
    polls = []

    def should_stop() -> bool:
        polls.append(1)
        return len(polls) > after

    with pytest.raises(backup.Stopped):
        backup.make_backup(office.path, should_stop=should_stop)
    assert not (office.path.parent / "backups").exists()


def test_backup_never_overwrites_one_made_in_the_same_second(office):
    close_database()
    now = _dt.datetime(2025, 3, 1, 9, 0, 0)
    a = backup.make_backup(office.path, now=now)
    b = backup.make_backup(office.path, now=now)
    assert a.path != b.path and a.path.exists() and b.path.exists()


def test_backup_of_a_damaged_file_leaves_no_file(tmp_path):
    junk = tmp_path / "abc.sqlite3"
    junk.write_bytes(b"not a database" * 500)
    with pytest.raises(AbcError):
        backup.make_backup(junk)
    assert not (tmp_path / "backups").exists()


def test_last_backup_is_the_newest_in_backups_or_the_recorded_one(tmp_path):
    db = tmp_path / "abc.sqlite3"
    assert backup.last_backup(db) is None
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "abc-20250301-090000.sqlite3").write_bytes(b"")
    (tmp_path / "backups" / "abc-pre-restore-20250305-090000.sqlite3").write_bytes(b"")
    (tmp_path / "backups" / "other-20250309-090000.sqlite3").write_bytes(b"")
    assert backup.last_backup(db) == _dt.datetime(2025, 3, 1, 9, 0)
    assert backup.last_backup(db, "2025-03-02T10:00:00|/media/usb/x") == _dt.datetime(2025, 3, 2, 10, 0)
    assert backup.last_backup(db, "2025-02-02T10:00:00|/media/usb/x") == _dt.datetime(2025, 3, 1, 9, 0)


# ------------------------------------------------------------------ rotation with fake dates


def fake(folder: Path, when: _dt.datetime, kind: str = "") -> Path:
    p = folder / backup.backup_name("abc.sqlite3", when, kind)
    p.write_bytes(b"x")
    return p


def test_rotation_keeps_7_daily_and_4_weekly(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = _dt.datetime(2025, 1, 1, 8, 0)  # a Wednesday
    made = []
    for day in range(60):  # two months, four backups a day (start, then every 30 min …)
        for hour in (8, 10, 13, 16):
            made.append(fake(folder, start + _dt.timedelta(days=day, hours=hour - 8)))
    aside = fake(folder, start, "pre-restore")
    removed = backup.rotate(tmp_path / "abc.sqlite3")
    kept = backup.list_backups(folder, "abc")
    auto = [b.taken_at for b in kept if not b.kind]
    last = start + _dt.timedelta(days=59, hours=8)  # 1 March 2025, 16:00
    daily = [last - _dt.timedelta(days=d) for d in range(7)]  # the newest of each of the last 7 days
    assert daily == auto[:7]
    # The newest of each of the last 4 weeks (Monday-Sunday): the weeks of 1 March and of
    # Sunday 23 February are covered by the dailies; then Sundays 16 and 9 February, 16:00.
    assert auto[7:] == [_dt.datetime(2025, 2, 16, 16, 0), _dt.datetime(2025, 2, 9, 16, 0)]
    assert aside.exists() and len(removed) == len(made) - 9


def test_rotation_counts_days_with_backups_not_calendar_days(tmp_path):
    """An office closed for a month still keeps its last 7 working days."""
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in (1, 2, 3, 6, 7, 8, 9, 10):
        fake(folder, _dt.datetime(2025, 1, day, 9, 0))
    fake(folder, _dt.datetime(2025, 2, 20, 9, 0))
    backup.rotate(tmp_path / "abc.sqlite3")
    days = sorted(b.taken_at.date() for b in backup.list_backups(folder))
    assert [d.day for d in days] == [3, 6, 7, 8, 9, 10, 20]


def test_to_keep_rule_exactly():
    def b(day: _dt.date) -> backup.BackupFile:
        return backup.BackupFile(Path(day.isoformat()), _dt.datetime.combine(day, _dt.time(9)), "")

    dates = [_dt.date(2025, 1, d) for d in (1, 2, 3, 6, 7, 8, 9, 10)] + [_dt.date(2025, 2, 20)]
    keep = {p.name for p in backup.to_keep([b(d) for d in dates])}
    # Daily: Feb 20 and Jan 10, 9, 8, 7, 6, 3. Weekly (Monday-Sunday): Feb 20, Jan 10 (week of
    # Jan 6-12), Jan 3 (week of Dec 30-Jan 5): only three weeks have backups, all kept already.
    assert keep == {d.isoformat() for d in dates[2:]}
    assert backup.to_keep([b(d) for d in dates], daily=2, weekly=3) == {
        Path("2025-02-20"),
        Path("2025-01-10"),
        Path("2025-01-03"),
    }


def test_rotation_removes_stale_partial_copies_only(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "abc-20250101-090000.sqlite3.part-123"
    new = folder / "abc-20250101-090001.sqlite3.part-456"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    os.utime(old, (0, 0))
    backup.rotate(tmp_path / "abc.sqlite3")
    assert not old.exists() and new.exists()


# ------------------------------------------------------------------ restore


def test_restore_round_trip_keeps_the_current_file_aside(office):
    close_database()
    good = backup.make_backup(office.path, tmp := office.path.parent / "usb")
    assert tmp.is_dir()
    con = sqlite3.connect(office.path)
    con.execute("DELETE FROM member")
    con.execute("UPDATE household SET head_name = 'changed'")
    con.commit()
    con.close()
    changed = counts(office.path)
    (office.path.parent / "abc.sqlite3-shm").write_bytes(b"stale")
    result = backup.restore(good.path, office.path)
    assert counts(office.path) == good.counts
    assert not Path(f"{office.path}-shm").exists() and not Path(f"{office.path}-wal").exists()
    [aside] = result.set_aside
    assert "-pre-restore-" in aside.name and counts(aside) == changed
    assert not Path(f"{office.path}.restore").exists()
    con = sqlite3.connect(office.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM household WHERE head_name = 'changed'").fetchone()[0] == 0
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_restore_over_a_damaged_file_keeps_the_damaged_file(office):
    close_database()
    good = backup.make_backup(office.path)
    damage(office.path)
    assert dbfile.quick_check(office.path) is not None
    damaged_bytes = office.path.read_bytes()
    result = backup.restore(good.path, office.path)
    [aside] = result.set_aside
    assert "-damaged-" in aside.name and aside.read_bytes() == damaged_bytes
    assert dbfile.quick_check(office.path) is None
    assert backup.newest_good_backup(office.path)[0].path == good.path


def test_restore_of_an_older_schema_is_upgraded_when_opened(office):
    from abc_tui.store.database import open_database, schema_version
    from abc_tui.store.models import db

    old = office.path.parent / "old.sqlite3"
    open_database(old, target=1)
    close_database()
    backup.restore(old, office.path)
    open_database(office.path)
    assert schema_version(db) == LATEST_VERSION


@pytest.mark.parametrize("kind", ["junk", "foreign", "newer", "damaged"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(office, kind):
    close_database()
    bad = office.path.parent / "bad.sqlite3"
    if kind == "junk":
        bad.write_bytes(b"hello" * 1000)
    elif kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE notes (x)")
        con.commit()
        con.close()
    else:
        backup.make_backup(office.path, office.path.parent / "b")
        [copy] = (office.path.parent / "b").iterdir()
        copy.rename(bad)
        if kind == "newer":
            con = sqlite3.connect(bad)
            con.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
            con.close()
        else:
            damage(bad)
    before = office.path.read_bytes()
    with pytest.raises(AbcError):
        backup.restore(bad, office.path)
    assert office.path.read_bytes() == before
    assert not (office.path.parent / "backups").exists()


# ------------------------------------------------------------------ files in use


def test_in_use_sees_another_process_holding_the_file_open_idle(office):
    close_database()
    assert not dbfile.in_use_by_others(office.path)
    holder = Holder(office.path)
    try:
        assert dbfile.in_use_by_others(office.path)
        with pytest.raises(AbcError) as err:
            backup.restore(backup.make_backup(office.path).path, office.path)
        assert "another program" in err.value.en
    finally:
        holder.close()
    assert not dbfile.in_use_by_others(office.path)


def test_demo_refuses_a_file_another_process_has_open(tmp_path):
    """Issue 8 #4: demo --force deleted the file under another process; its committed write was lost."""
    from abc_tui.store.demo import build_demo

    path = tmp_path / "demo.sqlite3"
    build_demo(path, households=3, months=1)
    close_database()
    holder = Holder(path)
    try:
        with pytest.raises(AbcError) as err:
            build_demo(path, households=3, months=1, force=True)
        assert "another program" in err.value.en and "มีโปรแกรมอื่นเปิดไฟล์" in err.value.th
    finally:
        holder.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM setting WHERE key = 'holder'").fetchone() == ("committed",)
    con.close()


# ------------------------------------------------------------------ quick check


def test_quick_check(tmp_path, office):
    close_database()
    assert dbfile.quick_check(office.path) is None
    assert dbfile.quick_check(tmp_path / "missing.sqlite3") is None
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    assert dbfile.quick_check(tmp_path / "empty.sqlite3") is None
    (tmp_path / "junk.sqlite3").write_bytes(b"hello" * 1000)
    assert "not a database" in dbfile.quick_check(tmp_path / "junk.sqlite3")
    damage(office.path)
    assert dbfile.quick_check(office.path)


def test_quick_check_on_a_locked_file_is_busy_not_damaged(office):
    close_database()
    con = sqlite3.connect(office.path, isolation_level=None)
    con.execute("PRAGMA locking_mode = EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
    try:
        assert dbfile.quick_check(office.path, timeout=0.1) is None
    finally:
        con.close()


# ------------------------------------------------------------------ network shares


MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda2 / ext4 rw,relatime 0 0
/dev/sda3 /home ext4 rw,relatime 0 0
server:/export /home/office/share nfs4 rw,relatime,vers=4.2 0 0
//nas/abc /mnt/nas cifs rw,vers=3.0 0 0
//nas/abc2 /mnt/smb3 smb3 rw 0 0
clerk@pc2:/data /home/office/ssh\\040drive fuse.sshfs rw,nosuid 0 0
/dev/sdb1 /home/office/share/local ext4 rw 0 0
/dev/sdc1 /media/clerk/KINGSTON vfat rw,nosuid 0 0
/dev/sdd1 /run/media/clerk/USB\\040DISK exfat rw 0 0
"""


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/home/office/db/abc.sqlite3", None),
        ("/home/office/share/abc.sqlite3", "nfs4"),
        ("/home/office/share/local/abc.sqlite3", None),  # a local disk mounted inside the share
        ("/home/office/shared/abc.sqlite3", None),  # a prefix of a name is not a parent folder
        ("/mnt/nas/db/abc.sqlite3", "cifs"),
        ("/mnt/smb3/abc.sqlite3", "smb3"),
        ("/home/office/ssh drive/abc.sqlite3", "fuse.sshfs"),
        ("/media/clerk/KINGSTON/abc.sqlite3", None),
    ],
)
def test_network_share_from_an_injected_mount_table(path, kind):
    assert dbfile.network_share(path, mounts=MOUNTS, platform="linux") == kind


@pytest.mark.parametrize(
    "path, kind",
    [("\\\\server\\office\\abc.sqlite3", "UNC"), ("//server/office/abc.sqlite3", "UNC")],
)
def test_network_share_windows_unc(path, kind):
    assert dbfile.network_share(path, platform="win32") == kind


def test_removable_folders_from_an_injected_mount_table(monkeypatch):
    monkeypatch.setattr(os, "access", lambda p, mode: True)
    assert dbfile.removable_folders(mounts=MOUNTS, platform="linux") == [
        "/media/clerk/KINGSTON",
        "/run/media/clerk/USB DISK",
    ]
