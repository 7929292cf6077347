"""Exported files on the hand-computed office: CSV rules, XLSX types, PDPA, file names."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import tablib

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import export, queries
from abc_tui.reports.period import Period
from abc_tui.reports.spec import REPORT_NAMES, SPECS
from tests.unit.test_reports_fixture import CLERK, HEAD_NAMES, OTHER_NAMES, books_fixture  # noqa: F401

P = Period(Month(2024, 1), Month(2024, 3))
EVERY_NAME = HEAD_NAMES + OTHER_NAMES + [CLERK]


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM"
    text = raw[3:].decode("utf-8")
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_report_as_csv_follows_the_rules(books, tmp_path):
    for name in REPORT_NAMES:
        result = export.export_report(name, P, "540101", out=tmp_path / f"{name}.csv")
        rows = read_csv(result.path)
        assert rows[0] == SPECS[name].keys(), name
        assert len(rows) - 1 == result.rows == len(queries.run(name, P, "540101")), name
        # tablib reads it back the same (with utf-8-sig the first key has no BOM glued to it)
        data = tablib.Dataset().load(result.path.read_text("utf-8-sig"), format="csv")
        assert data.headers == SPECS[name].keys()
        assert [list(r) for r in data] == rows[1:]


def test_csv_cells_money_dates_thai_and_neutralised_text(books, tmp_path):
    rows = read_csv(export.export_report("ledger", P, "540101", out=tmp_path / "l.csv").path)
    by_item = {r[7]: r for r in rows[1:]}
    assert by_item["ไข่ไก่ "][8] == "90.50"  # Thai intact, trailing space kept, baht 2 decimals
    assert by_item["ส่งกองทุน"][8] == "120000.00"  # no thousands separator
    assert by_item["ไข่ไก่ "][3:5] == ["2024-01-12", "12/01/2567"]
    for item in ("'=SUM(A1)", "'+66812345678", "'-5", "'@x"):
        assert item in by_item, item
    hm = read_csv(export.export_report("household-month", P, "540101", out=tmp_path / "hm.csv").path)
    assert hm[2][-1] == "-450.00"  # a negative net is a number: not neutralised
    forums = read_csv(export.export_report("forums", P, "540101", out=tmp_path / "f.csv").path)
    assert forums[2][5] == "'=cmd|' /C calc'!A0"
    vm = read_csv(export.export_report("village-month", P, "540101", out=tmp_path / "vm.csv").path)
    assert vm[3][4] == "66.7" and vm[1][4] == "100.0"
    plan = read_csv(export.export_report("plan", P, "540101", out=tmp_path / "p.csv").path)
    assert plan[3][7] == ""  # no approved budget yet: an empty cell
    ind = read_csv(export.export_report("indicators", P, "540101", out=tmp_path / "i.csv").path)
    assert ind[6][4:9] == ["5.2.3", "1", "2", "50.0", "30.0"]


def test_thai_headers_replace_the_key_row(books, tmp_path):
    rows = read_csv(
        export.export_report("completeness", P, "540101", out=tmp_path / "c.csv", thai_headers=True).path
    )
    assert rows[0] == [c.th for c in SPECS["completeness"].columns]
    assert rows[1][0] == "54010101"


def _all_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    return path.read_text("utf-8-sig")


def test_pdpa_no_name_in_any_default_export(books, tmp_path):
    files = [r.path for r in export.export_all(P, "540101", out=tmp_path / "all.xlsx")]
    for name in REPORT_NAMES:
        files.append(
            export.export_report(name, P, "540101", fmt="xlsx", out=tmp_path / "x" / f"{name}.xlsx").path
        )
    assert len(files) == 2 * len(REPORT_NAMES) + 1
    for path in files:
        text = _all_text(path)
        for person in EVERY_NAME:
            assert person not in text, (person, path.name)
        assert "-named" not in path.name


def test_named_exports_say_so_and_carry_names(books, tmp_path):
    result = export.export_report("household-month", P, "540101", out=tmp_path / "hm.csv", named=True)
    assert result.path.name == "hm-named.csv"
    rows = read_csv(result.path)
    assert rows[0][-1] == "head_name" and {r[-1] for r in rows[1:]} == set(HEAD_NAMES)
    ledger = export.export_report("ledger", P, "540101", fmt="xlsx", out=tmp_path / "l.xlsx", named=True)
    assert ledger.path.name == "l-named.xlsx" and CLERK in _all_text(ledger.path)


def test_default_file_names(books, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    r = export.export_report("completeness", P, "540101")
    assert r.path == Path("exports/540101-completeness-2567-01-2567-03.csv") and r.path.exists()
    r = export.export_report("completeness", P, "54010102", fmt="xlsx", named=True)
    assert r.path == Path("exports/540101-completeness-54010102-2567-01-2567-03-named.xlsx")
    assert not list(Path("exports").glob("*.part"))


def test_xlsx_cells_are_typed_with_two_header_rows_frozen(books, tmp_path):
    path = export.export_report("ledger", P, "540101", fmt="xlsx", out=tmp_path / "l.xlsx").path
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "ledger" and ws.freeze_panes == "A3"
    keys = SPECS["ledger"].keys()
    assert [c.value for c in ws[1]] == keys
    assert [c.value for c in ws[2]] == [c.th for c in SPECS["ledger"].visible()]
    first = {k: c for k, c in zip(keys, ws[3], strict=True)}
    assert first["date"].is_date and first["date"].value == dt.datetime(2024, 1, 2)
    assert first["amount"].data_type == "n" and first["amount"].value == 4000
    assert first["amount"].number_format == "0.00"
    assert first["item"].data_type == "s" and first["item"].value == "ขายของชำ"
    items = [row[7].value for row in ws.iter_rows(min_row=3)]
    assert "'=SUM(A1)" in items and "'+66812345678" in items  # text, never a formula
    assert all(row[8].data_type == "n" for row in ws.iter_rows(min_row=3))
    assert ws.max_row == 2 + 29


def test_xlsx_money_is_exact(books, tmp_path):
    path = export.export_report("ledger", P, "540101", fmt="xlsx", out=tmp_path / "l.xlsx").path
    import zipfile

    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>90.5</v>" in sheet and "<v>55.25</v>" in sheet  # exact decimals, never float noise
    assert "0000001" not in sheet and "9999999" not in sheet


def test_xlsx_thai_headers_only(books, tmp_path):
    path = export.export_report(
        "plan", P, "540101", fmt="xlsx", out=tmp_path / "p.xlsx", thai_headers=True
    ).path
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "รหัสรายการแผน" and ws.max_row == 1 + 3
    assert ws["H4"].value is None and ws["F2"].value == 2567


def test_export_all_writes_a_workbook_and_every_csv(books, tmp_path):
    results = export.export_all(P, "540101", out=tmp_path / "book.xlsx")
    assert [r.report for r in results] == [*REPORT_NAMES, "all"]
    wb = openpyxl.load_workbook(tmp_path / "book.xlsx", read_only=True)
    assert wb.sheetnames == list(REPORT_NAMES)
    for r in results[:-1]:
        assert r.path.parent == tmp_path and r.path.suffix == ".csv"
        assert len(list(wb[r.report].iter_rows())) == 2 + r.rows
    book = tablib.Databook().load((tmp_path / "book.xlsx").read_bytes(), format="xlsx")
    assert [d.title for d in book.sheets()] == list(REPORT_NAMES)
    assert Decimal(str(book.sheets()[1][1][13])) == Decimal("557950") / 100  # household-month net


def test_progress_reaches_the_total(books, tmp_path):
    seen: list[tuple[int, int]] = []
    export.export_report(
        "ledger", P, "540101", out=tmp_path / "l.csv", progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (29, 29)


def test_bad_requests_are_user_errors(books, tmp_path):
    with pytest.raises(AbcError):
        export.export_report("ledger", P, "999999", out=tmp_path / "x.csv")
    with pytest.raises(AbcError):
        export.export_report("ledger", P, "540101", fmt="pdf", out=tmp_path / "x.pdf")
    with pytest.raises(AbcError):
        export.export_report("nope", P, "540101", out=tmp_path / "x.csv")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(AbcError):
        export.export_report("plan", P, "540101", out=tmp_path / "dir.csv")
