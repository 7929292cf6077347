"""The standard category chart and what each kind counts as.

The chart ships as package data (``abc_tui/data/categories.csv``, copied from
the programme's standard chart). Codes are two digits so a clerk can type them
on the numeric keypad; an office may add its own codes but never renumber the
standard ones.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Kind:
    """One kind of the chart and every name it goes by (the one kind table: the summaries,
    reports, data card, statements and the ledger screen all derive from :data:`KIND_TABLE`)."""

    kind: str  #: as stored in ``category.kind``
    column: str  #: the summary column (``report_month``) and statement key
    report_key: str  #: the report column (REPORTS.md)
    th: str
    en: str
    heading_en: str  #: shorter English for a report column heading
    short_th: str  #: the ledger screen's totals line
    short_en: str
    #: sign in ``net`` (REPORTS.md): +1 income, −1 the four expense kinds, 0 moves cash only
    net: int


#: Every kind, in the order the reports and summaries show them.
KIND_TABLE: tuple[Kind, ...] = (
    Kind("income", "income", "income", "รายรับ", "Income", "Income", "รับ", "Income", 1),
    Kind(
        "production",
        "production",
        "production_cost",
        "ต้นทุนการผลิต",
        "Production cost",
        "Production cost",
        "ผลิต",
        "Prod.",
        -1,
    ),
    Kind(
        "consumption",
        "consumption",
        "consumption",
        "ค่าใช้จ่ายครัวเรือน",
        "Household consumption",
        "Consumption",
        "บริโภค",
        "Cons.",
        -1,
    ),
    Kind(
        "avoidable",
        "avoidable",
        "avoidable",
        "ค่าใช้จ่ายที่ลดได้",
        "Avoidable spending",
        "Avoidable",
        "ลดได้",
        "Avoid.",
        -1,
    ),
    Kind("interest", "interest", "interest", "ดอกเบี้ย", "Interest", "Interest", "ดอกเบี้ย", "Int.", -1),
    Kind("debt_borrowed", "borrowed", "borrowed", "กู้ยืม", "Borrowed", "Borrowed", "กู้", "Borrowed", 0),
    Kind("debt_repaid", "repaid", "repaid", "ชำระหนี้", "Debt repaid", "Repaid", "ชำระหนี้", "Repaid", 0),
    Kind("saving_in", "saved", "saved", "ฝากเงินออม", "Saved", "Saved", "ออม", "Saved", 0),
    Kind(
        "saving_out", "withdrawn", "withdrawn", "ถอนเงินออม", "Withdrawn", "Withdrawn", "ถอน", "Withdrawn", 0
    ),
)

#: Every kind in the chart, in the order reports show them.
KINDS = tuple(k.kind for k in KIND_TABLE)

#: Kinds that are expenses in the ``net`` of REPORTS.md.
EXPENSE_KINDS = tuple(k.kind for k in KIND_TABLE if k.net < 0)

KIND_LABELS = {k.kind: (k.th, k.en) for k in KIND_TABLE}

#: Summary column -> the category kind it sums (``report_month``'s kind columns, in order).
KIND_COLUMNS: dict[str, str] = {k.column: k.kind for k in KIND_TABLE}
#: Summary columns of the four expense kinds.
EXPENSE_COLUMNS = tuple(k.column for k in KIND_TABLE if k.net < 0)
#: Kind -> its summary column.
COLUMN_OF = {k.kind: k.column for k in KIND_TABLE}


def net(amounts: Mapping[str, int]) -> int:
    """``net`` of REPORTS.md — income − (production cost + consumption + avoidable + interest) —
    of amounts keyed by kind or by summary column (the one formula; SQL twins derive from it)."""
    return sum(k.net * int(amounts.get(k.kind, amounts.get(k.column, 0)) or 0) for k in KIND_TABLE if k.net)


def expense(amounts: Mapping[str, int]) -> int:
    """The four expense kinds of ``net``, keyed by kind or by summary column."""
    return sum(int(amounts.get(k.kind, amounts.get(k.column, 0)) or 0) for k in KIND_TABLE if k.net < 0)


@dataclass(frozen=True)
class CategoryDef:
    code: str
    kind: str
    name_th: str
    name_en: str

    def name(self, lang: str = "th") -> str:
        return self.name_en if lang == "en" else self.name_th


def standard_chart() -> list[CategoryDef]:
    """The standard chart shipped with the program."""
    text = resources.files("abc_tui.data").joinpath("categories.csv").read_text("utf-8-sig")
    rows = csv.DictReader(text.splitlines())
    return [
        CategoryDef(r["code"].strip(), r["kind"].strip(), r["name_th"].strip(), r["name_en"].strip())
        for r in rows
    ]
