"""A throwaway PostgreSQL cluster for the tests (and ``scripts/pg-dev``), as ENGINEERING.md says:
``initdb`` into a temporary folder (as the ``postgres`` user when running as root: the server
refuses to run as root), ``pg_ctl start`` on a free loopback port, ``pg_ctl stop`` at the end.

TCP connections need the password (scram-sha-256), so a wrong password is refused as on a real
server; the local socket (used only to set the password) trusts.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "abc"
PASSWORD = "abc-test"


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on PATH, else Debian's /usr/lib/postgresql/N/bin (newest)."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ClusterError(RuntimeError):
    pass


class Cluster:
    """``start()`` then ``url(dbname)``; ``stop()`` removes everything it made."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.dir: Path | None = None
        self.port = 0
        self.as_postgres = hasattr(os, "geteuid") and os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError) as exc:
            raise ClusterError(f"{' '.join(args[:2])} failed: {exc}") from None
        if check and done.returncode != 0:
            raise ClusterError(f"{' '.join(args[:2])} failed: {(done.stderr or done.stdout).strip()[-800:]}")
        return done

    def start(self) -> Cluster:
        if self.bindir is None:
            raise ClusterError("no PostgreSQL server programs (initdb, pg_ctl) on this machine")
        if self.as_postgres:
            try:
                import pwd

                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise ClusterError(
                    "running as root and there is no 'postgres' user to run the server"
                ) from None
        self.dir = Path(tempfile.mkdtemp(prefix="abc-pg-"))
        if self.as_postgres:
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        data = self.dir / "data"
        pwfile = self.dir / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self.as_postgres:
            os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        try:
            self._run(
                str(self.bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                f"--pwfile={pwfile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
            )
        except ClusterError:
            self.stop()
            raise
        last = ""
        for _ in range(5):  # another process may take the free port between the look and the start
            self.port = free_port()
            opts = (
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off"
            )
            done = self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.dir / "log"),
                "-w",
                "-t",
                "60",
                "-o",
                opts,
                "start",
                check=False,
            )
            if done.returncode == 0:
                return self
            last = (
                (self.dir / "log").read_text(errors="replace")[-800:]
                if (self.dir / "log").exists()
                else done.stderr
            )
        self.stop()
        raise ClusterError(f"pg_ctl start failed: {last.strip()}")

    def url(self, dbname: str = "postgres", password: str | None = PASSWORD) -> str:
        auth = f"{USER}:{password}" if password is not None else USER
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        if self.dir is None:
            return
        data = self.dir / "data"
        if (data / "postmaster.pid").exists() and self.bindir is not None:
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop", check=False
            )
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None
