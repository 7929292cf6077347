"""Putting a finished file in place when Windows (Excel, antivirus) holds the destination."""

from __future__ import annotations

import os

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.store import fileio


def excel_lock(fails: int):
    """A rename that fails like Windows does while Excel has the target open, ``fails`` times."""
    calls = []

    def rename(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) <= fails:
            err = PermissionError(
                13, "The process cannot access the file because it is being used by another process"
            )
            err.winerror = 32
            raise err
        os.replace(src, dst)

    return rename, calls


def test_replaces_the_file(tmp_path):
    dest, tmp = tmp_path / "r.csv", tmp_path / "r.csv.part"
    dest.write_text("old")
    tmp.write_text("new")
    assert fileio.replace_file(tmp, dest) == dest
    assert dest.read_text() == "new" and not tmp.exists()


def test_a_brief_hold_antivirus_is_waited_out(tmp_path):
    dest, tmp = tmp_path / "r.csv", tmp_path / "r.csv.part"
    dest.write_text("old")
    tmp.write_text("new")
    rename, calls = excel_lock(fails=3)
    slept = []
    fileio.replace_file(tmp, dest, rename=rename, sleep=slept.append)
    assert dest.read_text() == "new" and len(calls) == 4 and len(slept) == 3


def test_a_file_open_in_excel_gives_a_thai_and_english_message(tmp_path):
    dest, tmp = tmp_path / "r.csv", tmp_path / "r.csv.part"
    dest.write_text("old")
    tmp.write_text("new")
    rename, calls = excel_lock(fails=1000)
    with pytest.raises(AbcError) as info:
        fileio.replace_file(tmp, dest, rename=rename, sleep=lambda s: None)
    assert "Excel" in info.value.th and "ส่งออกอีกครั้ง" in info.value.th
    assert "Close the file in Excel and export again" in info.value.en
    assert "WinError" not in str(info.value)
    assert len(calls) == fileio.RETRIES + 1
    assert dest.read_text() == "old"  # the open file is untouched
    assert tmp.read_text() == "new"  # the caller's to remove (it may not be a temporary file)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_real_unwritable_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    dest = folder / "r.csv"
    dest.write_text("old")
    tmp = tmp_path / "r.csv.part"
    tmp.write_text("new")
    folder.chmod(0o500)
    try:
        with pytest.raises(AbcError):
            fileio.replace_file(tmp, dest, retries=1, delay=0)
    finally:
        folder.chmod(0o700)


def test_fsync_comes_before_the_rename(tmp_path, monkeypatch):
    order = []
    monkeypatch.setattr(fileio, "fsync_file", lambda p: order.append("fsync"))
    tmp, dest = tmp_path / "a.part", tmp_path / "a"
    tmp.write_text("x")
    fileio.replace_file(tmp, dest, rename=lambda s, d: (order.append("rename"), os.replace(s, d)))
    assert order == ["fsync", "rename"]


def test_can_create_in_tries_a_file(tmp_path):
    assert fileio.can_create_in(tmp_path)
    assert list(tmp_path.iterdir()) == []  # the probe is gone
    assert not fileio.can_create_in(tmp_path / "missing")
    (tmp_path / "file").write_text("x")
    assert not fileio.can_create_in(tmp_path / "file")


def test_demo_over_a_file_another_program_holds_says_so(tmp_path, monkeypatch):
    """Windows refuses to delete an open file ([WinError 32]): a message, not the raw error."""
    from pathlib import Path

    from abc_tui.store.database import close_database
    from abc_tui.store.demo import build_demo

    path = tmp_path / "demo.sqlite3"
    build_demo(path, households=3, months=1)
    close_database()
    real_unlink = Path.unlink

    def locked(self, missing_ok=False):
        if self == path:
            err = PermissionError(
                13, "The process cannot access the file because it is being used by another process"
            )
            err.winerror = 32
            raise err
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", locked)
    with pytest.raises(AbcError) as info:
        build_demo(path, households=3, months=1)
    assert "another program has it open" in info.value.en and "ปิดโปรแกรม" in info.value.th
    assert path.exists()


def test_atomic_write_replaces_whole_or_leaves_the_old_file(tmp_path):
    from abc_tui.store.fileio import atomic_write

    target = tmp_path / "sub" / "report.csv"
    with atomic_write(target) as tmp:
        tmp.write_text("new", "utf-8")
        assert not target.exists()  # nothing visible until the block ends
    assert target.read_text("utf-8") == "new"
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_text("half", "utf-8")
        raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "new"
    assert [p.name for p in target.parent.iterdir()] == ["report.csv"]  # no .part left
    with pytest.raises(AbcError), atomic_write(tmp_path):
        pass  # a folder is refused
