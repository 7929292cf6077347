"""Opening the office database: path rules, pragmas, migrations, health check.

SQLite runs in WAL mode with ``synchronous=FULL`` so that a committed line
survives a power cut; foreign keys are on; a busy timeout lets a report
read while a clerk writes. Every write elsewhere goes through ``db.atomic()``.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from abc_tui.domain.errors import AbcError
from abc_tui.store import engine
from abc_tui.store.dbfile import shared_storage
from abc_tui.store.fileio import can_create_in
from abc_tui.store.migrations import LATEST_VERSION, MIGRATIONS
from abc_tui.store.migrations_pg import PG_VERSION_TABLE, migration_for
from abc_tui.store.models import ALL_MODELS, db, sqlite_db

DEFAULT_DB = Path("db") / "abc.sqlite3"
ENV_DB = "ABC_TUI_DB"
#: The folder for the default database files (overrides the project's db/ and the user data folder).
ENV_HOME = "ABC_TUI_HOME"

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16000,  # 16 MB page cache: enough for reports, small for 2 GB machines
    "temp_store": "memory",  # the report-summary triggers' temporary b-trees stay off the disk
}
#: A read-only open (``check``, ``export``'s argument check): no journal-mode change, SQL cannot write.
READONLY_PRAGMAS = {"busy_timeout": 5000, "cache_size": -16000, "temp_store": "memory", "query_only": 1}

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Tables every abc-tui file has had since migration 1: a file with a version but without them is foreign.
ABC_TABLES = frozenset({"setting", "area", "household", "ledger_line"})


def resolve_db_path(
    cli_value: str | None = None, environ: Mapping[str, str] | None = None
) -> tuple[Path, bool]:
    """The database path to use and whether it is the default one.

    ``--db`` beats ``$ABC_TUI_DB`` beats ``abc.sqlite3`` in the data home (:func:`data_home`),
    which is an absolute folder: the same file whichever folder the program starts from.
    A PostgreSQL URL (``postgresql://…``, see :mod:`abc_tui.store.engine`) is returned as the
    ``str`` it is, not a ``Path``: callers ask :func:`engine.is_server_url` before file matters.
    """
    environ = os.environ if environ is None else environ
    if cli_value:
        if engine.is_server_url(cli_value):
            return cli_value.strip(), False  # type: ignore[return-value]
        return Path(cli_value).expanduser(), False
    env = environ.get(ENV_DB)
    if env:
        if engine.is_server_url(env):
            return env.strip(), False  # type: ignore[return-value]
        return Path(env).expanduser(), False
    return data_home(environ) / DEFAULT_DB.name, True


def default_demo_path(environ: Mapping[str, str] | None = None) -> Path:
    """The demo office's file, beside the office database in the data home."""
    return data_home(environ) / "demo.sqlite3"


def data_home(
    environ: Mapping[str, str] | None = None,
    *,
    package_dir: Path | None = None,
    prefix: str | None = None,
) -> Path:
    """The absolute folder of the default database files.

    ``$ABC_TUI_HOME`` if set; else the project's own ``db/`` when the program runs from a
    project folder (:func:`project_root`); else the user's data folder
    (``%LOCALAPPDATA%\\abc-tui`` on Windows, ``~/.local/share/abc-tui`` on Linux).
    ``package_dir`` and ``prefix`` (``sys.prefix``) are for tests.
    """
    environ = os.environ if environ is None else environ
    home = environ.get(ENV_HOME)
    if home:
        return Path(home).expanduser().absolute()
    root = project_root(package_dir=package_dir, prefix=prefix)
    if root is not None:
        return root / DEFAULT_DB.parent
    import platformdirs

    return Path(platformdirs.user_data_dir("abc-tui", appauthor=False))


def project_root(*, package_dir: Path | None = None, prefix: str | None = None) -> Path | None:
    """The abc-tui project folder the program runs from, or None for an installation elsewhere.

    Either the package is the project's source (an editable install, or ``python -m abc_tui``
    in the project: ``pyproject.toml`` beside the ``abc_tui`` folder), or it is installed into
    a virtual environment inside the project (``.venv`` beside ``pyproject.toml``, as the
    README and ``abc-tui.cmd`` set it up). A wheel installed anywhere else has no project.
    """
    package_dir = Path(package_dir or Path(__file__).resolve().parent.parent)
    prefix_dir = Path(prefix if prefix is not None else sys.prefix).resolve()
    for folder in (package_dir.parent, prefix_dir.parent):
        if _is_abc_project(folder):
            return folder
    return None


def _is_abc_project(folder: Path) -> bool:
    try:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r'^name\s*=\s*"abc-tui"', text, re.MULTILINE) is not None


