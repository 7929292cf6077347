"""``abc-tui export`` through a real subprocess, on the hand-computed office."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from abc_tui.reports.spec import REPORT_NAMES, SPECS
from abc_tui.store.database import close_database
from tests.unit.test_reports_fixture import CLERK, HEAD_NAMES, OTHER_NAMES, build

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ABC_TUI_DB"}
    env.update(PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "abc_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def office_db(office) -> Path:
    build(office)
    close_database()
    return office.path


def read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf" and b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_export_help_lists_the_reports(tmp_path):
    result = run("export", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for name in ("household-month", "spending-profile", "bimonth:2568-1", "--named", "--thai-headers"):
        assert name in result.stdout


def test_every_report_to_the_default_file(office_db, tmp_path):
    for name in REPORT_NAMES:
        result = run(
            "export", name, "--db", str(office_db), "--from", "2024-01", "--to", "2024-03", cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        path = tmp_path / "exports" / f"540101-{name}-2567-01-2567-03.csv"
        assert str(path.relative_to(tmp_path)) in result.stdout
        assert read(path)[0] == SPECS[name].keys()
        text = path.read_text("utf-8-sig")
        for person in HEAD_NAMES + OTHER_NAMES + [CLERK]:
            assert person not in text


def test_bimonth_period_and_village_area_as_xlsx(office_db, tmp_path):
    result = run(
        "export",
        "village-month",
        "--db",
        str(office_db),
        "--period",
        "bimonth:2567-1",
        "--area",
        "54010102",
        "--format",
        "xlsx",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    ws = openpyxl.load_workbook(
        tmp_path / "exports" / "540101-village-month-54010102-2567-01-2567-02.xlsx"
    ).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    # H5 left on 31 Jan 2024: registered and reporting in January only (REPORTS.md "Membership").
    assert [r[:4] for r in rows] == [["54010102", "2024-01", 2, 2], ["54010102", "2024-02", 1, 0]]
    assert rows[0][5] == 7000 and rows[0][-1] == 5500


def test_named_thai_headers_and_out(office_db, tmp_path):
    out = tmp_path / "mine" / "ledger.csv"
    result = run(
        "export",
        "ledger",
        "--db",
        str(office_db),
        "--from",
        "2024-01",
        "--to",
        "2024-01",
        "--named",
        "--thai-headers",
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    rows = read(tmp_path / "mine" / "ledger-named.csv")
    assert rows[0][0] == "รหัสรายการ" and rows[0][-1] == "ชื่อหัวหน้าครัวเรือน"
    assert {r[-1] for r in rows[1:]} == set(HEAD_NAMES)  # all five heads have January lines
    assert {r[9] for r in rows[1:]} == {CLERK}


def test_export_all(office_db, tmp_path):
    result = run(
        "export", "all", "--db", str(office_db), "--from", "2024-01", "--to", "2024-03", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert files == sorted(
        [f"540101-{n}-2567-01-2567-03.csv" for n in REPORT_NAMES] + ["540101-all-2567-01-2567-03.xlsx"]
    )
    assert openpyxl.load_workbook(
        tmp_path / "exports" / "540101-all-2567-01-2567-03.xlsx"
    ).sheetnames == list(REPORT_NAMES)


def test_statements(office_db, tmp_path):
    result = run(
        "export",
        "statements",
        "--db",
        str(office_db),
        "--area",
        "54010101",
        "--from",
        "2024-01",
        "--to",
        "2024-03",
        "--named",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / "exports" / "540101-statements-54010101-2567-01-2567-03-named.txt"
    pages = path.read_text("utf-8-sig").split("\f")
    assert len(pages) == 3 and "นายสมชาย ใจดี" in pages[0]
    result = run(
        "export",
        "statements",
        "--db",
        str(office_db),
        "--area",
        "54010101",
        "--period",
        "bimonth:2567-1",
        "--format",
        "xlsx",
        "--named",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "exports" / "540101-statements-54010101-2567-01-2567-02-named.xlsx").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "--area", "999"],
        ["ledger", "--area", "54019999"],
        ["ledger", "--from", "2024-05", "--to", "2024-01"],
        ["ledger", "--period", "bimonth:2567-7"],
        ["ledger", "--period", "bimonth:2567-1", "--from", "2024-01"],
        ["ledger", "--format", "txt"],
        ["statements", "--area", "540101"],
        ["statements", "--area", "54010101", "--format", "csv"],
    ],
)
def test_bad_requests_exit_2_with_both_languages(office_db, tmp_path, args):
    result = run("export", *args, "--db", str(office_db), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ข้อผิดพลาด" in result.stderr and "Error:" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_database_is_a_user_error(tmp_path):
    result = run("export", "ledger", "--db", str(tmp_path / "none.sqlite3"), cwd=tmp_path)
    assert result.returncode == 2 and "No database file" in result.stderr


def test_progress_bar_draws_with_unknown_and_known_totals():
    from rich.console import Console

    from abc_tui.cli.export import _bar

    bar = _bar()
    task = bar.add_task("export", total=None)  # the total is not known yet
    out = io.StringIO()
    Console(file=out, width=100).print(bar.make_tasks_table(bar.tasks))
    bar.update(task, completed=47047, total=47047)
    Console(file=out, width=100).print(bar.make_tasks_table(bar.tasks))
    assert "47,047 แถว / rows" in out.getvalue()


def test_thai_digit_area_code_is_cleaned(office_db, tmp_path):
    plain = run(
        "export",
        "village-month",
        "--db",
        str(office_db),
        "--area",
        "540101",
        "--from",
        "2024-01",
        "--to",
        "2024-03",
        "--out",
        str(tmp_path / "a.csv"),
        cwd=tmp_path,
    )
    thai = run(
        "export",
        "village-month",
        "--db",
        str(office_db),
        "--area",
        " ๕๔๐๑๐๑ ",
        "--from",
        "2024-01",
        "--to",
        "2024-03",
        "--out",
        str(tmp_path / "b.csv"),
        cwd=tmp_path,
    )
    assert plain.returncode == 0 and thai.returncode == 0, thai.stderr
    assert read(tmp_path / "b.csv") == read(tmp_path / "a.csv") and len(read(tmp_path / "a.csv")) > 1


def test_formula_items_are_neutralised_in_xlsx_and_statements(office_db, tmp_path):
    import sqlite3

    con = sqlite3.connect(office_db)
    con.execute(
        "UPDATE ledger_line SET item = char(1) || '=HYPERLINK(\"http://x\")', amount_satang = 9999900 "
        "WHERE id = (SELECT min(id) FROM ledger_line WHERE village_code = '54010101' "
        "AND date >= '2024-01-01' AND category_code LIKE '3%')"
    )  # an expense: among the top items
    con.commit()
    con.close()
    for args in (
        ["ledger", "--format", "xlsx", "--out", str(tmp_path / "l.xlsx")],
        [
            "statements",
            "--area",
            "54010101",
            "--format",
            "xlsx",
            "--named",
            "--out",
            str(tmp_path / "s.xlsx"),
        ],
    ):
        result = run(
            "export", *args, "--db", str(office_db), "--from", "2024-01", "--to", "2024-03", cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
    for name in ("l.xlsx", "s-named.xlsx"):
        book = openpyxl.load_workbook(tmp_path / name)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], name
        assert any(isinstance(c.value, str) and c.value.startswith("'=HYPERLINK") for c in cells), name
