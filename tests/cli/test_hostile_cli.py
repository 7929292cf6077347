"""The command line probed as a hostile user would (issue 8), through a real subprocess.

Outputs onto the office's data are refused; ``check`` never writes and reports damaged, foreign
and empty files as problems; foreign files are refused by every command; exit 2 leaves the file
byte-identical, even an old schema; usage errors are in Thai and English.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import run

ROOT = Path(__file__).resolve().parents[2]
PERIOD = ["--from", "2024-01", "--to", "2024-03"]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """A small demo office with ledger lines in the test period, built once."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    result = run(
        "demo",
        "--db",
        str(path),
        "--households",
        "12",
        "--villages",
        "2",
        "--months",
        "3",
        "--until",
        "2024-03",
        "--seed",
        "5",
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def office(demo_file, tmp_path) -> Path:
    """A copy of the demo as the office database, alone in its folder."""
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / "office.sqlite3"
    shutil.copyfile(demo_file, path)
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and mtime."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_refused(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ข้อผิดพลาด:" in result.stderr and "Error:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# ---------------------------------------------------------------- 1. outputs onto the office's data


@pytest.mark.parametrize("report", ["village-month", "all"])
@pytest.mark.parametrize(
    "out",
    [
        "{db}",
        "./office.sqlite3",
        "{db}-wal",
        "{db}-shm",
        "{db}-journal",
        "link.sqlite3",
        "hard.sqlite3",
        "backups/report.csv",
        "backups/deep/x.xlsx",
        "other.sqlite3",
    ],
)
def test_export_refuses_to_write_over_the_database(office, report, out):
    folder = office.parent
    (folder / "backups").mkdir()
    shutil.copyfile(office, folder / "backups" / "office-2567-01-01.sqlite3")
    shutil.copyfile(office, folder / "other.sqlite3")  # another SQLite file: never overwritten either
    try:
        os.symlink(office, folder / "link.sqlite3")
        os.link(office, folder / "hard.sqlite3")
    except (OSError, NotImplementedError):
        if out in ("link.sqlite3", "hard.sqlite3"):
            pytest.skip("no symlinks or hard links here")
    before = snapshot(folder)
    result = run(
        "export", report, "--db", str(office), *PERIOD, "--out", out.replace("{db}", str(office)), cwd=folder
    )
    assert_refused(result)
    assert "Not writing" in result.stderr and "ไม่เขียน" in result.stderr
    assert snapshot(folder) == before  # nothing written, nothing left beside it


def test_export_all_refuses_when_a_csv_beside_the_workbook_would_be_the_database(office):
    """``export all --out book.xlsx`` writes its CSVs beside the workbook: one of them is the database."""
    folder = office.parent
    db = folder / "540101-village-month-2567-01-2567-03.csv"
    office.rename(db)
    before = snapshot(folder)
    result = run("export", "all", "--db", str(db), *PERIOD, "--out", str(folder / "book.xlsx"), cwd=folder)
    assert_refused(result)
    assert snapshot(folder) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_export_refuses_to_replace_a_pipe_or_device(office):
    fifo = office.parent / "pipe.csv"
    os.mkfifo(fifo)
    result = run(
        "export", "village-month", "--db", str(office), *PERIOD, "--out", str(fifo), cwd=office.parent
    )
    assert_refused(result)
    assert not fifo.is_file() and fifo.exists()  # still the pipe


def test_export_beside_the_database_still_works(office):
    result = run(
        "export", "village-month", "--db", str(office), *PERIOD, "--out", "vm.csv", cwd=office.parent
    )
    assert result.returncode == 0, result.stderr
    assert (office.parent / "vm.csv").read_bytes().startswith(b"\xef\xbb\xbfvillage_code")


# ---------------------------------------------------------------- 2. check: damaged, foreign, empty; never writes


