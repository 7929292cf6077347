"""Command-line slips found by the QA walk-through, through a real subprocess."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("qa") / "d.sqlite3"
    result = run(
        "demo",
        "--db",
        str(db),
        "--villages",
        "2",
        "--households",
        "6",
        "--months",
        "3",
        "--until",
        "2025-03",
        "--seed",
        "5",
    )
    assert result.returncode == 0, result.stderr
    return db


def test_print_plan_refuses_an_area_that_is_not_there(demo, tmp_path):
    result = run("print", "plan", "--db", str(demo), "--area", "5", cwd=tmp_path)
    assert result.returncode == 2 and "Error:" in result.stderr and "ข้อผิดพลาด" in result.stderr
    assert not (tmp_path / "exports").exists()  # nothing written


def test_print_datacard_defaults_to_the_months_with_data_not_the_coming_ones(demo, tmp_path):
    result = run("print", "datacard", "--db", str(demo), "--area", "54010101", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "exports").iterdir()
    assert path.name == "540101-datacard-54010101-2567-10-2568-03.pdf"  # the last six months with lines