def check_path(path: Path, create_parent: bool) -> None:
    """Can the database at ``path`` be opened or made? An :class:`AbcError` says why not."""
    if path.exists() and path.is_dir():
        raise AbcError(
            f"ที่อยู่ฐานข้อมูลเป็นโฟลเดอร์ ไม่ใช่ไฟล์: {path}",
            f"The database path is a folder, not a file: {path}",
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        if create_parent:
            parent.mkdir(parents=True, exist_ok=True)
        else:
            raise AbcError(
                f"ไม่พบโฟลเดอร์ของฐานข้อมูล: {parent}",
                f"The database folder does not exist: {parent}",
            )
    if not parent.is_dir():
        raise AbcError(f"ไม่ใช่โฟลเดอร์: {parent}", f"Not a folder: {parent}")
    if not path.exists() and not can_create_in(parent):  # os.access says yes for any folder on Windows
        raise AbcError(
            f"ไม่มีสิทธิ์สร้างไฟล์ในโฟลเดอร์: {parent}",
            f"No permission to create a file in: {parent}",
        )


@dataclass(frozen=True)
class FileKind:
    """What is at a database path, read without writing a byte (see :func:`inspect_file`).

    ``kind``: ``missing``, ``empty`` (0 bytes, or SQLite with no tables and no version),
    ``abc`` (an abc-tui database of ``version``), ``foreign`` (another program's SQLite file),
    ``not-sqlite``, or ``damaged`` (SQLite whose schema cannot be read; ``detail`` says why).
    """

    kind: str
    version: int = 0
    detail: str = ""

    def problem(self, path: Path) -> AbcError | None:
        """The refusal to open this file as an office database, or None when it may be opened."""
        if self.kind == "foreign":
            return AbcError(
                f"เปิดฐานข้อมูลไม่ได้: {path} เป็นไฟล์ SQLite ของโปรแกรมอื่น ไม่ใช่ฐานข้อมูล abc-tui (ไม่ได้แก้ไขไฟล์)",
                f"Cannot open the database: {path} is another program's SQLite file, not an abc-tui "
                "database (the file was not changed)",
            )
        if self.kind == "not-sqlite":
            return AbcError(
                f"เปิดฐานข้อมูลไม่ได้: {path} ไม่ใช่ฐานข้อมูล abc-tui (ไม่ใช่ไฟล์ SQLite เลย; ไม่ได้แก้ไขไฟล์)",
                f"Cannot open the database: {path} is not an abc-tui database (not an SQLite file at all; "
                "the file was not changed)",
            )
        if self.kind == "damaged":
            return AbcError(
                f"เปิดฐานข้อมูลไม่ได้: {path} ไฟล์เสียหาย ({self.detail})",
                f"Cannot open the database: {path} is damaged ({self.detail})",
            )
        return None


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves the file and its folder exactly as they were.

    ``mode=ro`` alone would create ``-wal``/``-shm`` files beside a WAL database and leave them
    behind, so when neither exists (no one has the file open, nothing waits in a WAL) the file
    is opened ``immutable``: no locks, no side files (a program that starts writing during the
    read is not seen: ``check`` could then report a problem that a second run does not). When
    they exist, ``mode=ro`` reads the WAL too (committed lines not yet checkpointed).
    """
    return sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=False)


def readonly_uri(path: Path) -> str:
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    if not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")):
        uri += "&immutable=1"
    return uri


def inspect_file(path: str | os.PathLike[str]) -> FileKind:
    """Classify the file at ``path`` without changing it (bytes, mtime and side files)."""
    p = Path(path)
    if not p.exists():
        return FileKind("missing")
    if p.is_dir():
        return FileKind("not-sqlite", detail="folder")
    with open(p, "rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if not head:
        return FileKind("empty")
    if head != SQLITE_MAGIC:
        return FileKind("not-sqlite")
    try:
        con = connect_readonly(p)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                r[0]
                for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
                if not r[0].startswith("sqlite_")
            }
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return FileKind("damaged", detail=str(exc))
    if version == 0 and not tables:
        return FileKind("empty")  # e.g. a new file whose set-up was interrupted before migration 1
    if version == 0 or not ABC_TABLES <= tables:
        return FileKind("foreign", version)
    return FileKind("abc", version)


def schema_version(database: peewee.Database = db) -> int:
    """The schema version: ``PRAGMA user_version`` (SQLite), the one row of ``schema_version``
    (PostgreSQL; 0 when the table is not there yet)."""
    if engine.is_postgres(database):
        if PG_VERSION_TABLE not in database.get_tables():
            return 0
        row = database.execute_sql(f'SELECT max("version") FROM "{PG_VERSION_TABLE}"').fetchone()
        return int(row[0] or 0)
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def set_schema_version(database: peewee.Database, version: int) -> None:
    if engine.is_postgres(database):
        database.execute_sql(f'DELETE FROM "{PG_VERSION_TABLE}"')
        database.execute_sql(f'INSERT INTO "{PG_VERSION_TABLE}" ("version") VALUES (%s)', (int(version),))
    else:
        database.execute_sql(f"PRAGMA user_version = {int(version)}")


def migrate(database: peewee.Database = db, target: int = LATEST_VERSION) -> list[int]:
    """Apply every migration above the file's version up to ``target``; return those applied.

    Each migration and its version bump commit together, so a crash mid-way
    leaves the file at the last complete version. On a server, two programs starting at once take
    turns (an advisory lock): the second finds the schema done.
    """
    if engine.is_postgres(database):
        database.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
        try:
            return _migrate(database, target)
        finally:
            database.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))
    return _migrate(database, target)


#: The advisory lock key of migrations on a PostgreSQL server ("abc" + 9).
MIGRATE_LOCK = 0x61626309


def _migrate(database: peewee.Database, target: int) -> list[int]:
    current = schema_version(database)
    if current > LATEST_VERSION:
        raise AbcError(
            f"ฐานข้อมูลนี้สร้างด้วยโปรแกรมรุ่นใหม่กว่า (รุ่นข้อมูล {current}) กรุณาปรับปรุงโปรแกรม",
            f"This database was made by a newer program (schema {current}); please update abc-tui",
        )
    applied = []
    for version, _name, _fn in MIGRATIONS:
        if current < version <= target:
            with database.atomic():
                migration_for(version, engine.kind(database))(database)
                set_schema_version(database, version)
            applied.append(version)
    return applied


def open_database(
    path: str | os.PathLike[str],
    *,
    create_parent: bool = False,
    target: int = LATEST_VERSION,
    upgrade: bool = True,
    create: bool = True,
    readonly: bool = False,
) -> peewee.SqliteDatabase:
    """Open (creating if missing) and migrate the database at ``path``.

    ``upgrade=False`` leaves an existing file at its schema version (``check`` reports it).
    ``create=False`` refuses a missing or empty file instead of setting up a new office there
    (``export``). ``readonly=True`` (``check``) never writes: no set-up, no migration, no side files.

    Raises :class:`AbcError` for a bad path or a file that is not an abc-tui
    database (another program's SQLite file, not SQLite at all: left untouched);
    never a raw sqlite traceback.

    ``path`` may be a PostgreSQL URL (:func:`open_server`): the file options do not apply there.
    """
    if engine.is_server_url(path):
        return open_server(str(path), target=target, upgrade=upgrade, create=create, readonly=readonly)
    p = Path(path)
    if readonly:
        create, upgrade = False, False
    check_path(p, create_parent and not readonly)
    found = inspect_file(p)
    refused = found.problem(p)
    if refused:
        raise refused
    if found.kind in ("missing", "empty") and not create:
        raise AbcError(
            f"ไม่พบฐานข้อมูล abc-tui ที่: {p} (ไฟล์ว่างหรือไม่มีไฟล์)",
            f"No abc-tui database at: {p} (the file is missing or empty)",
        )
    close_database()
    db.initialize(sqlite_db)
    if readonly:
        db.init(readonly_uri(p), pragmas=READONLY_PRAGMAS, check_same_thread=False, uri=True)
    else:
        pragmas = PRAGMAS
        if shared_storage(p):  # the write-ahead log is unsafe there: rollback journal, one PC at a time
            pragmas = {**PRAGMAS, "journal_mode": "delete"}
        db.init(str(p), pragmas=pragmas, check_same_thread=False)
    try:
        db.connect()
        if not readonly and (upgrade or schema_version(db) == 0):
            migrate(db, target)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise AbcError(
            f"เปิดฐานข้อมูลไม่ได้: {p} ({exc})",
            f"Cannot open the database: {p} ({exc})",
        ) from None
    return db


def open_server(
    url: str,
    *,
    target: int = LATEST_VERSION,
    upgrade: bool = True,
    create: bool = True,
    readonly: bool = False,
) -> peewee.PostgresqlDatabase:
    """Connect the app's ``db`` to the PostgreSQL server at ``url`` and migrate it like a file.

    An empty database (no tables) is set up as a new one (unless ``create=False``); a database
    holding other tables but no abc-tui schema is refused untouched. ``readonly`` (``check``)
    runs no migration and sets the session read-only. Every failure is an :class:`AbcError`
    saying what to do, in Thai and English, without the password.
    """
    server = engine.new_server_database(url)
    close_database()
    db.initialize(server)
    where = engine.redact(url)
    try:
        db.connect()
    except (peewee.DatabaseError, peewee.InterfaceError) as exc:
        db.initialize(sqlite_db)
        raise engine.server_error(url, exc) from None
    try:
        version = schema_version(db)
        tables = set(db.get_tables())
        if version == 0 and tables - {PG_VERSION_TABLE}:
            if not ABC_TABLES <= tables:
                raise AbcError(
                    f"เปิดฐานข้อมูลไม่ได้: {where} มีตารางของโปรแกรมอื่น ไม่ใช่ฐานข้อมูล abc-tui (ไม่ได้แก้ไข)",
                    f"Cannot open the database: {where} holds another program's tables, not an abc-tui "
                    "database (nothing was changed)",
                )
        if version == 0 and not create:
            raise AbcError(
                f"ไม่พบฐานข้อมูล abc-tui ที่: {where} (ฐานข้อมูลว่าง)",
                f"No abc-tui database at: {where} (the database is empty)",
            )
        if readonly:
            db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        elif upgrade or version == 0:
            migrate(db, target)
    except AbcError:
        close_database()
        raise
    except peewee.DatabaseError as exc:
        close_database()
        raise AbcError(
            f"เปิดฐานข้อมูลไม่ได้: {where} ({exc})", f"Cannot open the database: {where} ({exc})"
        ) from None
    return server


def close_database() -> None:
    if not db.is_closed():
        db.close()


#: Longest a checkpoint waits for another window's read or write to finish (the UI thread waits).
CHECKPOINT_WAIT_MS = 100


def checkpoint(database: peewee.Database = db, wait_ms: int = CHECKPOINT_WAIT_MS) -> bool:
    """Fold the write-ahead log into the database file and empty it; True when it all went in.

    Saves sit in ``<db>-wal`` until a checkpoint: a copy of the main file alone (Explorer,
    a USB stick) misses them. ``PRAGMA wal_checkpoint(TRUNCATE)`` after a page is closed,
    when idle and on exit keeps the main file whole. Another connection reading or writing
    makes it give up after ``wait_ms`` (False; the next one catches up).
    """
    if database.is_closed() or engine.is_postgres(database):
        return False
    try:
        database.execute_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            busy = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            database.execute_sql(f"PRAGMA busy_timeout = {int(PRAGMAS['busy_timeout'])}")
    except (peewee.DatabaseError, sqlite3.Error):
        return False
    return busy == 0


def wal_bytes(database: peewee.Database = db) -> int:
    """Size of the open database's write-ahead log (0 when empty or absent, or on a server)."""
    if engine.is_postgres(database):
        return 0
    try:
        return os.stat(f"{database.database}-wal").st_size
    except (OSError, TypeError):
        return 0


@dataclass
class CheckResult:
    path: str
    schema_version: int
    latest_version: int
    integrity: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


#: What a damaged file raises while it is read (peewee wraps some, a cursor's fetch raises the raw one).
DB_ERRORS = (peewee.DatabaseError, sqlite3.DatabaseError)


def check_database(path: str | os.PathLike[str] | None = None) -> CheckResult:
    """Schema version, ``PRAGMA integrity_check``, foreign keys and row counts of the open database.

    A damaged file is a problem in the result, never an exception: each step that cannot read
    the file says so and the steps after it are skipped.
    """
    server = engine.is_postgres(db)
    result = CheckResult(engine.redact(str(path or db.database)), 0, LATEST_VERSION, "not checked")
    try:
        result.schema_version = schema_version(db)
        if server:  # the server keeps its own pages whole; reading every table below is the check
            result.integrity = "ok"
        else:
            result.integrity = "; ".join(r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall())
    except DB_ERRORS as exc:
        result.integrity = f"error: {exc}"
        result.problems.append(f"ไฟล์เสียหาย / the file is damaged: integrity_check: {exc}")
        return result
    if result.integrity != "ok":
        result.problems.append(f"ไฟล์เสียหาย / the file is damaged: integrity_check: {result.integrity}")
    if result.schema_version != LATEST_VERSION:
        result.problems.append(f"schema version {result.schema_version}, expected {LATEST_VERSION}")
    try:
        fk = (
            [] if server else db.execute_sql("PRAGMA foreign_key_check").fetchall()
        )  # the server enforces them
        if fk:
            result.problems.append(f"foreign_key_check: {len(fk)} broken references")
        if "plan_item" in db.get_tables():  # a forum's proposals belong to the forum's area
            stray = db.execute_sql(
                "SELECT count(*) FROM plan_item p JOIN forum f ON f.id = p.forum_id WHERE p.area_code <> f.area_code"
            ).fetchone()[0]
            if stray:
                result.problems.append(f"{stray} plan items are not in the area of their forum")
        result.counts = table_counts()
    except DB_ERRORS as exc:
        result.problems.append(f"อ่านตารางไม่ได้ / cannot read the tables: {exc}")
    return result


def table_counts() -> dict[str, int]:
    """Row count of every table the open file has (an old file lacks the newer ones)."""
    present = set(db.get_tables())
    return {m._meta.table_name: m.select().count() for m in ALL_MODELS if m._meta.table_name in present}
