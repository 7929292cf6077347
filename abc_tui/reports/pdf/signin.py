"""The forum sign-in sheet: the village registry's members in house order with a signature
column, blank rows for walk-ins, and boxes for the women / men / youth head counts."""

from __future__ import annotations

from pathlib import Path

from abc_tui.domain.forums import LEVEL_LABELS
from abc_tui.domain.thai import format_date_be
from abc_tui.reports.pdf.layout import INNER_W, MARGIN, PAGE_H, Document, Progress, pick, write_atomic
from abc_tui.store.printing import SigninRow, SigninSheet, letterhead

L = {
    "title": ("ใบลงชื่อเข้าร่วมเวทีเรียนรู้", "Learning forum sign-in sheet"),
    "date": ("วันที่", "Date"),
    "topic": ("เรื่อง", "Topic"),
    "no": ("ที่", "No."),
    "house": ("บ้านเลขที่", "House"),
    "name": ("ชื่อ–สกุล", "Name"),
    "signature": ("ลายมือชื่อ", "Signature"),
    "walkins": ("ผู้เข้าร่วมอื่น (เขียนชื่อ)", "Others attending (write in)"),
    "women": ("หญิง", "Women"),
    "men": ("ชาย", "Men"),
    "youth": ("เยาวชน (อายุต่ำกว่า 25)", "Youth (under 25)"),
    "counts": ("จำนวนผู้เข้าร่วม (นับเมื่อปิดเวที)", "Head count (at the close of the forum)"),
    "page": ("หน้า {n}", "Page {n}"),
}

ROW_H = 8.0
#: no | house | name | signature (mm)
COLS = (10.0, 22.0, 78.0, 80.0)
WALKIN_ROWS = 12


def _header(doc: Document, sheet: SigninSheet, office: str) -> float:
    lang = doc.lang
    doc.text_at(MARGIN, MARGIN, pick(L["title"], lang), 16, bold=True)
    area = f"{pick(LEVEL_LABELS[sheet.level], lang)} {sheet.area_name} ({sheet.area_code})"
    doc.text_at(MARGIN, MARGIN + 8, f"{area} · {office}", 10)
    day = format_date_be(sheet.day) if sheet.day else "……/……/………"
    line = f"{pick(L['date'], lang)} {day}"
    line += f"   {pick(L['topic'], lang)} {sheet.topic or '…………………………………………'}"
    doc.text_at(MARGIN, MARGIN + 13.5, line, 10)
    return MARGIN + 21


def _heading_row(doc: Document, y: float) -> float:
    x = MARGIN
    doc.set_line_width(0.4)
    for w, key in zip(COLS, ("no", "house", "name", "signature"), strict=True):
        doc.rect(x, y, w, ROW_H)
        doc.text_at(x, y + 2, pick(L[key], doc.lang), 9.5, bold=True, w=w, align="C")
        x += w
    return y + ROW_H


def _row(doc: Document, y: float, n: int | None, row: SigninRow | None) -> float:
    x = MARGIN
    doc.set_line_width(0.2)
    texts = ("" if n is None else str(n), row.house_no if row else "", row.name if row else "", "")
    for w, text in zip(COLS, texts, strict=True):
        doc.rect(x, y, w, ROW_H)
        if text:
            doc.text_at(x + 1.5, y + 2, text, 10, w=w - 3, fit=True)
        x += w
    return y + ROW_H


def _counts(doc: Document, y: float) -> None:
    lang = doc.lang
    doc.text_at(MARGIN, y, pick(L["counts"], lang), 11, bold=True)
    w = (INNER_W - 6) / 3
    for i, key in enumerate(("women", "men", "youth")):
        doc.labelled_box(MARGIN + i * (w + 3), y + 6, w, 14, pick(L[key], lang), size=12)


def write_signin(
    path: Path, sheet: SigninSheet, *, lang: str = "th", progress: Progress | None = None
) -> tuple[Path, int]:
    """Members in house order (a new page, with the heading row, when one is full), then the
    walk-in rows and the count boxes."""
    doc = Document(lang, pick(L["title"], lang))
    office = letterhead(lang).office
    bottom = PAGE_H - MARGIN - 8

    def new_page(table: bool = True) -> float:
        doc.add_page()
        doc.text_at(MARGIN, PAGE_H - MARGIN - 4, pick(L["page"], lang, n=doc.page), 8, w=INNER_W, align="R")
        y = _header(doc, sheet, office)
        return _heading_row(doc, y) if table else y

    y = new_page()
    for n, row in enumerate(sheet.rows, start=1):
        if y + ROW_H > bottom:
            y = new_page()
        y = _row(doc, y, n, row)
        if progress and n % 200 == 0:
            progress(n, len(sheet.rows))
    if y + 8 + 3 * ROW_H > bottom:  # the walk-in heading does not stand alone at a page's foot
        y = new_page(table=False)
    doc.text_at(MARGIN, y + 2.5, pick(L["walkins"], lang), 10, bold=True)
    y = _heading_row(doc, y + 8)
    for _ in range(WALKIN_ROWS):
        if y + ROW_H > bottom:
            y = new_page()
        y = _row(doc, y, None, None)
    if y + 26 > bottom:
        y = new_page(table=False)
    _counts(doc, y + 4)
    if progress:
        progress(len(sheet.rows), len(sheet.rows))
    return write_atomic(doc, path), doc.pages_count
