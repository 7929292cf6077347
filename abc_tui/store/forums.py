"""Learning forums: sessions, attendance by name and by count, officials, findings.

A forum belongs to one area of its own level (a village forum to a village, a
tambon forum to the tambon …). Attendance has three parts that never overlap:

* **named** members ticked from the household registry (one row per person
  per forum: the table has ``UNIQUE(forum, member)``, so ticking a person twice
  is a no-op, never a second head);
* **walk-ins** counted as women, men and youth (three separate heads: a young
  woman is counted once, as youth);
* **officials**, counted per agency.

Named members are sorted into the same three groups: youth when younger than
:data:`~abc_tui.domain.forums.YOUTH_UNDER_AGE` at the forum (birth year known),
else by sex; a member of unknown sex and age counts in the total only.
``total = named + walk-ins + officials``.

Every change is audited. Totals are SQL aggregates (GROUP BY forum), so the
forum list and the ``forums`` export never load attendance rows one by one.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from peewee import JOIN, Case, fn

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import (
    LEVEL_LABELS,
    YOUTH_UNDER_AGE,
    clean_text,
    parse_count,
    parse_forum_date,
    parse_level,
)
from abc_tui.domain.thai import to_ascii_digits
from abc_tui.store import audit, engine
from abc_tui.store.models import (
    Area,
    Finding,
    Forum,
    ForumAttendance,
    ForumOfficial,
    Household,
    Member,
    PlanItem,
    db,
    now_iso,
)

# ---------------------------------------------------------------- the session


@dataclass
class ForumForm:
    """The forum form as typed (every field a string; the date in B.E.)."""

    level: str = "village"
    area_code: str = ""
    date: str = ""
    topic: str = ""
    facilitators: str = ""
    notes: str = ""


def _snapshot(f: Forum) -> dict:
    return {
        "level": f.level,
        "area_code": f.area_code,
        "date": str(f.date),
        "topic": f.topic,
        "facilitators": f.facilitators,
        "notes": f.notes,
        "walkin_women": f.walkin_women,
        "walkin_men": f.walkin_men,
        "walkin_youth": f.walkin_youth,
    }


def _validated(form: ForumForm, today: _dt.date | None = None) -> dict:
    level = parse_level(form.level)
    code = to_ascii_digits((form.area_code or "").strip())
    if not code:
        raise AbcError("กรุณาเลือกพื้นที่ที่จัดเวที", "Choose where the forum was held")
    area = Area.get_or_none(Area.code == code)
    if area is None:
        raise AbcError(f"ไม่พบพื้นที่รหัส {code}", f"No area with code {code}")
    if area.level != level:
        th, en = LEVEL_LABELS[level]
        ath, aen = LEVEL_LABELS.get(area.level, (area.level, area.level))
        raise AbcError(
            f"เวทีระดับ{th}ต้องจัดที่พื้นที่ระดับ{th} ({area.name} เป็น{ath})",
            f"A {en.lower()} forum must be held in a {en.lower()} ({area.name} is a {aen.lower()})",
        )
    return {
        "level": level,
        "area": code,
        "date": parse_forum_date(form.date, today),
        "topic": clean_text(form.topic, required=True, field_th="หัวข้อเวที", field_en="topic"),
        "facilitators": clean_text(form.facilitators, field_th="ชื่อวิทยากร", field_en="facilitators"),
        "notes": clean_text(form.notes, field_th="บันทึก", field_en="notes"),
    }


def create_forum(form: ForumForm, who: str = "", today: _dt.date | None = None) -> Forum:
    """Log a forum session. Attendance, findings and proposals are added to it afterwards."""
    values = _validated(form, today)
    with db.atomic():
        f = Forum.create(**values)
        audit.record("forum", f.uuid, "insert", None, _snapshot(f), who)
    return f


@dataclass(frozen=True)
class AreaChange:
    """What moving a forum to ``new_area`` does to it: named attendees who do not live there are
    removed, and its plan items (proposals) move to the new area with it."""

    old_area: str
    new_area: str
    attendees: int = 0
    plan_items: int = 0

    @property
    def needs_question(self) -> bool:
        return bool(self.attendees or self.plan_items)


class AreaChangeNeedsConfirmation(AbcError):
    """Moving the forum would remove attendance or move plan items: saved only once the user
    confirms (``update_forum(..., confirm=change)`` with this very change)."""

    def __init__(self, change: AreaChange) -> None:
        super().__init__(
            f"ผู้เข้าร่วม {change.attendees} คนที่ไม่ได้อยู่ในพื้นที่ใหม่จะถูกลบออกจากเวทีนี้ "
            f"และข้อเสนอในแผน {change.plan_items} รายการจะย้ายไปพื้นที่ใหม่",
            f"{change.attendees} attendees not from the new area will be removed from this forum, "
            f"and its {change.plan_items} plan items move to the new area",
        )
        self.change = change


def _outside(forum: Forum, new_area: str):
    """Members ticked at this forum whose household is not in ``new_area``."""
    return (
        Member.select(Member.id, Member.uuid, Member.name)
        .join(Household)
        .switch(Member)
        .join(ForumAttendance, on=(ForumAttendance.member == Member.id))
        .where((ForumAttendance.forum == forum.id) & ~Household.village.startswith(new_area))
    )


def _strays(forum: Forum, new_area: str):
    """The forum's plan items that are not in ``new_area``."""
    return PlanItem.select().where((PlanItem.forum == forum.id) & (PlanItem.area != new_area))