def test_check_reports_a_damaged_page_without_a_traceback(office):
    data = bytearray(office.read_bytes())
    middle = (len(data) // 2) // 4096 * 4096
    data[middle : middle + 8192] = b"\xff" * 8192  # two pages in the middle of the file
    office.write_bytes(bytes(data))
    before = snapshot(office.parent)
    result = run("check", "--db", str(office))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "ปัญหา / PROBLEM: ไฟล์เสียหาย / the file is damaged" in result.stdout
    assert snapshot(office.parent) == before


def make_foreign(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = wal")  # as another program might: the WAL files must not appear
    con.execute("CREATE TABLE recipe (name TEXT)")
    con.execute("INSERT INTO recipe VALUES ('ต้มยำ')")
    con.commit()
    con.close()


@pytest.mark.parametrize("kind", ["foreign", "empty", "text", "office"])
def test_check_never_writes(office, kind):
    path = office
    if kind == "foreign":
        path = office.with_name("recipes.sqlite3")
        make_foreign(path)
    elif kind == "empty":
        path = office.with_name("empty.sqlite3")
        path.write_bytes(b"")
    elif kind == "text":
        path = office.with_name("notes.txt")
        path.write_text("not a database\n" * 50)
    before = snapshot(office.parent)
    result = run("check", "--db", str(path))
    assert snapshot(office.parent) == before  # same bytes, same mtimes, no -wal/-shm left behind
    assert "Traceback" not in result.stderr + result.stdout
    if kind == "office":
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        assert result.returncode == 1, result.stdout + result.stderr
        assert "ปัญหา / PROBLEM:" in result.stdout and "abc-tui" in result.stdout
    if kind == "foreign":
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        assert con.execute("PRAGMA user_version").fetchone()[0] == 0
        assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["recipe"]
        con.close()


def test_check_reads_lines_still_in_the_wal(office):
    """A file whose last lines wait in its -wal (the app is open, or was killed) is checked with them."""
    con = sqlite3.connect(office)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("INSERT INTO setting (key, value) VALUES ('probe', 'in the wal')")
    con.commit()
    # Still open: the line is only in office.sqlite3-wal.
    result = run("check", "--db", str(office))
    con.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "integrity       ok" in result.stdout


@pytest.mark.parametrize("kind", ["foreign", "empty", "text"])
@pytest.mark.parametrize("command", [["export", "ledger", *PERIOD, "--area", "540101"], ["--lang", "en"]])
def test_every_command_refuses_a_file_that_is_not_an_abc_database(tmp_path, kind, command):
    path = tmp_path / "x.sqlite3"
    if kind == "foreign":
        make_foreign(path)
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_text("not a database\n" * 50)
    if kind == "empty" and command[0] != "export":
        pytest.skip("the program sets up a new office in an empty file (it means to create one)")
    if kind == "text" and command[0] != "export":
        pytest.skip(
            "the program opens its recovery screen for a file that is not SQLite (tests/ui/test_recovery.py)"
        )
    before = snapshot(tmp_path)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "abc_tui", "--db", str(path), *command]
            if command[0] != "export"
            else [sys.executable, "-m", "abc_tui", *command, "--db", str(path)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            timeout=60,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the program opened the file instead of refusing it")
    assert_refused(result)
    assert "abc-tui" in result.stderr or "SQLite" in result.stderr
    assert snapshot(tmp_path) == before


def test_demo_does_not_replace_another_programs_database(tmp_path):
    path = tmp_path / "recipes.sqlite3"
    make_foreign(path)
    before = snapshot(tmp_path)
    result = run("demo", "--db", str(path), "--households", "3", "--months", "1")
    assert_refused(result)
    assert "--force" in result.stderr
    assert snapshot(tmp_path) == before


def test_open_database_refuses_a_foreign_file_and_leaves_it_untouched(tmp_path):
    from abc_tui.domain.errors import AbcError
    from abc_tui.store.database import close_database, open_database

    path = tmp_path / "recipes.sqlite3"
    make_foreign(path)
    before = snapshot(tmp_path)
    with pytest.raises(AbcError) as info:
        open_database(path)
    assert "another program" in info.value.en and "โปรแกรมอื่น" in info.value.th
    assert snapshot(tmp_path) == before
    close_database()


def test_open_database_without_create_refuses_missing_and_empty_files(tmp_path):
    from abc_tui.domain.errors import AbcError
    from abc_tui.store.database import close_database, open_database

    (tmp_path / "empty.sqlite3").write_bytes(b"")
    for name in ("empty.sqlite3", "missing.sqlite3"):
        with pytest.raises(AbcError):
            open_database(tmp_path / name, create=False)
    assert (tmp_path / "empty.sqlite3").read_bytes() == b""
    assert not (tmp_path / "missing.sqlite3").exists()
    open_database(tmp_path / "empty.sqlite3")  # the TUI means to create one: a new office
    close_database()


# ---------------------------------------------------------------- 4. exit 2 means nothing changed


def make_old_office(path: Path, version: int = 2) -> None:
    code = (
        "import sys; from abc_tui.store.database import open_database; from abc_tui.store import areas;"
        f"open_database(sys.argv[1], target={version});"
        "areas.setup_office('อบต.เก่า', '54', 'แพร่', '5401', 'เมือง', '540101', 'ในเวียง');"
        "areas.add_village('540101', '1', 'บ้านเก่า')"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, cwd=ROOT)


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "--period", "bimonth:2567-7"],
        ["ledger", "--from", "2024-05", "--to", "2024-01"],
        ["ledger", "--from", "13/2567"],
        ["ledger", "--area", "54019999", *PERIOD],
        ["ledger", "--area", "999", *PERIOD],
        ["ledger", "--format", "txt", *PERIOD],
        ["statements", "--area", "54010101", "--format", "csv", *PERIOD],
        ["village-month", "--out", "{db}", *PERIOD],
        ["all", "--out", "{db}", *PERIOD],
    ],
)
def test_bad_arguments_leave_an_old_schema_file_byte_identical(tmp_path, args):
    db = tmp_path / "old.sqlite3"
    make_old_office(db, version=2)
    before = snapshot(tmp_path)
    result = run("export", *[a.replace("{db}", str(db)) for a in args], "--db", str(db), cwd=tmp_path)
    assert_refused(result)
    assert snapshot(tmp_path) == before
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 2
    con.close()


