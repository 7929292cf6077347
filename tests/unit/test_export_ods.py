"""``--format ods`` (tablib, odfpy underneath): the file opens (read back with odfpy and tablib),
carries the Thai text, money as exact decimal values, the same rows as the XLSX."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import openpyxl
import pytest
import tablib
from odf import opendocument
from odf.namespaces import OFFICENS
from odf.table import Table, TableCell, TableRow

from abc_tui.domain.errors import AbcError
from abc_tui.reports import export
from abc_tui.reports.spec import REPORT_NAMES, SPECS
from tests.unit.test_export_files import EVERY_NAME, P
from tests.unit.test_reports_fixture import HEAD_NAMES, books_fixture  # noqa: F401


def ods_rows(path, sheet: int = 0) -> list[list[tuple[str | None, str | None, str]]]:
    """(value-type, office:value, text) of every cell of a sheet, read with odfpy itself."""
    doc = opendocument.load(str(path))
    table = doc.spreadsheet.getElementsByType(Table)[sheet]
    out = []
    for row in table.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            kind = cell.attributes.get((OFFICENS, "value-type"))
            value = cell.attributes.get((OFFICENS, "value")) or cell.attributes.get((OFFICENS, "date-value"))
            cells.append((kind, value, str(cell)))
        out.append(cells)
    return out


def test_ledger_ods_opens_with_thai_text_and_exact_money(books, tmp_path):
    path = export.export_report("ledger", P, "540101", fmt="ods", out=tmp_path / "l.ods", named=True).path
    assert path.name == "l-named.ods"
    assert zipfile.ZipFile(path).read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    rows = ods_rows(path)
    keys = SPECS["ledger"].keys()
    assert [c[2] for c in rows[0]][: len(keys)] == keys
    assert [c[2] for c in rows[1]][:3] == [c.th for c in SPECS["ledger"].visible(True)][:3]  # Thai labels
    body = rows[2:]
    assert len(body) == 29
    first = dict(zip(SPECS["ledger"].visible(True), body[0], strict=False))
    by_key = {c.key: v for c, v in first.items()}
    assert by_key["date"][:2] == ("date", "2024-01-02")
    assert by_key["amount"][:2] == ("float", "4000.00")  # exact decimal text, shown 0.00
    assert by_key["item"] == ("string", None, "ขายของชำ")
    amounts = [dict(zip(keys, r, strict=False))["amount"][1] for r in body]
    assert "90.50" in amounts and "55.25" in amounts
    assert all(a is not None and Decimal(a) == Decimal(a).quantize(Decimal("0.01")) for a in amounts)
    text = " ".join(c[2] for r in body for c in r)
    assert any(n in text for n in HEAD_NAMES)
    items = [dict(zip(keys, r, strict=False))["item"][2] for r in body]
    assert "'=SUM(A1)" in items  # text, never a formula

    # tablib reads it back: the same money (as float there; checked against the exact text above)
    data = tablib.Dataset().load(path.read_bytes(), format="ods")
    assert data.headers[: len(keys)] == keys and data.height == 1 + 29


def test_ods_and_xlsx_carry_the_same_rows(books, tmp_path):
    for name in ("household-month", "plan", "indicators"):
        xlsx = export.export_report(name, P, "540101", fmt="xlsx", out=tmp_path / f"{name}.xlsx").path
        ods = export.export_report(name, P, "540101", fmt="ods", out=tmp_path / f"{name}.ods").path
        ws = openpyxl.load_workbook(xlsx).active
        x_rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
        o_rows = ods_rows(ods)[2:]
        assert len(o_rows) == len(x_rows), name
        for xr, orow in zip(x_rows, o_rows, strict=True):
            for xv, (kind, value, text) in zip(xr, orow, strict=False):
                if xv is None:
                    assert kind in (None, "void") and text == ""
                elif isinstance(xv, (int, float, Decimal)) and not isinstance(xv, bool):
                    assert kind == "float" and Decimal(value) == Decimal(str(xv)), (name, xv, value)
                elif hasattr(xv, "date"):
                    assert kind == "date" and value == xv.date().isoformat()
                else:
                    assert text == str(xv)


def test_export_all_as_ods_and_pdpa(books, tmp_path):
    results = export.export_all(P, "540101", out=tmp_path / "book.ods", fmt="ods")
    assert results[-1].path == tmp_path / "book.ods"
    doc = opendocument.load(str(tmp_path / "book.ods"))
    names = [t.getAttribute("name") for t in doc.spreadsheet.getElementsByType(Table)]
    assert names == list(REPORT_NAMES)
    text = zipfile.ZipFile(tmp_path / "book.ods").read("content.xml").decode()
    assert not any(n in text for n in EVERY_NAME)  # no names without --named
    for r in results[:-1]:
        assert len(ods_rows(tmp_path / "book.ods", REPORT_NAMES.index(r.report))) == 2 + r.rows


def test_ods_thai_headers_only_and_limits(books, tmp_path, monkeypatch):
    path = export.export_report(
        "plan", P, "540101", fmt="ods", out=tmp_path / "p.ods", thai_headers=True
    ).path
    rows = ods_rows(path)
    assert rows[0][0][2] == "รหัสรายการแผน" and len(rows) == 1 + 3
    monkeypatch.setattr(export, "ODS_MAX_ROWS", 10)
    with pytest.raises(AbcError) as err:
        export.export_report("ledger", P, "540101", fmt="ods", out=tmp_path / "big.ods")
    assert "ODS" in err.value.en and "CSV" in err.value.en
    assert not (tmp_path / "big.ods").exists()
    with pytest.raises(AbcError):
        export.export_all(P, "540101", out=tmp_path / "b.csv", fmt="csv")
