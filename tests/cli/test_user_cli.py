"""``abc-tui user`` and the login of ``export`` through a real subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from abc_tui.store import areas
from abc_tui.store.database import close_database, open_database
from tests.cli.test_cli import ROOT


def run(*args: str, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Like tests.cli.test_cli.run, with standard input (never a terminal here, so no prompt)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ABC_TUI_")}
    full_env.update(PYTHONIOENCODING="utf-8", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "abc_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=full_env,
        timeout=120,
        input=input if input is not None else "",
    )


@pytest.fixture
def office_db(tmp_path):
    """A set-up office file (closed again: the subprocess opens it)."""
    path = tmp_path / "office.sqlite3"
    open_database(path)
    areas.setup_office("อบต.ทดสอบ", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    areas.add_village("540101", "1", "บ้านนาน้อย")
    close_database()
    return path


def user(db, *args, user=None, password=None, new=None, stdin=None):
    env = {}
    if password is not None:
        env["ABC_TUI_PASSWORD"] = password
    if new is not None:
        env["ABC_TUI_NEW_PASSWORD"] = new
    pre = ["--user", user] if user else []
    return run(*pre, "user", "--db", str(db), *args, env=env, input=stdin)


def rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_user_commands_add_list_role_passwd(office_db):
    result = user(office_db, "list")
    assert result.returncode == 0 and "Login: off" in result.stdout

    # Login is off: the first admin is added by whoever runs the office PC.
    result = run(
        "user",
        "add",
        "สมศรี",
        "--role",
        "admin",
        "--db",
        str(office_db),
        env={"ABC_TUI_NEW_PASSWORD": "secret1"},
    )  # --db after the action works too
    assert result.returncode == 0, result.stderr
    result = user(office_db, "list")
    assert "Login: on" in result.stdout and "สมศรี\tadmin\tactive\tpassword" in result.stdout

    # Now changes need an admin's login.
    result = user(office_db, "add", "malee", "--role", "clerk", new="clerk99")
    assert result.returncode == 2 and "--user" in result.stderr
    result = user(office_db, "add", "malee", user="สมศรี", password="nope123", new="clerk99")
    assert result.returncode == 2 and "Wrong user name or password" in result.stderr
    assert rows(office_db, "SELECT COUNT(*) FROM user WHERE name = 'malee'") == [(0,)]
    # password and new password as two lines of standard input
    result = user(office_db, "add", "malee", "--role", "clerk", user="สมศรี", stdin="secret1\nclerk99\n")
    assert result.returncode == 0, result.stderr

    # a clerk may change their own password, not someone else's role
    result = user(office_db, "passwd", "malee", user="malee", password="clerk99", new="clerk100")
    assert result.returncode == 0, result.stderr
    result = user(office_db, "role", "malee", "admin", user="malee", password="clerk100")
    assert result.returncode == 2 and "manage users" in result.stderr
    result = user(office_db, "role", "malee", "officer", user="สมศรี", password="secret1")
    assert result.returncode == 0, result.stderr
    assert rows(office_db, "SELECT role FROM user WHERE name = 'malee'") == [("officer",)]

    # bad input: exit 2, nothing changed
    for args in (["role", "malee", "boss"], ["add", "x[y]"], ["add", "short"], ["passwd", "nobody"]):
        result = user(office_db, *args, user="สมศรี", password="secret1", new="123")
        assert result.returncode == 2, args
        assert "ข้อผิดพลาด" in result.stderr and "Error" in result.stderr
    result = user(office_db, "deactivate", "สมศรี", user="สมศรี", password="secret1")
    assert result.returncode == 2 and "last administrator" in result.stderr

    audit = rows(office_db, "SELECT who, row_uuid, after FROM audit WHERE table_name = 'user' ORDER BY id")
    assert [(who, name) for who, name, _ in audit[1:]] == [
        ("สมศรี", "malee"),
        ("malee", "malee"),
        ("สมศรี", "malee"),
    ]  # added by the admin, own password, role by the admin
    assert all("scrypt" not in (after or "") for _, _, after in audit)


def test_forgotten_admin_password_is_recovered_and_audited(office_db):
    assert user(office_db, "add", "สมศรี", "--role", "admin", new="secret1").returncode == 0
    result = user(office_db, "passwd", "สมศรี", "--recover", stdin="fresh123\n")
    assert result.returncode == 0, result.stderr
    ((who, after),) = rows(office_db, "SELECT who, after FROM audit WHERE after LIKE '%recover%'")
    assert "--recover" in who and "password_changed" in after
    result = user(office_db, "role", "สมศรี", "admin", user="สมศรี", password="fresh123")
    assert result.returncode == 0, result.stderr


def test_export_needs_an_officer_while_login_is_on(office_db, tmp_path):
    assert (
        run(
            "export",
            "village-month",
            "--db",
            str(office_db),
            "--area",
            "54",
            "--out",
            str(tmp_path / "free.csv"),
        ).returncode
        == 0
    )  # login off: anyone
    assert user(office_db, "add", "สมศรี", "--role", "admin", new="secret1").returncode == 0
    assert user(office_db, "add", "malee", user="สมศรี", password="secret1", new="clerk99").returncode == 0
    out = tmp_path / "vm.csv"
    args = ["export", "village-month", "--db", str(office_db), "--area", "54", "--out", str(out)]
    result = run(*args)
    assert result.returncode == 2 and "--user" in result.stderr and not out.exists()
    result = run("--user", "malee", *args, env={"ABC_TUI_PASSWORD": "clerk99"})
    assert result.returncode == 2 and not out.exists()
    assert "ไม่มีสิทธิ์ส่งออกข้อมูล" in result.stderr and "only reporting officer / administrator" in result.stderr
    result = run("--user", "สมศรี", *args, env={"ABC_TUI_PASSWORD": "wrong99"})
    assert result.returncode == 2 and not out.exists()
    result = run("--user", "สมศรี", *args, env={"ABC_TUI_PASSWORD": "secret1"})
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_demo_cannot_replace_an_office_with_login_on_without_an_admin(office_db):
    assert user(office_db, "add", "สมศรี", "--role", "admin", new="secret1").returncode == 0
    assert user(office_db, "add", "malee", user="สมศรี", password="secret1", new="clerk99").returncode == 0
    before = rows(office_db, "SELECT COUNT(*) FROM user")
    for env in ({}, {"ABC_TUI_USER": "malee", "ABC_TUI_PASSWORD": "clerk99"}):
        result = run("demo", "--db", str(office_db), "--force", "--households", "5", "--months", "1", env=env)
        assert result.returncode == 2, result.stderr
    assert rows(office_db, "SELECT COUNT(*) FROM user") == before
    assert rows(office_db, "SELECT value FROM setting WHERE key = 'demo'") == []
