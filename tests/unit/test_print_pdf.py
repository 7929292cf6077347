"""Every kind of printed PDF read back: codes, Thai names, B.E. months, page counts, barcodes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abc_tui.domain.errors import AbcError
from abc_tui.domain.pagecode import page_code, parse_page_code
from abc_tui.domain.thai import Month, month_range
from abc_tui.reports.pdf import jobs
from abc_tui.reports.period import Period
from abc_tui.store import households as hh
from abc_tui.store import plan as plan_store
from abc_tui.store.forums import ForumForm, create_forum
from abc_tui.store.ledger import LedgerDesk
from abc_tui.store.printing import form_households
from tests.pdfcheck import barcodes, decode_bars, squash, texts, zbar

MAR, APR = Month(2025, 3), Month(2025, 4)


def test_forms_one_page_per_household_and_month_then_blanks(office, tmp_path):
    out = tmp_path / "forms.pdf"
    path, pages = jobs.forms("540101", [MAR, APR], out=out, blank=2)
    households = form_households("540101")
    assert path == out and pages == len(households) * 2 + 2 * 2 == 14
    got = texts(out)
    codes = barcodes(out)
    assert len(got) == 14
    i = 0
    for h in households:
        for m, label in ((MAR, "มีนาคม2568"), (APR, "เมษายน2568")):
            page = squash(got[i])
            assert h.code in page and squash(h.head_name) in page and label in page
            assert squash(h.village_name) in page and "ตำบลในเวียง" in page  # office, legend below
            assert "11ขายผลผลิตการเกษตร" in page and "รวมรายรับ" in page and "รวมรายจ่าย" in page
            assert codes[i] == page_code(h.code, m) and parse_page_code(codes[i]) == (h.code, m)
            i += 1
    for page, code in zip(got[i:], codes[i:], strict=True):  # blank pages: no household, no barcode
        assert code is None and "ครัวเรือนใหม่" in squash(page)
        assert not any(h.code in page for h in households)


def test_forms_in_english_name_months_in_be(office, tmp_path):
    out = tmp_path / "en.pdf"
    jobs.forms(office.villages[1], [MAR], out=out, lang="en")
    page = texts(out)[0]
    assert "March 2568 B.E." in page and "Crop sales" in page and "Household code" in page


def test_fonts_are_embedded_and_no_part_file_is_left(office, tmp_path):
    out = tmp_path / "print" / "f.pdf"
    out.parent.mkdir()
    out.write_bytes(b"old")
    jobs.forms(office.villages[0], [MAR], out=out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile2" in data and b"Sarabun" in data
    assert [p.name for p in out.parent.iterdir()] == ["f.pdf"]


def test_a_folder_as_the_file_is_refused(office, tmp_path):
    with pytest.raises(AbcError):
        jobs.forms(office.villages[0], [MAR], out=tmp_path)


def test_unknown_area_is_refused(office, tmp_path):
    with pytest.raises(AbcError):
        jobs.forms("99999999", [MAR], out=tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_thai_letter_house_number_barcode_reads_back(office, tmp_path):
    h = hh.add_household(
        office.villages[0], hh.HouseholdForm(house_no="45/1ก", head_name="นางคำปัน ใจดี", joined_on="1/10/2566")
    )
    out = tmp_path / "f.pdf"
    jobs.forms(office.villages[0], [MAR], out=out)
    codes = [c for c in barcodes(out) if c and c.startswith("54010101-45")]
    assert codes == ["54010101-45/1.01 032568"]
    assert parse_page_code(codes[0]) == (h.code, MAR)


def test_barcode_reads_back_with_zbarimg(office, tmp_path):
    out = tmp_path / "f.pdf"
    jobs.forms(office.villages[0], [MAR], out=out)
    read = zbar(out, 1, tmp_path)
    if read is None:
        pytest.skip("pdftoppm or zbarimg not installed")
    assert read == page_code(form_households(office.villages[0])[0].code, MAR)


def test_book_cover_entry_and_summary_pages(office, tmp_path):
    out = tmp_path / "book.pdf"
    months = month_range(Month(2025, 1), Month(2025, 6))
    _, pages = jobs.book(office.villages[1], months, out=out)
    households = form_households(office.villages[1])
    assert pages == len(households) * (1 + 2 * 6) == 26
    got, codes = texts(out), barcodes(out)
    for n, h in enumerate(households):
        first = n * 13
        cover = squash(got[first])
        assert "สมุดบัญชีครัวเรือน" in cover and h.code in cover and squash(h.head_name) in cover
        assert "มกราคม2568–มิถุนายน2568" in cover and codes[first] is None
        for k, m in enumerate(months):
            entry, summary = first + 1 + 2 * k, first + 2 + 2 * k
            assert codes[entry] == page_code(h.code, m)
            assert codes[summary] is None and "สรุปประจำเดือน" in squash(got[summary])
            assert "ข้อสังเกตและคำถามของครัวเรือน" in squash(got[summary]) and h.code in got[summary]


def test_signin_lists_members_in_house_order_with_walkin_rows(office, tmp_path):
    village = office.villages[0]
    hh.add_member(office.households[0].id, "นางคำ ใจดี", "f", "2500")
    hh.add_member(office.households[1].id, "เด็กหญิงฝน แก้วมา", "f", "2558")
    forum = create_forum(
        ForumForm(level="village", area_code=village, date="15/3/2568", topic="หนี้สิน"),
        today=dt.date(2025, 3, 20),
    )
    out = tmp_path / "s.pdf"
    path, n = jobs.signin(forum_id=forum.id, out=out)
    assert n == 5 and path.name == "s-named.pdf"  # names: the file says so
    text = squash("".join(texts(path)))
    heads_first = ("นายสมชาย ใจดี", "นางคำ ใจดี", "นางมาลี แก้วมา", "เด็กหญิงฝน แก้วมา", "นายบุญมี ศรีวงศ์")
    order = [text.index(squash(x)) for x in heads_first]
    assert order == sorted(order)
    for label in ("ลายมือชื่อ", "ผู้เข้าร่วมอื่น", "หญิง", "ชาย", "เยาวชน", "15/03/2568", "หนี้สิน"):
        assert label in text
    assert "นางสมศรีคำแสน" not in text  # another village's member


def test_signin_for_a_village_and_date_spans_pages(office, tmp_path):
    h = office.households[0]
    for i in range(40):
        hh.add_member(h.id, f"สมาชิก ทดสอบ{i:02d}")
    path, n = jobs.signin(village=office.villages[0], day="1/4/68", out=tmp_path / "v.pdf")
    pages = texts(path)
    registered = sum(len(hh.members(h.id)) for h in office.households[:3])
    assert n == registered >= 40 and len(pages) >= 2
    assert "01/04/2568" in pages[1] and "ลายมือชื่อ" in squash(pages[1])  # every page has its heading
    assert "ทดสอบ39" in squash("".join(pages))


def _entered(office):
    desk = LedgerDesk()
    for h in office.households[:2]:
        s = desk.open(h.id, MAR)
        s.save_line("5", "11", "ขายข้าว", "5,000")
        s.save_line("6", "31", "ข้าวสาร", "350")
        s.save_line("7", "41", "เหล้า", "120")


def test_statements_pdf_one_page_each_names_only_when_asked(office, tmp_path):
    _entered(office)
    period = Period(MAR, APR)
    path, n = jobs.statements(office.villages[0], period, out=tmp_path / "st.pdf")
    pages = texts(path)
    assert n == len(pages) == 3 and path.name == "st.pdf"
    assert office.households[0].code in pages[0] and "มีนาคม2568" in squash(pages[0])
    assert "5,000.00" in pages[0] and "ข้าวสาร" in squash(pages[0])
    assert not any(squash(h.head_name) in squash(p) for h in office.households for p in pages)
    path, _ = jobs.statements(office.villages[0], period, out=tmp_path / "st.pdf", named=True)
    assert path.name == "st-named.pdf" and squash(office.households[0].head_name) in squash(texts(path)[0])


def test_datacard_pdf(office, tmp_path):
    _entered(office)
    path, _ = jobs.datacard(office.villages[0], Month(2025, 1), MAR, out=tmp_path / "c.pdf")
    (page,) = texts(path)
    page = squash(page)
    assert "บ้านนาน้อย" in page and "มกราคม2568–มีนาคม2568" in page and "10,000.00" in page
    assert "ม.ค.68" in page and "มี.ค.68" in page  # the month chart's labels


def test_plan_pdf_by_actor_and_agency(office, tmp_path):
    plan_store.add_item(
        office.villages[0],
        plan_store.PlanForm(
            title="ถนนเข้าสวน", actor="agency", agency="อบจ.แพร่", fiscal_year="2568", budget_requested="50,000"
        ),
    )
    plan_store.add_item(
        office.villages[0],
        plan_store.PlanForm(title="กลุ่มเลี้ยงไก่", actor="group", fiscal_year="2568", budget_requested="12,000"),
    )
    path, n = jobs.plan("540101", out=tmp_path / "p.pdf")
    (page,) = texts(path)
    page = squash(page)
    assert n == 2
    for text in ("ตามผู้ดำเนินการ", "ตามหน่วยงาน", "หน่วยงานรัฐ", "กลุ่ม/ชุมชนทำร่วมกัน", "อบจ.แพร่", "62,000.00"):
        assert text in page


# ---------------------------------------------------------------- page codes


def test_page_code_parses_as_typed_with_thai_digits_and_kedmanee_layout():
    assert parse_page_code("54010106-39/5 032568") == ("54010106-39/5", MAR)
    assert parse_page_code(" ๕๔๐๑๐๑๐๖-๓๙/๕ ๐๓๒๕๖๘ ") == ("54010106-39/5", MAR)
    kedmanee = "54010106-39/5 032568".translate(str.maketrans("1234567890-/", "ๅ/-ภถุึคตจขฝ"))
    assert parse_page_code(kedmanee) == ("54010106-39/5", MAR)
    for not_code in ("39", "", "54010106-39", "54010106-39 132568", "54010106-39 031900", "นาย"):
        assert parse_page_code(not_code) is None


@settings(max_examples=60, deadline=None)
@given(
    village=st.integers(10_000_001, 99_999_999),
    house=st.from_regex(r"[1-9][0-9]{0,4}(/[1-9][0-9]{0,3})?[ก-ฮ]?", fullmatch=True),
    month=st.integers(1957 * 12, 2100 * 12 + 11),  # B.E. 2500–2643
)
def test_page_code_round_trips(village, house, month):
    m = Month(month // 12, month % 12 + 1)
    code = f"{village}-{house}"
    payload = page_code(code, m)
    assert set(payload) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%")  # Code 39 carries it
    assert parse_page_code(payload) == (code, m)


def test_decoder_refuses_what_is_not_code39():
    with pytest.raises(ValueError):
        decode_bars([(0, 1), (2, 3), (4, 5)])


def test_a_long_name_shrinks_to_its_column(office, tmp_path):
    import pdfplumber

    long_name = "นางสาวประภาพรรณ ศรีสุวรรณวงศ์ไพบูลย์เจริญกิจ ณ อยุธยา"
    h = hh.add_household(
        office.villages[0], hh.HouseholdForm(house_no="99", head_name=long_name, joined_on="1/10/2566")
    )
    path, _ = jobs.forms(office.villages[0], [MAR], out=tmp_path / "f.pdf")
    with pdfplumber.open(path) as pdf:
        page = next(p for p in pdf.pages if h.code in (p.extract_text(use_text_flow=True) or ""))
        name_chars = [
            c for c in page.chars if c["top"] > 30 and c["top"] < 40 * 72 / 25.4 and c["x0"] < 120 * 72 / 25.4
        ]
        village_x = min(
            c["x0"]
            for c in page.chars
            if c["text"] == "ห" and c["x0"] > 118 * 72 / 25.4 and abs(c["top"] - name_chars[-1]["top"]) < 4
        )
    assert max(c["x1"] for c in name_chars) < village_x  # the name ends before the village label
    assert squash(long_name) in squash(texts(path)[-1])
