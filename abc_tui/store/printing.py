"""What the printed paper needs from the database: the households of an area in house order,
the office's chart and address, a forum's registry for its sign-in sheet, and the page a
scanned page code names.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from abc_tui.domain.errors import AbcError
from abc_tui.domain.pagecode import parse_page_code
from abc_tui.domain.thai import Month, parse_date, to_ascii_digits
from abc_tui.store import areas, engine
from abc_tui.store.models import Area, Category, Forum, Household, Member


@dataclass(frozen=True)
class FormHousehold:
    """A household as its account book's cover and pages show it."""

    id: int
    code: str
    house_no: str
    head_name: str
    members_count: int
    village_code: str
    village_name: str


@dataclass(frozen=True)
class Letterhead:
    office: str
    address: str  # ตำบล… อำเภอ… จังหวัด…


@dataclass(frozen=True)
class SigninRow:
    household_code: str
    house_no: str
    name: str
    sex: str


@dataclass(frozen=True)
class SigninSheet:
    area_code: str
    area_name: str
    level: str
    day: _dt.date | None
    topic: str
    rows: list[SigninRow]


def _house_order():
    return (Household.village, engine.leading_int_expr(Household.house_no), Household.house_no)


def check_area(text: str | None) -> Area:
    """A village (8 digits) or tambon (6 digits) of this file, Thai digits accepted."""
    code = to_ascii_digits(" ".join((text or "").split()))
    area = Area.get_or_none(Area.code == code) if code else None
    if area is None or area.level not in ("village", "tambon"):
        raise AbcError(
            f"ไม่พบหมู่บ้าน (8 หลัก) หรือตำบล (6 หลัก) รหัส: {text or ''}",
            f"No village (8 digits) or tambon (6 digits) with the code: {text or ''}",
        )
    return area


def form_households(area_code: str) -> list[FormHousehold]:
    """Active households of a village, or of every village of a tambon, in village and house order."""
    area = check_area(area_code)
    names = {v.code: v.name for v in Area.select().where(Area.code.startswith(area.code))}
    rows = (
        Household.select(
            Household.id,
            Household.code,
            Household.house_no,
            Household.head_name,
            Household.members_count,
            Household.village,
        )
        .where(Household.village.startswith(area.code) & (Household.active == True))  # noqa: E712
        .order_by(*_house_order())
        .tuples()
    )
    return [FormHousehold(i, c, h, n, m, v, names.get(v, "")) for i, c, h, n, m, v in rows]


def letterhead(lang: str = "th") -> Letterhead:
    office = areas.get_office()
    if office is None:
        return Letterhead("", "")
    if lang == "en":
        address = (
            f"Tambon {office.tambon.name}, District {office.district.name}, Province {office.province.name}"
        )
    else:
        address = f"ตำบล{office.tambon.name} อำเภอ{office.district.name} จังหวัด{office.province.name}"
    return Letterhead(office.name, address)


def chart(lang: str = "th") -> list[tuple[str, str, str]]:
    """``(code, kind, name)`` of the office's active categories, by code."""
    rows = Category.select().where(Category.active == True).order_by(Category.code)  # noqa: E712
    return [(c.code, c.kind, c.name_en if lang == "en" else c.name_th) for c in rows]


def _signin_rows(area_code: str) -> list[SigninRow]:
    rows = (
        Member.select(Household.code, Household.house_no, Member.name, Member.sex)
        .join(Household)
        .where(Household.village.startswith(area_code) & (Household.active == True))  # noqa: E712
        .order_by(*_house_order(), Member.is_head.desc(), Member.id)
        .tuples()
    )
    return [SigninRow(*r) for r in rows]


def forum_signin(forum_id: int) -> SigninSheet:
    """The registry of the forum's area, in house order, for its sign-in sheet."""
    forum = Forum.get_or_none(Forum.id == forum_id)
    if forum is None:
        raise AbcError(f"ไม่พบเวทีหมายเลข {forum_id}", f"No forum with the number {forum_id}")
    area = forum.area
    return SigninSheet(area.code, area.name, forum.level, forum.date, forum.topic, _signin_rows(area.code))


def village_signin(village_code: str, day: str | None) -> SigninSheet:
    """A sign-in sheet for a village forum not logged yet (``day`` in B.E., or blank)."""
    area = check_area(village_code)
    on = parse_date(day) if day else None
    return SigninSheet(area.code, area.name, area.level, on, "", _signin_rows(area.code))


def scanned_page(text: str) -> tuple[Household, Month] | None:
    """The household and month a scanned (or typed) page code names; None when ``text`` is not a
    page code; an error when it is one but no household has that code."""
    parsed = parse_page_code(text)
    if parsed is None:
        return None
    code, month = parsed
    household = Household.get_or_none(Household.code == code)
    if household is None:
        raise AbcError(
            f"รหัสหน้าบัญชีนี้ไม่ตรงกับครัวเรือนใด: {code}", f"No household has the code on this page: {code}"
        )
    return household, month
