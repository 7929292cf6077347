"""The default database is the same file whichever folder the program starts from."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from abc_tui.store import database
from abc_tui.store.database import data_home, default_demo_path, project_root, resolve_db_path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = '[project]\nname = "abc-tui"\nversion = "0.1.0"\n'


def checkout(folder: Path) -> Path:
    """A project folder as git or a zip gives it: pyproject.toml beside abc_tui/."""
    (folder / "abc_tui").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT)
    return folder


def test_from_the_source_checkout_the_projects_db_folder(tmp_path):
    project = checkout(tmp_path / "abc-tui-main")
    home = data_home({}, package_dir=project / "abc_tui", prefix=str(tmp_path / "elsewhere"))
    assert home == project / "db"


def test_a_wheel_in_the_projects_venv_still_uses_the_projects_db_folder(tmp_path):
    project = checkout(tmp_path / "proj")
    venv = project / ".venv"
    site = venv / "Lib" / "site-packages" / "abc_tui"
    site.mkdir(parents=True)
    assert data_home({}, package_dir=site, prefix=str(venv)) == project / "db"


def test_a_wheel_installed_elsewhere_uses_the_user_data_folder(tmp_path):
    site = tmp_path / "venv" / "lib" / "site-packages" / "abc_tui"
    site.mkdir(parents=True)
    home = data_home({}, package_dir=site, prefix=str(tmp_path / "venv"))
    assert home == Path(platformdirs.user_data_dir("abc-tui", appauthor=False))
    assert home.is_absolute()


def test_another_projects_pyproject_does_not_count(tmp_path):
    (tmp_path / "other" / "abc_tui").mkdir(parents=True)
    (tmp_path / "other" / "pyproject.toml").write_text('[project]\nname = "something-else"\n')
    assert project_root(package_dir=tmp_path / "other" / "abc_tui", prefix=str(tmp_path)) is None


def test_abc_tui_home_overrides(tmp_path):
    assert data_home({"ABC_TUI_HOME": str(tmp_path / "h")}) == tmp_path / "h"
    path, default = resolve_db_path(None, {"ABC_TUI_HOME": str(tmp_path / "h")})
    assert path == tmp_path / "h" / "abc.sqlite3" and default
    assert default_demo_path({"ABC_TUI_HOME": str(tmp_path / "h")}) == tmp_path / "h" / "demo.sqlite3"


def test_db_and_env_still_win(tmp_path):
    env = {"ABC_TUI_DB": str(tmp_path / "e.sqlite3"), "ABC_TUI_HOME": str(tmp_path)}
    assert resolve_db_path("x.sqlite3", env) == (Path("x.sqlite3"), False)
    assert resolve_db_path(None, env) == (tmp_path / "e.sqlite3", False)


def test_the_same_file_from_any_current_folder(tmp_path, monkeypatch):
    """The bug: a shortcut starting in .venv\\Scripts (or System32) made a second, empty office."""
    monkeypatch.chdir(ROOT)
    from_project, _ = resolve_db_path(None, {})
    for folder in (tmp_path, ROOT / "abc_tui" / "store", Path("/")):
        monkeypatch.chdir(folder)
        path, default = resolve_db_path(None, {})
        assert path == from_project and path.is_absolute() and default
    assert from_project == ROOT / "db" / "abc.sqlite3"  # tests run from the source checkout


def test_creating_in_a_folder_is_probed_not_asked_of_os_access(tmp_path, monkeypatch):
    # On Windows os.access(folder, W_OK) is true for nearly any folder: a real try decides.
    monkeypatch.setattr(database, "can_create_in", lambda folder: False)
    import pytest

    from abc_tui.domain.errors import AbcError

    with pytest.raises(AbcError, match="No permission to create"):
        database.open_database(tmp_path / "new.sqlite3")
    assert not (tmp_path / "new.sqlite3").exists()
