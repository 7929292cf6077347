"""The database file on disk: is it damaged, is another program using it, where does it live.

These look at the file with a short-lived ``sqlite3`` connection of their own, never
through the app's peewee connection, so they work before the app opens the file
(the start-up check), on a file the app must not upgrade (a backup), and from a
worker thread.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import sqlite3
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: File-system types of network shares in /proc/mounts (Linux).
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gfs2",
        "ocfs2",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.smbnetfs",
    }
)
#: File-system types a USB stick usually carries (for the default folder of "back up to USB").
REMOVABLE_FS = frozenset({"vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "msdos", "udf", "iso9660"})
#: Where desktop Linux mounts removable media.
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/")


def quick_check(path: str | os.PathLike[str], timeout: float = 5.0) -> str | None:
    """What is wrong with the database file at ``path``, or None when it reads fine.

    A missing or empty file is fine (it becomes a new database). Runs ``PRAGMA quick_check``
    (about 0.5 s for a 330 MB file). It changes nothing; like any last connection to close,
    it folds the write-ahead log into the file (a read-only connection would leave empty
    ``-wal``/``-shm`` files behind instead).
    """
    p = Path(path)
    if not p.is_file() or p.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(str(p), timeout=timeout)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.OperationalError as exc:
        # Locked by another program for longer than the timeout is busy, not damaged:
        # opening it normally then waits or says so.
        return None if _is_busy(exc) else str(exc)
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        con.close()
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows[:5])


def in_use_by_others(path: str | os.PathLike[str]) -> bool:
    """Does another connection (this process or another) have the WAL database at ``path`` open?

    Every connection to a WAL database holds a shared lock on it for as long as it is open,
    even when idle. An exclusive transaction in exclusive locking mode, with no busy wait,
    fails exactly when such a lock exists; SQLite takes the same locks on every platform.
    (A file in the old rollback-journal mode is locked only during a transaction, so an idle
    reader of such a file is not seen; abc-tui always opens its files in WAL mode.)
    """
    p = Path(path)
    if not p.is_file() or p.stat().st_size == 0:
        return False
    con = sqlite3.connect(str(p), timeout=0, isolation_level=None)
    try:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return _is_busy(exc)
    except sqlite3.DatabaseError:
        return False  # not a database (or damaged): nobody can be using it as one
    finally:
        con.close()


def _is_busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")  # Python 3.11+
    return name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in str(exc)


def network_share(
    path: str | os.PathLike[str],
    *,
    mounts: str | None = None,
    platform: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """The kind of network share ``path`` lives on (``"nfs4"``, ``"cifs"``, ``"UNC"`` …), or None.

    SQLite's locking is unreliable over network file systems: two PCs writing one file
    there can corrupt it. ``mounts`` (the text of /proc/mounts), ``platform`` and
    ``drive_type`` (Windows' ``GetDriveTypeW`` of a drive root) are for tests.
    """
    platform = platform or sys.platform
    if platform.startswith("win"):
        return _windows_share(str(path), drive_type)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # macOS and others: no mount table to read cheaply
    fstype = _mount_of(os.path.abspath(os.path.realpath(path)), mounts)[1]
    return fstype if fstype in NETWORK_FS else None


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (``\\040``)."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def _mounts(mounts: str) -> list[tuple[str, str]]:
    out = []
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            out.append((_unescape(parts[1]), parts[2]))
    return out


def _mount_of(path: str, mounts: str) -> tuple[str, str]:
    """(mount point, fs type) of the longest mount point containing ``path``; the last mount wins."""
    best = ("", "")
    for point, fstype in _mounts(mounts):
        prefix = point if point.endswith("/") else point + "/"
        if (path == point or path.startswith(prefix)) and len(point) >= len(best[0]):
            best = (point, fstype)
    return best


#: GetDriveTypeW's answer for a mapped network drive.
DRIVE_REMOTE = 4


def _windows_share(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    if path.startswith(("\\\\", "//")):
        return "UNC"
    if sys.platform == "win32":
        path = os.path.abspath(path)
    drive = ntpath.splitdrive(path)[0]
    if not drive:
        return None
    if drive_type is None:
        if sys.platform != "win32":
            return None
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW
    return "network drive" if drive_type(drive + "\\") == DRIVE_REMOTE else None


#: Environment variables Windows sets to the user's OneDrive folders.
SYNCED_ENV = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")


def synced_folder(
    path: str | os.PathLike[str], *, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """``"OneDrive"`` when ``path`` is inside a OneDrive folder, else None.

    A sync client uploads the main file without its ``-wal`` and makes conflict copies when
    two PCs change it: the same split as copying the file in Explorer. ``environ`` and
    ``platform`` are for tests.
    """
    environ = os.environ if environ is None else environ
    windows = (platform or sys.platform).startswith("win")
    pathmod = ntpath if windows else posixpath
    full = str(path)
    if windows == (sys.platform == "win32"):  # (a Windows path tested on Linux is taken as given)
        full = pathmod.abspath(full)
    full = pathmod.normcase(full)
    for var in SYNCED_ENV:
        root = environ.get(var)
        if root:
            root = pathmod.normcase(root.rstrip("\\/"))
            if full == root or full.startswith(root + pathmod.sep):
                return "OneDrive"
    return None


def shared_storage(
    path: str | os.PathLike[str],
    *,
    mounts: str | None = None,
    platform: str | None = None,
    drive_type: Callable[[str], int] | None = None,
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """A network share or a synced folder ``path`` lives on (see the two above), or None.

    There SQLite's write-ahead log is not safe: :func:`abc_tui.store.database.open_database`
    then uses the rollback journal, one PC at a time.
    """
    return network_share(path, mounts=mounts, platform=platform, drive_type=drive_type) or synced_folder(
        path, environ=environ, platform=platform
    )


def removable_folders(*, mounts: str | None = None, platform: str | None = None) -> list[str]:
    """Mounted removable media (USB sticks) that can be written, first plugged in first; cheap."""
    platform = platform or sys.platform
    if platform == "win32":
        return _windows_removable()
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
    return [
        point
        for point, fstype in _mounts(mounts)
        if point.startswith(REMOVABLE_ROOTS) and fstype in REMOVABLE_FS and os.access(point, os.W_OK)
    ]


def _windows_removable() -> list[str]:  # pragma: no cover - Windows only
    import ctypes
    import string

    DRIVE_REMOVABLE = 2
    k32 = ctypes.windll.kernel32
    mask = k32.GetLogicalDrives()
    return [
        f"{letter}:\\"
        for i, letter in enumerate(string.ascii_uppercase)
        if mask >> i & 1 and k32.GetDriveTypeW(f"{letter}:\\") == DRIVE_REMOVABLE
    ]
