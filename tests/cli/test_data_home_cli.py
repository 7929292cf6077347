"""Commands started from any folder use the same office database, and never make one silently."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import ROOT, run


def test_check_from_any_folder_names_the_same_absolute_file(tmp_path):
    """A Windows shortcut starts in .venv\\Scripts, an elevated prompt in System32: same file."""
    scripts = Path(sys.executable).parent
    outputs = set()
    for folder in (ROOT, tmp_path, scripts):
        result = run("check", cwd=folder)
        outputs.add((result.returncode, result.stdout, result.stderr))
    assert len(outputs) == 1, outputs
    code, out, err = outputs.pop()
    assert str(ROOT / "db" / "abc.sqlite3") in out + err
    assert not (tmp_path / "db").exists()


def test_check_and_export_never_create_a_database(tmp_path):
    home = tmp_path / "home"
    for args in (["check"], ["export", "ledger"], ["backup"]):
        result = run(*args, cwd=tmp_path, env={"ABC_TUI_HOME": str(home)})
        assert result.returncode == 2, result.stdout + result.stderr
        assert str(home / "abc.sqlite3") in result.stderr and "Traceback" not in result.stderr
    assert not home.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_program_without_a_terminal_says_where_and_creates_nothing(tmp_path):
    home = tmp_path / "home"
    result = run(cwd=tmp_path, env={"ABC_TUI_HOME": str(home)})
    assert result.returncode == 2
    assert str(home / "abc.sqlite3") in result.stderr and "Traceback" not in result.stderr
    assert not home.exists()


def test_a_mistyped_db_folder_is_refused_before_any_question(tmp_path):
    result = run("--db", str(tmp_path / "no" / "x.sqlite3"), cwd=tmp_path)
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


def test_abc_tui_cmd_launcher():
    """The double-click launcher: runs from its own folder, with the project's .venv Python."""
    cmd = (ROOT / "abc-tui.cmd").read_bytes()
    assert b"\r\n" in cmd and b"\n" not in cmd.replace(b"\r\n", b"")  # CRLF: cmd.exe reads it line by line
    text = cmd.decode("ascii")  # plain ASCII: no code-page surprises
    assert 'pushd "%~dp0"' in text
    assert r'".venv\Scripts\python.exe" -m abc_tui %*' in text


def test_readme_windows_block_has_one_command_per_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```powershell", 1)[1].split("```", 1)[0]
    lines = [ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert lines, "no Windows block"
    for line in lines:
        assert "&&" not in line and "||" not in line, line  # PowerShell 5.1 has neither
    assert any(r".venv\Scripts\python.exe -m pip install" in ln for ln in lines)
    assert (ROOT / "abc-tui.cmd").name in readme


def test_python_m_from_the_project_folder_is_the_same_as_the_launcher(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("ABC_TUI_DB", "ABC_TUI_HOME")}
    code = "from abc_tui.store.database import resolve_db_path; print(resolve_db_path()[0])"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True
        ).stdout
        for folder in (ROOT, tmp_path)
    }
    assert outs == {f"{ROOT / 'db' / 'abc.sqlite3'}\n"}


def _screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def _unwrapped(screen: str) -> str:
    """The screen's lines joined (a long path is folded at 80 columns)."""
    return "".join(line.strip() for line in screen.splitlines())


def _wait_for(session: str, *needles: str, tries: int = 100) -> str:
    import time

    screen = ""
    for _ in range(tries):
        time.sleep(0.2)
        screen = _screen(session)
        if any(n in screen or n in _unwrapped(screen) for n in needles):  # a long path is folded
            break
    return screen


@pytest.mark.skipif(shutil.which("tmux") is None or os.name == "nt", reason="needs tmux")
@pytest.mark.parametrize("answer, created", [("n", False), ("y", True)])
def test_tmux_a_missing_database_is_asked_about_in_a_real_terminal(tmp_path, answer, created):
    """Started from an empty folder (like a shortcut in .venv\\Scripts): where, then yes or no."""
    home = tmp_path / "home"
    session = f"abc-newdb-{os.getpid()}-{answer}"
    env = {k: v for k, v in os.environ.items() if k not in ("ABC_TUI_DB",)}
    env["ABC_TUI_HOME"] = str(home)
    # The variables go in the command itself: a tmux server already running (another terminal, another
    # test) starts new sessions with its own environment, not the client's.
    cmd = f"env -u ABC_TUI_DB ABC_TUI_HOME={shlex.quote(str(home))} {sys.executable} -m abc_tui; echo EXIT=$?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", cmd],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    try:
        screen = _wait_for(session, "abc.sqlite3", "Traceback")
        assert "ยังไม่มีฐานข้อมูล" in screen and str(home) in _unwrapped(screen) and "Traceback" not in screen
        assert not home.exists()  # asking made nothing
        subprocess.run(["tmux", "send-keys", "-t", session, answer], check=True)
        if created:
            screen = _wait_for(session, "ตั้งค่าพื้นที่", "Traceback")
            assert str(home / "abc.sqlite3") in _unwrapped(screen)  # the set-up screen shows the path
            subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        screen = _wait_for(session, "EXIT=")
        assert ("EXIT=0" if created else "EXIT=2") in screen and "Traceback" not in screen
        assert (home / "abc.sqlite3").exists() is created
        assert not (tmp_path / "db").exists()  # never relative to the current folder
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
