"""The household account book on paper: one entry page per household per month (``print
forms``), or a bound book of several months per household (``print book``: a cover, then for each
month the entry page and a summary page).

The entry page follows the books Thai households already keep: date | item | income | expense,
with a narrow box for the category code at the start of each line, the office's code legend at
the top, and boxes for the page's two totals at the bottom (the clerk's two control totals).
Each entry page carries a Code 39 barcode of the household code and month
(:mod:`abc_tui.domain.pagecode`), which a scanner types into the ledger screen to open that page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from abc_tui.domain.categories import KIND_LABELS
from abc_tui.domain.pagecode import page_code
from abc_tui.domain.thai import Month
from abc_tui.reports.pdf.layout import (
    BARCODE_H,
    INNER_W,
    MARGIN,
    PAGE_H,
    PAGE_W,
    Document,
    Progress,
    barcode_width,
    month_label,
    pick,
    village_label,
    write_atomic,
)
from abc_tui.store.printing import FormHousehold, Letterhead, chart, form_households, letterhead

L = {
    "title": ("บัญชีรับ–จ่ายครัวเรือน", "Household income and expense account"),
    "book": ("สมุดบัญชีครัวเรือน", "Household account book"),
    "summary": ("สรุปประจำเดือน", "Month summary"),
    "village": ("หมู่บ้าน", "Village"),
    "house": ("บ้านเลขที่", "House no."),
    "code": ("รหัสครัวเรือน", "Household code"),
    "head": ("หัวหน้าครัวเรือน", "Head of household"),
    "members": ("จำนวนสมาชิก", "Members"),
    "month": ("เดือน", "Month"),
    "months": ("เดือนที่บันทึก", "Months"),
    "legend": ('รหัสหมวด (เขียนในช่อง "รหัส")', 'Category codes (write one in the "code" box)'),
    "col_code": ("รหัส", "Code"),
    "col_day": ("วันที่", "Day"),
    "col_item": ("รายการ", "Item"),
    "col_income": ("รายรับ (บาท)", "Income (baht)"),
    "col_expense": ("รายจ่าย (บาท)", "Expense (baht)"),
    "page_total": ("รวมหน้านี้", "Page total"),
    "total_income": ("รวมรายรับ", "Total income"),
    "total_expense": ("รวมรายจ่าย", "Total expense"),
    "left": ("คงเหลือ (รายรับ − รายจ่าย)", "Left over (income − expense)"),
    "saved": ("ฝากเงินออม", "Saved"),
    "withdrawn": ("ถอนเงินออม", "Withdrawn"),
    "savings": ("เงินออมสิ้นเดือน", "Savings at month end"),
    "borrowed": ("กู้ยืม", "Borrowed"),
    "repaid": ("ชำระหนี้", "Debt repaid"),
    "debt": ("หนี้สินสิ้นเดือน", "Debt at month end"),
    "remarks": ("ข้อสังเกตและคำถามของครัวเรือน", "The household's own remarks and questions"),
    "hint": (
        "เขียนหนึ่งรายการต่อบรรทัด ใส่รหัสหมวดในช่องแรก แล้วรวมยอดรายรับและรายจ่ายในช่องด้านล่าง",
        "One item a line, its category code in the first box; add up income and expense in the boxes below",
    ),
    "blank": ("ครัวเรือนใหม่ (เขียนเอง)", "New household (write in)"),
    "keep": (
        "เก็บสมุดนี้ไว้ที่บ้าน ส่งหน้าบันทึกให้อาสาสมัครทุกสิ้นเดือน",
        "Keep this book at home; hand each month's entry page to the volunteer at month end",
    ),
}

ROWS = 26
ROW_H = 6.6
#: Table columns: code | day | item | income | expense (mm).
COLS = (12.0, 12.0, 100.0, 33.0, 33.0)


def _head(doc: Document, lh: Letterhead, title: str) -> None:
    doc.text_at(MARGIN, MARGIN, title, 16, bold=True)
    doc.text_at(MARGIN, MARGIN + 8, lh.office, 10)
    doc.text_at(MARGIN, MARGIN + 12.5, lh.address, 9)


def _household_lines(doc: Document, h: FormHousehold | None, month: Month | None, y: float) -> float:
    """Village, house, code and head (or blanks to write them in), the month on the right."""
    lang = doc.lang
    if month is not None:
        doc.text_at(
            PAGE_W - MARGIN - 70,
            y,
            f"{pick(L['month'], lang)} {month_label(month, lang)}",
            13,
            bold=True,
            w=70,
            align="R",
        )
    if h is None:
        doc.text_at(MARGIN, y, pick(L["blank"], lang), 10, bold=True)
        y += 6.5
        for x, key in ((MARGIN, "village"), (MARGIN + 65, "house"), (MARGIN + 110, "head")):
            doc.text_at(x, y, pick(L[key], lang) + " ……………………", 10)
        return y + 6.5
    village = village_label(h.village_code, h.village_name, lang)
    doc.text_at(MARGIN, y, f"{pick(L['code'], lang)}: {h.code}", 11, bold=True)
    doc.text_at(MARGIN + 75, y, f"{pick(L['house'], lang)}: {h.house_no}", 10)
    y += 6.5
    doc.text_at(MARGIN, y, f"{pick(L['head'], lang)}: {h.head_name}", 11, bold=True, w=108, fit=True)
    doc.text_at(MARGIN + 110, y, f"{pick(L['village'], lang)}: {village}", 10, w=INNER_W - 110, fit=True)
    return y + 6.5


def _legend(doc: Document, codes: Sequence[tuple[str, str, str]], y: float) -> float:
    """The chart in four columns, each kind under its heading; returns the y below it."""
    lang = doc.lang
    doc.text_at(MARGIN, y, pick(L["legend"], lang), 9, bold=True)
    y += 4.5
    entries: list[tuple[bool, str]] = []
    kind = None
    for code, k, name in codes:
        if k != kind:
            kind = k
            entries.append((True, pick(KIND_LABELS.get(k, (k, k)), lang)))
        entries.append((False, f"{code}  {name}"))
    per_col = -(-len(entries) // 4) + 1
    col_w, line_h = INNER_W / 4, 3.3
    col = row = 0
    for heading, text in entries:
        if row >= per_col or (heading and row == per_col - 1):  # no heading alone at a column's foot
            col, row = col + 1, 0
        doc.text_at(MARGIN + col * col_w, y + row * line_h, text, 7.5, bold=heading, w=col_w - 1)
        row += 1
    y += per_col * line_h + 1.5
    doc.set_line_width(0.2)
    doc.line(MARGIN, y, PAGE_W - MARGIN, y)
    return y + 2


def _table(doc: Document, y: float) -> None:
    """The ruled entry table and, under it, the page's income and expense total boxes."""
    lang = doc.lang
    xs = [MARGIN]
    for w in COLS:
        xs.append(xs[-1] + w)
    head_h = 7.0
    doc.set_line_width(0.4)
    doc.rect(MARGIN, y, INNER_W, head_h + ROWS * ROW_H)
    for i, key in enumerate(("col_code", "col_day", "col_item", "col_income", "col_expense")):
        doc.text_at(xs[i], y + 1.5, pick(L[key], lang), 9, bold=True, w=COLS[i], align="C")
    doc.line(MARGIN, y + head_h, PAGE_W - MARGIN, y + head_h)
    top, bottom = y + head_h, y + head_h + ROWS * ROW_H
    doc.set_line_width(0.15)
    for r in range(1, ROWS):
        doc.line(MARGIN, top + r * ROW_H, PAGE_W - MARGIN, top + r * ROW_H)
    doc.set_line_width(0.3)
    for x in xs[1:-1]:
        doc.line(x, y, x, bottom)
    # The page totals: two boxes under the money columns.
    y = bottom + 2
    box_h = 10.0
    doc.text_at(xs[2], y + 3, pick(L["page_total"], lang), 11, bold=True, w=COLS[2] - 3, align="R")
    doc.set_line_width(0.8)
    doc.rect(xs[3], y, COLS[3], box_h)
    doc.rect(xs[4], y, COLS[4], box_h)
    doc.text_at(xs[3] + 1, y + 0.8, pick(L["total_income"], lang), 7)
    doc.text_at(xs[4] + 1, y + 0.8, pick(L["total_expense"], lang), 7)
    doc.text_at(MARGIN, PAGE_H - MARGIN - 4, pick(L["hint"], lang), 8)


