"""The commands on a PostgreSQL server: demo, check, export package, import (a district merging
its tambons' packages twice), backup, and login, each through ``abc_tui.cli.main``."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from abc_tui.cli import main
from abc_tui.store import server_backup
from abc_tui.store.database import close_database, open_database
from abc_tui.store.models import LedgerLine, ReportMonth, db

DEMO = ("--households", "12", "--months", "2", "--villages", "3", "--until", "2025-03")


def _run(capsys, *argv):
    close_database()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _tables(package) -> dict[str, str]:
    with zipfile.ZipFile(package) as zf:
        return {n: t["sha256"] for n, t in json.loads(zf.read("manifest.json"))["tables"].items()}


def test_demo_check_and_package_are_the_same_as_on_sqlite(capsys, pg_url, tmp_path):
    code, out, err = _run(capsys, "demo", "--db", pg_url, *DEMO)
    assert code == 0, err
    assert "abc-test" not in out and "postgresql://abc:***@" in out
    code, out, err = _run(capsys, "check", "--db", pg_url)
    assert code == 0 and "ปกติ / OK" in out, out + err
    assert _run(capsys, "export", "package", "--db", pg_url, "--out", tmp_path / "pg.zip")[0] == 0
    lite = tmp_path / "office.sqlite3"
    assert _run(capsys, "demo", "--db", lite, *DEMO)[0] == 0
    assert _run(capsys, "export", "package", "--db", lite, "--out", tmp_path / "lite.zip")[0] == 0
    pg, sq = _tables(tmp_path / "pg.zip"), _tables(tmp_path / "lite.zip")
    pg.pop("user"), sq.pop("user")  # accounts carry the time they were made
    assert pg == sq  # the same demo, byte for byte, from either engine
    # A second demo replaces the first; a real office is refused without --force.
    assert _run(capsys, "demo", "--db", pg_url, *DEMO)[0] == 0
    open_database(pg_url)
    db.execute_sql("DELETE FROM setting WHERE key = 'demo'")
    close_database()
    code, out, err = _run(capsys, "demo", "--db", pg_url, *DEMO)
    assert code == 2 and "real office" in err


def test_a_district_merges_its_tambons_twice(capsys, pg_server, pg_url, tmp_path):
    packages, lines, sums = [], 0, 0
    for tambon in ("540101", "540201"):
        f = tmp_path / f"{tambon}.sqlite3"
        assert _run(capsys, "demo", "--db", f, "--tambon", tambon, *DEMO)[0] == 0
        assert _run(capsys, "export", "package", "--db", f, "--out", tmp_path / f"{tambon}.zip")[0] == 0
        open_database(f)
        lines += LedgerLine.select().count()
        sums += sum(r.income - r.consumption for r in ReportMonth.select())
        close_database()
        packages.append(tmp_path / f"{tambon}.zip")
    code, out, err = _run(capsys, "import", *packages, "--db", pg_url)
    assert code == 0, err
    assert out.count("นำเข้า / Imported") == 2
    code, out, err = _run(capsys, "import", *packages, "--db", pg_url)
    assert code == 0 and out.count("Nothing changed (already imported)") == 2, out
    open_database(pg_url)
    assert LedgerLine.select().count() == lines
    assert sum(r.income - r.consumption for r in ReportMonth.select()) == sums
    close_database()
    assert _run(capsys, "check", "--db", pg_url)[0] == 0
    # A damaged package changes nothing and says so.
    bad = tmp_path / "bad.zip"
    bad.write_bytes(packages[0].read_bytes()[:-200])
    code, out, err = _run(capsys, "import", bad, "--db", pg_url)
    assert code == 2 and "nothing was imported" in err


def test_backup_is_a_pg_dump_file(capsys, pg_url, tmp_path, monkeypatch):
    assert _run(capsys, "demo", "--db", pg_url, *DEMO)[0] == 0
    if server_backup.find_pg_dump() is None:
        pytest.skip("pg_dump is not on this machine")
    (tmp_path / "bk").mkdir()
    code, out, err = _run(capsys, "backup", "--db", pg_url, "--to", tmp_path / "bk")
    assert code == 0, err
    [dump] = (tmp_path / "bk").iterdir()
    assert dump.suffix == ".dump" and "abc-test" not in out
    assert "ledger_line" in server_backup._listed_tables(server_backup.find_pg_dump(), dump)
    monkeypatch.setattr(server_backup, "find_pg_dump", lambda: None)
    (tmp_path / "bk2").mkdir()
    code, out, err = _run(capsys, "backup", "--db", pg_url, "--to", tmp_path / "bk2")
    assert code == 2 and "needs pg_dump" in err and "pg_dump" in err.splitlines()[0]
    assert not any((tmp_path / "bk2").iterdir())


def test_login_on_a_server_is_asked_for(capsys, pg_url, tmp_path, monkeypatch):
    from abc_tui.store import users

    open_database(pg_url)
    users.add_user("boss", "admin", "secret-pw", who="test")
    users.set_login(True, who="boss")
    close_database()
    monkeypatch.setenv("ABC_TUI_PASSWORD", "wrong")
    code, out, err = _run(capsys, "--user", "boss", "backup", "--db", pg_url, "--to", tmp_path / "bk")
    assert code == 2 and not (tmp_path / "bk").exists()
    monkeypatch.setenv("ABC_TUI_PASSWORD", "secret-pw")
    code, out, err = _run(
        capsys, "--user", "boss", "export", "package", "--db", pg_url, "--out", tmp_path / "p.zip"
    )
    assert code == 0, err


def test_the_url_can_come_from_the_environment(capsys, pg_url, monkeypatch):
    monkeypatch.setenv("ABC_TUI_DB", pg_url)
    assert _run(capsys, "demo", "--db", pg_url, *DEMO)[0] == 0
    code, out, err = _run(capsys, "check")
    assert code == 0 and "postgresql://abc:***@" in out
    assert os.environ["ABC_TUI_DB"] == pg_url
