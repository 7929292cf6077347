"""Household statements: the data goes back to its owners.

For a village and a period, one printable page per household (a member in the
period: joined by its end, not left before its start): income against expense by kind, the top spending items, the avoidable share, and the
debt and savings balances with a 12-month trend. Written as plain text (pages separated by form
feeds, 80 columns, Thai measured by display width) or as an XLSX sheet with a page break after
each household. Like every export, a statement carries no names unless asked for
(``named=True``): without, a household is shown by its code only; with, the file name says
``-named``.

Debt at a month's end = debt at joining + borrowed − repaid up to then (REPORTS.md); savings =
deposited − withdrawn up to then (the programme records no savings at joining).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from peewee import Case, fn

from abc_tui.domain.categories import EXPENSE_KINDS, KIND_TABLE, expense, net
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, format_money
from abc_tui.reports.period import Period
from abc_tui.reports.portable import ordered_expr
from abc_tui.reports.queries import members, pct
from abc_tui.reports.summary import KIND_COLUMNS
from abc_tui.store.models import Area, Category, Household, ReportItem, ReportMonth

TREND_MONTHS = 12
TOP_ITEMS = 5
WIDTH = 78

LABELS: dict[str, tuple[str, str]] = {
    "title": ("ผลบัญชีครัวเรือน", "Household account statement"),
    "household": ("ครัวเรือน", "Household"),
    "village": ("หมู่บ้าน", "Village"),
    "period": ("ช่วงเวลา", "Period"),
    "books": ("ส่งบัญชี {n} จาก {m} เดือน", "Books kept {n} of {m} months"),
    "by_kind": ("รายรับ–รายจ่าย (บาท)", "Income and spending (baht)"),
    **{k.column: (k.th, k.en) for k in KIND_TABLE},
    "avoidable": ("ค่าใช้จ่ายที่ลดได้ (เหล้า บุหรี่ หวย ฟุ่มเฟือย)", "Avoidable (alcohol, tobacco, lottery, luxuries)"),
    "expense": ("รวมรายจ่าย", "Total spending"),
    "net": ("คงเหลือ (รายรับ − รายจ่าย)", "Left over (income − spending)"),
    "top": ("รายจ่ายสูงสุด {n} อันดับ", "Top {n} spending items"),
    "share": ("ส่วนแบ่ง", "share"),
    "no_spending": ("ไม่มีรายจ่ายในช่วงนี้", "No spending in this period"),
    "avoidable_share": (
        "ค่าใช้จ่ายที่ลดได้ {amount} บาท = {pct}% ของรายจ่ายทั้งหมด",
        "Avoidable spending {amount} baht = {pct}% of all spending",
    ),
    "trend": ("หนี้สินและเงินออม สิ้นเดือน (บาท)", "Debt and savings at month end (baht)"),
    "month": ("เดือน", "Month"),
    "debt": ("หนี้สิน", "Debt"),
    "savings": ("เงินออม", "Savings"),
    "footer": (
        "ข้อมูลจากบัญชีครัวเรือนที่ท่านส่ง — ใช้คุยกันในเวทีเรียนรู้ของหมู่บ้าน",
        "From the account book you kept — for the village learning forum",
    ),
}


def label(key: str, lang: str = "th", **fmt: object) -> str:
    th, en = LABELS[key]
    text = en if lang == "en" else th
    return text.format(**fmt) if fmt else text


@dataclass
class TopItem:
    category_code: str
    category_name: str
    item: str
    amount: int
    share: Decimal | None


@dataclass
class Statement:
    """One household's page."""

    household_code: str
    head_name: str
    village_code: str
    village_name: str
    period: Period
    months_with_books: int
    totals: dict[str, int]
    top: list[TopItem] = field(default_factory=list)
    trend: list[tuple[Month, int, int]] = field(default_factory=list)

    @property
    def expense(self) -> int:
        return expense(self.totals)

    @property
    def net(self) -> int:
        return net(self.totals)

    @property
    def avoidable_share(self) -> Decimal | None:
        return pct(self.totals["avoidable"], self.expense)

    @property
    def debt_end(self) -> int:
        return self.trend[-1][1] if self.trend else 0

    @property
    def savings_end(self) -> int:
        return self.trend[-1][2] if self.trend else 0