def attendees_outside(forum_id: int, new_area: str) -> int:
    """How many people ticked at this forum do not live in ``new_area`` (moving there removes them)."""
    return _outside(get_forum(forum_id), new_area).count()


def area_change(forum_id: int, new_area: str) -> AreaChange:
    """What moving the forum to ``new_area`` would remove and move (nothing when it stays)."""
    f = get_forum(forum_id)
    if new_area == f.area_code:
        return AreaChange(f.area_code, new_area)
    return AreaChange(f.area_code, new_area, _outside(f, new_area).count(), _strays(f, new_area).count())


def update_forum(
    forum_id: int,
    form: ForumForm,
    who: str = "",
    today: _dt.date | None = None,
    *,
    confirm: AreaChange | None = None,
) -> Forum:
    """Correct a forum's session details.

    Moving a forum to another area keeps only the named attendees who live in the new area
    (no one is counted at a forum of a village they are not from) and moves its plan items to
    the new area. When that removes or moves anything, nothing is saved unless ``confirm`` is
    the :class:`AreaChange` the user was shown (:class:`AreaChangeNeedsConfirmation` otherwise,
    also when someone was ticked meanwhile). Each removal and each move is audited.
    """
    f = get_forum(forum_id)
    values = _validated(form, today)
    before = _snapshot(f)
    with db.atomic():
        change = area_change(f.id, values["area"])
        if change.needs_question and change != confirm:
            raise AreaChangeNeedsConfirmation(change)
        for k, v in values.items():
            setattr(f, k, v)
        f.updated_at = now_iso()
        f.save()
        if change.old_area != change.new_area:
            _move_area(f, change, who)
        audit.record("forum", f.uuid, "update", before, _snapshot(f), who)
    return f


def _move_area(f: Forum, change: AreaChange, who: str) -> None:
    """Remove attendance from outside the new area and move the plan items (inside the transaction)."""
    moved = {"reason": "forum_moved", "from_area": change.old_area, "to_area": change.new_area}
    gone = list(_outside(f, change.new_area).order_by(Member.id))
    for m in gone:
        audit.record(
            "forum_attendance", f.uuid, "delete", {"member_uuid": m.uuid, "name": m.name} | moved, None, who
        )
    ForumAttendance.delete().where(
        (ForumAttendance.forum == f.id) & ForumAttendance.member.in_([m.id for m in gone])
    ).execute()
    for item in list(_strays(f, change.new_area)):
        item_before = {"area_code": item.area_code}
        PlanItem.update(area=change.new_area, updated_at=now_iso()).where(PlanItem.id == item.id).execute()
        audit.record(
            "plan_item", item.uuid, "update", item_before, {"area_code": change.new_area} | moved, who
        )


