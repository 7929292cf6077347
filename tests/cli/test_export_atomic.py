"""Exports are all or nothing: a killed ``export all`` leaves the old set whole (issue 8).

A subprocess runs the real ``abc-tui export all`` and is SIGKILLed at a chosen point (after the
k-th file of the new set is written, or between the renames that put the set in place), and once
at whatever moment it has reached when its staging folder appears. After each kill the folder
holds the old set or the new one, never a mix, and the next export leaves no leftovers. An
over-limit workbook is refused before anything is written.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from abc_tui.reports import export
from abc_tui.reports.spec import REPORT_NAMES, SPECS
from tests.cli.test_cli import run

ROOT = Path(__file__).resolve().parents[2]
PERIOD = ["--from", "2024-01", "--to", "2024-03"]
SET = [f"540101-{n}-2567-01-2567-03.csv" for n in REPORT_NAMES] + ["540101-all-2567-01-2567-03.xlsx"]

needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")

#: Runs ``abc-tui`` in the child, killing itself (SIGKILL) at the chosen point.
CHILD = r"""
import os, signal, sys
from pathlib import Path
from abc_tui.reports import export
from abc_tui.cli import main

mode, kill_at = sys.argv[1], int(sys.argv[2])
calls = 0

def count():
    global calls
    calls += 1
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

if mode == "write":  # before the k-th staged file (the COMMIT list is the last) is put in place
    real_finish = export._finish
    def finish(tmp, path):
        count()
        real_finish(tmp, path)
    export._finish = finish
else:  # before the k-th rename of a finished file from the staging folder into the target folder
    real_replace = os.replace
    def replace(src, dst):
        if Path(src).parent.name == "files" and Path(dst).parent.name != "files":
            count()
        real_replace(src, dst)
    os.replace = replace