def test_a_good_export_on_an_old_schema_file_upgrades_it(tmp_path):
    db = tmp_path / "old.sqlite3"
    make_old_office(db, version=2)
    result = run("export", "village-month", "--db", str(db), *PERIOD, "--out", "vm.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    from abc_tui.store.migrations import LATEST_VERSION

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    con.close()


@pytest.mark.parametrize(
    "args, thai",
    [
        (["frob"], "ไม่รู้จักคำสั่ง frob"),
        (["export"], "ขาดสิ่งที่ต้องระบุ: REPORT"),
        (["export", "nope"], "REPORT ไม่มีค่า nope"),
        (["export", "ledger", "--db"], "--db ต้องตามด้วยค่าหนึ่งค่า"),
        (["export", "ledger", "--format", "docx"], "--format ไม่มีค่า docx"),
        (["demo", "--households", "x"], "--households ต้องเป็นจำนวนเต็ม"),
        (["--lang", "xx"], "--lang ไม่มีค่า xx"),
        (["check", "--zap"], "ไม่รู้จักตัวเลือกหรือค่านี้: --zap"),
        (["demo", "--for"], "ไม่รู้จักตัวเลือกหรือค่านี้: --for"),  # no guessing --force from --for
        (["--dem"], "ไม่รู้จักตัวเลือกหรือค่านี้: --dem"),
        (["export", "ledger", "--named=yes"], "--named ไม่รับค่า"),
    ],
)
def test_usage_errors_are_in_thai_and_english(tmp_path, args, thai):
    result = subprocess.run(
        [sys.executable, "-m", "abc_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
    )
    assert_refused(result)
    assert thai in result.stderr
    assert "usage:" in result.stderr and "--help" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing created (no db/ folder, no demo)


def test_an_unknown_usage_error_keeps_its_english_in_the_thai_line():
    from abc_tui.cli import usage_error_th

    assert usage_error_th("something new from argparse") == "คำสั่งไม่ถูกต้อง: something new from argparse"


def test_output_paths_compare_case_insensitively_where_the_os_does(tmp_path, monkeypatch):
    """Windows: ``--out OFFICE.SQLITE3`` is the database ``office.sqlite3`` (os.path.normcase folds case)."""
    from abc_tui.reports import export

    db = tmp_path / "office.sqlite3"
    db.write_bytes(b"")
    assert export.output_refusal(tmp_path / "OFFICE.SQLITE3-WAL", db) is None  # case-sensitive here
    monkeypatch.setattr(os.path, "normcase", str.lower)
    assert export.output_refusal(tmp_path / "OFFICE.SQLITE3-WAL", db) is not None
    assert export.output_refusal(tmp_path / "Backups" / "x.csv", db) is not None
    assert export.output_refusal(tmp_path / "report.csv", db) is None
