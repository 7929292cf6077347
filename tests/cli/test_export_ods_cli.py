"""``abc-tui export … --format ods`` through a real subprocess."""

from __future__ import annotations

import tablib

from abc_tui.reports.spec import REPORT_NAMES, SPECS
from tests.cli.test_export import office_db, run  # noqa: F401
from tests.unit.test_export_ods import ods_rows


def test_report_and_all_as_ods(office_db, tmp_path):  # noqa: F811
    r = run(
        "export",
        "village-month",
        "--db",
        str(office_db),
        "--period",
        "bimonth:2567-1",
        "--area",
        "54010102",
        "--format",
        "ods",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    path = tmp_path / "exports" / "540101-village-month-54010102-2567-01-2567-02.ods"
    rows = ods_rows(path)
    assert [c[2] for c in rows[1]] == [c.th for c in SPECS["village-month"].visible()]  # the Thai label row
    assert [c[2] for c in rows[2][:2]] == ["54010102", "2024-01"]
    assert rows[2][5][:2] == ("float", "7000.00")
    r = run(
        "export",
        "all",
        "--db",
        str(office_db),
        "--from",
        "2024-01",
        "--to",
        "2024-03",
        "--format",
        "ods",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    book = tablib.Databook().load(
        (tmp_path / "exports" / "540101-all-2567-01-2567-03.ods").read_bytes(), format="ods"
    )
    assert [d.title for d in book.sheets()] == list(REPORT_NAMES)
    bad = run("export", "statements", "--db", str(office_db), "--format", "ods", cwd=tmp_path)
    assert bad.returncode == 2 and "txt" in bad.stderr
