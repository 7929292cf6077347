"""The upward-report contract (REPORTS.md): every report's keys, in order, with Thai labels and types.

The keys are a contract with district and province offices: spelled exactly so, in this order.
Columns may only be added at the end (``named`` columns are: they appear only in a ``--named``
export). The type of a column decides how each format writes it:

======== ============================== ==========================================
type     CSV                            XLSX
======== ============================== ==========================================
text     as is, formula-neutralised     string cell, formula-neutralised
int      ``42``                         number
money    baht, 2 decimals, no commas    number (exact Decimal), format ``0.00``
pct      one decimal (``66.7``)         number, format ``0.0``
date     ISO ``YYYY-MM-DD``             date cell, format ``yyyy-mm-dd``
month    ``YYYY-MM``                    string ``YYYY-MM``
======== ============================== ==========================================

An empty value (None) is an empty cell in both formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from abc_tui.domain.categories import KIND_TABLE


@dataclass(frozen=True)
class Column:
    key: str
    th: str
    en: str
    type: str = "text"
    #: Only in ``--named`` exports (a person's name).
    named: bool = False


@dataclass(frozen=True)
class ReportSpec:
    name: str
    th: str
    en: str
    row_th: str
    row_en: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def visible(self, named: bool = False) -> tuple[Column, ...]:
        """The columns of an export: the contract keys, plus the named ones when asked for."""
        return tuple(c for c in self.columns if named or not c.named)

    def keys(self, named: bool = False) -> list[str]:
        return [c.key for c in self.visible(named)]

    def title(self, lang: str = "th") -> str:
        return self.en if lang == "en" else self.th


def _c(key: str, th: str, en: str, type_: str = "text", named: bool = False) -> Column:
    return Column(key, th, en, type_, named)


#: The money columns by kind (the kind table of :mod:`abc_tui.domain.categories`): village and
#: household rows show every kind up to ``repaid``; household rows add the savings kinds.
_KIND_COLUMNS = tuple(_c(k.report_key, k.th, k.heading_en, "money") for k in KIND_TABLE)
_VILLAGE_KINDS = [k.column for k in KIND_TABLE].index("repaid") + 1
_MONEY_KINDS = _KIND_COLUMNS[:_VILLAGE_KINDS]
_SAVING_KINDS = _KIND_COLUMNS[_VILLAGE_KINDS:]

SPECS: dict[str, ReportSpec] = {
    s.name: s
    for s in (
        ReportSpec(
            "ledger",
            "รายการบัญชีครัวเรือน",
            "Ledger lines",
            "รายการ",
            "line",
            (
                _c("entry_uuid", "รหัสรายการ", "Entry UUID"),
                _c("household_code", "รหัสครัวเรือน", "Household"),
                _c("village_code", "รหัสหมู่บ้าน", "Village"),
                _c("date", "วันที่ (ค.ศ.)", "Date", "date"),
                _c("date_be", "วันที่ (พ.ศ.)", "Date (B.E.)"),
                _c("category_code", "รหัสหมวด", "Category"),
                _c("category_kind", "ประเภท", "Kind"),
                _c("item", "รายการ", "Item"),
                _c("amount", "จำนวนเงิน (บาท)", "Amount (baht)", "money"),
                _c("entered_by", "ผู้บันทึก", "Entered by"),
                _c("entered_at", "เวลาบันทึก", "Entered at"),
                _c("head_name", "ชื่อหัวหน้าครัวเรือน", "Head of household", named=True),
            ),
        ),
        ReportSpec(
            "household-month",
            "ครัวเรือนรายเดือน",
            "Household by month",
            "ครัวเรือน-เดือน",
            "household-month",
            (
                _c("household_code", "รหัสครัวเรือน", "Household"),
                _c("village_code", "รหัสหมู่บ้าน", "Village"),
                _c("month", "เดือน", "Month", "month"),
                _c("lines", "จำนวนรายการ", "Lines", "int"),
                *_MONEY_KINDS,
                *_SAVING_KINDS,
                _c("net", "คงเหลือสุทธิ", "Net", "money"),
                _c("head_name", "ชื่อหัวหน้าครัวเรือน", "Head of household", named=True),
            ),
        ),
        ReportSpec(
            "village-month",
            "หมู่บ้านรายเดือน",
            "Village by month",
            "หมู่บ้าน-เดือน",
            "village-month",
            (
                _c("village_code", "รหัสหมู่บ้าน", "Village"),
                _c("month", "เดือน", "Month", "month"),
                _c("households_registered", "ครัวเรือนที่ลงทะเบียน", "Registered", "int"),
                _c("households_reporting", "ครัวเรือนที่ส่งบัญชี", "Reporting", "int"),
                _c("completeness_pct", "ความครบถ้วน (%)", "Complete (%)", "pct"),
                *_MONEY_KINDS,
                _c("net", "คงเหลือสุทธิ", "Net", "money"),
            ),
        ),
        ReportSpec(
            "completeness",
            "ความครบถ้วนของบัญชี",
            "Completeness",
            "หมู่บ้าน-เดือน",
            "village-month",
            (
                _c("village_code", "รหัสหมู่บ้าน", "Village"),
                _c("month", "เดือน", "Month", "month"),
                _c("households_registered", "ครัวเรือนที่ลงทะเบียน", "Registered", "int"),
                _c("households_reporting", "ครัวเรือนที่ส่งบัญชี", "Reporting", "int"),
                _c("households_missing", "ครัวเรือนที่ยังไม่ส่ง", "Missing", "int"),
                _c("completeness_pct", "ความครบถ้วน (%)", "Complete (%)", "pct"),
            ),
        ),
        ReportSpec(
            "indicators",
            "ตัวชี้วัดความสำเร็จ",
            "Indicators",
            "พื้นที่-ตัวชี้วัด",
            "area-indicator",
            (
                _c("area_code", "รหัสพื้นที่", "Area"),
                _c("area_level", "ระดับพื้นที่", "Level"),
                _c("period_from", "ตั้งแต่เดือน", "From", "month"),
                _c("period_to", "ถึงเดือน", "To", "month"),
                _c("indicator", "ตัวชี้วัด", "Indicator"),
                _c("value", "ค่า", "Value", "int"),
                _c("denominator", "ตัวหาร", "Denominator", "int"),
                _c("percent", "ร้อยละ", "Percent", "pct"),
                _c("target_pct", "เป้าหมาย (%)", "Target (%)", "pct"),
                _c("label_th", "ชื่อตัวชี้วัด", "Indicator name"),
            ),
        ),
        ReportSpec(
            "debt-capacity",
            "ความสามารถในการชำระหนี้ตามกลุ่มอาชีพ",
            "Debt capacity by occupation",
            "กลุ่มอาชีพ",
            "occupation group",
            (
                _c("occupation_group", "กลุ่มอาชีพ", "Occupation group"),
                _c("households", "จำนวนครัวเรือน", "Households", "int"),
                _c("avg_annual_income", "รายรับเฉลี่ยต่อปี", "Avg annual income", "money"),
                _c("avg_annual_expense", "รายจ่ายเฉลี่ยต่อปี", "Avg annual expense", "money"),
                _c("avg_annual_surplus", "เงินเหลือเฉลี่ยต่อปี", "Avg annual surplus", "money"),
                _c("debt_start", "หนี้สินต้นงวด", "Debt at start", "money"),
                _c("debt_end", "หนี้สินปลายงวด", "Debt at end", "money"),
                _c("repaid", "ชำระหนี้ในงวด", "Repaid", "money"),
                _c("occupation_th", "ชื่อกลุ่มอาชีพ", "Occupation (Thai)"),
            ),
        ),
        ReportSpec(
            "spending-profile",
            "รายการใช้จ่ายของหมู่บ้าน",
            "Village spending profile",
            "หมู่บ้าน-หมวด-รายการ",
            "village-category-item",
            (
                _c("village_code", "รหัสหมู่บ้าน", "Village"),
                _c("category_code", "รหัสหมวด", "Category"),
                _c("item", "รายการ", "Item"),
                _c("households", "จำนวนครัวเรือน", "Households", "int"),
                _c("lines", "จำนวนรายการ", "Lines", "int"),
                _c("amount", "จำนวนเงิน (บาท)", "Amount (baht)", "money"),
                _c("rank", "อันดับ", "Rank", "int"),
            ),
        ),
        ReportSpec(
            "forums",
            "เวทีเรียนรู้",
            "Learning forums",
            "เวที",
            "forum",
            (
                _c("forum_uuid", "รหัสเวที", "Forum UUID"),
                _c("level", "ระดับ", "Level"),
                _c("area_code", "รหัสพื้นที่", "Area"),
                _c("date", "วันที่ (ค.ศ.)", "Date", "date"),
                _c("date_be", "วันที่ (พ.ศ.)", "Date (B.E.)"),
                _c("topic", "หัวข้อ", "Topic"),
                _c("attendees_total", "ผู้เข้าร่วมทั้งหมด", "Attendees", "int"),
                _c("attendees_women", "หญิง", "Women", "int"),
                _c("attendees_men", "ชาย", "Men", "int"),
                _c("attendees_youth", "เยาวชน", "Youth", "int"),
                _c("households_present", "ครัวเรือนที่เข้าร่วม", "Households present", "int"),
                _c("findings", "ข้อค้นพบ", "Findings", "int"),
                _c("proposals", "ข้อเสนอ", "Proposals", "int"),
                _c("facilitators", "วิทยากรกระบวนการ", "Facilitators", named=True),
            ),
        ),
        ReportSpec(
            "plan",
            "แผนชุมชน",
            "Community plan",
            "รายการแผน",
            "plan item",
            (
                _c("plan_uuid", "รหัสรายการแผน", "Plan item UUID"),
                _c("area_code", "รหัสพื้นที่", "Area"),
                _c("title", "ชื่อโครงการ", "Title"),
                _c("actor", "ผู้ดำเนินการ", "Actor"),
                _c("agency", "หน่วยงาน", "Agency"),
                _c("fiscal_year_be", "ปีงบประมาณ", "Fiscal year", "int"),
                _c("budget_requested", "งบที่ขอ (บาท)", "Requested (baht)", "money"),
                _c("budget_approved", "งบที่ได้รับ (บาท)", "Approved (baht)", "money"),
                _c("status", "สถานะ", "Status"),
                _c("forum_uuid", "รหัสเวทีที่มา", "Forum UUID"),
            ),
        ),
    )
}

#: Report names in menu/export order.
REPORT_NAMES: tuple[str, ...] = tuple(SPECS)


def spec(name: str) -> ReportSpec:
    from abc_tui.domain.errors import AbcError

    try:
        return SPECS[name]
    except KeyError:
        raise AbcError(
            f"ไม่รู้จักรายงาน {name} (มี: {', '.join(REPORT_NAMES)})",
            f"Unknown report {name!r} (one of: {', '.join(REPORT_NAMES)})",
        ) from None
