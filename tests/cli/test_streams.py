"""CLI output to a pipe or file on a non-Thai code page (Windows: cp1252) never dies."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from abc_tui.cli.streams import safe_output
from tests.cli.test_cli import ROOT, run


def run_cp1252(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    env["PYTHONIOENCODING"] = "cp1252"
    return subprocess.run(
        [sys.executable, "-m", "abc_tui", *args],
        capture_output=True,
        text=True,
        encoding="cp1252",
        errors="replace",
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_a_cp1252_pipe_becomes_utf8():
    raw = io.BytesIO()
    pipe = io.TextIOWrapper(raw, encoding="cp1252")  # what Windows gives a redirected stdout
    safe_output([pipe], environ={})
    pipe.write("ปกติ / OK – ✓\n")
    pipe.flush()
    assert raw.getvalue().decode("utf-8") == "ปกติ / OK – ✓\n"


def test_an_explicit_encoding_is_kept_and_escapes_instead_of_failing():
    raw = io.BytesIO()
    pipe = io.TextIOWrapper(raw, encoding="cp1252")
    safe_output([pipe, None], environ={"PYTHONIOENCODING": "cp1252"})
    pipe.write("ปกติ / OK\n")
    pipe.flush()
    assert raw.getvalue() == b"\\u0e1b\\u0e01\\u0e15\\u0e34 / OK\n"


def test_check_to_a_cp1252_pipe_exits_0_not_1(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert run("demo", "--db", str(db), "--households", "3", "--months", "1").returncode == 0
    result = run_cp1252("check", "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout and "Traceback" not in result.stderr
    bad = run_cp1252("check", "--db", str(tmp_path / "none.sqlite3"))
    assert bad.returncode == 2 and "Error:" in bad.stderr and "Traceback" not in bad.stderr
