"""Network shares and synced folders, from injected platform facts; the rollback-journal fallback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from abc_tui.store import dbfile
from tests.cli.test_cli import ROOT

REMOTE, FIXED = 4, 3  # GetDriveTypeW answers
ONEDRIVE = {
    "OneDrive": r"C:\Users\somchai\OneDrive",
    "OneDriveCommercial": r"C:\Users\somchai\OneDrive - อบต.ในเวียง",
}


@pytest.mark.parametrize(
    "path, drive, kind",
    [
        (r"Z:\abc\abc.sqlite3", REMOTE, "network drive"),  # a mapped network drive
        (r"C:\abc-tui\db\abc.sqlite3", FIXED, None),
        (r"\\nas\office\abc.sqlite3", FIXED, "UNC"),
        (r"\\?\UNC\nas\office\abc.sqlite3", FIXED, "UNC"),
        ("db/abc.sqlite3", REMOTE, None),  # (no drive letter given: nothing to ask)
    ],
)
def test_windows_network_drive_from_injected_drive_type(path, drive, kind):
    asked = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return drive

    assert dbfile.network_share(path, platform="win32", drive_type=drive_type) == kind
    if kind == "network drive":
        assert asked == ["Z:\\"]


@pytest.mark.parametrize(
    "path, kind",
    [
        (r"C:\Users\somchai\OneDrive\Documents\abc-tui\db\abc.sqlite3", "OneDrive"),
        (r"c:\users\SOMCHAI\onedrive\abc.sqlite3", "OneDrive"),  # Windows paths ignore case
        (r"C:\Users\somchai\OneDrive - อบต.ในเวียง\abc.sqlite3", "OneDrive"),
        (r"C:\Users\somchai\OneDriveOld\abc.sqlite3", None),  # a longer name is not inside
        (r"C:\abc-tui\db\abc.sqlite3", None),
    ],
)
def test_onedrive_from_injected_environment(path, kind):
    assert dbfile.synced_folder(path, environ=ONEDRIVE, platform="win32") == kind
    assert dbfile.shared_storage(path, environ=ONEDRIVE, platform="win32", drive_type=lambda r: FIXED) == kind


def test_no_onedrive_variable_no_synced_folder():
    assert (
        dbfile.synced_folder(r"C:\Users\somchai\OneDrive\abc.sqlite3", environ={}, platform="win32") is None
    )


def test_a_database_in_a_synced_folder_uses_the_rollback_journal_and_warns(tmp_path):
    """Fallback chosen over refusing: offices whose Documents sit in OneDrive can still work, one PC at a time."""
    synced = tmp_path / "OneDrive"
    synced.mkdir()
    db = synced / "office.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    env.update(OneDrive=str(synced), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "abc_tui", "demo", "--db", str(db), "--households", "3", "--months", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "one PC at a time" in result.stderr and "ทีละเครื่อง" in result.stderr
    code = "import sys; from abc_tui.store.database import open_database; open_database(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, str(db)], cwd=ROOT, env=env, check=True)
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()
    assert not os.path.exists(f"{db}-wal")
