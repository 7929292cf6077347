"""Backups of the office database: copy, verify, rotate, find, restore.

A copy is taken with SQLite's online backup API from a connection of its own, in
16 MB steps inside one read transaction: it is a consistent snapshot, and because
the file is in WAL mode the program can keep writing meanwhile (and a closing
program stops the copy between steps). The copy is written to
a temporary name, switched to the rollback journal (one self-contained file, easy to
carry on a USB stick), checked (``PRAGMA integrity_check`` and the row count of every
table equal to the source's in the same snapshot), flushed to disk and only then
renamed to its final name, so a file with a backup's name is always a good backup. A
temporary copy left by a killed backup is removed by the next backup into that folder
once it is an hour old.

Automatic backups go to ``backups/`` beside the database (``db/backups/`` for
``db/abc.sqlite3``) named ``<stem>-YYYYMMDD-HHMMSS.sqlite3`` in local time. Rotation
keeps the newest backup of each of the last 7 days on which one was made and the
newest of each of the last 4 weeks (Monday to Sunday) on which one was made, and
deletes the other automatic ones; copies set aside before a restore
(``-pre-restore-``, ``-damaged-``) and copies made elsewhere are never deleted.

Nothing here goes through the app's peewee connection, so it runs in a worker
thread, and on a file the app must not open (a backup, a damaged database).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from abc_tui.domain.errors import AbcError
from abc_tui.store.database import connect_readonly
from abc_tui.store.dbfile import in_use_by_others
from abc_tui.store.fileio import fsync_dir, fsync_file, replace_file
from abc_tui.store.migrations import LATEST_VERSION

BACKUP_DIR = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
STAMP = "%Y%m%d-%H%M%S"
#: What to do after closing a file another program holds (see fileio.replace_file).
AGAIN = ("ปิดโปรแกรมนั้นแล้วลองอีกครั้ง", "Close that program and try again.")
#: The setting that remembers the last backup made outside ``backups/`` (USB, ``--to``).
LAST_SETTING = "backup.last"
#: Tables every abc-tui database has had since its first schema version.
ABC_TABLES = frozenset({"setting", "area", "household", "ledger_page", "ledger_line"})
#: Temporary copies older than this are leftovers of a killed backup.
STALE_PART_SECONDS = 3600

_NAME = re.compile(r"^(?P<stem>.+?)-(?:(?P<kind>pre-restore|damaged)-)?(?P<stamp>\d{8}-\d{6})\.sqlite3$")


#: Pages copied per step of the online backup; between steps a stop request is honoured.
STEP_PAGES = 4096
#: SQLite VM instructions between stop checks while the copy is verified (about 1 ms).
CHECK_OPS = 100_000


class Stopped(Exception):
    """The backup was asked to stop (the program is closing); nothing was left behind."""


@dataclass
class BackupResult:
    path: Path
    taken_at: _dt.datetime
    size: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class BackupFile:
    path: Path
    taken_at: _dt.datetime
    kind: str  # "" automatic or manual, "pre-restore", "damaged"


@dataclass
class RestoreResult:
    path: Path
    set_aside: list[Path]
    counts: dict[str, int]


def current_path() -> Path:
    """The file the program has open."""
    from abc_tui.store.models import db

    return Path(db.database)


def backup_dir(db_path: str | os.PathLike[str]) -> Path:
    """``backups/`` beside the database file."""
    return Path(db_path).parent / BACKUP_DIR


def backup_name(db_path: str | os.PathLike[str], when: _dt.datetime, kind: str = "") -> str:
    return f"{Path(db_path).stem}-{kind + '-' if kind else ''}{when.strftime(STAMP)}.sqlite3"


# ------------------------------------------------------------------ copying


def _connect(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    return sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)


def _tables(con: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _counts(con: sqlite3.Connection) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(con)}


def _copy_verified(
    source: Path, target: Path, should_stop: Callable[[], bool] | None = None
) -> dict[str, int]:
    """Copy the database ``source`` to ``target`` (written under a temporary name first); the counts.

    Raises :class:`AbcError` when the source cannot be read or the copy does not check out,
    :class:`Stopped` when ``should_stop()`` turns true; no file is left at ``target`` then.
    """

    def progress(_status: int, _remaining: int, _total: int) -> None:
        if should_stop is not None and should_stop():
            raise Stopped

    part = target.with_name(f"{target.name}.part-{os.getpid()}")
    part.unlink(missing_ok=True)
    try:
        src = _connect(source)
        try:
            src.execute("BEGIN")  # one snapshot for the counts and the copy
            counts = _counts(src)
            dst = _connect(part)
            try:
                # In steps, so a closing program need not wait; the open read transaction keeps
                # one snapshot across them, so a concurrent writer does not restart the copy.
                src.backup(dst, pages=STEP_PAGES, progress=progress)
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dst.close()
            src.execute("COMMIT")
        finally:
            src.close()
        problem = verify(part, counts, should_stop)
        if problem:
            raise AbcError(
                f"สำเนาที่ได้ไม่ถูกต้อง ({problem}) ไม่ได้เก็บไว้",
                f"The copy did not check out ({problem}); it was not kept",
            )
        replace_file(part, target, again=AGAIN)  # flushed first; retried while antivirus holds it
    except sqlite3.Error as exc:
        part.unlink(missing_ok=True)
        raise AbcError(
            f"สำรองข้อมูลไม่สำเร็จ: อ่านฐานข้อมูล {source} ไม่ได้ ({exc})",
            f"Backup failed: cannot read the database {source} ({exc})",
        ) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return counts


def verify(
    path: Path, counts: dict[str, int] | None = None, should_stop: Callable[[], bool] | None = None
) -> str | None:
    """What is wrong with the copy at ``path`` (integrity, row counts), or None when it is good."""
    try:
        con = _connect(path)
        try:
            if should_stop is not None:  # polled while integrity_check runs (seconds on a big file)
                con.set_progress_handler(lambda: int(should_stop()), CHECK_OPS)
            try:
                result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
            except sqlite3.OperationalError:
                if should_stop is not None and should_stop():
                    raise Stopped from None
                raise
            if result != ["ok"]:
                return "integrity_check: " + "; ".join(result[:3])
            got = _counts(con)
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    if counts is not None and got != counts:
        diff = sorted(t for t in set(got) | set(counts) if got.get(t) != counts.get(t))
        return "row counts differ: " + ", ".join(diff)
    return None


def make_backup(
    db_path: str | os.PathLike[str],
    dest_dir: str | os.PathLike[str] | None = None,
    *,
    kind: str = "",
    now: _dt.datetime | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> BackupResult:
    """Copy the database at ``db_path`` into ``dest_dir`` (default ``backups/`` beside it), verified.

    Safe while the program has the file open and is writing.
    """
    source = Path(db_path)
    if not source.is_file():
        raise AbcError(f"ไม่พบไฟล์ฐานข้อมูล: {source}", f"No database file at: {source}")
    folder = Path(dest_dir) if dest_dir is not None else backup_dir(source)
    if folder.exists() and not folder.is_dir():
        raise AbcError(f"ไม่ใช่โฟลเดอร์: {folder}", f"Not a folder: {folder}")
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AbcError(
            f"สร้างโฟลเดอร์สำรองข้อมูลไม่ได้: {folder} ({exc.strerror})",
            f"Cannot create the backup folder: {folder} ({exc.strerror})",
        ) from None
    now = now or _dt.datetime.now().replace(microsecond=0)
    target = folder / backup_name(source, now, kind)
    n = 1
    while target.exists():  # two backups in one second (or a clock set back): never overwrite one
        target = folder / backup_name(source, now + _dt.timedelta(seconds=n), kind)
        n += 1
    started = time.perf_counter()
    try:
        counts = _copy_verified(source, target, should_stop)
    except BaseException:
        if created:  # a failed backup leaves nothing behind, not even its (empty) folder
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    _remove_stale_parts(folder)  # a killed backup's leftovers, also on a USB stick (never rotated)
    return BackupResult(target, now, target.stat().st_size, time.perf_counter() - started, counts)


def record_elsewhere(db_path: str | os.PathLike[str], result: BackupResult) -> None:
    """Remember a backup made outside ``backups/`` so the main screen counts it (best effort)."""
    try:
        con = _connect(Path(db_path))
        try:
            con.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                (LAST_SETTING, f"{result.taken_at.isoformat()}|{result.path}"),
            )
        finally:
            con.close()
    except sqlite3.Error:
        pass  # a read-only or busy file: the backup itself is made, only the reminder is missing


# ------------------------------------------------------------------ finding and rotating


def list_backups(folder: str | os.PathLike[str], stem: str | None = None) -> list[BackupFile]:
    """Backups in ``folder`` (of the database named ``stem``), newest first."""
    out = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for p in entries:
        m = _NAME.match(p.name)
        if not m or (stem is not None and m["stem"] != stem) or not p.is_file():
            continue
        try:
            when = _dt.datetime.strptime(m["stamp"], STAMP)
        except ValueError:
            continue
        out.append(BackupFile(p, when, m["kind"] or ""))
    out.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return out


def to_keep(backups: list[BackupFile], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> set[Path]:
    """The automatic backups rotation keeps: the newest of each of the last ``daily`` days and
    of each of the last ``weekly`` ISO weeks that have one. Others (pre-restore …) are always kept."""
    keep: set[Path] = set()
    days: set[_dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    for b in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        if b.kind:
            keep.add(b.path)
            continue
        day, week = b.taken_at.date(), b.taken_at.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(b.path)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(b.path)
    return keep


def rotate(db_path: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Delete the automatic backups :func:`to_keep` does not keep, and stale temporary copies."""
    folder = Path(folder) if folder is not None else backup_dir(db_path)
    backups = list_backups(folder, Path(db_path).stem)
    keep = to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    _remove_stale_parts(folder)
    return removed


