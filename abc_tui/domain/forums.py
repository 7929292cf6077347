"""Learning forums and the community plan: levels, actors, plan statuses, validation.

Pure Python (no database): the store and the UI share these rules so a
forum typed on screen, imported from a package or made by the demo is held
to the same limits. Every refusal is an :class:`AbcError` in Thai and English.

The plan-item life cycle (DESIGN.md "Plan item")::

    proposed -> in_plan -> budgeted -> done
        \\___________\\__________\\___> dropped

A step back (in_plan -> proposed, budgeted -> in_plan, done -> budgeted) and
reopening a dropped item (dropped -> proposed) are allowed too, because an
officer who pressed the wrong key must be able to correct it; every move is
kept in the status history and the audit table, so nothing is hidden.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from abc_tui.domain.errors import AbcError
from abc_tui.domain.text import clean_field
from abc_tui.domain.thai import (
    format_money,
    parse_date,
    parse_fiscal_year,
    parse_int,
    parse_money,
)

#: Forum levels, from the village up (PROGRAMME.md §6.2.5); the area of a forum has the same level.
LEVELS = ("village", "tambon", "district", "province")
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "village": ("หมู่บ้าน", "Village"),
    "tambon": ("ตำบล", "Tambon"),
    "district": ("อำเภอ", "District"),
    "province": ("จังหวัด", "Province"),
}

#: Who acts on a proposal (PROGRAMME.md §3): the household itself, a group, the local government, an agency.
ACTORS = ("household", "group", "lao", "agency")
ACTOR_LABELS: dict[str, tuple[str, str]] = {
    "household": ("ครัวเรือนทำเอง", "Household"),
    "group": ("กลุ่ม/ชุมชนทำร่วมกัน", "Group"),
    "lao": ("อปท.", "Local govt"),
    "agency": ("หน่วยงานรัฐ", "Agency"),
}

#: Agencies that commonly attend forums and support plans (suggestions while typing; any name is allowed).
COMMON_AGENCIES = (
    "อบต.",
    "เทศบาล",
    "พัฒนาชุมชนอำเภอ",
    "เกษตรอำเภอ",
    "ปศุสัตว์อำเภอ",
    "ประมงอำเภอ",
    "รพ.สต.",
    "ธ.ก.ส.",
    "กศน.ตำบล",
    "ที่ว่าการอำเภอ",
)

STATUSES = ("proposed", "in_plan", "budgeted", "done", "dropped")
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "proposed": ("เสนอ", "Proposed"),
    "in_plan": ("เข้าแผนพัฒนาท้องถิ่น", "In local plan"),
    "budgeted": ("ได้งบประมาณ", "Budgeted"),
    "done": ("ดำเนินการแล้ว", "Done"),
    "dropped": ("ยุติ", "Dropped"),
}

#: Short status names for narrow table columns.
STATUS_SHORT: dict[str, tuple[str, str]] = {
    "proposed": ("เสนอ", "proposed"),
    "in_plan": ("เข้าแผน", "in plan"),
    "budgeted": ("ได้งบ", "budgeted"),
    "done": ("เสร็จ", "done"),
    "dropped": ("ยุติ", "dropped"),
}

#: The forward path; ``advance`` follows it one step.
FORWARD = ("proposed", "in_plan", "budgeted", "done")

#: status -> statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "proposed": ("in_plan", "dropped"),
    "in_plan": ("budgeted", "dropped", "proposed"),
    "budgeted": ("done", "dropped", "in_plan"),
    "done": ("budgeted",),
    "dropped": ("proposed",),
}

#: Attendance counts above this are typing mistakes (a village forum is tens of people).
MAX_COUNT = 10_000
#: A forum may be logged up to this many days ahead (planned for next week), not further.
MAX_DAYS_AHEAD = 7
#: Attendees younger than this (at the forum's year) count as youth (เยาวชน).
YOUTH_UNDER_AGE = 25

TEXT_MAX = 500


def label(table: dict[str, tuple[str, str]], code: str, lang: str = "th") -> str:
    pair = table.get(code, (code, code))
    return pair[1] if lang == "en" else pair[0]


def parse_level(text: str | None) -> str:
    s = (text or "").strip().lower()
    for code, (th, en) in LEVEL_LABELS.items():
        if s in (code, th, en.lower()):
            return code
    raise AbcError(
        f"ระดับเวทีไม่ถูกต้อง: {text or ''} (หมู่บ้าน ตำบล อำเภอ จังหวัด)",
        f"Invalid forum level: {text or ''} (village, tambon, district, province)",
    )


def parse_actor(text: str | None) -> str:
    """Who acts on a plan item; a blank actor is refused (every plan item needs one)."""
    s = (text or "").strip().lower()
    if not s:
        raise AbcError(
            "กรุณาเลือกผู้ดำเนินการ (ครัวเรือน กลุ่ม อปท. หรือหน่วยงาน)",
            "Choose who acts (household, group, local government or agency)",
        )
    for code, (th, en) in ACTOR_LABELS.items():
        if s in (code, th.lower(), en.lower()):
            return code
    raise AbcError(f"ไม่รู้จักผู้ดำเนินการ: {text}", f"Unknown actor: {text}")


def parse_status(text: str | None) -> str:
    s = (text or "").strip().lower()
    for code, (th, en) in STATUS_LABELS.items():
        if s in (code, th, en.lower()):
            return code
    raise AbcError(f"ไม่รู้จักสถานะ: {text or ''}", f"Unknown status: {text or ''}")


def parse_forum_date(text: str | None, today: _dt.date | None = None) -> _dt.date:
    """A forum's date as typed (B.E.), at most :data:`MAX_DAYS_AHEAD` days after today."""
    d = parse_date(text)
    today = today or _dt.date.today()
    if d > today + _dt.timedelta(days=MAX_DAYS_AHEAD):
        raise AbcError(
            f"วันที่จัดเวทีอยู่ในอนาคตเกิน {MAX_DAYS_AHEAD} วัน: {text} (บันทึกเวทีหลังจัดแล้ว)",
            f"The forum date is more than {MAX_DAYS_AHEAD} days in the future: {text} "
            "(log a forum after it is held)",
        )
    return d