def entry_page(
    doc: Document,
    lh: Letterhead,
    codes: Sequence[tuple[str, str, str]],
    h: FormHousehold | None,
    month: Month | None,
) -> None:
    """One page of the book: header, barcode (household pages), legend, ruled table, totals."""
    doc.add_page()
    doc.stamp("head", lambda: _head(doc, lh, pick(L["title"], doc.lang)))
    if h is not None and month is not None:
        payload = page_code(h.code, month)
        doc.barcode(payload, PAGE_W - MARGIN - barcode_width(payload), MARGIN - 2)
    y = _household_lines(doc, h, month, MARGIN + BARCODE_H + 8)
    doc.stamp(("body", y), lambda: _table(doc, _legend(doc, codes, y + 1)))


def summary_page(doc: Document, lh: Letterhead, h: FormHousehold, month: Month) -> None:
    """The month's summary the household fills in: totals, savings, debt, and its own remarks."""
    lang = doc.lang
    doc.add_page()
    _head(doc, lh, f"{pick(L['summary'], lang)} {month_label(month, lang)}")
    y = _household_lines(doc, h, None, MARGIN + 22)
    boxes = (
        ("total_income", "total_expense", "left"),
        ("saved", "withdrawn", "savings"),
        ("borrowed", "repaid", "debt"),
    )
    w, bh = INNER_W / 3 - 2, 16.0
    for row in boxes:
        for i, key in enumerate(row):
            doc.labelled_box(MARGIN + i * (w + 3), y, w, bh, pick(L[key], lang), size=12)
        y += bh + 4
    doc.text_at(MARGIN, y + 2, pick(L["remarks"], lang), 12, bold=True)
    y += 9
    doc.set_line_width(0.5)
    doc.rect(MARGIN, y, INNER_W, PAGE_H - MARGIN - 6 - y)
    doc.set_line_width(0.15)
    line = y + 9.0
    while line < PAGE_H - MARGIN - 8:
        doc.line(MARGIN + 3, line, PAGE_W - MARGIN - 3, line)
        line += 9.0