def _remove_stale_parts(folder: Path) -> None:
    """Delete temporary copies (and their journals) a killed backup left in ``folder``."""
    cutoff = time.time() - STALE_PART_SECONDS
    for p in folder.glob("*.sqlite3.part-*"):
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass


def auto_backup(
    db_path: str | os.PathLike[str],
    now: _dt.datetime | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> BackupResult:
    """The automatic backup: a verified copy into ``backups/``, then rotation."""
    result = make_backup(db_path, now=now, should_stop=should_stop)
    rotate(db_path)
    return result


def last_backup(db_path: str | os.PathLike[str], recorded: str = "") -> _dt.datetime | None:
    """When the last backup was made: the newest in ``backups/`` or ``recorded``
    (the :data:`LAST_SETTING` value, for one made elsewhere), whichever is newer."""
    times = [b.taken_at for b in list_backups(backup_dir(db_path), Path(db_path).stem) if not b.kind]
    stamp = recorded.partition("|")[0]
    if stamp:
        try:
            times.append(_dt.datetime.fromisoformat(stamp))
        except ValueError:
            pass
    return max(times, default=None)


# ------------------------------------------------------------------ restoring


def inspect_backup(path: str | os.PathLike[str], *, full: bool = True) -> dict[str, int]:
    """Check that ``path`` is a good abc-tui database (``integrity_check``, or ``quick_check``
    when not ``full``; its tables; a schema this program reads); its row counts.

    Raises :class:`AbcError` saying what is wrong. Reads only.
    """
    p = Path(path)
    if not p.is_file():
        raise AbcError(f"ไม่พบไฟล์: {p}", f"No such file: {p}")
    try:
        con = connect_readonly(p)  # leaves no -wal/-shm behind
        try:
            check = "integrity_check" if full else "quick_check"
            result = [r[0] for r in con.execute(f"PRAGMA {check}").fetchall()]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            counts = _counts(con)
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise AbcError(
            f"ไฟล์นี้ไม่ใช่ฐานข้อมูลที่อ่านได้: {p} ({exc})", f"Not a readable database: {p} ({exc})"
        ) from None
    if result != ["ok"]:
        raise AbcError(
            f"ไฟล์สำรองเสียหาย: {p} ({'; '.join(result[:3])})",
            f"The backup is damaged: {p} ({'; '.join(result[:3])})",
        )
    if not ABC_TABLES <= set(counts) or version < 1:
        raise AbcError(f"ไฟล์นี้ไม่ใช่ฐานข้อมูลของโปรแกรม ABC: {p}", f"This is not an abc-tui database: {p}")
    if version > LATEST_VERSION:
        raise AbcError(
            f"ไฟล์สำรองนี้มาจากโปรแกรมรุ่นใหม่กว่า (รุ่นข้อมูล {version}) กรุณาปรับปรุงโปรแกรม",
            f"This backup is from a newer program (schema {version}); please update abc-tui",
        )
    return counts


def newest_good_backup(db_path: str | os.PathLike[str]) -> tuple[BackupFile, dict[str, int]] | None:
    """The newest backup in ``backups/`` that passes :func:`inspect_backup`, with its counts."""
    for b in list_backups(backup_dir(db_path), Path(db_path).stem):
        if b.kind == "damaged":
            continue
        try:
            return b, inspect_backup(b.path)
        except AbcError:
            continue
    return None


def refuse_if_in_use(db_path: str | os.PathLike[str], what_th: str, what_en: str) -> None:
    if in_use_by_others(db_path):
        raise AbcError(
            f"{what_th}ไม่ได้: มีโปรแกรมอื่นเปิดไฟล์ {db_path} อยู่ กรุณาปิดโปรแกรม abc-tui ทุกหน้าต่าง"
            " (และทุกเครื่องที่ใช้ไฟล์นี้) แล้วลองใหม่",
            f"Cannot {what_en}: another program has {db_path} open. Close every abc-tui window"
            " (on every PC that uses this file) and try again",
        )


def _set_aside(db_path: Path, now: _dt.datetime) -> list[Path]:
    """Keep the current file in ``backups/`` before it is replaced: a verified copy, or, when it
    cannot be copied that way (damaged), the raw file and its write-ahead log."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return []
    try:
        return [make_backup(db_path, kind="pre-restore", now=now).path]
    except AbcError:
        pass
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(db_path, now, "damaged")
    kept = []
    for suffix in ("", "-wal"):
        src = Path(str(db_path) + suffix)
        if src.is_file():
            dst = Path(str(target) + suffix)
            shutil.copyfile(src, dst)
            fsync_file(dst)
            kept.append(dst)
    fsync_dir(folder)
    return kept


def restore(
    backup_file: str | os.PathLike[str], db_path: str | os.PathLike[str], *, now: _dt.datetime | None = None
) -> RestoreResult:
    """Put the backup ``backup_file`` in place of the database at ``db_path``.

    Refuses a bad backup or a database another program has open. The current file is
    first kept in ``backups/`` (``-pre-restore-`` or, if damaged, ``-damaged-``); the backup
    is copied next to the database under a temporary name and verified, the old ``-wal``
    and ``-shm`` files (which belong to the old file) are removed, and the copy is renamed
    over the database in one step.
    """
    source, target = Path(backup_file), Path(db_path)
    if source.resolve() == target.resolve():
        raise AbcError("ไฟล์สำรองกับฐานข้อมูลเป็นไฟล์เดียวกัน", "The backup and the database are the same file")
    counts = inspect_backup(source)
    refuse_if_in_use(target, "กู้คืน", "restore")
    if not target.parent.is_dir():
        raise AbcError(
            f"ไม่พบโฟลเดอร์ของฐานข้อมูล: {target.parent}", f"The database folder does not exist: {target.parent}"
        )
    now = now or _dt.datetime.now().replace(microsecond=0)
    aside = _set_aside(target, now)
    staged = target.with_name(target.name + ".restore")
    _copy_verified(source, staged)
    con = _connect(staged)
    try:  # back to WAL like the program's files, so an idle second window is seen as "in use"
        con.execute("PRAGMA journal_mode = WAL")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):  # a stale log applied to the restored file would corrupt it
        Path(str(target) + suffix).unlink(missing_ok=True)
    try:
        replace_file(staged, target, again=AGAIN)
    except AbcError:
        staged.unlink(missing_ok=True)
        raise
    return RestoreResult(target, aside, counts)
