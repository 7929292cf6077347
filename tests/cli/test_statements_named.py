"""``abc-tui export statements`` follows the export rule: no names unless ``--named``."""

from __future__ import annotations

from tests.cli.test_export import office_db, run  # noqa: F401  (fixture)
from tests.unit.test_reports_fixture import HEAD_NAMES

ARGS = ("export", "statements", "--area", "54010101", "--from", "2024-01", "--to", "2024-03")


def test_statements_carry_no_names_without_named(office_db, tmp_path):  # noqa: F811
    result = run(*ARGS, "--db", str(office_db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = list((tmp_path / "exports").iterdir())
    assert [p.name for p in files] == ["540101-statements-54010101-2567-01-2567-03.txt"]
    text = files[0].read_text("utf-8-sig")
    assert text.count("\f") == 2 and "54010101-1" in text and "54010101-3/1" in text
    for name in HEAD_NAMES:
        assert name not in text, name
        assert name.split()[0] not in text, name  # not even the first name
    assert "carries names" not in result.stdout


def test_statements_named_carry_names_and_say_so(office_db, tmp_path):  # noqa: F811
    for fmt in ("txt", "xlsx"):
        result = run(*ARGS, "--db", str(office_db), "--named", "--format", fmt, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "carries names" in result.stdout
    text = (tmp_path / "exports" / "540101-statements-54010101-2567-01-2567-03-named.txt").read_text(
        "utf-8-sig"
    )
    assert "นายสมชาย ใจดี" in text and "นางมาลี แก้วมา" in text and "นายบุญมี ศรีวงศ์" in text
    assert (tmp_path / "exports" / "540101-statements-54010101-2567-01-2567-03-named.xlsx").exists()
