"""Onboarding an office from its household list (store.household_import): the sample kept the way
offices keep it (tests/data/household_list.xlsx and .csv) and messier files."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.store import areas
from abc_tui.store import household_import as hi
from abc_tui.store.models import Audit, Household, Member

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = [DATA / "household_list.xlsx", DATA / "household_list.csv"]
HEADER = ["ลำดับ", "บ้านเลขที่", "หมู่ที่", "ชื่อ-สกุล หัวหน้าครัวเรือน", "จำนวนสมาชิก (คน)", "อาชีพหลัก", "หนี้สิน (บาท)"]


@pytest.fixture
def nai_wiang(db_path):
    """The sample's tambon (ในเวียง) with its three villages, no households."""
    areas.setup_office("อบต.ในเวียง", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    for n in "123":
        areas.add_village("540101", n, f"บ้านทดสอบ {n}")
    return db_path


def _plan(path: Path, **kw) -> tuple:
    table = hi.read_table(path)
    header = hi.find_header(table)
    plan = hi.plan_import(table, hi.guess_mapping(list(table[header])), header, **kw)
    return table, plan


def _by_row(plan) -> dict[int, hi.Row]:
    return {r.row: r for r in plan.rows}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.suffix)
def test_sample_dry_run_then_one_transaction(nai_wiang, path):
    table, plan = _plan(path)
    assert plan.header_row == 4  # below two title rows and a blank one
    assert plan.mapping == {"house_no": 1, "village": 2, "head": 3, "members": 4, "occupation": 5, "debt": 6}
    assert plan.counts == {"add": 75, "skip": 6, "refuse": 2}
    rows = _by_row(plan)
    # Thai digits, name prefix kept, debt "๒๕๑,๐๐๐" exact in satang
    assert (rows[5].house_no, rows[5].head, rows[5].values["debt_at_joining_satang"]) == (
        "1",
        "นายทองใบ แสนคำ",
        0,
    )
    assert rows[18].values["debt_at_joining_satang"] == 251_000_00
    assert rows[6].values["debt_at_joining_satang"] == 35_000_00
    assert rows[42].house_no == "11/3"  # "๑๑/๓"
    assert rows[13].values["occupation"] == "rice_other"  # ทำนาและรับจ้าง
    assert rows[7].values["occupation"] == "wage"  # รับจ้างทั่วไป
    assert rows[14].values["occupation"] == "other" and "รับราชการ" in rows[14].reason_th
    assert rows[30].action == "skip" and "subtotal" in rows[30].reason_en  # รวมหมู่ 1
    assert rows[31].action == "skip" and rows[31].reason_en == "blank row"
    # the duplicate of house ๓ in village 1, and the row without a name
    assert rows[86].action == "refuse" and "row 7" in rows[86].reason_en and "แถว 7" in rows[86].reason_th
    assert rows[87].action == "refuse" and "name" in rows[87].reason_en
    assert Household.select().count() == 0  # the dry run wrote nothing

    assert hi.commit_import(table, plan, who="officer1") == 75
    assert Household.select().count() == 75 and Member.select().count() == 75
    assert Audit.select().where(Audit.table == "household").count() == 75
    import json

    from abc_tui.store import households as hh_store

    h14 = Household.get(Household.code == "54010101-14")
    audited = Audit.get((Audit.table == "household") & (Audit.row_uuid == h14.uuid))
    assert (audited.action, audited.who) == ("insert", "officer1")
    assert json.loads(audited.after) == json.loads(json.dumps(hh_store._snapshot(h14), default=str))
    assert [(m.name, m.is_head) for m in hh_store.members(h14.id)] == [("นายอำนาจ แสนคำ", True)]
    h = Household.get(Household.code == "54010101-14")
    assert (h.head_name, h.debt_at_joining_satang, h.members_count) == ("นายอำนาจ แสนคำ", 251_000_00, 2)
    total_v1 = sum(
        x.debt_at_joining_satang for x in Household.select().where(Household.village == "54010101")
    )
    assert total_v1 == 1_143_000_00  # the file's own subtotal row for หมู่ 1

    # importing the same list again adds nothing: every row is already registered
    table, again = _plan(path)
    assert again.counts == {"add": 0, "skip": 81, "refuse": 2}
    assert "already registered" in _by_row(again)[5].reason_en


def test_the_same_house_with_another_head_is_refused(office):
    """An existing household of the register with another head is not overwritten."""
    path = office.path.parent / "one.csv"
    _write_csv(
        path,
        [
            HEADER,
            ["1", "1", "1", "ทองดี มีสุข", "3", "ทำนา", "0"],
            ["2", "2", "1", "นางมาลี  แก้วมา", "3", "ทำนา", "0"],
        ],
    )
    _, plan = _plan(path)
    rows = _by_row(plan)
    assert rows[2].action == "refuse" and "นายสมชาย ใจดี" in rows[2].reason_th
    assert rows[3].action == "skip"  # the same head, written with two spaces