def delete_forum(forum_id: int, who: str = "") -> None:
    """Delete a forum with its attendance and findings; its plan items stay (unlinked)."""
    f = get_forum(forum_id)
    with db.atomic():
        audit.record("forum", f.uuid, "delete", _snapshot(f), None, who)
        Forum.delete().where(Forum.id == f.id).execute()


def get_forum(forum_id: int) -> Forum:
    f = Forum.get_or_none(Forum.id == forum_id)
    if f is None:
        raise AbcError("ไม่พบเวทีนี้ (อาจถูกลบแล้ว)", "Forum not found (it may have been deleted)")
    return f


def areas_for_level(level: str, within: str | None = None) -> list[Area]:
    """Areas a forum of ``level`` can be held in (optionally under area code ``within``)."""
    q = Area.select().where(Area.level == parse_level(level))
    if within:
        q = q.where(Area.code.startswith(within))
    return list(q.order_by(Area.code))


# ---------------------------------------------------------------- totals


@dataclass(frozen=True)
class ForumTotals:
    """Who was at a forum. ``women``/``men``/``youth`` are disjoint; see the module docstring."""

    named: int = 0
    named_women: int = 0
    named_men: int = 0
    named_youth: int = 0
    households_present: int = 0
    walkin_women: int = 0
    walkin_men: int = 0
    walkin_youth: int = 0
    officials: int = 0

    @property
    def walkins(self) -> int:
        return self.walkin_women + self.walkin_men + self.walkin_youth

    @property
    def women(self) -> int:
        return self.named_women + self.walkin_women

    @property
    def men(self) -> int:
        return self.named_men + self.walkin_men

    @property
    def youth(self) -> int:
        return self.named_youth + self.walkin_youth

    @property
    def total(self) -> int:
        return self.named + self.walkins + self.officials


@dataclass(frozen=True)
class ForumSummary:
    """One row of the forum list / the ``forums`` export."""

    id: int
    uuid: str
    level: str
    area_code: str
    area_name: str
    date: _dt.date
    topic: str
    totals: ForumTotals = field(default_factory=ForumTotals)
    findings: int = 0
    proposals: int = 0


def _forum_filter(
    area: str | None = None,
    level: str | None = None,
    date_from: _dt.date | None = None,
    date_to: _dt.date | None = None,
    ids: list[int] | None = None,
):
    clause = Forum.id.is_null(False)
    if area:
        clause &= Forum.area.startswith(area)
    if level:
        clause &= Forum.level == level
    if date_from:
        clause &= Forum.date >= date_from
    if date_to:
        clause &= Forum.date <= date_to
    if ids is not None:
        clause &= Forum.id.in_(ids)
    return clause


def _aggregates(clause) -> tuple[dict, dict, dict, dict]:
    """Per-forum attendance, officials, findings and proposals for the forums matching ``clause``."""
    in_scope = Forum.select(Forum.id).where(clause)
    # The forum's year as an integer (built-in functions of either engine: no Python per row).
    forum_year = engine.year_expr(Forum.date)
    youth = Member.birth_year.is_null(False) & (forum_year - Member.birth_year < YOUTH_UNDER_AGE)
    not_youth = ~youth | Member.birth_year.is_null()
    att = (
        ForumAttendance.select(
            ForumAttendance.forum,
            fn.COUNT(ForumAttendance.id),
            fn.COUNT(Member.household.distinct()),
            fn.SUM(Case(None, [(youth, 1)], 0)),
            fn.SUM(Case(None, [(not_youth & (Member.sex == "f"), 1)], 0)),
            fn.SUM(Case(None, [(not_youth & (Member.sex == "m"), 1)], 0)),
        )
        .join(Member)
        .join_from(ForumAttendance, Forum)
        .where(ForumAttendance.forum.in_(in_scope))
        .group_by(ForumAttendance.forum)
        .tuples()
    )
    attendance = {r[0]: tuple(int(x or 0) for x in r[1:]) for r in att}
    officials = dict(
        ForumOfficial.select(ForumOfficial.forum, fn.SUM(ForumOfficial.count))
        .where(ForumOfficial.forum.in_(in_scope))
        .group_by(ForumOfficial.forum)
        .tuples()
    )
    findings = dict(
        Finding.select(Finding.forum, fn.COUNT(Finding.id))
        .where(Finding.forum.in_(in_scope))
        .group_by(Finding.forum)
        .tuples()
    )
    proposals = dict(
        PlanItem.select(PlanItem.forum, fn.COUNT(PlanItem.id))
        .where(PlanItem.forum.in_(in_scope))
        .group_by(PlanItem.forum)
        .tuples()
    )
    return attendance, officials, findings, proposals


