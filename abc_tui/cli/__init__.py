"""The ``abc-tui`` command line.

``abc-tui [--db PATH]`` opens the TUI; sub-commands live in one module each
under this package and register themselves through ``add_parser(subparsers)``.
A user error (:class:`AbcError`) prints in Thai and English and exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

import peewee

from abc_tui import __version__
from abc_tui.domain.errors import AbcError

#: Sub-command modules under ``abc_tui.cli``; each has ``add_parser(subparsers, common)``.
COMMANDS = ["demo", "check", "export", "period"]
DEMO_DB = "db/demo.sqlite3"


def common_parser() -> argparse.ArgumentParser:
    """Options every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite database file (default: $ABC_TUI_DB or db/abc.sqlite3 under the current folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_parser()
    parser = argparse.ArgumentParser(
        prog="abc-tui",
        parents=[common],
        description="abc-tui: household accounts, learning forums and reports for the ABC programme. "
        "Without a command, opens the program.",
    )
    parser.add_argument("--lang", choices=["th", "en"], help="user-interface language (default th)")
    parser.add_argument("--user", metavar="NAME", help="who is typing (recorded with every entry and edit)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"open the demo office ({DEMO_DB}, or --db), building it first if it does not exist",
    )
    parser.add_argument("--version", action="version", version=f"abc-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"abc_tui.cli.{name}").add_parser(sub, common)
    return parser


def print_error(err: AbcError) -> None:
    print(f"ข้อผิดพลาด: {err.th}", file=sys.stderr)
    print(f"Error: {err.en}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_tui(args)
        return int(args.func(args) or 0)
    except AbcError as err:
        print_error(err)
        return 2
    except (OSError, peewee.DatabaseError) as err:
        # A file that cannot be written, a locked or damaged database: say so, no traceback.
        print_error(
            AbcError(f"ทำไม่สำเร็จ: {err}", f"Could not complete: {err}")
        )
        return 2
    except KeyboardInterrupt:
        print("ยกเลิก / Cancelled", file=sys.stderr)
        return 130


def run_tui(args: argparse.Namespace) -> int:
    from abc_tui.store.database import open_database, resolve_db_path

    if args.demo:
        from pathlib import Path

        from abc_tui.store.demo import build_demo

        path, is_default = Path(args.db or DEMO_DB), args.db is None
        if not path.exists():
            print("กำลังสร้างข้อมูลตัวอย่าง… / Building the demo office…", file=sys.stderr)
            build_demo(path, create_parent=is_default)
    else:
        path, is_default = resolve_db_path(args.db)
    open_database(path, create_parent=is_default)
    from abc_tui.store.users import register_user
    from abc_tui.ui.app import create_app

    user = register_user(args.user) if args.user else ""
    create_app(lang=args.lang, user=user).run()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