def statements(
    village_code: str, period: Period, lang: str = "th", *, named: bool = False
) -> list[Statement]:
    """The statements of every member household of ``village_code`` in the period (in code order);
    the head's name only when ``named`` (else ``head_name`` is empty)."""
    village = Area.get_or_none((Area.code == village_code) & (Area.level == "village"))
    if village is None:
        raise AbcError(
            f"ใบแจ้งผลทำได้ทีละหมู่บ้าน (รหัส 8 หลัก): {village_code}",
            f"Statements are made for one village (an 8-digit code): {village_code}",
        )
    cols = list(KIND_COLUMNS)
    trend_months = [period.last.prev(TREND_MONTHS - 1 - i) for i in range(TREND_MONTHS)]
    rm = ReportMonth
    m = members(
        period,
        village_code,
        debt_at=trend_months,
        period_sums={**{c: getattr(rm, c) for c in cols}, "books": Case(None, [(rm.lines > 0, 1)], 0)},
        upto_sums={"s": (trend_months, rm.saved - rm.withdrawn)},
    )
    c = m.c
    households = (
        m.select(
            c.id,
            Household.code,
            Household.head_name,
            c.books,
            *[getattr(c, k) for k in cols],
            *[getattr(c, f"d{k}") for k in range(TREND_MONTHS)],
            *[getattr(c, f"s{k}") for k in range(TREND_MONTHS)],
        )
        .join(Household, on=(Household.id == c.id))
        .order_by(ordered_expr(Household.code))
        .tuples()
    )
    names = {
        code: (en if lang == "en" else th)
        for code, th, en in Category.select(Category.code, Category.name_th, Category.name_en).tuples()
    }
    items: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    ri = ReportItem
    spent_on = (
        ri.select(ri.household_id, ri.category_code, ri.item, fn.SUM(ri.amount))
        .where(
            (ri.village_code == village_code)
            & (ri.month >= period.first.iso())
            & (ri.month <= period.last.iso())
            & ri.category_code.in_(Category.select(Category.code).where(Category.kind.in_(EXPENSE_KINDS)))
        )
        .group_by(ri.household_id, ri.category_code, ri.item)
    )
    for hid, code, item, amount in spent_on.tuples():
        items[hid].append((code, item, int(amount)))
    out = []
    n = len(cols)
    for hid, code, head, with_books, *figures in households:
        totals = {c: int(v) for c, v in zip(cols, figures[:n], strict=True)}
        debt = figures[n : n + TREND_MONTHS]
        saved = figures[n + TREND_MONTHS :]
        trend = [(m, int(d), int(sv)) for m, d, sv in zip(trend_months, debt, saved, strict=True)]
        spent = expense(totals)
        ranked = sorted(items.get(hid, []), key=lambda r: (-r[2], r[0], r[1]))[:TOP_ITEMS]
        top = [TopItem(c, names.get(c, c), i, a, pct(a, spent)) for c, i, a in ranked]
        out.append(
            Statement(
                code,
                head if named else "",
                village_code,
                village.name,
                period,
                int(with_books),
                totals,
                top,
                trend,
            )
        )
    return out


# ---------------------------------------------------------------- text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal or a monospaced printout (Thai marks take none)."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 for ch in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text


def _money(satang: int) -> str:
    return format_money(satang)


def _who(s: Statement) -> str:
    """The household's code, and the head's name when the statements are named."""
    return f"{s.household_code}  {s.head_name}" if s.head_name else s.household_code


def render_text(s: Statement, lang: str = "th") -> str:
    """One statement as a printable page of at most :data:`WIDTH` columns."""
    lines = [
        label("title", lang),
        "=" * WIDTH,
        f"{label('household', lang)}: {_who(s)}",
        f"{label('village', lang)}: {s.village_code}  {s.village_name}",
        f"{label('period', lang)}: {s.period.label() if lang == 'th' else s.period.first.iso() + ' – ' + s.period.last.iso()}"
        f"   ({label('books', lang, n=s.months_with_books, m=s.period.months)})",
        "",
        label("by_kind", lang),
    ]
    rows = [
        ("income", s.totals["income"]),
        ("production", s.totals["production"]),
        ("consumption", s.totals["consumption"]),
        ("avoidable", s.totals["avoidable"]),
        ("interest", s.totals["interest"]),
        ("expense", s.expense),
        ("net", s.net),
        (None, None),
        ("borrowed", s.totals["borrowed"]),
        ("repaid", s.totals["repaid"]),
        ("saved", s.totals["saved"]),
        ("withdrawn", s.totals["withdrawn"]),
    ]
    for key, value in rows:
        if key is None:
            lines.append("")
            continue
        lines.append("  " + _ljust(label(key, lang), 52) + _rjust(_money(value), 20))
    lines += ["", label("top", lang, n=TOP_ITEMS)]
    if not s.top:
        lines.append("  " + label("no_spending", lang))
    for i, t in enumerate(s.top, start=1):
        what = f"{t.item} ({t.category_name})" if t.item else t.category_name
        share = f"{t.share}%" if t.share is not None else ""
        cut = what
        while display_width(cut) > 46:
            cut = cut[:-1]
        lines.append(f"  {i}. " + _ljust(cut, 47) + _rjust(_money(t.amount), 14) + _rjust(share, 9))
    if s.avoidable_share is not None:
        lines += [
            "",
            label("avoidable_share", lang, amount=_money(s.totals["avoidable"]), pct=s.avoidable_share),
        ]
    lines += ["", label("trend", lang)]
    lines.append(
        "  "
        + _ljust(label("month", lang), 12)
        + _rjust(label("debt", lang), 16)
        + _rjust(label("savings", lang), 16)
    )
    top_debt = max((d for _, d, _ in s.trend), default=0)
    for m, debt, savings in s.trend:
        bar = "█" * (round(20 * debt / top_debt) if top_debt > 0 and debt > 0 else 0)
        name = m.thai_label() if lang == "th" else m.iso()
        lines.append(
            "  " + _ljust(name, 12) + _rjust(_money(debt), 16) + _rjust(_money(savings), 16) + "  " + bar
        )
    lines += ["", label("footer", lang)]
    return "\n".join(lines) + "\n"