def _summaries(
    clause, *, offset: int = 0, limit: int | None = None, newest_first: bool = True
) -> list[ForumSummary]:
    order = (Forum.date.desc(), Forum.id.desc()) if newest_first else (Forum.date, Forum.id)
    q = Forum.select(Forum, Area.code, Area.name).join(Area).where(clause).order_by(*order).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    forums = list(q)
    if not forums:
        return []
    attendance, officials, findings, proposals = _aggregates(
        clause & Forum.id.in_([f.id for f in forums]) if limit is not None else clause
    )
    out = []
    for f in forums:
        named, households, youth, women, men = attendance.get(f.id, (0, 0, 0, 0, 0))
        totals = ForumTotals(
            named=named,
            named_women=women,
            named_men=men,
            named_youth=youth,
            households_present=households,
            walkin_women=f.walkin_women,
            walkin_men=f.walkin_men,
            walkin_youth=f.walkin_youth,
            officials=int(officials.get(f.id) or 0),
        )
        out.append(
            ForumSummary(
                f.id,
                f.uuid,
                f.level,
                f.area_code,
                f.area.name,
                f.date,
                f.topic,
                totals,
                int(findings.get(f.id, 0)),
                int(proposals.get(f.id, 0)),
            )
        )
    return out


def list_forums(
    area: str | None = None,
    level: str | None = None,
    date_from: _dt.date | None = None,
    date_to: _dt.date | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
) -> list[ForumSummary]:
    """One window of forums (newest first) with their totals."""
    return _summaries(_forum_filter(area, level, date_from, date_to), offset=offset, limit=limit)


def count_forums(
    area: str | None = None,
    level: str | None = None,
    date_from: _dt.date | None = None,
    date_to: _dt.date | None = None,
) -> int:
    return Forum.select().where(_forum_filter(area, level, date_from, date_to)).count()


def summary(forum_id: int) -> ForumSummary:
    rows = _summaries(_forum_filter(ids=[forum_id]), limit=1)
    if not rows:
        raise AbcError("ไม่พบเวทีนี้ (อาจถูกลบแล้ว)", "Forum not found (it may have been deleted)")
    return rows[0]


def totals(forum_id: int) -> ForumTotals:
    return summary(forum_id).totals


def sessions(
    area: str | None = None, date_from: _dt.date | None = None, date_to: _dt.date | None = None
) -> list[ForumSummary]:
    """Every forum session of the area between the dates with its totals, oldest first (the
    ``forums`` report is made from these in :mod:`abc_tui.reports.queries`)."""
    return _summaries(_forum_filter(area, None, date_from, date_to), newest_first=False)


# ---------------------------------------------------------------- attendance by name


@dataclass(frozen=True)
class Candidate:
    """A registered member who could attend a forum, and whether they are ticked."""

    member_id: int
    name: str
    sex: str
    birth_year: int | None
    household_code: str
    house_no: str
    present: bool


def _candidate_clause(forum: Forum, query: str, present_only: bool):
    clause = Household.village.startswith(forum.area_code) & (Household.active == True)  # noqa: E712
    q = " ".join(to_ascii_digits(query or "").split())
    if q:
        clause &= (
            (engine.instr_expr(Member.name, q) > 0)
            | Household.house_no.startswith(q)
            | Household.code.startswith(q)
        )
    if present_only:
        clause &= ForumAttendance.id.is_null(False)
    return clause


def _candidate_query(forum: Forum, query: str, present_only: bool):
    return (
        Member.select(
            Member.id,
            Member.name,
            Member.sex,
            Member.birth_year,
            Household.code,
            Household.house_no,
            ForumAttendance.id.alias("att"),
        )
        .join(Household)
        .join_from(
            Member,
            ForumAttendance,
            JOIN.LEFT_OUTER,
            on=((ForumAttendance.member == Member.id) & (ForumAttendance.forum == forum.id)),
        )
        .where(_candidate_clause(forum, query, present_only))
    )


