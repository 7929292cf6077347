"""``abc-tui backup`` for a PostgreSQL server database: ``pg_dump`` into a file.

A server database is not a file to copy: its backup is ``pg_dump``'s custom-format archive
(``<dbname>-YYYYMMDD-HHMMSS.dump``, restored with ``pg_restore``), checked after writing by
``pg_restore --list`` (it must list every abc-tui table). Without ``pg_dump`` on the machine
the command says so (in Thai and English) and does nothing. The password travels in the
environment (``PGPASSWORD``), never on a command line another user could read.
"""

from __future__ import annotations

import datetime as _dt
import glob
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from abc_tui.domain.errors import AbcError
from abc_tui.store.engine import redact
from abc_tui.store.models import ALL_MODELS

STAMP = "%Y%m%d-%H%M%S"


@dataclass
class ServerBackup:
    path: Path
    size: int
    seconds: float
    tables: list[str] = field(default_factory=list)


def find_pg_dump() -> str | None:
    """``pg_dump`` on PATH, else the newest of Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("pg_dump")
    if found:
        return found
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), key=lambda p: Path(p).parent.parent.name
    )
    return versions[-1] if versions else None


def _split_password(url: str) -> tuple[str, str | None]:
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    host = parts.netloc.rsplit("@", 1)[-1]
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), unquote(parts.password)


def backup_server(url: str, folder: str | os.PathLike[str], now: _dt.datetime | None = None) -> ServerBackup:
    """Dump the database at ``url`` into ``folder`` (created if missing); the checked result."""
    pg_dump = find_pg_dump()
    if pg_dump is None:
        raise AbcError(
            "สำรองฐานข้อมูลบนเซิร์ฟเวอร์ต้องใช้โปรแกรม pg_dump ซึ่งไม่มีในเครื่องนี้ ติดตั้ง PostgreSQL client "
            "(เช่น apt-get install postgresql-client) หรือให้ผู้ดูแลเซิร์ฟเวอร์สำรองให้ ไม่ได้ทำอะไร",
            "Backing up a server database needs pg_dump, which is not on this machine: install the PostgreSQL "
            "client (e.g. apt-get install postgresql-client) or ask the server's administrator; nothing was done",
        )
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AbcError(
            f"สร้างโฟลเดอร์ {folder} ไม่ได้ ({exc})", f"Cannot create the folder {folder} ({exc})"
        ) from None
    dbname = urlsplit(url).path.strip("/") or "abc"
    now = now or _dt.datetime.now().replace(microsecond=0)
    dest = folder / f"{dbname}-{now.strftime(STAMP)}.dump"
    tmp = dest.with_name(dest.name + ".part")
    plain_url, password = _split_password(url)
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = password
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={plain_url}"],
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            why = (done.stderr or done.stdout).strip().splitlines()
            why_text = why[-1] if why else f"exit {done.returncode}"
            raise AbcError(
                f"สำรองฐานข้อมูล {redact(url)} ไม่สำเร็จ: pg_dump: {why_text}",
                f"Backing up {redact(url)} failed: pg_dump: {why_text}",
            )
        tables = _listed_tables(pg_dump, tmp)
        missing = sorted({m._meta.table_name for m in ALL_MODELS} - set(tables))
        if missing:
            raise AbcError(
                f"ไฟล์สำรองไม่ครบ ไม่มีตาราง {', '.join(missing)}",
                f"The backup is incomplete: it lacks the tables {', '.join(missing)}",
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return ServerBackup(dest, dest.stat().st_size, time.perf_counter() - started, tables)


def _listed_tables(pg_dump: str, archive: Path) -> list[str]:
    """The tables whose data ``pg_restore --list`` finds in the archive (the check of the copy)."""
    pg_restore = str(Path(pg_dump).with_name("pg_restore"))
    if not Path(pg_restore).exists():
        pg_restore = shutil.which("pg_restore") or pg_restore
    done = subprocess.run(
        [pg_restore, "--list", str(archive)], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if done.returncode != 0:
        raise AbcError(
            f"ตรวจไฟล์สำรองไม่ผ่าน: {done.stderr.strip()}",
            f"The backup does not read back: {done.stderr.strip()}",
        )
    out = []
    for line in done.stdout.splitlines():
        parts = line.split()
        if "TABLE" in parts and "DATA" in parts:
            out.append(parts[parts.index("DATA") + 2])
    return out
