"""The ``abc-tui`` command line.

``abc-tui [--db PATH]`` opens the TUI; sub-commands live in one module each
under this package and register themselves through ``add_parser(subparsers)``.
A user error (:class:`AbcError`) prints in Thai and English and exits 2, and so does a
usage error (unknown command or option, missing or bad value: :class:`BilingualParser`).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence

import peewee

from abc_tui import __version__
from abc_tui.domain.errors import AbcError

#: Sub-command modules under ``abc_tui.cli``; each has ``add_parser(subparsers, common)``.
COMMANDS = ["demo", "check", "export", "backup", "restore", "user", "paper", "period", "import_"]
#: Commands that change or export data -> the permission they need while login is on
#: (``abc_tui.store.users.can``); the login is checked read-only before the command runs.
LOGIN_REQUIRED = {
    "export": "export",
    "import": "import",
    "backup": "backup",
    "restore": "restore",
    "period": "period.close",
    "demo": "restore",  # demo --force over an office's file replaces it: admins only
}


#: argparse's English usage errors (Python 3.10-3.13 wording) -> the Thai; ``{…}`` are the regex groups.
USAGE_ERRORS_TH = [
    (
        r"argument COMMAND: invalid choice: '?(?P<value>[^' ]*)'? \(choose from (?P<choices>.*)\)",
        "ไม่รู้จักคำสั่ง {value} (คำสั่งที่มี: {choices})",
    ),
    (
        r"argument (?P<arg>.+?): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.*)\)",
        "{arg} ไม่มีค่า {value} (เลือกจาก: {choices})",
    ),
    (r"argument (?P<arg>.+?): invalid int value: (?P<value>.*)", "{arg} ต้องเป็นจำนวนเต็ม: {value}"),
    (r"argument (?P<arg>.+?): invalid (?P<type>\w+) value: (?P<value>.*)", "ค่าของ {arg} ไม่ถูกต้อง: {value}"),
    (r"argument (?P<arg>.+?): expected one argument", "{arg} ต้องตามด้วยค่าหนึ่งค่า"),
    (r"argument (?P<arg>.+?): expected .*argument", "{arg} ต้องตามด้วยค่า"),
    (r"argument (?P<arg>.+?): not allowed with argument (?P<other>.*)", "ใช้ {arg} ร่วมกับ {other} ไม่ได้"),
    (r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.*)", "{arg} ไม่รับค่า {value}"),
    (r"the following arguments are required: (?P<args>.*)", "ขาดสิ่งที่ต้องระบุ: {args}"),
    (r"one of the arguments (?P<args>.*) is required", "ต้องระบุอย่างใดอย่างหนึ่ง: {args}"),
    (r"unrecognized arguments: (?P<args>.*)", "ไม่รู้จักตัวเลือกหรือค่านี้: {args}"),
]


def usage_error_th(message: str) -> str:
    """The Thai for one of argparse's usage errors (its English kept for anything unknown)."""
    for pattern, thai in USAGE_ERRORS_TH:
        m = re.fullmatch(pattern, message.strip(), flags=re.DOTALL)
        if m:
            return thai.format(**m.groupdict())
    return f"คำสั่งไม่ถูกต้อง: {message}"


class BilingualParser(argparse.ArgumentParser):
    """argparse whose usage errors say what is wrong in Thai and English, then exit 2 (nothing done).

    Options must be spelt out: an abbreviation (``--f`` for ``--force``, ``--dem`` for ``--demo``)
    is an error, not a guess.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        print_error(AbcError(usage_error_th(message), message))
        print(f"ดูวิธีใช้ / Help: {self.prog} --help", file=sys.stderr)
        self.exit(2)


def common_parser() -> argparse.ArgumentParser:
    """Options every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite database file (default: $ABC_TUI_DB, else abc.sqlite3 in the data home: the "
        "project's db/ folder, or the user data folder when installed elsewhere; $ABC_TUI_HOME sets it), "
        'or a PostgreSQL server: postgresql://user:pass@host:port/dbname (pip install -e ".[postgres]")',
    )
    return common


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The command line; ``commands=False``: the top-level options only (opening the program
    needs none of the sub-command modules, which import the reports and more)."""
    common = common_parser()
    parser = (BilingualParser if commands else _ProgramOnlyParser)(
        prog="abc-tui",
        parents=[common],
        description="abc-tui: household accounts, learning forums and reports for the ABC programme. "
        "Without a command, opens the program.",
    )
    parser.add_argument("--lang", choices=["th", "en"], help="user-interface language (default th)")
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="who is typing (recorded with every entry and edit); while login is on: the user name "
        "to log in with (the program and commands such as export ask for the password, or $ABC_TUI_PASSWORD)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo office (demo.sqlite3 in the data home, or --db), building it first if it does not exist",
    )
    parser.add_argument("--version", action="version", version=f"abc-tui {__version__}")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"abc_tui.cli.{name}").add_parser(sub, common)
    return parser


class _NotJustTheProgram(Exception):
    pass


class _ProgramOnlyParser(argparse.ArgumentParser):
    """The top-level options alone: anything else (a command, a usage error) is for the full parser."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["allow_abbrev"] = False  # --dem is an error (the full parser says so), not --demo
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        raise _NotJustTheProgram(message)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line. Without a command (the program opens) only the top-level options are
    parsed; a command, ``--help`` or a usage error goes to the full parser."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not any(a in ("-h", "--help") for a in args_list):
        try:
            return build_parser(commands=False).parse_args(args_list)
        except _NotJustTheProgram:
            pass
    return build_parser().parse_args(args_list)


