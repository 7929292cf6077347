"""The command line through a real subprocess, as an admin would run it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    full_env.update(PYTHONIOENCODING="utf-8", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "abc_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
    )


def test_help_everywhere():
    for args in ([], ["demo"], ["check"]):
        result = run(*args, "--help")
        assert result.returncode == 0, result.stderr
        assert "usage" in result.stdout.lower()


def test_demo_then_check(tmp_path):
    db = tmp_path / "d.sqlite3"
    result = run("demo", "--db", str(db), "--households", "30", "--months", "2", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "household" in result.stdout
    result = run("check", "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "integrity       ok" in result.stdout
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM household").fetchone()[0] == 30
    assert con.execute("SELECT value FROM setting WHERE key='demo'").fetchone()[0] == "1"
    con.close()


def test_env_variable_chooses_the_database(tmp_path):
    db = tmp_path / "env.sqlite3"
    assert run("demo", "--db", str(db), "--households", "5", "--months", "1").returncode == 0
    result = run("check", env={"ABC_TUI_DB": str(db)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(db) in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--db", "/no/such/folder/x.sqlite3"],
        ["demo", "--db", "/no/such/folder/x.sqlite3", "--households", "3"],
        ["--db", "/no/such/folder/x.sqlite3"],
        ["demo", "--db", "{tmp}"],
        ["demo", "--db", "{tmp}/x.sqlite3", "--tambon", "12"],
        ["demo", "--db", "{tmp}/x.sqlite3", "--households", "0"],
        ["demo", "--db", "{tmp}/x.sqlite3", "--until", "13/2567"],
        ["demo", "--db", "{tmp}/x.sqlite3", "--until", "0001-01", "--months", "0"],
        ["export", "ledger", "--db", "{tmp}/junk.txt"],  # check reports it instead: exit 1
        ["check", "--db", "{tmp}"],
    ],
)
def test_bad_input_is_a_clear_message_and_exit_2(tmp_path, args):
    (tmp_path / "junk.txt").write_text("not a database" * 50)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "Error:" in result.stderr and "ข้อผิดพลาด:" in result.stderr


def test_demo_refuses_to_overwrite_real_data(tmp_path):
    db = tmp_path / "real.sqlite3"
    assert run("demo", "--db", str(db), "--households", "3", "--months", "1").returncode == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE setting SET value='0' WHERE key='demo'")  # now it is an office's real file
    con.commit()
    con.close()
    result = run("demo", "--db", str(db), "--households", "3", "--months", "1")
    assert result.returncode == 2 and "--force" in result.stderr
    result = run("demo", "--db", str(db), "--households", "4", "--months", "1", "--force")
    assert result.returncode == 0, result.stderr


def test_check_reports_a_broken_file(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert run("demo", "--db", str(db), "--households", "5", "--months", "1").returncode == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("INSERT INTO member (uuid, household_id, name, sex, is_head) VALUES ('x', 99999, 'ผี', '', 0)")
    con.commit()
    con.close()
    result = run("check", "--db", str(db))
    assert result.returncode == 1
    assert "foreign_key_check" in result.stdout


def test_demo_defaults_to_its_own_file_never_the_office_database(tmp_path):
    home = tmp_path / "home"  # the data home (the project's db/ by default)
    result = run("demo", "--households", "3", "--months", "1", cwd=tmp_path, env={"ABC_TUI_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert (home / "demo.sqlite3").exists()
    assert str(home / "demo.sqlite3") in result.stdout  # says where, absolute
    assert not (home / "abc.sqlite3").exists()
    result = run("check", cwd=tmp_path, env={"ABC_TUI_HOME": str(home)})  # no office database yet
    assert result.returncode == 2 and str(home / "abc.sqlite3") in result.stderr


def test_demo_refuses_an_office_that_has_only_set_up_its_area(tmp_path):
    db = tmp_path / "office.sqlite3"
    code = (
        "import sys; from abc_tui.store.database import open_database; from abc_tui.store import areas;"
        "open_database(sys.argv[1]);"
        "areas.setup_office('อบต.จริง', '54', 'แพร่', '5401', 'เมือง', '540101', 'ในเวียง')"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True)
    result = run("demo", "--db", str(db), "--households", "3", "--months", "1")
    assert result.returncode == 2 and "--force" in result.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM setting WHERE key='office_name'").fetchone()[0] == "อบต.จริง"
    con.close()


def test_check_reports_an_old_schema_without_upgrading_it(tmp_path):
    db = tmp_path / "old.sqlite3"
    code = (
        "import sys; from abc_tui.store.database import open_database; open_database(sys.argv[1], target=1)"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True)
    result = run("check", "--db", str(db))
    assert result.returncode == 1
    assert "schema version 1" in result.stdout
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1  # untouched
    con.close()


def test_check_finds_and_repairs_drifted_report_summaries(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert run("demo", "--db", str(db), "--households", "5", "--months", "2").returncode == 0
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE report_month SET income = income + 100 WHERE (village_code, household_id, month) = "
        "(SELECT village_code, household_id, month FROM report_month LIMIT 1)"
    )
    con.commit()
    con.close()
    result = run("check", "--db", str(db))
    assert result.returncode == 1
    assert "report_month differs" in result.stdout
    result = run("check", "--db", str(db), "--rebuild-summaries")
    assert result.returncode == 0, result.stdout
