"""Household registry: search, add, edit, deactivate; members.

Functions take what the clerk typed (strings) and validate it here, so the
screen, the CLI and the tests share one set of rules. Every change is audited.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass

from peewee import IntegrityError, fn

from abc_tui.domain.areas import (
    OCCUPATION_GROUPS,
    household_code,
    parse_house_no,
    parse_name,
)
from abc_tui.domain.errors import AbcError
from abc_tui.domain.text import clean_field
from abc_tui.domain.thai import (
    Month,
    format_date_be,
    month_range,
    parse_date,
    parse_int,
    parse_money,
    to_ascii_digits,
)
from abc_tui.store import audit, engine, periods
from abc_tui.store.models import Area, Household, Member, PeriodState, db, now_iso


@dataclass
class HouseholdForm:
    """The household form as typed (every field a string)."""

    house_no: str = ""
    head_name: str = ""
    members_count: str = "1"
    occupation: str = "other"
    debt_at_joining: str = "0"
    joined_on: str = ""


def _snapshot(h: Household) -> dict:
    return {
        "code": h.code,
        "village_code": h.village_code,
        "house_no": h.house_no,
        "head_name": h.head_name,
        "members_count": h.members_count,
        "occupation": h.occupation,
        "debt_at_joining_satang": h.debt_at_joining_satang,
        "joined_on": str(h.joined_on),
        "active": bool(h.active),
        "left_on": str(h.left_on) if h.left_on else None,
        "left_reason": h.left_reason,
    }


def _occupation(text: str) -> str:
    if text not in OCCUPATION_GROUPS:
        raise AbcError(f"ไม่รู้จักกลุ่มอาชีพ: {text}", f"Unknown occupation group: {text}")
    return text


def _joined_on(text: str) -> _dt.date:
    joined = parse_date(text) if text.strip() else _dt.date.today()
    if joined > _dt.date.today() + _dt.timedelta(days=7):
        raise AbcError("วันที่เข้าร่วมอยู่ในอนาคต", "The joining date is in the future")
    return joined


#: Each field of the household form checked on its own: the form checks a field as Enter leaves
#: it, and a save checks them all with the same rules.
FIELD_CHECKS: dict[str, Callable[[str], object]] = {
    "house_no": parse_house_no,
    "head_name": lambda text: parse_name(text, field_th="ชื่อหัวหน้าครัวเรือน", field_en="head's name"),
    "members_count": lambda text: parse_int(
        text, field_th="จำนวนสมาชิก", field_en="number of members", minimum=1, maximum=50
    ),
    "occupation": _occupation,
    "debt_at_joining": lambda text: parse_money(text or "0", allow_zero=True),
    "joined_on": _joined_on,
}


def _validated(form: HouseholdForm) -> dict:
    values = {}
    for name, check in FIELD_CHECKS.items():
        try:
            values[name] = check(getattr(form, name))
        except AbcError as err:
            err.field = err.field or name
            raise
    values["debt_at_joining_satang"] = values.pop("debt_at_joining")
    return values


def add_household(village_code: str, form: HouseholdForm, who: str = "") -> Household:
    """Register a household in a village. A duplicate code is refused with a clear message."""
    village = Area.get_or_none((Area.code == village_code) & (Area.level == "village"))
    if village is None:
        raise AbcError(f"ไม่พบหมู่บ้านรหัส {village_code}", f"No village with code {village_code}")
    values = _validated(form)
    code = household_code(village_code, values["house_no"])
    existing = Household.get_or_none(Household.code == code)
    if existing is not None:
        raise AbcError(
            f"มีครัวเรือนรหัส {code} อยู่แล้ว ({existing.head_name})",
            f"Household {code} already exists ({existing.head_name})",
            field="house_no",
        )
    try:
        with db.atomic():
            h = Household.create(code=code, village=village_code, **values)
            Member.create(household=h, name=values["head_name"], is_head=True)
            audit.record("household", h.uuid, "insert", None, _snapshot(h), who)
    except IntegrityError:  # another clerk registered the same code a moment ago
        raise AbcError(
            f"มีครัวเรือนรหัส {code} อยู่แล้ว", f"Household {code} already exists", field="house_no"
        ) from None
    return h


def update_household(household_id: int, form: HouseholdForm, who: str = "") -> Household:
    """Edit a household. Changing the house number changes its code (duplicates refused)."""
    h = get(household_id)
    values = _validated(form)
    code = household_code(h.village_code, values["house_no"])
    if code != h.code and Household.get_or_none(Household.code == code):
        raise AbcError(f"มีครัวเรือนรหัส {code} อยู่แล้ว", f"Household {code} already exists", field="house_no")
    before = _snapshot(h)
    if values["joined_on"] != h.joined_on:  # the months between the two dates change membership
        lo, hi = sorted((Month.of(values["joined_on"]), Month.of(h.joined_on)))
        periods.assert_months_open((h.village_code, m.iso()) for m in month_range(lo, hi))
    try:
        with db.atomic():
            old_head = h.head_name
            for k, v in values.items():
                setattr(h, k, v)
            h.code = code
            h.updated_at = now_iso()
            h.save()
            if old_head != h.head_name:
                Member.update(name=h.head_name).where(
                    (Member.household == h) & (Member.is_head == True)  # noqa: E712
                ).execute()
            audit.record("household", h.uuid, "update", before, _snapshot(h), who)
    except IntegrityError:  # another clerk took that house number a moment ago
        raise AbcError(
            f"มีครัวเรือนรหัส {code} อยู่แล้ว", f"Household {code} already exists", field="house_no"
        ) from None
    return h


def set_active(
    household_id: int, active: bool, who: str = "", *, left_on: str = "", reason: str = ""
) -> Household:
    """Deactivate (left the programme on ``left_on``, typed B.E.; blank = today) or reactivate a
    household; nothing is deleted. Months before the one it left keep it as a member (REPORTS.md
    "Membership"); a change that would alter a submitted or approved month is refused."""
    h = get(household_id)
    before = _snapshot(h)
    if active:
        left, why = None, ""
        if h.left_on is not None:  # it is a member again from its left month on
            _assert_open_from(h, Month.of(h.left_on).next())
    else:
        left = _leave_date(h, left_on)
        why = clean_field(reason or "")
        _assert_open_from(h, Month.of(left).next())
    with db.atomic():
        h.active = active
        h.left_on = left
        h.left_reason = why
        h.updated_at = now_iso()
        h.save()
        audit.record("household", h.uuid, "update", before, _snapshot(h), who)
    return h


def _leave_date(h: Household, left_on: str) -> _dt.date:
    """The date a household left, as typed (B.E.; blank = today), checked against its joining date."""
    left = parse_date(left_on) if left_on.strip() else _dt.date.today()
    if left > _dt.date.today():
        raise AbcError("วันที่ออกอยู่ในอนาคต", "The date it left is in the future")
    if left < h.joined_on:
        raise AbcError(
            f"วันที่ออกอยู่ก่อนวันที่เข้าร่วม ({format_date_be(h.joined_on)})",
            f"The date it left is before it joined ({format_date_be(h.joined_on)})",
        )
    return left


def months_typed_after(household_id: int, left_on: str) -> tuple[_dt.date, list[Month]]:
    """The leave date as typed (checked as :func:`set_active` checks it) and the months after the
    one it left that already hold ledger lines of this household: leaving then would drop those
    months from its membership, so the screen warns and asks before it saves."""
    from abc_tui.store.models import LedgerLine, LedgerPage

    h = get(household_id)
    left = _leave_date(h, left_on)
    months = (
        LedgerPage.select(LedgerPage.month)
        .where(
            (LedgerPage.household == household_id)
            & (LedgerPage.month > Month.of(left).iso())
            & fn.EXISTS(LedgerLine.select(LedgerLine.id).where(LedgerLine.page == LedgerPage.id))
        )
        .order_by(LedgerPage.month)
        .tuples()
    )
    return left, [Month.from_iso(m) for (m,) in months]


def _assert_open_from(h: Household, first: Month) -> None:
    """Refuse when a locked month of the household's village from ``first`` on would change."""
    locked = (
        PeriodState.select(PeriodState.month)
        .where(
            (PeriodState.village_code == h.village_code)
            & (PeriodState.month >= first.iso())
            & (PeriodState.month >= Month.of(h.joined_on).iso())
            & PeriodState.state.in_(periods.LOCKED)
        )
        .order_by(PeriodState.month)
        .tuples()
    )
    periods.assert_months_open((h.village_code, m) for (m,) in locked)