def test_commit_is_all_or_nothing_when_the_register_changed(nai_wiang):
    table, plan = _plan(SAMPLES[1])
    from abc_tui.store import households as hh

    hh.add_household("54010102", hh.HouseholdForm(house_no="5", head_name="คนอื่น มาก่อน"))  # another PC
    with pytest.raises(AbcError) as err:
        hi.commit_import(table, plan)
    assert "nothing was added" in err.value.en
    assert Household.select().count() == 1


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    import csv

    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def _write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def test_messy_values(nai_wiang, tmp_path):
    header = [*HEADER, "วันที่เข้าร่วม"]
    rows = [
        ["ทะเบียน"],
        header,
        ["1", "1", "หมู่ 1", "นายหนึ่ง ทดสอบ", "4", "ทำนา", "1,250.50", "1/10/2567"],
        ["2", "2", "ม.2", "นายสอง ทดสอบ", "99999", "ทำนา", "0", ""],
        ["3", "3", "1", "นายสาม ทดสอบ", "3", "ทำนา", "1e20", ""],
        ["4", "4", "1", "นายสี่ ทดสอบ", "3", "ทำนา", "1,2,3", ""],
        ["5", "5", "1", "นายห้า ทดสอบ", "3", "ทำนา", "123456789012345678901234567890", ""],
        ["6", "6", "1", "นายหก ทดสอบ", "3", "ทำนา", "-500", ""],
        ["7", "7", "9", "นายเจ็ด ทดสอบ", "3", "ทำนา", "0", ""],
        ["8", "8", "1", "นายแปด ทดสอบ", "", "ประมงพื้นบ้าน", "", "31/2/2568"],
        ["9", "", "1", "นายเก้า ทดสอบ", "3", "", "", ""],
        ["10", "10", "1", "นายสิบ ทดสอบ", "3", "", "-", "๑๕ มี.ค. ๒๕๖๘"],
    ]
    _, plan = _plan(_write_csv(tmp_path / "messy.csv", rows))
    r = _by_row(plan)
    assert r[3].action == "add" and r[3].values["debt_at_joining_satang"] == 125_050
    assert r[3].values["joined_on"] == _dt.date(2024, 10, 1)  # B.E. 2567
    assert r[4].action == "refuse" and "members" in r[4].reason_en
    assert r[5].action == "refuse" and r[5].reason_en.startswith("Debt")
    assert r[6].action == "refuse" and r[6].reason_en.startswith("Debt")
    assert r[7].action == "refuse" and r[7].reason_en.startswith("Debt")
    assert r[8].action == "refuse" and r[8].reason_en.startswith("Debt")
    assert r[9].action == "refuse" and "No village 9" in r[9].reason_en
    assert r[10].action == "refuse" and r[10].reason_en.startswith("Date joined")  # 31 February
    assert r[11].action == "refuse" and "house number" in r[11].reason_en
    assert r[12].action == "add" and r[12].values["joined_on"] == _dt.date(2025, 3, 15)
    assert r[12].values["debt_at_joining_satang"] == 0 and r[12].values["occupation"] == "other"


def test_xlsx_cells_typed_by_excel(nai_wiang, tmp_path):
    rows = [
        [*HEADER, "วันที่เข้าร่วม"],
        [
            1,
            1,
            1,
            "นายหนึ่ง ทดสอบ",
            4.0,
            "ทำนา",
            35000.1,
            _dt.datetime(2567, 10, 1),
        ],  # B.E. year in a date cell
        [2, _dt.datetime(2025, 3, 12), 1, "นายสอง ทดสอบ", 4, "ทำนา", 0, None],  # "12/3" became 12 March
        [3, 3, 1, "นายสาม ทดสอบ", 4, "ทำนา", 12.345, None],
        [4, 4, 1, "นายสี่ ทดสอบ", 4.5, "ทำนา", 10**20, None],
    ]
    _, plan = _plan(_write_xlsx(tmp_path / "typed.xlsx", rows))
    r = _by_row(plan)
    assert r[2].action == "add" and r[2].values["debt_at_joining_satang"] == 3_500_010
    assert r[2].values["joined_on"] == _dt.date(2024, 10, 1) and r[2].values["members_count"] == 4
    assert r[3].action == "refuse" and "became a date" in r[3].reason_en
    assert r[4].action == "refuse" and r[4].reason_en.startswith("Debt")  # three decimals
    assert r[5].action == "refuse"