sys.exit(main(sys.argv[3:]))
"""


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    result = run(
        "demo",
        "--db",
        str(path),
        "--households",
        "20",
        "--villages",
        "2",
        "--months",
        "3",
        "--until",
        "2024-03",
        "--seed",
        "7",
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def office(demo_file, tmp_path) -> Path:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(demo_file, path)
    return path


def export_all(db: Path, cwd: Path, *extra: str) -> None:
    result = run("export", "all", "--db", str(db), *PERIOD, *extra, cwd=cwd)
    assert result.returncode == 0, result.stderr


def killed_export(db: Path, cwd: Path, mode: str, kill_at: int, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    env.update(PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(kill_at), "export", "all", "--db", str(db), *PERIOD, *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


def headers(folder: Path) -> dict[str, str]:
    """Per file of the set: ``"keys"`` or ``"thai"``, from its first header row (``"missing"``)."""
    out = {}
    for name in SET:
        if not (folder / name).exists():
            out[name] = "missing"
        elif name.endswith(".csv"):
            first = (folder / name).read_bytes().decode("utf-8-sig").split("\r\n", 1)[0]
            report = name.split("-", 1)[1].rsplit("-2567-01", 1)[0]
            out[name] = "keys" if first == ",".join(SPECS[report].keys()) else "thai"
        else:
            book = openpyxl.load_workbook(folder / name, read_only=True)
            ws = book[REPORT_NAMES[0]]
            first = next(ws.iter_rows(max_row=1, values_only=True))
            out[name] = "keys" if list(first) == SPECS[REPORT_NAMES[0]].keys() else "thai"
            book.close()
    return out


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".abc-export-") or p.suffix == ".part"
    )


@needs_sigkill
@pytest.mark.parametrize("kill_at", [1, 5, 9, 10, 11])
def test_killed_while_writing_leaves_the_old_set_whole(office, tmp_path, kill_at):
    """Writes: 9 CSVs, the workbook, the COMMIT list; a kill before any of them keeps the old set."""
    exports = tmp_path / "exports"
    export_all(office, tmp_path, "--thai-headers")  # the old set: Thai header rows
    old = {name: (exports / name).read_bytes() for name in SET}
    result = killed_export(office, tmp_path, "write", kill_at)  # the new set: key header rows
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert sorted(p.name for p in exports.iterdir() if not p.name.startswith(".")) == sorted(SET)
    assert {name: (exports / name).read_bytes() for name in SET} == old  # untouched, none replaced
    assert leftovers(exports)  # the killed run's staging folder
    export_all(office, tmp_path)  # the next run cleans up and writes the new set
    assert leftovers(exports) == []
    assert set(headers(exports).values()) == {"keys"}


@needs_sigkill
@pytest.mark.parametrize("kill_at", [1, 4, 10])
def test_killed_between_renames_is_finished_by_the_next_export(office, tmp_path, kill_at):
    """The set is renamed into place file by file; a kill in between is rolled forward next time."""
    exports = tmp_path / "exports"
    export_all(office, tmp_path, "--thai-headers")
    result = killed_export(office, tmp_path, "rename", kill_at)
    assert result.returncode == -signal.SIGKILL, result.stderr
    found = list(headers(exports).values())
    assert found.count("keys") == kill_at - 1 and found.count("thai") == 0  # old ones aside; half done
    # Any next export into the folder (here: another report) first finishes the killed run's set.
    result = run(
        "export", "completeness", "--db", str(office), *PERIOD, "--out", str(exports / "c.csv"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert set(headers(exports).values()) == {"keys"}
    assert leftovers(exports) == []


@needs_sigkill
def test_killed_at_any_moment_leaves_one_whole_set(office, tmp_path):
    """A kill from outside, as soon as the run has started its staging folder: old set or new."""
    exports = tmp_path / "exports"
    export_all(office, tmp_path, "--thai-headers")
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    env.update(PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "abc_tui", "export", "all", "--db", str(office), *PERIOD],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while proc.poll() is None and not leftovers(exports):
        time.sleep(0.001)  # not a timing assumption: any moment the run has reached will do
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kinds = set(headers(exports).values())
    assert kinds in ({"thai"}, {"keys"}) or leftovers(exports)  # a mid-rename kill: finished next run
    export_all(office, tmp_path)
    assert leftovers(exports) == [] and set(headers(exports).values()) == {"keys"}


# ---------------------------------------------------------------- in-process: limits, leftovers, durability


P = None


@pytest.fixture
def books(office):
    from abc_tui.reports.period import resolve_period
    from abc_tui.store.database import close_database, open_database

    global P
    open_database(office)
    P = resolve_period("2024-01", "2024-03")
    yield office
    close_database()


def test_an_over_limit_workbook_is_refused_before_anything_is_written(books, tmp_path, monkeypatch):
    from abc_tui.domain.errors import AbcError

    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 5)
    out = tmp_path / "out"
    with pytest.raises(AbcError) as info:
        export.export_all(P, "540101", out=out / "book.xlsx")
    assert "XLSX" in info.value.en and "XLSX" in info.value.th
    assert not out.exists()  # not one CSV, not even the folder
    with pytest.raises(AbcError):
        export.export_report("ledger", P, "540101", fmt="xlsx", out=out / "l.xlsx")
    assert not out.exists()


def test_leftovers_of_killed_runs_are_cleaned_but_a_live_run_is_left_alone(books, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    dead = folder / ".abc-export-dead.tmp"
    (dead / "files").mkdir(parents=True)
    (dead / "files" / "half.csv").write_text("half")
    committed = folder / ".abc-export-done.tmp"
    (committed / "files").mkdir(parents=True)
    (committed / "files" / "whole.csv").write_text("whole")
    (committed / "COMMIT").write_text("whole.csv\n")
    live = folder / ".abc-export-live.tmp"
    (live / "files").mkdir(parents=True)
    lock = export._lock(live / "lock")  # a run in progress holds its folder's lock
    (folder / "c.csv.part").write_text("old half file")
    (folder / "download.part").write_text("someone else's")  # not ours: kept
    try:
        export.export_report("completeness", P, "540101", out=folder / "c.csv")
        assert sorted(p.name for p in folder.iterdir()) == [
            ".abc-export-live.tmp",
            "c.csv",
            "download.part",
            "whole.csv",
        ]
        assert (folder / "whole.csv").read_text() == "whole"  # rolled forward
    finally:
        lock.close()


def test_every_file_is_fsynced_before_it_is_renamed_into_place(books, tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append(("fsync", fd)), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (events.append(("replace", Path(b).name)), real_replace(a, b))[1]
    )
    export.export_report("village-month", P, "540101", out=tmp_path / "vm.csv")
    assert ("replace", "vm.csv") in events
    last = events.index(("replace", "vm.csv"))
    assert [e for e in events[:last] if e[0] == "fsync"]  # the data, the staging folder, the COMMIT list
    assert events[-1][0] == "fsync"  # the folder, after the rename


def test_a_file_open_in_another_program_stops_the_export_with_nothing_changed(books, tmp_path, monkeypatch):
    """On Windows a CSV open in Excel cannot be replaced: the set is put back as it was."""
    from abc_tui.domain.errors import AbcError

    folder = tmp_path / "out"
    export.export_all(P, "540101", out=folder / "book.xlsx", thai_headers=True)
    old = {p.name: p.read_bytes() for p in folder.iterdir()}
    busy = folder / "540101-forums-2567-01-2567-03.csv"
    real_replace = os.replace

    def replace(src, dst):
        if Path(src) == busy:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(AbcError) as info:
        export.export_all(P, "540101", out=folder / "book.xlsx")
    assert "open in another program" in info.value.en and busy.name in info.value.en
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old  # and no staging folder left