def print_error(err: AbcError) -> None:
    print(f"ข้อผิดพลาด: {err.th}", file=sys.stderr)
    print(f"Error: {err.en}", file=sys.stderr)


def existing_db(args: argparse.Namespace):
    """The database path ``--db`` names (resolved); an :class:`AbcError` when no file is there.

    Commands that read or change an office's data check this before anything is opened."""
    from pathlib import Path

    from abc_tui.store.database import resolve_db_path
    from abc_tui.store.engine import is_server_url

    path, _ = resolve_db_path(args.db)
    if is_server_url(path):
        return path  # a PostgreSQL URL: opening it says whether it is there
    if not Path(path).exists():
        raise AbcError(f"ไม่พบไฟล์ฐานข้อมูล: {path}", f"No database file at: {path}")
    return path


def warn_if_network_share(path) -> None:
    """SQLite's locks are unreliable on a network share, and a sync client copies the file without
    its log: say so (on stderr) before using a file there. The program then uses the rollback
    journal instead of the write-ahead log (see open_database): one PC at a time."""
    from abc_tui.store.dbfile import shared_storage
    from abc_tui.store.engine import is_server_url

    if is_server_url(path):
        return
    kind = shared_storage(path)
    if kind:
        print(
            f"คำเตือน: ไฟล์ {path} อยู่บนเครือข่ายหรือโฟลเดอร์ซิงค์ ({kind}) ใช้ได้ทีละเครื่องเท่านั้น"
            " ถ้าหลายเครื่องเขียนพร้อมกันหรือเครือข่ายหลุด ข้อมูลอาจเสีย ควรเก็บไฟล์ไว้บนเครื่องนี้",
            file=sys.stderr,
        )
        print(
            f"Warning: {path} is on a network share or synced folder ({kind}): use it from one PC at a"
            " time; writing it from several PCs or losing the network can corrupt it. Keep the file on"
            " this PC's own disk.",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> int:
    from abc_tui.cli.streams import safe_output

    safe_output()  # a cp1252 pipe on Windows must not kill the output after the work is done
    args = parse_args(argv)
    try:
        if args.command is None:
            return run_tui(args)
        if args.command in LOGIN_REQUIRED:
            from abc_tui.cli.user import cli_login

            args.login = cli_login(args, LOGIN_REQUIRED[args.command])  # None: login is off
        return int(args.func(args) or 0)
    except AbcError as err:
        print_error(err)
        return 2
    except (OSError, peewee.DatabaseError) as err:
        # A file that cannot be written, a locked or damaged database: say so, no traceback.
        print_error(AbcError(f"ทำไม่สำเร็จ: {err}", f"Could not complete: {err}"))
        return 2
    except KeyboardInterrupt:
        print("ยกเลิก / Cancelled", file=sys.stderr)
        return 130
    finally:
        from abc_tui.store.database import close_database

        close_database()  # the last connection out removes the -wal/-shm it made


def demo_path(cli_value: str | None):
    """(path, is_default) of the demo office: ``--db``, else ``demo.sqlite3`` in the data home."""
    from pathlib import Path

    from abc_tui.store.database import default_demo_path
    from abc_tui.store.engine import is_server_url

    if is_server_url(cli_value):
        return cli_value.strip(), False
    return (Path(cli_value), False) if cli_value else (default_demo_path(), True)


def run_tui(args: argparse.Namespace) -> int:
    import gc

    # Start-up makes a few hundred thousand objects (Textual, the screens) and next to no garbage:
    # the cyclic collector's passes over them were ~35 ms CPU before the first screen (bench
    # "start-up"). Off until the first screen is drawn (AbcApp.on_ready turns it back on).
    gc.disable()
    from abc_tui.store.database import checkpoint, close_database
    from abc_tui.ui.console import setup_console

    console = setup_console()  # classic Windows console: QuickEdit off, ASCII marks
    try:
        return _run_tui(args)
    finally:
        gc.enable()
        checkpoint()  # every save in the main file: a copy made now is complete
        close_database()
        console.restore()


def _run_tui(args: argparse.Namespace) -> int:
    from abc_tui.store.database import close_database, open_database, resolve_db_path
    from abc_tui.store.engine import is_server_url

    if args.demo:
        from abc_tui.store.demo import build_demo

        path, is_default = demo_path(args.db)
        if is_server_url(path):
            raise AbcError(
                "--demo เปิดไฟล์ตัวอย่างบนเครื่องนี้ สร้างข้อมูลตัวอย่างบนเซิร์ฟเวอร์ด้วย abc-tui demo --db URL",
                "--demo opens a demo file on this PC; build a demo on a server with: abc-tui demo --db URL",
            )
        if not path.exists():
            print(f"กำลังสร้างข้อมูลตัวอย่าง… / Building the demo office… {path.absolute()}", file=sys.stderr)
            build_demo(path, create_parent=is_default)
    else:
        path, is_default = resolve_db_path(args.db)
    if is_server_url(path):  # a server: no file to check, create or recover; opening says what is wrong
        open_database(path)
        _start_app(args)
        return 0
    # (--user records the name in the file before the program starts: the file is checked first.)
    later = not args.user and _check_after_start(path)
    if not later and not _startup_check(path, args.lang):
        return 2
    if not path.exists() and not _ask_create(path, is_default, args.lang):
        return 2
    try:
        open_database(path, create_parent=is_default)
        if later:
            from abc_tui.ui.app import first_screen_reads

            first_screen_reads()  # a page the first screen needs is damaged: checked before it
    except (AbcError, peewee.DatabaseError):
        if not later:
            raise
        # Opening found what the whole-file check would have: check now, recovery screen if damaged.
        close_database()
        if not _startup_check(path, args.lang):
            return 2
        open_database(path, create_parent=is_default)
        later = False
    problem = _start_app(args, check_path=path if later else None)
    if problem is None:
        return 0
    # The check after the first screen found the file damaged (nothing was written to it meanwhile).
    close_database()
    if not _startup_check(path, args.lang, problem=problem):
        return 2
    return _run_tui(args)  # restored from a backup, or a new start: open it as usual


def _collector_on() -> None:
    """The cyclic garbage collector back on (a screen other than the program's: see run_tui)."""
    import gc

    gc.enable()


def _check_after_start(path) -> bool:
    """May the whole-file check (``PRAGMA quick_check``: every page read, a second or more for a
    tambon's file) run after the first screen is drawn? Yes for an abc-tui file at the current
    schema: opening it writes nothing, and the program holds keys and screens until the check has
    passed (:attr:`abc_tui.ui.app.AbcApp.check_path`). A missing, foreign, damaged-looking or
    older file (a migration would write to it) is checked first, as before."""
    from abc_tui.store.database import inspect_file
    from abc_tui.store.migrations import LATEST_VERSION

    found = inspect_file(path)
    return found.kind == "abc" and found.version == LATEST_VERSION


def _start_app(args: argparse.Namespace, check_path=None) -> str | None:
    """Run the program; what the start-up check of ``check_path`` found wrong, or None."""
    from abc_tui.store.users import login_enabled, register_user
    from abc_tui.ui.app import create_app

    # While login is on, --user only fills in the login screen's name; no account is made from it.
    user = (args.user or "") if login_enabled() else (register_user(args.user) if args.user else "")
    app = create_app(lang=args.lang, user=user, check_path=check_path)
    app.run()
    return app.startup_problem


def _ask_create(path, is_default: bool, lang: str | None) -> bool:
    """A missing database is never made silently: say where, and ask (yes/no) in the TUI.
    (With backups beside it, the recovery screen has asked already: F2 starts a new one.)"""
    from abc_tui.store.backup import backup_dir, list_backups
    from abc_tui.store.database import check_path

    where = path.absolute()
    if list_backups(backup_dir(path), path.stem):
        return True
    if not is_default:  # a typing slip in --db: say so before asking
        check_path(path, create_parent=False)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise AbcError(
            f"ไม่พบฐานข้อมูล: {where} เปิด abc-tui ในหน้าต่างคำสั่งเพื่อสร้างใหม่",
            f"No database at: {where}; start abc-tui in a terminal window to create one",
        )
    from abc_tui.ui.screens.newdb import ask_create

    _collector_on()

    if ask_create(where, lang):
        print(f"สร้างฐานข้อมูลใหม่ / New database: {where}", file=sys.stderr)
        return True
    print(
        f"ไม่ได้สร้างฐานข้อมูล ไม่มีอะไรเปลี่ยน / No database created; nothing was changed ({where})", file=sys.stderr
    )
    return False


def _startup_check(path, lang: str | None, problem: str | None = None) -> bool:
    """A damaged or non-SQLite file, or a missing one with backups beside it, opens the recovery
    screen (restore the newest good backup, or quit) instead of a traceback or an empty start.
    ``problem``: what the check after the first screen found (the file is not checked again)."""
    from abc_tui.store.backup import backup_dir, list_backups
    from abc_tui.store.dbfile import quick_check

    if problem is None:
        problem = quick_check(path)
    missing = not path.exists() and bool(list_backups(backup_dir(path), path.stem))
    if problem is None and not missing:
        return True
    from abc_tui.ui.screens.recovery import run_recovery

    _collector_on()

    if run_recovery(path, problem, lang=lang):
        return True
    print("ไม่ได้เปิดโปรแกรม ไม่มีอะไรเปลี่ยน / Not opened; nothing was changed", file=sys.stderr)
    return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
