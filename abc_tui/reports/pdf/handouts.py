"""A4 handouts for the forum: household statements (one page each), the village data card with
bar charts drawn as vector shapes, and the plan's demand–supply summary by actor and agency.

The figures come from the same services the screens use (``reports.statements``,
``reports.datacard``, ``store.plan``); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from abc_tui.domain.categories import EXPENSE_KINDS, KIND_LABELS, KIND_TABLE
from abc_tui.domain.forums import ACTOR_LABELS
from abc_tui.domain.thai import format_money
from abc_tui.reports.datacard import DataCard
from abc_tui.reports.pdf.layout import (
    INNER_W,
    MARGIN,
    PAGE_H,
    PAGE_W,
    Document,
    Progress,
    month_label,
    pick,
    village_label,
    write_atomic,
)
from abc_tui.reports.statements import TOP_ITEMS, Statement
from abc_tui.reports.statements import label as st_label
from abc_tui.store.plan import TotalRow
from abc_tui.store.printing import letterhead

L = {
    "card": ("ข้อมูลบัญชีครัวเรือนของหมู่บ้าน", "Village household-account data card"),
    "reporting": ("ครัวเรือนส่งบัญชี {n} จาก {m} ครัวเรือน", "{n} of {m} registered households kept accounts"),
    "income": ("รายรับรวม", "Total income"),
    "expense": ("รายจ่ายรวม", "Total expense"),
    "net": ("คงเหลือ (รายรับ − รายจ่าย)", "Left over (income − expense)"),
    "avoidable_share": ("ค่าใช้จ่ายที่ลดได้ {pct}% ของรายจ่าย", "Avoidable spending is {pct}% of expense"),
    "monthly": ("รายรับ–รายจ่ายรายเดือน (บาท)", "Income and expense by month (baht)"),
    "top": ("รายจ่ายสูงสุด {n} อันดับ", "Top {n} spending items"),
    "households": ("{n} ครัวเรือน", "{n} households"),
    "debt": ("หนี้สินของครัวเรือน", "Household debt"),
    "debt_households": ("ครัวเรือนมีหนี้ {start} → {end}", "Households in debt {start} → {end}"),
    "debt_reduced": (
        "หนี้ลดลง {reduced} ครัวเรือน (ปลดหนี้ได้ {cleared})",
        "Debt reduced in {reduced} households ({cleared} cleared)",
    ),
    "debt_total": ("หนี้รวมสิ้นเดือน (บาท)", "Total debt at month end (baht)"),
    "empty": ("ยังไม่มีบัญชีที่บันทึกในช่วงนี้", "No accounts entered for this period"),
    "plan": ("แผนชุมชน: ความต้องการกับงบประมาณ", "Community plan: demand and supply"),
    "by_actor": ("ตามผู้ดำเนินการ", "By who acts"),
    "by_agency": ("ตามหน่วยงาน", "By agency"),
    "col_who": ("ผู้ดำเนินการ", "Who acts"),
    "col_agency": ("หน่วยงาน", "Agency"),
    "col_items": ("รายการ", "Items"),
    "col_requested": ("ขอ (บาท)", "Requested (baht)"),
    "col_approved": ("อนุมัติ (บาท)", "Approved (baht)"),
    "col_gap": ("ส่วนขาด (บาท)", "Gap (baht)"),
    "col_pct": ("%", "%"),
    "total": ("รวม", "Total"),
    "no_agency": ("(ไม่ระบุ)", "(none)"),
    "legend_requested": ("ขอ", "requested"),
    "legend_approved": ("อนุมัติ", "approved"),
    "none": ("ยังไม่มีรายการในแผน", "No plan items yet"),
    "scope": ("พื้นที่: {area}", "Area: {area}"),
}


def _baht(satang: int) -> str:
    return format_money(satang)


def _hbar(
    doc: Document, x: float, y: float, value: int, top: int, width: float, h: float = 3.2, filled: bool = True
) -> None:
    """A horizontal bar ``value/top`` of ``width`` (filled black, or an outline for a second series)."""
    if value <= 0 or top <= 0:
        return
    w = max(0.4, width * min(value, top) / top)
    doc.set_line_width(0.3)
    doc.rect(x, y, w, h, "F" if filled else "D")


def _money_rows(
    doc: Document,
    y: float,
    rows: Sequence[tuple[str, int, bool]],
    bar_top: int,
    bar_x: float = 120.0,
    bar_w: float = 70.0,
) -> float:
    for text, value, bold in rows:
        doc.text_at(MARGIN + 2, y, text, 10.5, bold=bold, w=75)
        doc.text_at(MARGIN + 75, y, _baht(value), 10.5, bold=bold, w=32, align="R")
        if bar_top:
            _hbar(doc, bar_x, y + 0.8, value, bar_top, bar_w)
        y += 6
    return y


# ---------------------------------------------------------------- statements


def statement_page(doc: Document, s: Statement, office: str) -> None:
    lang = doc.lang
    doc.add_page()
    doc.text_at(MARGIN, MARGIN, st_label("title", lang), 16, bold=True)
    doc.text_at(MARGIN, MARGIN + 8, office, 10)
    doc.text_at(
        MARGIN,
        MARGIN + 15,
        f"{st_label('household', lang)}: {s.household_code}  {s.head_name}",
        12,
        bold=True,
        w=INNER_W,
        fit=True,
    )
    village = village_label(s.village_code, s.village_name, lang)
    doc.text_at(MARGIN, MARGIN + 22, f"{st_label('village', lang)}: {village}", 10.5)
    period = f"{month_label(s.period.first, lang)} – {month_label(s.period.last, lang)}"
    books = st_label("books", lang, n=s.months_with_books, m=s.period.months)
    doc.text_at(MARGIN, MARGIN + 28, f"{st_label('period', lang)}: {period}   ({books})", 10.5)
    y = MARGIN + 37
    doc.text_at(MARGIN, y, st_label("by_kind", lang), 12, bold=True)
    y += 7
    t = s.totals
    top = max(t["income"], s.expense, 1)
    rows = [(st_label(k.column, lang), t[k.column], False) for k in KIND_TABLE if k.net]
    rows[0] = (rows[0][0], rows[0][1], True)
    rows += [(st_label("expense", lang), s.expense, True), (st_label("net", lang), s.net, True)]
    y = _money_rows(doc, y, rows, top)
    y += 2
    moves = [k.column for k in KIND_TABLE if not k.net]  # borrowed, repaid, saved, withdrawn
    top2 = max(*(t[k] for k in moves), 1)
    y = _money_rows(doc, y, [(st_label(k, lang), t[k], False) for k in moves], top2)
    y += 4
    doc.text_at(MARGIN, y, st_label("top", lang, n=TOP_ITEMS), 12, bold=True)
    y += 7
    if not s.top:
        doc.text_at(MARGIN + 2, y, st_label("no_spending", lang), 10.5)
        y += 6
    best = s.top[0].amount if s.top else 1
    for i, item in enumerate(s.top, start=1):
        what = f"{item.item} ({item.category_name})" if item.item else item.category_name
        doc.text_at(MARGIN + 2, y, f"{i}. {what}", 10.5, w=73, fit=True)
        doc.text_at(MARGIN + 75, y, _baht(item.amount), 10.5, w=32, align="R")
        if item.share is not None:
            doc.text_at(MARGIN + 108, y, f"{item.share}%", 9, w=12)
        _hbar(doc, 132, y + 0.8, item.amount, best, 58)
        y += 6
    if s.avoidable_share is not None:
        y += 2
        doc.text_at(
            MARGIN,
            y,
            st_label("avoidable_share", lang, amount=_baht(t["avoidable"]), pct=s.avoidable_share),
            10.5,
            bold=True,
        )
        y += 7
    y += 3
    doc.text_at(MARGIN, y, st_label("trend", lang), 12, bold=True)
    doc.set_line_width(0.3)
    doc.rect(130, y + 1, 3, 3, "F")
    doc.text_at(134, y, st_label("debt", lang), 9)
    doc.rect(160, y + 1, 3, 3, "D")
    doc.text_at(164, y, st_label("savings", lang), 9)
    y += 7
    top3 = max([d for _, d, _ in s.trend] + [sv for _, _, sv in s.trend] + [1])
    for m, debt, savings in s.trend:
        if y > PAGE_H - MARGIN - 16:
            break
        doc.text_at(MARGIN + 2, y, m.thai_label() if lang == "th" else m.be_label(), 9.5, w=22)
        doc.text_at(MARGIN + 24, y, _baht(debt), 9.5, w=30, align="R")
        doc.text_at(MARGIN + 55, y, _baht(savings), 9.5, w=30, align="R")
        _hbar(doc, 100, y + 0.4, debt, top3, 90, h=2.0)
        _hbar(doc, 100, y + 2.6, savings, top3, 90, h=2.0, filled=False)
        y += 5.4
    doc.text_at(MARGIN, PAGE_H - MARGIN - 5, st_label("footer", lang), 9)


def write_statements_pdf(
    path: Path, items: Sequence[Statement], *, lang: str = "th", progress: Progress | None = None
) -> Path:
    """Every statement on its own A4 page."""
    doc = Document(lang, st_label("title", lang))
    office = letterhead(lang).office
    for i, s in enumerate(items, start=1):
        statement_page(doc, s, office)
        if progress and i % 10 == 0:
            progress(i, len(items))
    if not items:
        doc.add_page()
    return write_atomic(doc, path)


# ---------------------------------------------------------------- data card


def _month_chart(doc: Document, card: DataCard, x: float, y: float, w: float, h: float) -> None:
    """Income (filled) and expense (outlined) bars side by side for each month, a baseline and labels."""
    months = card.months
    if not months:
        return
    top = max([m.income for m in months] + [m.expense for m in months] + [1])
    slot = w / len(months)
    bw = min(8.0, slot / 2.6)
    doc.set_line_width(0.3)
    doc.line(x, y + h, x + w, y + h)
    for i, m in enumerate(months):
        cx = x + i * slot + slot / 2
        for j, (value, filled) in enumerate(((m.income, True), (m.expense, False))):
            bh = h * value / top if value > 0 else 0
            if bh > 0:
                doc.rect(cx - bw + j * bw, y + h - bh, bw, bh, "F" if filled else "D")
        doc.text_at(
            cx - slot / 2,
            y + h + 1,
            m.month.short_label() if doc.lang == "th" else m.month.be_label(),
            8,
            w=slot,
            align="C",
        )
    doc.text_at(x, y - 5, f"{_baht(top)}", 7.5)


def write_datacard_pdf(path: Path, card: DataCard, *, lang: str = "th") -> Path:
    """The data card of one village and period as an A4 handout."""
    doc = Document(lang, pick(L["card"], lang))
    doc.add_page()
    lh = letterhead(lang)
    village = village_label(card.village_code, card.village_name, lang)
    doc.text_at(MARGIN, MARGIN, pick(L["card"], lang), 16, bold=True)
    doc.text_at(MARGIN, MARGIN + 8, f"{lh.office} · {lh.address}", 9.5)
    doc.text_at(
        MARGIN,
        MARGIN + 15,
        f"{village}   {month_label(card.first, lang)} – {month_label(card.last, lang)}",
        13,
        bold=True,
    )
    doc.text_at(
        MARGIN,
        MARGIN + 22,
        pick(L["reporting"], lang, n=card.households_reporting, m=card.households_registered),
        10.5,
    )
    y = MARGIN + 31
    if not card.income and not card.expense:
        doc.text_at(MARGIN, y, pick(L["empty"], lang), 11, bold=True)
        y += 8
    top = max(card.income, card.expense, 1)
    rows = [(pick(L["income"], lang), card.income, True), (pick(L["expense"], lang), card.expense, True)]
    rows += [("   " + pick(KIND_LABELS[k], lang), card.by_kind.get(k, 0), False) for k in EXPENSE_KINDS]
    y = _money_rows(doc, y, rows, top)
    doc.text_at(MARGIN + 2, y, pick(L["net"], lang), 10.5, bold=True, w=75)
    doc.text_at(MARGIN + 75, y, _baht(card.net), 10.5, bold=True, w=32, align="R")
    y += 6
    if card.avoidable_share_pct is not None:
        doc.text_at(
            MARGIN + 2, y, pick(L["avoidable_share"], lang, pct=f"{card.avoidable_share_pct:.1f}"), 10.5
        )
        y += 6
    y += 4
    doc.text_at(MARGIN, y, pick(L["monthly"], lang), 12, bold=True)
    doc.set_line_width(0.3)
    doc.rect(130, y + 1, 3, 3, "F")
    doc.text_at(134, y, pick(L["income"], lang), 9)
    doc.rect(160, y + 1, 3, 3, "D")
    doc.text_at(164, y, pick(L["expense"], lang), 9)
    y += 12
    _month_chart(doc, card, MARGIN + 5, y, INNER_W - 10, 45)
    y += 56
    doc.text_at(MARGIN, y, pick(L["top"], lang, n=len(card.top_items)), 12, bold=True)
    y += 7
    best = card.top_items[0].amount if card.top_items else 1
    for i, item in enumerate(card.top_items, start=1):
        doc.text_at(MARGIN + 2, y, f"{i}. {item.label(lang)}", 10.5, w=70, fit=True)
        doc.text_at(MARGIN + 72, y, _baht(item.amount), 10.5, w=30, align="R")
        share = "" if item.share_pct is None else f"{item.share_pct:.1f}%"
        doc.text_at(MARGIN + 104, y, share, 9, w=14)
        doc.text_at(MARGIN + 118, y, pick(L["households"], lang, n=item.households), 8.5, w=24)
        _hbar(doc, 155, y + 0.8, item.amount, best, 45)
        y += 6
    start, end = card.debt_start, card.debt_end
    if start and end:
        y += 4
        doc.text_at(MARGIN, y, pick(L["debt"], lang), 12, bold=True)
        y += 7
        doc.text_at(
            MARGIN + 2,
            y,
            pick(L["debt_households"], lang, start=start.households_in_debt, end=end.households_in_debt)
            + " · "
            + pick(
                L["debt_reduced"],
                lang,
                reduced=card.households_debt_reduced,
                cleared=card.households_debt_cleared,
            ),
            10.5,
        )
        y += 7
        doc.text_at(MARGIN + 2, y, pick(L["debt_total"], lang), 10, bold=True)
        y += 6
        dtop = max([p.total_debt for p in card.debt] + [1])
        for p in card.debt:
            if y > PAGE_H - MARGIN - 8:
                break
            doc.text_at(MARGIN + 2, y, p.day.strftime("%d/%m/") + str(p.day.year + 543), 9, w=25)
            doc.text_at(MARGIN + 27, y, _baht(p.total_debt), 9, w=32, align="R")
            _hbar(doc, 75, y + 0.6, p.total_debt, dtop, 115, h=2.6)
            y += 4.6
    return write_atomic(doc, path)


# ---------------------------------------------------------------- plan


def _totals_table(
    doc: Document, y: float, title: str, who: str, rows: Sequence[TotalRow], overall: TotalRow, name_of
) -> float:
    lang = doc.lang
    doc.text_at(MARGIN, y, title, 12, bold=True)
    y += 7
    cols = (
        (who, 40, "L"),
        (pick(L["col_items"], lang), 13, "R"),
        (pick(L["col_requested"], lang), 27, "R"),
        (pick(L["col_approved"], lang), 27, "R"),
        (pick(L["col_gap"], lang), 27, "R"),
        (pick(L["col_pct"], lang), 9, "R"),
    )
    x = MARGIN
    for text, w, align in cols:
        doc.text_at(x, y, text, 9, bold=True, w=w, align=align)
        x += w
    y += 5.5
    doc.set_line_width(0.3)
    doc.line(MARGIN, y, PAGE_W - MARGIN, y)
    y += 1.5
    top = max([r.requested for r in rows] + [1])
    bar_x = MARGIN + sum(w for _, w, _ in cols) + 2
    bar_w = PAGE_W - MARGIN - bar_x
    for r in [*rows, overall]:
        if y > PAGE_H - MARGIN - 12:
            break
        is_total = r is overall
        pct = r.approved_pct
        values = (
            name_of(r) if not is_total else pick(L["total"], lang),
            str(r.items),
            _baht(r.requested),
            _baht(r.approved),
            _baht(r.gap),
            "" if pct is None else f"{pct:.0f}",
        )
        x = MARGIN
        for (_, w, align), text in zip(cols, values, strict=True):
            doc.text_at(x, y, text, 9.5, bold=is_total, w=w, align=align)
            x += w
        if not is_total:
            _hbar(doc, bar_x, y + 0.3, r.requested, top, bar_w, h=2.0, filled=False)
            _hbar(doc, bar_x, y + 2.5, r.approved, top, bar_w, h=2.0)
        y += 6
    return y + 4


def write_plan_pdf(
    path: Path,
    area_label: str,
    by_actor: tuple[list[TotalRow], TotalRow],
    by_agency: tuple[list[TotalRow], TotalRow],
    *,
    lang: str = "th",
) -> Path:
    """Requested against approved budget of the plan's items, by who acts and by agency."""
    doc = Document(lang, pick(L["plan"], lang))
    doc.add_page()
    lh = letterhead(lang)
    doc.text_at(MARGIN, MARGIN, pick(L["plan"], lang), 16, bold=True)
    doc.text_at(MARGIN, MARGIN + 8, f"{lh.office} · {lh.address}", 9.5)
    doc.text_at(MARGIN, MARGIN + 14, pick(L["scope"], lang, area=area_label), 10.5)
    y = MARGIN + 22
    doc.set_line_width(0.3)
    doc.rect(120, y + 1, 3, 2, "D")
    doc.text_at(124, y, pick(L["legend_requested"], lang), 9)
    doc.rect(150, y + 1, 3, 2, "F")
    doc.text_at(154, y, pick(L["legend_approved"], lang), 9)
    y += 6
    if not by_actor[0]:
        doc.text_at(MARGIN, y, pick(L["none"], lang), 11)
        y += 8
    y = _totals_table(
        doc,
        y,
        pick(L["by_actor"], lang),
        pick(L["col_who"], lang),
        *by_actor,
        name_of=lambda r: pick(ACTOR_LABELS.get(r.key, (r.key, r.key)), lang),
    )
    _totals_table(
        doc,
        y,
        pick(L["by_agency"], lang),
        pick(L["col_agency"], lang),
        *by_agency,
        name_of=lambda r: r.key or pick(L["no_agency"], lang),
    )
    return write_atomic(doc, path)