def cover_page(doc: Document, lh: Letterhead, h: FormHousehold, months: Sequence[Month]) -> None:
    lang = doc.lang
    doc.add_page()
    doc.text_at(MARGIN, 60, pick(L["book"], lang), 26, bold=True, w=INNER_W, align="C")
    doc.text_at(MARGIN, 75, lh.office, 14, w=INNER_W, align="C")
    doc.text_at(MARGIN, 83, lh.address, 12, w=INNER_W, align="C")
    y = 110.0
    village = village_label(h.village_code, h.village_name, lang)
    span = f"{month_label(months[0], lang)} – {month_label(months[-1], lang)}" if months else ""
    for key, value in (
        ("code", h.code),
        ("head", h.head_name),
        ("house", h.house_no),
        ("village", village),
        ("members", str(h.members_count)),
        ("months", span),
    ):
        doc.text_at(40, y, pick(L[key], lang), 13)
        doc.text_at(95, y, value, 14, bold=key in ("code", "head"), w=PAGE_W - 30 - 95, fit=True)
        y += 10
    doc.box(30, 100, PAGE_W - 60, y - 95, 0.6)
    doc.text_at(MARGIN, PAGE_H - 40, pick(L["keep"], lang), 11, w=INNER_W, align="C")


def write_forms(
    path: Path,
    area_code: str,
    months: Sequence[Month],
    *,
    blank: int = 0,
    lang: str = "th",
    progress: Progress | None = None,
) -> tuple[Path, int]:
    """One entry page per household per month (household by household, months in order), then
    ``blank`` pages without a household; returns the file and its page count."""
    households = form_households(area_code)
    lh, codes = letterhead(lang), chart(lang)
    doc = Document(lang, pick(L["title"], lang))
    total = len(households) * len(months) + blank * len(months)
    done = 0
    for h in households:
        for m in months:
            entry_page(doc, lh, codes, h, m)
            done += 1
        if progress:
            progress(done, total)
    for m in months:
        for _ in range(blank):
            entry_page(doc, lh, codes, None, m)
            done += 1
    if progress:
        progress(done, total)
    return write_atomic(doc, path), doc.pages_count


def write_book(
    path: Path, area_code: str, months: Sequence[Month], *, lang: str = "th", progress: Progress | None = None
) -> tuple[Path, int]:
    """Each household's book: its cover, then per month the entry page and the summary page."""
    households = form_households(area_code)
    lh, codes = letterhead(lang), chart(lang)
    doc = Document(lang, pick(L["book"], lang))
    for i, h in enumerate(households, start=1):
        cover_page(doc, lh, h, months)
        for m in months:
            entry_page(doc, lh, codes, h, m)
            summary_page(doc, lh, h, m)
        if progress:
            progress(i, len(households))
    return write_atomic(doc, path), doc.pages_count