def candidates(
    forum_id: int, query: str = "", *, present_only: bool = False, offset: int = 0, limit: int = 200
) -> list[Candidate]:
    """One window of the members living in the forum's area, matching ``query``
    (part of a name, a house number or a household code)."""
    forum = get_forum(forum_id)
    lead = engine.leading_int_expr(Household.house_no)
    rows = (
        _candidate_query(forum, query, present_only)
        .order_by(Household.village, lead, Household.house_no, Member.id)
        .offset(offset)
        .limit(limit)
        .tuples()
    )
    return [Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6] is not None) for r in rows]


def count_candidates(forum_id: int, query: str = "", *, present_only: bool = False) -> int:
    return _candidate_query(get_forum(forum_id), query, present_only).count()


def _check_member(forum: Forum, member_id: int) -> Member:
    m = Member.select(Member, Household).join(Household).where(Member.id == member_id).first()
    if m is None:
        raise AbcError("ไม่พบสมาชิกนี้", "Member not found")
    if not m.household.village_code.startswith(forum.area_code):
        raise AbcError(f"{m.name} ไม่ได้อยู่ในพื้นที่ของเวทีนี้", f"{m.name} does not live in this forum's area")
    return m


def set_present(forum_id: int, member_id: int, present: bool, who: str = "") -> bool:
    """Tick (or untick) a member. Returns True when something changed.

    Ticking someone already ticked changes nothing: one person is one head."""
    forum = get_forum(forum_id)
    m = _check_member(forum, member_id)
    with db.atomic():
        was_present = is_present(forum.id, member_id)
        changed = present != was_present
        if changed and present:
            # The UNIQUE(forum, member) index is the last guard against a double count.
            ForumAttendance.insert(forum=forum.id, member=member_id).on_conflict_ignore().execute()
        elif changed:
            ForumAttendance.delete().where(
                (ForumAttendance.forum == forum.id) & (ForumAttendance.member == member_id)
            ).execute()
        if changed:
            audit.record(
                "forum_attendance",
                forum.uuid,
                "insert" if present else "delete",
                None if present else {"member_uuid": m.uuid, "name": m.name},
                {"member_uuid": m.uuid, "name": m.name} if present else None,
                who,
            )
    return bool(changed)


def toggle_present(forum_id: int, member_id: int, who: str = "") -> bool:
    """Flip a member's attendance; returns whether they are now present."""
    present = is_present(forum_id, member_id)
    set_present(forum_id, member_id, not present, who)
    return not present


def is_present(forum_id: int, member_id: int) -> bool:
    return (
        ForumAttendance.select()
        .where((ForumAttendance.forum == forum_id) & (ForumAttendance.member == member_id))
        .exists()
    )


# ---------------------------------------------------------------- counts


def set_walkins(forum_id: int, women: str, men: str, youth: str, who: str = "") -> Forum:
    """Walk-in counts as typed (blank = 0; negative or > 10,000 refused, nothing saved)."""
    values = {
        "walkin_women": parse_count(women, "จำนวนผู้หญิง (ไม่ได้ลงชื่อ)", "number of walk-in women"),
        "walkin_men": parse_count(men, "จำนวนผู้ชาย (ไม่ได้ลงชื่อ)", "number of walk-in men"),
        "walkin_youth": parse_count(youth, "จำนวนเยาวชน (ไม่ได้ลงชื่อ)", "number of walk-in youth"),
    }
    f = get_forum(forum_id)
    before = _snapshot(f)
    if all(getattr(f, k) == v for k, v in values.items()):
        return f
    with db.atomic():
        for k, v in values.items():
            setattr(f, k, v)
        f.updated_at = now_iso()
        f.save()
        audit.record("forum", f.uuid, "update", before, _snapshot(f), who)
    return f


def officials(forum_id: int) -> list[ForumOfficial]:
    return list(ForumOfficial.select().where(ForumOfficial.forum == forum_id).order_by(ForumOfficial.id))


