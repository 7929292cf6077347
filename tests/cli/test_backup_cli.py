"""``abc-tui backup`` and ``abc-tui restore`` (and ``demo`` on a file in use) through a real subprocess."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import ROOT, run
from tests.unit.test_backup import damage


def count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def demo_db(tmp_path) -> Path:
    db = tmp_path / "office.sqlite3"
    result = run("demo", "--db", str(db), "--households", "20", "--months", "2")
    assert result.returncode == 0, result.stderr
    return db


def holder(db: Path) -> subprocess.Popen:
    """Another abc-tui process with the file open, idle, after committing a write."""
    code = (
        "import sys; from abc_tui.store.database import open_database; from abc_tui.store import settings;"
        "open_database(sys.argv[1]); settings.put('holder', 'committed'); print('ready', flush=True);"
        "sys.stdin.readline()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


def release(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    proc.wait(timeout=30)


def test_backup_then_restore_round_trip(demo_db, tmp_path):
    result = run("backup", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    [made] = (tmp_path / "backups").iterdir()
    assert str(made) in result.stdout and "integrity_check ok" in result.stdout
    households = count(demo_db, "household")
    con = sqlite3.connect(demo_db)
    con.execute("DELETE FROM forum_attendance")
    con.execute("DELETE FROM member")
    con.commit()
    con.close()

    # No: nothing changes, exit 2.
    before = demo_db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "abc_tui", "restore", str(made), "--db", str(demo_db)],
        input="n\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2 and "Not confirmed" in result.stderr and "ไม่ได้ยืนยัน" in result.stderr
    assert demo_db.read_bytes() == before and count(demo_db, "member") == 0

    # Yes (in Thai): restored, the current file kept aside.
    result = subprocess.run(
        [sys.executable, "-m", "abc_tui", "restore", str(made), "--db", str(demo_db)],
        input="ใช่\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert count(demo_db, "member") > 0 and count(demo_db, "household") == households
    [aside] = [p for p in (tmp_path / "backups").iterdir() if "-pre-restore-" in p.name]
    assert str(aside) in result.stdout and count(aside, "member") == 0
    check = run("check", "--db", str(demo_db))
    assert check.returncode == 0, check.stdout + check.stderr


def test_backup_to_a_folder_while_another_process_has_it_open(demo_db, tmp_path):
    (tmp_path / "usb").mkdir()
    proc = holder(demo_db)
    try:
        result = run("backup", "--db", str(demo_db), "--to", str(tmp_path / "usb"))
    finally:
        release(proc)
    assert result.returncode == 0, result.stderr
    [made] = (tmp_path / "usb").iterdir()
    assert count(made, "setting") == count(demo_db, "setting") - 1  # all but the reminder written after
    con = sqlite3.connect(demo_db)
    assert (
        con.execute("SELECT value FROM setting WHERE key = 'backup.last'").fetchone()[0].endswith(str(made))
    )
    con.close()


def test_restore_and_demo_refuse_a_file_in_use(demo_db, tmp_path):
    (tmp_path / "b").mkdir()
    assert run("backup", "--db", str(demo_db), "--to", str(tmp_path / "b")).returncode == 0
    [made] = (tmp_path / "b").iterdir()
    proc = holder(demo_db)
    try:
        for args in (
            ["restore", str(made), "--db", str(demo_db), "--yes"],
            ["demo", "--db", str(demo_db), "--households", "3", "--force"],
        ):
            result = run(*args)
            assert result.returncode == 2, result.stdout + result.stderr
            assert "another program has" in result.stderr and "มีโปรแกรมอื่นเปิดไฟล์" in result.stderr
            assert "Traceback" not in result.stderr
    finally:
        release(proc)
    con = sqlite3.connect(demo_db)
    assert con.execute("SELECT value FROM setting WHERE key = 'holder'").fetchone() == ("committed",)
    con.close()
    assert not (tmp_path / "backups").exists()  # nothing was set aside either


@pytest.mark.parametrize("case", ["missing db", "junk db", "junk backup", "damaged backup", "same file"])
def test_bad_input_is_a_clear_message_and_exit_2(demo_db, tmp_path, case):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 300)
    if case == "missing db":
        args = ["backup", "--db", str(tmp_path / "nope.sqlite3")]
    elif case == "junk db":
        args = ["backup", "--db", str(junk)]
    elif case == "junk backup":
        args = ["restore", str(junk), "--db", str(demo_db), "--yes"]
    elif case == "damaged backup":
        (tmp_path / "b").mkdir()
        assert run("backup", "--db", str(demo_db), "--to", str(tmp_path / "b")).returncode == 0
        [made] = (tmp_path / "b").iterdir()
        damage(made)
        args = ["restore", str(made), "--db", str(demo_db), "--yes"]
    else:
        args = ["restore", str(demo_db), "--db", str(demo_db), "--yes"]
    before = demo_db.read_bytes()
    result = run(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Error:" in result.stderr and "ข้อผิดพลาด:" in result.stderr and "Traceback" not in result.stderr
    assert demo_db.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_backup_to_a_missing_folder_is_refused(demo_db, tmp_path):
    """An unplugged USB stick's path must not become a folder on this PC's disk (the b dialog refuses too)."""
    usb = tmp_path / "usb" / "E"
    result = run("backup", "--db", str(demo_db), "--to", str(usb))
    assert result.returncode == 2
    assert "No folder" in result.stderr and "USB" in result.stderr and "ไม่พบโฟลเดอร์" in result.stderr
    assert not (tmp_path / "usb").exists() and not (tmp_path / "backups").exists()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    result = run("backup", "--db", str(demo_db), "--to", str(a_file))
    assert result.returncode == 2 and "Not a folder" in result.stderr
