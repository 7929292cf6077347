"""The office's area tree: province → district → tambon → villages."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import IntegrityError

from abc_tui.domain.areas import parse_area_code, parse_name
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import to_ascii_digits
from abc_tui.store import settings
from abc_tui.store.models import Area, db


@dataclass(frozen=True)
class Office:
    """Who this database belongs to: one tambon's office."""

    name: str
    province: Area
    district: Area
    tambon: Area


def get_office() -> Office | None:
    """The office set up in this database, or None before first-run setup."""
    code = settings.get("tambon_code")
    if not code:
        return None
    tambon = Area.get_or_none(Area.code == code)
    if tambon is None:
        return None
    district = tambon.parent
    return Office(settings.get("office_name", tambon.name), district.parent, district, tambon)


def setup_office(
    office_name: str,
    province_code: str,
    province_name: str,
    district_code: str,
    district_name: str,
    tambon_code: str,
    tambon_name: str,
) -> Office:
    """First-run setup (or correction) of the office's area. Validates everything first."""
    office_name = parse_name(office_name, field_th="ชื่อสำนักงาน", field_en="office name")
    p = parse_area_code(province_code, "province")
    d = parse_area_code(district_code, "district")
    t = parse_area_code(tambon_code, "tambon")
    if not d.startswith(p) or not t.startswith(d):
        raise AbcError(
            f"รหัสไม่สอดคล้องกัน: อำเภอต้องขึ้นต้นด้วยรหัสจังหวัด ({p}) ตำบลต้องขึ้นต้นด้วยรหัสอำเภอ ({d})",
            f"Codes do not nest: the district must start with the province code ({p}), "
            f"the tambon with the district code ({d})",
        )
    names = [
        parse_name(province_name, field_th="ชื่อจังหวัด", field_en="province name"),
        parse_name(district_name, field_th="ชื่ออำเภอ", field_en="district name"),
        parse_name(tambon_name, field_th="ชื่อตำบล", field_en="tambon name"),
    ]
    with db.atomic():
        parent = None
        for code, level, name in zip((p, d, t), ("province", "district", "tambon"), names, strict=True):
            Area.insert(code=code, level=level, name=name, parent=parent).on_conflict(
                conflict_target=[Area.code], update={Area.name: name}
            ).execute()
            parent = code
        settings.put("office_name", office_name)
        settings.put("tambon_code", t)
    office = get_office()
    assert office is not None
    return office


def villages(tambon_code: str | None = None) -> list[Area]:
    """Villages of the office's tambon (or the given one), by code."""
    if tambon_code is None:
        tambon_code = settings.get("tambon_code")  # not get_office(): this runs per keystroke
        if not tambon_code:
            return []
    return list(
        Area.select().where((Area.level == "village") & (Area.parent == tambon_code)).order_by(Area.code)
    )


def find_villages(text: str) -> list[Area]:
    """Villages of the office matching a moo number (``6``, ``๖``) or part of a name."""
    s = to_ascii_digits(" ".join((text or "").split()))
    all_villages = villages()
    if not s:
        return all_villages
    if s.isdigit():
        n = int(s)
        return [v for v in all_villages if int(v.code[-2:]) == n or v.code == s]
    return [v for v in all_villages if s.casefold() in v.name.casefold()]


def add_village(tambon_code: str, moo: str, name: str) -> Area:
    """Add village number ``moo`` (1–99) to a tambon; its code is tambon code + 2 digits."""
    from abc_tui.domain.thai import parse_int

    n = parse_int(moo, field_th="หมู่ที่", field_en="village number (moo)", minimum=1, maximum=99)
    name = parse_name(name, field_th="ชื่อหมู่บ้าน", field_en="village name")
    code = f"{tambon_code}{n:02d}"
    if Area.get_or_none(Area.code == code):
        raise AbcError(f"มีหมู่ที่ {n} ({code}) อยู่แล้ว", f"Village {n} ({code}) already exists")
    try:
        with db.atomic():
            return Area.create(code=code, level="village", name=name, parent=tambon_code)
    except IntegrityError:  # another PC added it a moment ago
        raise AbcError(f"มีหมู่ที่ {n} ({code}) อยู่แล้ว", f"Village {n} ({code}) already exists") from None


def all_areas() -> list[tuple[str, str, str]]:
    """(code, name, level) of every area in the file, by code (district/province files hold many)."""
    return list(Area.select(Area.code, Area.name, Area.level).order_by(Area.code).tuples())


def home_area_code() -> str:
    """The office's tambon, or else the widest area in the file (a merged district/province file)."""
    code = settings.get("tambon_code")
    if code:
        return code
    from peewee import fn

    first = Area.select(Area.code).order_by(fn.length(Area.code), Area.code).first()
    return first.code if first else ""


def area_label(area: Area) -> str:
    """``หมู่ 3 บ้านนาน้อย`` for villages, the name for other levels."""
    if area.level == "village":
        return f"หมู่ {int(area.code[-2:])} {area.name}"
    return area.name
