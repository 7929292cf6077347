"""Putting a finished file in place, and asking whether a folder can take a new file.

Windows refuses to replace a file another program has open (a report open in Excel:
``PermissionError [WinError 32]``), and antivirus scanners hold a new file for a moment
after it is written. :func:`replace_file` flushes the finished temporary file to disk,
renames it over the destination, retries briefly, and then says in Thai and English
what to do instead of showing a raw ``WinError``.

``os.access(folder, W_OK)`` says yes for almost every folder on Windows (it reads only
the read-only attribute, not the folder's permissions): :func:`can_create_in` tries.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from abc_tui.domain.errors import AbcError

#: Tries of the rename, and seconds between them: about 2 s in all, enough for a virus scan.
RETRIES = 10
RETRY_SECONDS = 0.2

#: What the clerk should do, by default (a report open in Excel is re-exported).
EXPORT_AGAIN = ("กรุณาปิดไฟล์ใน Excel แล้วส่งออกอีกครั้ง", "Close the file in Excel and export again.")


def fsync_file(path: str | os.PathLike[str]) -> None:
    """Flush the file's data to the disk (Windows flushes only a handle opened for writing)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Make a rename in ``path`` durable; Windows cannot open a folder (NTFS logs the rename)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_file(
    tmp: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    again: tuple[str, str] = EXPORT_AGAIN,
    retries: int = RETRIES,
    delay: float = RETRY_SECONDS,
    sync: bool = True,
    rename: Callable[[str, str], None] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> Path:
    """Put the finished file ``tmp`` in place of ``dest`` in one step; return ``dest``.

    ``tmp`` is flushed to disk first (``sync``), so after a power cut ``dest`` is the old file
    or the whole new one. A ``PermissionError`` (the destination open in Excel, an antivirus
    scan) is retried ``retries`` times ``delay`` seconds apart; then an :class:`AbcError` says
    so and what to do: ``again`` (Thai, English). ``tmp`` is left where it was (the caller
    removes its temporary file). ``rename`` and ``sleep`` are for tests.
    """
    tmp, dest = Path(tmp), Path(dest)
    rename, sleep = rename or os.replace, sleep or time.sleep  # looked up now: tests patch os.replace
    if sync:
        fsync_file(tmp)
    for attempt in range(retries + 1):
        try:
            rename(str(tmp), str(dest))
            break
        except PermissionError:
            if attempt == retries:
                raise AbcError(
                    f"เขียนทับไฟล์ {dest} ไม่ได้ เพราะมีโปรแกรมอื่นเปิดไฟล์นี้อยู่ {again[0]}",
                    f"Cannot replace {dest}: another program has it open. {again[1]}",
                ) from None
            sleep(delay)
    if sync:
        try:
            fsync_dir(dest.parent if str(dest.parent) else Path("."))
        except OSError:
            pass  # the file is in place; only the folder entry's flush failed
    return dest


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    *,
    again: tuple[str, str] = EXPORT_AGAIN,
    place: Callable[[Path, Path], object] | None = None,
) -> Iterator[Path]:
    """The one way a finished file is written: yield a temporary path beside ``path``
    (``<name>.part``); when the block ends without an error it is flushed and put in place
    by :func:`replace_file`; the temporary file is removed in any case, so a failure or a
    power cut leaves the old file whole. The caller checks ``path`` first (folder, target);
    ``place`` replaces the putting-in-place step (a caller's own hook, e.g. for kill tests)."""
    path = Path(path)
    if path.is_dir():
        raise AbcError(f"เป็นโฟลเดอร์ ไม่ใช่ไฟล์: {path}", f"Is a folder, not a file: {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        yield tmp
        if place is not None:
            place(tmp, path)
        else:
            replace_file(tmp, path, again=again)
    finally:
        tmp.unlink(missing_ok=True)


def can_create_in(folder: str | os.PathLike[str]) -> bool:
    """Can a new file be made in ``folder``? Tries it (a temporary file, removed at once)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".abc-tui-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(name)
    except OSError:
        pass
    return True