def _search_clause(village_code: str | None, query: str, include_inactive: bool):
    clause = True
    if village_code:
        clause = Household.village == village_code
    if not include_inactive:
        clause = clause & (Household.active == True)  # noqa: E712
    q = " ".join(to_ascii_digits(query or "").split())
    if q:
        # Code or house number prefix, or a Thai substring of the head's name.
        clause = clause & (
            (Household.house_no.startswith(q))
            | (Household.code.startswith(q))
            | (engine.instr_expr(Household.head_name, q) > 0)
        )
    return clause


def search(
    village_code: str | None,
    query: str = "",
    *,
    offset: int = 0,
    limit: int = 200,
    include_inactive: bool = True,
) -> list[Household]:
    """One window of households matching ``query`` (house number order), never the whole table."""
    # House numbers sort numerically by their leading number, then as text.
    lead = engine.leading_int_expr(Household.house_no)  # SQLite: CAST('12/3' AS INTEGER) = 12
    return list(
        Household.select()
        .where(_search_clause(village_code, query, include_inactive))
        .order_by(Household.village, lead, Household.house_no)
        .offset(offset)
        .limit(limit)
    )


def count(village_code: str | None, query: str = "", *, include_inactive: bool = True) -> int:
    return Household.select().where(_search_clause(village_code, query, include_inactive)).count()