def _write_ods(path: Path, rows: list[list[object]]) -> Path:
    """An ODS as LibreOffice writes it: empty cells as one repeated cell, numbers as values."""
    from odf import teletype
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    for r in rows:
        if isinstance(r, int):  # that many empty rows, written as one repeated row
            blank = TableRow(numberrowsrepeated=r)
            blank.addElement(TableCell(numbercolumnsrepeated=1024))
            table.addElement(blank)
            continue
        tr = TableRow()
        empty = 0
        for v in [*r, None]:
            if v in (None, ""):
                empty += 1
                continue
            if empty:
                tr.addElement(TableCell(numbercolumnsrepeated=empty))
                empty = 0
            if isinstance(v, (int, Decimal)):
                cell = TableCell(valuetype="float", value=str(v))
            else:
                cell = TableCell(valuetype="string")
            p = P()
            teletype.addTextToElement(p, str(v))  # two spaces become <text:s/> as in LibreOffice
            cell.addElement(p)
            tr.addElement(cell)
        table.addElement(tr)
    table.addElement(TableRow(numberrowsrepeated=1000))  # the rest of the sheet, empty
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_ods_keeps_rows_and_columns(nai_wiang, tmp_path):
    rows = [
        ["ทะเบียนครัวเรือน"],
        [],
        HEADER,
        [1, "๑", 1, "นายหนึ่ง ทดสอบ", 4, "ทำนา", Decimal("1250.50")],
        [None, None, None, "รวมหมู่ 1", None, None, Decimal("1250.50")],
        3,
        [2, "2/1", 2, "นางสอง  ทดสอบ", 2, "ค้าขาย", "๕๙,๐๐๐"],
        1000,  # the rest of the sheet
    ]
    table, plan = _plan(_write_ods(tmp_path / "list.ods", rows))
    assert plan.header_row == 3
    r = _by_row(plan)
    assert r[4].action == "add" and r[4].values["debt_at_joining_satang"] == 125_050
    assert r[5].action == "skip" and "รวมหมู่ 1" in r[5].reason_th  # the subtotal stays in its column
    assert [r[n].action for n in (6, 7, 8)] == ["skip"] * 3  # three blank rows: row numbers stay true
    assert (
        r[9].action == "add"
        and r[9].village_code == "54010102"
        and r[9].values["debt_at_joining_satang"] == 59_000_00
    )
    assert " ".join(r[9].head.split()) == "นางสอง ทดสอบ"  # <text:s/> read as spaces
    assert max(r) == 9
    assert hi.commit_import(table, plan) == 2


def test_cp874_csv_and_semicolons(nai_wiang, tmp_path):
    path = tmp_path / "windows.csv"
    path.write_bytes(
        ";".join(HEADER).encode("cp874") + b"\r\n" + "1;5;1;นายหนึ่ง ทดสอบ;3;ทำนา;100".encode("cp874")
    )
    _, plan = _plan(path)
    assert [(r.action, r.head) for r in plan.rows] == [("add", "นายหนึ่ง ทดสอบ")]


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("empty.csv", b"", "empty"),
        ("empty.xlsx", b"", "empty"),
        ("blank.csv", b"\r\n\r\n", "no data"),
        ("quote.csv", '\ufeffบ้านเลขที่,ชื่อ\r\n1,"นายหนึ่ง\r\n'.encode(), "malformed"),
        ("binary.csv", b"PK\x03\x04\x00\x00garbage", "not a CSV"),
        ("fake.xlsx", b"this is not a workbook", "damaged"),
        ("fake.ods", b"<xml>", "damaged"),
        ("list.xls", b"\xd0\xcf\x11\xe0", ".xlsx, .ods or .csv"),
    ],
)
def test_bad_files_say_why(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AbcError) as err:
        hi.read_table(path)
    assert words in err.value.en and err.value.th


def test_mapping_by_officer(nai_wiang, tmp_path):
    rows = [["no", "Name", "House", "Debt"], ["1", "นายหนึ่ง ทดสอบ", "7", "5,000"]]
    table = hi.read_table(_write_csv(tmp_path / "en.csv", rows))
    header = hi.find_header(table)
    guessed = hi.guess_mapping(list(table[header]))
    assert guessed == {"house_no": 2, "head": 1, "debt": 3}
    with pytest.raises(AbcError) as err:  # no village column and no village given
        hi.plan_import(table, guessed, header)
    assert "village" in err.value.en
    plan = hi.plan_import(table, guessed, header, village_code="2")
    assert plan.rows[0].village_code == "54010102"
    mapping = hi.parse_mapping(["debt=", "members=D"], list(table[header]), guessed)
    assert mapping == {"house_no": 2, "head": 1, "members": 3}
    with pytest.raises(AbcError):
        hi.check_mapping({"house_no": 1, "head": 1}, has_default_village=True)
    with pytest.raises(AbcError):
        hi.parse_mapping(["head=Z"], list(table[header]), guessed)
    assert hi.parse_mapping(["head=name"], list(table[header]), {})["head"] == 1
    # the confirmed mapping is remembered for files with the same headers
    plan = hi.plan_import(table, mapping, header, village_code="2")
    hi.commit_import(table, plan, village_code="2")
    assert hi.saved_mapping(list(table[header])) == mapping
    assert hi.saved_mapping(["other", "headers"]) is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("ทำนา", "rice"),
        ("ทำนาและรับจ้าง", "rice_other"),
        ("ทำสวนยาง", "crops"),
        ("เลี้ยงวัว", "livestock"),
        ("รับจ้างภาคเกษตร", "wage_farm"),
        ("ค้าขาย", "business"),
        ("ประมง", "fishery"),
        ("", "other"),
        ("รับราชการ", None),
        ("Wage labour", "wage"),
        ("business_farm", "business_farm"),
    ],
)
def test_occupation_guess(text, code):
    assert hi.guess_occupation(text) == code