def write_text(path: Path, items: list[Statement], lang: str = "th") -> None:
    """Every statement, one page each (form feed between pages), UTF-8 with BOM for Notepad."""
    from abc_tui.reports.export import atomic_file

    with atomic_file(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="\r\n") as f:
        f.write("\f".join(render_text(s, lang) for s in items))


# ---------------------------------------------------------------- xlsx


def write_xlsx(path: Path, items: list[Statement], lang: str = "th") -> None:
    """Every statement on one sheet, a page break after each household; numbers are numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.pagebreak import Break

    from abc_tui.reports.export import atomic_file, xlsx_text

    wb = Workbook()
    ws = wb.active
    ws.title = "statements"
    ws.column_dimensions["A"].width = 48
    for col in "BCD":
        ws.column_dimensions[col].width = 16
    bold = Font(bold=True)

    def money(row: int, col: int, satang: int) -> None:
        cell = ws.cell(row=row, column=col, value=Decimal(satang).scaleb(-2))
        cell.number_format = "#,##0.00"

    r = 1
    for s in items:
        ws.cell(row=r, column=1, value=label("title", lang)).font = bold
        ws.cell(row=r + 1, column=1, value=xlsx_text(_who(s)))
        ws.cell(row=r + 2, column=1, value=xlsx_text(f"{s.village_code}  {s.village_name}"))
        ws.cell(row=r + 3, column=1, value=s.period.label())
        ws.cell(row=r + 3, column=2, value=label("books", lang, n=s.months_with_books, m=s.period.months))
        r += 5
        ws.cell(row=r, column=1, value=label("by_kind", lang)).font = bold
        r += 1
        for key in ("income", "production", "consumption", "avoidable", "interest"):
            ws.cell(row=r, column=1, value=label(key, lang))
            money(r, 2, s.totals[key])
            r += 1
        for key, value in (("expense", s.expense), ("net", s.net)):
            ws.cell(row=r, column=1, value=label(key, lang)).font = bold
            money(r, 2, value)
            r += 1
        for key in ("borrowed", "repaid", "saved", "withdrawn"):
            ws.cell(row=r, column=1, value=label(key, lang))
            money(r, 2, s.totals[key])
            r += 1
        r += 1
        ws.cell(row=r, column=1, value=label("top", lang, n=TOP_ITEMS)).font = bold
        r += 1
        for t in s.top:
            ws.cell(
                row=r,
                column=1,
                value=xlsx_text(f"{t.item} ({t.category_name})" if t.item else t.category_name),
            )
            money(r, 2, t.amount)
            if t.share is not None:
                ws.cell(row=r, column=3, value=t.share).number_format = "0.0"
            r += 1
        if s.avoidable_share is not None:
            ws.cell(row=r, column=1, value=label("avoidable", lang))
            ws.cell(row=r, column=3, value=s.avoidable_share).number_format = "0.0"
            r += 1
        r += 1
        ws.cell(row=r, column=1, value=label("trend", lang)).font = bold
        ws.cell(row=r, column=2, value=label("debt", lang)).font = bold
        ws.cell(row=r, column=3, value=label("savings", lang)).font = bold
        r += 1
        for m, debt, savings in s.trend:
            ws.cell(row=r, column=1, value=m.thai_label() if lang == "th" else m.iso())
            money(r, 2, debt)
            money(r, 3, savings)
            r += 1
        ws.row_breaks.append(Break(id=r))
        r += 1
    with atomic_file(path) as tmp:
        wb.save(tmp)


def export_statements(
    village_code: str,
    period: Period,
    *,
    fmt: str = "txt",
    out: Path | None = None,
    lang: str = "th",
    named: bool = False,
) -> tuple[Path, int]:
    """Write the village's statements (names only when ``named``; the file name then says
    ``-named``); return the file and the number of households."""
    from abc_tui.reports.export import default_path, named_path

    if fmt not in ("txt", "xlsx"):
        raise AbcError(
            f"ใบแจ้งผลเขียนได้เป็น txt หรือ xlsx: {fmt}", f"Statements are written as txt or xlsx: {fmt}"
        )
    items = statements(village_code, period, lang, named=named)
    path = (
        named_path(out, named) if out else default_path("statements", period, village_code, fmt, named=named)
    )
    if fmt == "txt":
        write_text(path, items, lang)
    else:
        write_xlsx(path, items, lang)
    return path, len(items)
