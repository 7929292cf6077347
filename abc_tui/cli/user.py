"""``abc-tui user``: accounts from the command line, and the login of commands that change data.

``user list | add NAME --role ROLE | passwd NAME [--recover] | role NAME ROLE | deactivate NAME |
activate NAME | login on|off``. While login is on (an admin has a password, see
:mod:`abc_tui.store.users`) every command here except ``list`` and ``passwd --recover`` needs an
admin's login (or, for ``passwd``, the user's own): ``abc-tui --user NAME user …`` (or
``$ABC_TUI_USER``) and the password from a prompt or ``$ABC_TUI_PASSWORD``.

``passwd NAME --recover`` resets a forgotten password without a login — the office PC's file is the
trust boundary — and says so in the audit table. New passwords come from a prompt (typed twice),
``$ABC_TUI_NEW_PASSWORD``, or one line of standard input when it is not a terminal.

Arguments are checked and the login is verified read-only *before* the database is opened for
writing, so exit status 2 means nothing changed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

ENV_USER = "ABC_TUI_USER"
ENV_PASSWORD = "ABC_TUI_PASSWORD"
ENV_NEW_PASSWORD = "ABC_TUI_NEW_PASSWORD"


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "user",
        parents=[common],
        help="user accounts: list, add, passwd, role, deactivate, activate, login on|off",
        description="Manage who may use the program. Roles: clerk (ledgers, households), facilitator "
        "(forums, plan), officer (export, import, backups), admin (everything, users, areas). "
        "Login is on once an active admin has a password; while it is on, changes here need an "
        "admin's login: abc-tui --user NAME user ... with the password from a prompt or "
        f"${ENV_PASSWORD}. New passwords: prompt, ${ENV_NEW_PASSWORD}, or a line on standard input.",
        epilog="Examples: abc-tui user add somsri --role admin | abc-tui user list | "
        "abc-tui --user somsri user role malee officer | abc-tui user passwd somsri --recover",
    )
    what = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    # --db after the action too (``user add NAME --db PATH``); SUPPRESS keeps one given before it.
    db_too = argparse.ArgumentParser(add_help=False)
    db_too.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="SQLite database file")
    what.add_parser("list", parents=[db_too], help="list users, roles, and whether login is on")
    a = what.add_parser("add", parents=[db_too], help="add a user (asks for the password)")
    a.add_argument("name")
    a.add_argument("--role", default="clerk", help="clerk (default), facilitator, officer or admin")
    a.add_argument("--no-password", action="store_true", help="no password (cannot log in while login is on)")
    pw = what.add_parser("passwd", parents=[db_too], help="set a user's password (asks for it)")
    pw.add_argument("name")
    pw.add_argument(
        "--recover",
        action="store_true",
        help="forgotten admin password: reset without logging in (written to the audit table)",
    )
    r = what.add_parser("role", parents=[db_too], help="change a user's role")
    r.add_argument("name")
    r.add_argument("role", help="clerk, facilitator, officer or admin")
    for name, text in (
        ("deactivate", "stop a user from logging in (never deleted)"),
        ("activate", "let a user log in again"),
    ):
        what.add_parser(name, parents=[db_too], help=text).add_argument("name")
    lg = what.add_parser("login", parents=[db_too], help="switch login at start on or off")
    lg.add_argument("state", choices=["on", "off"])
    p.set_defaults(func=run)


# ---------------------------------------------------------------- secrets and login


def read_secret(prompt: str, env: str, *, twice: bool = False) -> str:
    """A password from ``$env``, a hidden prompt on a terminal, or one line of standard input."""
    from abc_tui.domain.errors import AbcError

    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin.isatty():
        value = getpass.getpass(f"{prompt}: ")
        if twice and getpass.getpass(f"{prompt} (อีกครั้ง / again): ") != value:
            raise AbcError("รหัสผ่านสองครั้งไม่ตรงกัน", "The two passwords differ")
        return value
    line = sys.stdin.readline()
    if not line:
        raise AbcError(f"ไม่ได้ใส่รหัสผ่าน (ใช้ ${env})", f"No password given (use ${env})")
    return line.rstrip("\r\n")


def _acting_name(args: argparse.Namespace) -> str:
    from abc_tui.domain.errors import AbcError

    name = getattr(args, "user", None) or os.environ.get(ENV_USER, "")
    if not name and sys.stdin.isatty():
        print("ชื่อผู้ใช้ / User name: ", end="", file=sys.stderr, flush=True)
        name = sys.stdin.readline().strip()
    if not name:
        raise AbcError(
            f"ต้องเข้าสู่ระบบ: ระบุ --user ชื่อ (หรือ ${ENV_USER})",
            f"Login is on: give --user NAME (or ${ENV_USER})",
        )
    return name


def cli_login(args: argparse.Namespace, action: str):
    """When login is on for the command's database: log in and require ``action``.

    Returns the logged-in :class:`~abc_tui.store.users.UserInfo`, or None when login is off. Reads the file only (nothing changes);
    a wrong password or a role without ``action`` raises AbcError (exit 2)."""
    from abc_tui.store import users
    from abc_tui.store.database import resolve_db_path

    path, _ = resolve_db_path(getattr(args, "db", None))  # a Path, or a PostgreSQL URL (str)
    if not users.file_login_enabled(path):
        return None
    name = _acting_name(args)
    info = users.file_authenticate(path, name, read_secret("รหัสผ่าน / Password", ENV_PASSWORD))
    users.require(info.role, action)
    return info


# ---------------------------------------------------------------- the command


def run(args: argparse.Namespace) -> int:
    from abc_tui.cli import existing_db
    from abc_tui.store import users
    from abc_tui.store.database import open_database

    path = existing_db(args)
    cmd = args.user_command
    # 1. Check what was typed (nothing opened yet).
    name = users.clean_name(args.name) if hasattr(args, "name") else ""
    role = users.parse_role(args.role) if cmd in ("add", "role") else ""
    # 2. Who is acting (read-only).
    if cmd == "list" or (cmd == "passwd" and args.recover):
        acting = None
    else:
        acting = cli_login(args, "users.manage" if cmd != "passwd" else "view")
        if acting is not None and cmd == "passwd" and acting.name != name:
            users.require(acting.role, "users.manage")  # one's own password: any role
    who = (
        (acting.name if acting else "")
        or getattr(args, "user", None)
        or os.environ.get(ENV_USER)
        or users.os_login_name()
    )
    # 3. New password before anything is written.
    password = ""
    if cmd == "passwd" or (cmd == "add" and not args.no_password):
        prompt = f"รหัสผ่านใหม่ของ {name} / New password for {name}"
        password = users.check_password_rules(read_secret(prompt, ENV_NEW_PASSWORD, twice=True))
    # 4. Open (this may upgrade an older file) and change.
    open_database(path)
    if cmd == "list":
        return _list()
    if cmd == "add":
        u = users.add_user(name, role, password, who=who)
        print(f"เพิ่มแล้ว / Added: {u.name} ({u.role})")
    elif cmd == "passwd":
        note = f"reset with --recover by {users.os_login_name() or '?'} (no login)" if args.recover else ""
        users.set_password(name, password, who=who if not args.recover else f"{who} (--recover)", note=note)
        print(f"ตั้งรหัสผ่านแล้ว / Password set: {name}")
    elif cmd == "role":
        u = users.set_role(name, role, who=who)
        print(f"บทบาท / Role: {u.name} -> {u.role}")
    elif cmd in ("deactivate", "activate"):
        u = users.set_active(name, cmd == "activate", who=who)
        print(f"{'ใช้งาน / active' if u.active else 'ระงับ / deactivated'}: {u.name}")
    elif cmd == "login":
        users.set_login(args.state == "on", who=who)
        print(f"การเข้าสู่ระบบ / Login: {'on' if users.login_enabled() else 'off'}")
    return 0


def _list() -> int:
    from abc_tui.store import users

    print(f"การเข้าสู่ระบบ / Login: {'on' if users.login_enabled() else 'off'}")
    for u in users.list_users():
        state = "active" if u.active else "deactivated"
        password = "password" if u.has_password else "no password"
        print(f"{u.name}\t{u.role}\t{state}\t{password}\t{u.last_login_at or '-'}")
    return 0