def get(household_id: int) -> Household:
    """The household, or an AbcError when it is gone (removed meanwhile, e.g. by a merge)."""
    h = Household.get_or_none(Household.id == household_id)
    if h is None:
        raise AbcError(f"ไม่พบครัวเรือน (รหัสภายใน {household_id})", f"Household not found (id {household_id})")
    return h


def _member(member_id: int) -> Member:
    m = Member.get_or_none(Member.id == member_id)
    if m is None:
        raise AbcError("ไม่พบสมาชิกคนนี้แล้ว", "This member no longer exists")
    return m


def by_code(code: str) -> Household | None:
    return Household.get_or_none(Household.code == code)


# ---------------------------------------------------------------- members


def members(household_id: int) -> list[Member]:
    return list(Member.select().where(Member.household == household_id).order_by(Member.id))


def _member_values(name: str, sex: str, birth_year_be: str) -> dict:
    sex = (sex or "").strip().lower()
    sex = {"ญ": "f", "ช": "m", "หญิง": "f", "ชาย": "m"}.get(sex, sex)
    if sex not in ("f", "m", ""):
        raise AbcError("เพศ: ใส่ ญ หรือ ช (f/m)", "Sex: enter f or m (ญ/ช)")
    birth_year = None
    if (birth_year_be or "").strip():
        year_be = parse_int(
            birth_year_be, field_th="ปีเกิด (พ.ศ.)", field_en="birth year (B.E.)", minimum=2400, maximum=2700
        )
        birth_year = year_be - 543
        if birth_year > _dt.date.today().year:
            raise AbcError("ปีเกิดอยู่ในอนาคต", "The birth year is in the future")
    return {"name": parse_name(name), "sex": sex, "birth_year": birth_year}


def add_member(household_id: int, name: str, sex: str = "", birth_year_be: str = "", who: str = "") -> Member:
    values = _member_values(name, sex, birth_year_be)
    with db.atomic():
        m = Member.create(household=household_id, **values)
        # The registered count never falls below the members named.
        named = Member.select().where(Member.household == household_id).count()
        Household.update(members_count=engine.greatest_expr(Household.members_count, named)).where(
            Household.id == household_id
        ).execute()
        audit.record("member", m.uuid, "insert", None, values, who)
    return m


def update_member(member_id: int, name: str, sex: str = "", birth_year_be: str = "", who: str = "") -> Member:
    m = _member(member_id)
    values = _member_values(name, sex, birth_year_be)
    before = {"name": m.name, "sex": m.sex, "birth_year": m.birth_year}
    with db.atomic():
        Member.update(**values).where(Member.id == member_id).execute()
        if m.is_head:
            Household.update(head_name=values["name"]).where(Household.id == m.household_id).execute()
        audit.record("member", m.uuid, "update", before, values, who)
    return _member(member_id)


def delete_member(member_id: int, who: str = "") -> None:
    m = _member(member_id)
    if m.is_head:
        raise AbcError(
            "ลบหัวหน้าครัวเรือนไม่ได้ (แก้ชื่อแทน)", "The head of household cannot be removed (edit the name instead)"
        )
    with db.atomic():
        audit.record("member", m.uuid, "delete", {"name": m.name, "sex": m.sex}, None, who)
        Member.delete().where(Member.id == member_id).execute()


# ---------------------------------------------------------------- the ledger page header


def find_households(village_code: str | None, text: str, limit: int = 6) -> list[Household]:
    """Households for the ledger page header: a full code (any village), an exact house
    number in the village, then house-number prefixes and parts of the head's name."""
    s = to_ascii_digits(" ".join((text or "").split()))
    if not s:
        return []
    if "-" in s and s.split("-", 1)[0].isdigit() and len(s.split("-", 1)[0]) == 8:
        h = by_code(s)
        return [h] if h else []
    out: list[Household] = []
    if village_code:
        exact = Household.get_or_none((Household.village == village_code) & (Household.house_no == s))
        if exact is not None:
            out.append(exact)
    for h in search(village_code, s, limit=limit, include_inactive=False):
        if all(h.id != o.id for o in out):
            out.append(h)
    return out[:limit]


def next_household(household: Household, *, step: int = 1) -> Household | None:
    """The next (``step=1``) or previous active household of the same village, house-number order."""
    lead = engine.leading_int_expr(Household.house_no)
    rows = list(
        Household.select(Household.id, Household.active)
        .where(Household.village == household.village_code)
        .order_by(lead, Household.house_no)
        .tuples()
    )
    ids = [r[0] for r in rows]
    if household.id not in ids:
        return None
    i = ids.index(household.id) + step
    while 0 <= i < len(rows):
        if rows[i][1]:
            return Household.get_by_id(rows[i][0])
        i += step
    return None
