"""The standard category chart and what each kind counts as.

The chart ships as package data (``abc_tui/data/categories.csv``, copied from
the programme's standard chart). Codes are two digits so a clerk can type them
on the numeric keypad; an office may add its own codes but never renumber the
standard ones.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

#: Every kind in the chart, in the order reports show them.
KINDS = (
    "income",
    "production",
    "consumption",
    "avoidable",
    "debt_borrowed",
    "debt_repaid",
    "interest",
    "saving_in",
    "saving_out",
)

#: Kinds that are expenses in the ``net`` of REPORTS.md.
EXPENSE_KINDS = ("production", "consumption", "avoidable", "interest")

KIND_LABELS = {
    "income": ("รายรับ", "Income"),
    "production": ("ต้นทุนการผลิต", "Production cost"),
    "consumption": ("ค่าใช้จ่ายครัวเรือน", "Household consumption"),
    "avoidable": ("ค่าใช้จ่ายที่ลดได้", "Avoidable spending"),
    "debt_borrowed": ("กู้ยืม", "Borrowed"),
    "debt_repaid": ("ชำระหนี้", "Debt repaid"),
    "interest": ("ดอกเบี้ย", "Interest"),
    "saving_in": ("ฝากเงินออม", "Saved"),
    "saving_out": ("ถอนเงินออม", "Withdrawn"),
}


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