def set_official(forum_id: int, agency: str, count: str, who: str = "") -> ForumOfficial | None:
    """Officials of one agency present at a forum: one row per agency (typing the same
    agency again replaces its count, never adds a second row); a count of 0 removes it."""
    name = clean_text(agency, required=True, field_th="ชื่อหน่วยงาน", field_en="agency")
    n = parse_count(count, "จำนวนเจ้าหน้าที่", "number of officials")
    f = get_forum(forum_id)
    existing = ForumOfficial.get_or_none((ForumOfficial.forum == f.id) & (ForumOfficial.agency == name))
    with db.atomic():
        if n == 0:
            if existing is not None:
                ForumOfficial.delete().where(ForumOfficial.id == existing.id).execute()
                audit.record(
                    "forum_official", f.uuid, "delete", {"agency": name, "count": existing.count}, None, who
                )
            return None
        if existing is None:
            row = ForumOfficial.create(forum=f.id, agency=name, count=n)
            audit.record("forum_official", f.uuid, "insert", None, {"agency": name, "count": n}, who)
            return row
        before = {"agency": name, "count": existing.count}
        existing.count = n
        existing.save()
        audit.record("forum_official", f.uuid, "update", before, {"agency": name, "count": n}, who)
        return existing


def remove_official(official_id: int, who: str = "") -> None:
    row = ForumOfficial.get_or_none(ForumOfficial.id == official_id)
    if row is None:
        return
    f = get_forum(row.forum_id)
    with db.atomic():
        audit.record(
            "forum_official", f.uuid, "delete", {"agency": row.agency, "count": row.count}, None, who
        )
        ForumOfficial.delete().where(ForumOfficial.id == official_id).execute()


# ---------------------------------------------------------------- findings


def _finding_values(problem: str, cause: str, evidence: str) -> dict:
    return {
        "problem": clean_text(problem, required=True, field_th="ปัญหาที่พบ", field_en="problem"),
        "cause": clean_text(cause, field_th="สาเหตุ", field_en="cause"),
        "evidence": clean_text(evidence, field_th="ข้อมูลที่แสดงปัญหา", field_en="evidence"),
    }


def add_finding(forum_id: int, problem: str, cause: str = "", evidence: str = "", who: str = "") -> Finding:
    """A problem the forum found, its cause, and the figure that showed it."""
    values = _finding_values(problem, cause, evidence)
    f = get_forum(forum_id)
    with db.atomic():
        row = Finding.create(forum=f.id, **values)
        audit.record("finding", row.uuid, "insert", None, values, who)
    return row


def update_finding(
    finding_id: int, problem: str, cause: str = "", evidence: str = "", who: str = ""
) -> Finding:
    values = _finding_values(problem, cause, evidence)
    row = Finding.get_or_none(Finding.id == finding_id)
    if row is None:
        raise AbcError("ไม่พบประเด็นนี้", "Finding not found")
    before = {"problem": row.problem, "cause": row.cause, "evidence": row.evidence}
    with db.atomic():
        Finding.update(**values).where(Finding.id == finding_id).execute()
        audit.record("finding", row.uuid, "update", before, values, who)
    return Finding.get_by_id(finding_id)


def delete_finding(finding_id: int, who: str = "") -> None:
    row = Finding.get_or_none(Finding.id == finding_id)
    if row is None:
        return
    with db.atomic():
        audit.record(
            "finding",
            row.uuid,
            "delete",
            {"problem": row.problem, "cause": row.cause, "evidence": row.evidence},
            None,
            who,
        )
        Finding.delete().where(Finding.id == finding_id).execute()


def findings(forum_id: int) -> list[Finding]:
    return list(Finding.select().where(Finding.forum == forum_id).order_by(Finding.id))


def last_facilitators() -> str:
    """Who facilitated the most recently logged forum (to pre-fill the next one)."""
    row = Forum.select(Forum.facilitators).order_by(Forum.id.desc()).first()
    return row.facilitators if row else ""


def official_agencies() -> list[str]:
    """Agency names already typed for officials at any forum (suggestions for the next one)."""
    return sorted(r[0] for r in ForumOfficial.select(ForumOfficial.agency).distinct().tuples())