def parse_count(text: str | None, field_th: str = "จำนวนคน", field_en: str = "count") -> int:
    """A head count: blank = 0, never negative, never more than :data:`MAX_COUNT`."""
    s = (text or "").strip()
    if not s:
        return 0
    if s.startswith("-"):
        raise AbcError(f"{field_th}ต้องไม่ติดลบ: {s}", f"The {field_en} cannot be negative: {s}")
    return parse_int(text, field_th=field_th, field_en=field_en, minimum=0, maximum=MAX_COUNT)


def clean_text(
    text: str | None, *, required: bool = False, field_th: str = "ข้อความ", field_en: str = "text"
) -> str:
    """Free text of a forum or plan item, cleaned by :func:`~abc_tui.domain.text.clean_field`
    (at most :data:`TEXT_MAX` characters)."""
    return clean_field(text, field_th=field_th, field_en=field_en, required=required, max_length=TEXT_MAX)


def check_transition(current: str, new: str) -> None:
    """Refuse a status move the life cycle does not allow."""
    if new not in STATUSES:
        raise AbcError(f"ไม่รู้จักสถานะ: {new}", f"Unknown status: {new}")
    if new == current:
        raise AbcError(
            f"รายการอยู่ในสถานะ '{label(STATUS_LABELS, new)}' อยู่แล้ว",
            f"The item is already '{label(STATUS_LABELS, new, 'en')}'",
        )
    if new not in TRANSITIONS.get(current, ()):
        raise AbcError(
            f"เปลี่ยนสถานะจาก '{label(STATUS_LABELS, current)}' เป็น '{label(STATUS_LABELS, new)}' ไม่ได้",
            f"Cannot move from '{label(STATUS_LABELS, current, 'en')}' to '{label(STATUS_LABELS, new, 'en')}'",
        )


def next_status(current: str) -> str | None:
    """The next step on the forward path, or None at its end (done) or when dropped."""
    if current in FORWARD and current != FORWARD[-1]:
        return FORWARD[FORWARD.index(current) + 1]
    return None


class OverApproval(AbcError):
    """Approved budget above the requested budget: allowed only once the user confirms."""

    def __init__(self, requested: int, approved: int) -> None:
        super().__init__(
            f"งบที่อนุมัติ ({format_money(approved)} บาท) สูงกว่างบที่ขอ ({format_money(requested)} บาท) ยืนยันว่าถูกต้อง?",
            f"The approved budget ({format_money(approved)} baht) is above the requested budget "
            f"({format_money(requested)} baht). Is that right?",
        )
        self.requested = requested
        self.approved = approved


@dataclass(frozen=True)
class PlanValues:
    """A plan item's validated fields (money in satang; approved None = not decided yet)."""

    title: str
    problem: str
    actor: str
    agency: str
    fiscal_year_be: int
    budget_requested_satang: int
    budget_approved_satang: int | None

    @property
    def over_approved(self) -> bool:
        return (
            self.budget_approved_satang is not None
            and self.budget_approved_satang > self.budget_requested_satang
        )


def validate_plan(
    *,
    title: str | None,
    problem: str | None = "",
    actor: str | None,
    agency: str | None = "",
    fiscal_year: str | None,
    budget_requested: str | None = "",
    budget_approved: str | None = "",
    confirm_over: bool = False,
) -> PlanValues:
    """Validate a plan item as typed. Raises :class:`OverApproval` (an AbcError) when the
    approved budget is above the requested one and ``confirm_over`` is not set."""
    values = PlanValues(
        title=clean_text(title, required=True, field_th="ชื่อโครงการ/ข้อเสนอ", field_en="title"),
        problem=clean_text(problem, field_th="ปัญหา", field_en="problem"),
        actor=parse_actor(actor),
        agency=clean_text(agency, field_th="ชื่อหน่วยงาน", field_en="agency"),
        fiscal_year_be=parse_fiscal_year(fiscal_year),
        budget_requested_satang=parse_money(budget_requested or "0", allow_zero=True),
        budget_approved_satang=(
            parse_money(budget_approved, allow_zero=True) if (budget_approved or "").strip() else None
        ),
    )
    if values.actor == "agency" and not values.agency:
        raise AbcError(
            "ผู้ดำเนินการเป็นหน่วยงานรัฐ: กรุณากรอกชื่อหน่วยงาน",
            "The actor is an agency: please enter the agency's name",
        )
    if values.over_approved and not confirm_over:
        raise OverApproval(values.budget_requested_satang, values.budget_approved_satang or 0)
    return values
