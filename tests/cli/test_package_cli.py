"""``abc-tui export package`` and ``abc-tui import`` through a real subprocess: the round trip,
and bad input (exit 2, a message in Thai and English, the database byte for byte as before)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import ROOT, run


@pytest.fixture(scope="module")
def pkg(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pkgcli")
    db = root / "office.sqlite3"
    assert run("demo", "--db", str(db), "--households", "15", "--months", "2").returncode == 0
    result = run("export", "package", "--db", str(db), "--out", str(root / "office.zip"))
    assert result.returncode == 0, result.stderr
    assert "office.zip" in result.stdout
    return root / "office.zip"


def _fresh(tmp_path: Path) -> Path:
    db = tmp_path / "district.sqlite3"
    assert run("import", str(_empty_package(tmp_path)), "--db", str(db)).returncode == 0
    return db


def _empty_package(tmp_path: Path) -> Path:
    """A valid package with no rows at all (makes a migrated empty database)."""
    out = tmp_path / "empty.zip"
    from abc_tui.store.migrations import LATEST_VERSION
    from abc_tui.store.package import MANIFEST, SPECS, TOMBSTONE

    names = [*SPECS, TOMBSTONE]

    empty = hashlib.sha256(b"").hexdigest()
    manifest = {
        "format": "abc-tui-package",
        "format_version": 1,
        "area": "",
        "schema_version": LATEST_VERSION,
        "exported_at": "",
        "tables": {n: {"file": f"tables/{n}.jsonl", "rows": 0, "sha256": empty} for n in names},
    }
    with zipfile.ZipFile(out, "w") as zf:
        for n in names:
            zf.writestr(f"tables/{n}.jsonl", b"")
        zf.writestr(MANIFEST, json.dumps(manifest))
    return out


def test_export_import_twice_and_check(pkg, tmp_path):
    db = tmp_path / "district.sqlite3"
    first = run("import", str(pkg), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "ledger_line" in first.stdout and "added" in first.stdout
    second = run("import", str(pkg), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "Nothing changed" in second.stdout
    check = run("check", "--db", str(db))
    assert check.returncode == 0, check.stdout + check.stderr


def _entries(pkg: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pkg) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write(dest: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
    return dest


def _with_manifest(pkg, dest, change):
    e = _entries(pkg)
    m = json.loads(e["manifest.json"])
    change(m, e)
    e["manifest.json"] = json.dumps(m).encode()
    return _write(dest, e)


def _truncated(pkg, dest):
    data = pkg.read_bytes()
    dest.write_bytes(data[: len(data) // 2])
    return dest


def _not_zip(pkg, dest):
    dest.write_bytes(b"this is not a package\n" * 50)
    return dest


def _flipped(pkg, dest):
    """One byte changed inside the compressed ledger lines (the zip's CRC or our checksum catches it)."""
    data = bytearray(pkg.read_bytes())
    with zipfile.ZipFile(pkg) as zf:
        info = zf.getinfo("tables/ledger_line.jsonl")
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0x55
    dest.write_bytes(bytes(data))
    return dest


def _missing_table(pkg, dest):
    e = _entries(pkg)
    del e["tables/forum.jsonl"]
    return _write(dest, e)


def _wrong_checksum(pkg, dest):
    return _with_manifest(pkg, dest, lambda m, e: m["tables"]["household"].update(sha256="0" * 64))


def _newer_schema(pkg, dest):
    return _with_manifest(pkg, dest, lambda m, e: m.update(schema_version=m["schema_version"] + 1))


def _too_old_schema(pkg, dest):
    """Schema 7: before packages existed (older ones that can be read are upgraded: test_package_upgrade)."""
    return _with_manifest(pkg, dest, lambda m, e: m.update(schema_version=7))


def _rows_edit(edit):
    def make(pkg, dest):
        def change(m, e):
            rows = [json.loads(x) for x in e["tables/ledger_line.jsonl"].splitlines()]
            data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in edit(rows))
            e["tables/ledger_line.jsonl"] = data
            m["tables"]["ledger_line"].update(rows=data.count(b"\n"), sha256=hashlib.sha256(data).hexdigest())

        return _with_manifest(pkg, dest, change)

    return make


