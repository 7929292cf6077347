"""``abc-tui print`` and ``export statements --format pdf`` through a real subprocess."""

from __future__ import annotations

import sqlite3

import pytest

from abc_tui.domain.pagecode import parse_page_code
from abc_tui.domain.thai import Month
from tests.cli.test_cli import run
from tests.pdfcheck import barcodes, squash, texts


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("print") / "d.sqlite3"
    result = run(
        "demo",
        "--db",
        str(db),
        "--villages",
        "2",
        "--households",
        "12",
        "--months",
        "3",
        "--until",
        "2025-03",
        "--seed",
        "5",
    )
    assert result.returncode == 0, result.stderr
    return db


def test_forms_for_a_tambon_year_with_blanks(demo, tmp_path):
    out = tmp_path / "year.pdf"
    result = run(
        "print",
        "forms",
        "--db",
        str(demo),
        "--area",
        "540101",
        "--year",
        "2568",
        "--blank",
        "1",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and "(156 " in result.stdout  # 12 households × 12 months + 12 blanks
    codes = barcodes(out)
    assert len(codes) == 156 and codes[-12:] == [None] * 12
    parsed = [parse_page_code(c) for c in codes[:12]]
    assert [m for _, m in parsed] == [Month(2025, m) for m in range(1, 13)]
    assert len({h for h, _ in parsed}) == 1  # one household's twelve months, then the next
    assert "มกราคม2568" in squash(texts(out)[0])


def test_forms_split_one_file_per_month(demo, tmp_path):
    out = tmp_path / "f.pdf"
    result = run(
        "print",
        "forms",
        "--db",
        str(demo),
        "--area",
        "54010102",
        "--from",
        "2/68",
        "--to",
        "3/68",
        "--split",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f-2568-02.pdf", "f-2568-03.pdf"]
    for name, month in (("f-2568-02.pdf", Month(2025, 2)), ("f-2568-03.pdf", Month(2025, 3))):
        assert {parse_page_code(c)[1] for c in barcodes(tmp_path / name)} == {month}


def test_book_and_default_file_under_exports(demo, tmp_path):
    result = run(
        "print",
        "book",
        "--db",
        str(demo),
        "--area",
        "54010101",
        "--from",
        "1/68",
        "--lang",
        "en",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "exports").iterdir()
    assert path.name == "540101-book-54010101-2568-01-2568-06.pdf"
    pages = texts(path)
    households = (
        sqlite3.connect(demo)
        .execute("SELECT COUNT(*) FROM household WHERE village_code = '54010101' AND active")
        .fetchone()[0]
    )
    assert len(pages) == households * 13 and "Household account book" in pages[0]


def test_signin_by_area_and_date(demo, tmp_path):
    out = tmp_path / "s.pdf"
    result = run(
        "print", "signin", "--db", str(demo), "--area", "54010102", "--date", "15/3/68", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s-named.pdf").is_file() and "15/03/2568" in texts(tmp_path / "s-named.pdf")[0]


@pytest.mark.parametrize(
    "args",
    [
        ["forms", "--area", "99999999"],
        ["forms"],
        ["forms", "--area", "540101", "--from", "13/68"],
        ["forms", "--area", "540101", "--year", "2568", "--from", "1/68"],
        ["forms", "--area", "540101", "--from", "6/68", "--to", "1/68"],
        ["forms", "--area", "540101", "--blank", "-1"],
        ["forms", "--area", "540101", "--out", "x.txt"],
        ["signin"],
        ["signin", "--forum", "99999"],
        ["datacard", "--area", "540101"],
    ],
)
def test_bad_input_exits_2_and_writes_nothing(demo, tmp_path, args):
    result = run("print", *args, "--db", str(demo), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ข้อผิดพลาด" in result.stderr and "Error:" in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.part"))


def test_export_statements_pdf_keeps_the_text_file(demo, tmp_path):
    result = run(
        "export",
        "statements",
        "--db",
        str(demo),
        "--area",
        "54010101",
        "--from",
        "2025-01",
        "--to",
        "2025-03",
        "--format",
        "pdf",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (pdf,) = (tmp_path / "exports").glob("*.pdf")
    assert pdf.name == "540101-statements-54010101-2568-01-2568-03.pdf"
    pages = texts(pdf)
    assert len(pages) >= 1 and "54010101-1" in pages[0] and "มกราคม2568" in squash(pages[0])
    result = run(
        "export",
        "statements",
        "--db",
        str(demo),
        "--area",
        "54010101",
        "--from",
        "2025-01",
        "--to",
        "2025-03",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "exports").glob("*.txt"))