BAD = {
    "truncated": _truncated,
    "not-zip": _not_zip,
    "flipped-byte": _flipped,
    "missing-table": _missing_table,
    "wrong-checksum": _wrong_checksum,
    "newer-schema": _newer_schema,
    "too-old-schema": _too_old_schema,
    "wrong-type": _rows_edit(lambda rows: [rows[0] | {"amount_satang": "ten"}, *rows[1:]]),
    "duplicate-uuid": _rows_edit(lambda rows: rows + [rows[-1] | {"item": "again"}]),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_packages_change_nothing(pkg, tmp_path, kind):
    db = _fresh(tmp_path)
    run("import", str(pkg), "--db", str(db))  # some data already there
    before = db.read_bytes()
    bad = BAD[kind](pkg, tmp_path / f"{kind}.zip")
    result = run("import", str(bad), "--db", str(db))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ข้อผิดพลาด" in result.stderr and "Error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    # and a bad file among good ones: refused before any is imported
    (tmp_path / "two").mkdir()
    fresh = _fresh(tmp_path / "two")
    before = fresh.read_bytes()
    assert run("import", str(pkg), str(bad), "--db", str(fresh)).returncode == 2
    assert fresh.read_bytes() == before


def test_missing_package_file(tmp_path):
    result = run("import", str(tmp_path / "nope.zip"), "--db", str(tmp_path / "x.sqlite3"))
    assert result.returncode == 2 and "nope.zip" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_import_leaves_the_database_as_before(tmp_path):
    big = tmp_path / "big.sqlite3"
    assert run("demo", "--db", str(big), "--households", "200", "--months", "6").returncode == 0
    pkg = tmp_path / "big.zip"
    assert run("export", "package", "--db", str(big), "--out", str(pkg)).returncode == 0
    db = _fresh(tmp_path)
    con = sqlite3.connect(db)
    counts = [
        con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in ("household", "ledger_line", "report_month")
    ]
    con.close()
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "abc_tui", "import", str(pkg), "--db", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(str(db) + "-wal")
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:  # writing has begun: the log grows
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        time.sleep(0.005)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    if not killed:
        pytest.skip("the import finished before it could be killed")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = [
        con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in ("household", "ledger_line", "report_month")
    ]
    con.close()
    assert after == counts
    check = run("check", "--db", str(db))
    assert check.returncode == 0, check.stdout + check.stderr
    # and the import then goes through whole
    assert run("import", str(pkg), "--db", str(db)).returncode == 0


def test_a_package_of_an_older_version_is_upgraded_on_import(tmp_path):
    """tests/data/packages/540101-schema8.zip was written by the first package format (schema 8)."""
    old = Path(__file__).resolve().parent.parent / "data" / "packages" / "540101-schema8.zip"
    db = tmp_path / "district.sqlite3"
    result = run("import", str(old), "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ledger_line" in result.stdout and "rejected" in result.stdout
    check = run("check", "--db", str(db))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Nothing changed" in run("import", str(old), "--db", str(db)).stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_deletions_are_applied_leaves_the_database_as_before(tmp_path):
    """A package whose tombstones delete half the district's lines, killed at several points of its
    import (timed from an import run whole on a copy): the district is as before every time."""
    import shutil

    tambon = tmp_path / "tambon.sqlite3"
    assert run("demo", "--db", str(tambon), "--households", "120", "--months", "6").returncode == 0
    first = tmp_path / "first.zip"
    assert run("export", "package", "--db", str(tambon), "--out", str(first)).returncode == 0
    district = _fresh(tmp_path)
    assert run("import", str(first), "--db", str(district)).returncode == 0
    from abc_tui.store.database import close_database, open_database
    from abc_tui.store.models import LedgerLine

    open_database(tambon, create=False)
    try:  # the tambon deletes its first three months (the summaries follow by their triggers)
        months = sorted({str(d)[:7] for (d,) in LedgerLine.select(LedgerLine.date).tuples()})
        gone = LedgerLine.delete().where(LedgerLine.date < f"{months[3]}-01").execute()
    finally:
        close_database()
    assert gone > 1000
    second = tmp_path / "second.zip"
    assert run("export", "package", "--db", str(tambon), "--out", str(second)).returncode == 0

    def state(db: Path):
        con = sqlite3.connect(db)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            return [
                con.execute(sql).fetchone()
                for sql in (
                    'SELECT COUNT(*), SUM(amount_satang) FROM "ledger_line"',
                    'SELECT COUNT(*), SUM("lines"), SUM("income") FROM "report_month"',
                    'SELECT COUNT(*) FROM "tombstone"',
                )
            ]
        finally:
            con.close()

    before = state(district)
    whole = tmp_path / "whole.sqlite3"
    shutil.copy(district, whole)
    started = time.monotonic()
    assert run("import", str(second), "--db", str(whole)).returncode == 0
    took = time.monotonic() - started
    done = state(whole)
    assert done[0][0] == before[0][0] - gone and done[2][0] >= gone
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    killed = 0
    # Measured: start-up and the checks take the first ~25% of the run, the deletions up to ~75%.
    for i, share in enumerate((0.4, 0.55, 0.7)):
        copy = tmp_path / f"kill{i}.sqlite3"
        shutil.copy(district, copy)
        proc = subprocess.Popen(
            [sys.executable, "-m", "abc_tui", "import", str(second), "--db", str(copy)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            proc.wait(timeout=took * share)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        after = state(copy)
        assert after in (before, done), (share, after)  # all or nothing
        if after == before:
            check = run("check", "--db", str(copy))
            assert check.returncode == 0, check.stdout + check.stderr
    if not killed:
        pytest.skip("every import finished before it could be killed")
    # and the import then goes through whole
    assert run("import", str(second), "--db", str(copy)).returncode == 0
    assert state(copy) == done
