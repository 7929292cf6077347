"""The community plan (แผนชุมชน): plan items, their status history, the demand–supply totals.

A forum's proposal becomes a plan item of the forum's area. Each item says
who acts (household / group / อปท. / agency), for which Thai fiscal year, what
budget was requested and what was approved, and moves along
proposed → in_plan → budgeted → done (or dropped); every move writes a
:class:`PlanStatusChange` row (the date of the change) and an audit row in
the same transaction.

The board's totals — requested (demand) against approved (supply), by actor
and by agency — are SQL ``GROUP BY`` aggregates over the filtered items.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from peewee import JOIN, Case, fn

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import (
    ACTORS,
    MAX_DAYS_AHEAD,
    STATUSES,
    check_transition,
    next_status,
    parse_actor,
    parse_status,
    validate_plan,
)
from abc_tui.domain.thai import fiscal_year_be, format_money
from abc_tui.store import audit
from abc_tui.store.models import Area, Forum, PlanItem, PlanStatusChange, db, now_iso

#: Status filter meaning "every status except dropped" (the board's default view).
ACTIVE = "active"


@dataclass
class PlanForm:
    """The plan-item form as typed (every field a string; money in baht, fiscal year B.E.)."""

    title: str = ""
    problem: str = ""
    actor: str = ""
    agency: str = ""
    fiscal_year: str = ""
    budget_requested: str = ""
    budget_approved: str = ""


def form_of(item: PlanItem) -> PlanForm:
    """The form pre-filled from a saved item (for editing)."""

    def baht(satang: int | None) -> str:
        return "" if satang is None else format_money(satang, sep=False).removesuffix(".00")

    return PlanForm(
        title=item.title,
        problem=item.problem,
        actor=item.actor,
        agency=item.agency,
        fiscal_year=str(item.fiscal_year_be),
        budget_requested=baht(item.budget_requested_satang),
        budget_approved=baht(item.budget_approved_satang),
    )


def default_fiscal_year(on: _dt.date | None = None) -> int:
    """Plans made at a forum go into the coming fiscal year's budget (B.E.)."""
    return fiscal_year_be(on or _dt.date.today()) + 1


def _snapshot(item: PlanItem) -> dict:
    return {
        "area_code": item.area_code,
        "forum_id": item.forum_id,
        "title": item.title,
        "problem": item.problem,
        "actor": item.actor,
        "agency": item.agency,
        "fiscal_year_be": item.fiscal_year_be,
        "budget_requested_satang": item.budget_requested_satang,
        "budget_approved_satang": item.budget_approved_satang,
        "status": item.status,
    }


def _values(form: PlanForm, confirm_over: bool) -> dict:
    v = validate_plan(
        title=form.title,
        problem=form.problem,
        actor=form.actor,
        agency=form.agency,
        fiscal_year=form.fiscal_year,
        budget_requested=form.budget_requested,
        budget_approved=form.budget_approved,
        confirm_over=confirm_over,
    )
    return {
        "title": v.title,
        "problem": v.problem,
        "actor": v.actor,
        "agency": v.agency,
        "fiscal_year_be": v.fiscal_year_be,
        "budget_requested_satang": v.budget_requested_satang,
        "budget_approved_satang": v.budget_approved_satang,
    }


def _check_day(on: _dt.date | None) -> _dt.date:
    today = _dt.date.today()
    on = on or today
    if on > today + _dt.timedelta(days=MAX_DAYS_AHEAD):
        raise AbcError("วันที่เปลี่ยนสถานะอยู่ในอนาคต", "The date of the status change is in the future")
    return on


def add_item(
    area_code: str,
    form: PlanForm,
    *,
    forum_id: int | None = None,
    who: str = "",
    on: _dt.date | None = None,
    confirm_over: bool = False,
) -> PlanItem:
    """Write a proposal into the plan of ``area_code`` (status ``proposed``, dated ``on``).

    Raises :class:`~abc_tui.domain.forums.OverApproval` when the approved budget is above the
    requested one and ``confirm_over`` is not set; nothing is saved until it is.
    """
    area = Area.get_or_none(Area.code == area_code)
    if area is None:
        raise AbcError(f"ไม่พบพื้นที่รหัส {area_code}", f"No area with code {area_code}")
    values = _values(form, confirm_over)
    on = _check_day(on)
    with db.atomic():
        item = PlanItem.create(area=area.code, forum=forum_id, status="proposed", **values)
        PlanStatusChange.create(plan_item=item.id, status="proposed", changed_on=on, who=who)
        audit.record("plan_item", item.uuid, "insert", None, _snapshot(item), who)
    return item


def propose(forum_id: int, form: PlanForm, *, who: str = "", confirm_over: bool = False) -> PlanItem:
    """A forum's proposal: a plan item of the forum's area, linked back to the forum,
    dated the day of the forum."""
    forum = Forum.get_or_none(Forum.id == forum_id)
    if forum is None:
        raise AbcError("ไม่พบเวทีนี้ (อาจถูกลบแล้ว)", "Forum not found (it may have been deleted)")
    return add_item(
        forum.area_code, form, forum_id=forum.id, who=who, on=forum.date, confirm_over=confirm_over
    )


def get_item(item_id: int) -> PlanItem:
    item = PlanItem.get_or_none(PlanItem.id == item_id)
    if item is None:
        raise AbcError("ไม่พบรายการแผนนี้ (อาจถูกลบแล้ว)", "Plan item not found (it may have been deleted)")
    return item


def update_item(item_id: int, form: PlanForm, *, who: str = "", confirm_over: bool = False) -> PlanItem:
    """Edit a plan item's fields (its status moves only through :func:`move`)."""
    item = get_item(item_id)
    values = _values(form, confirm_over)
    before = _snapshot(item)
    with db.atomic():
        for k, v in values.items():
            setattr(item, k, v)
        item.updated_at = now_iso()
        item.save()
        audit.record("plan_item", item.uuid, "update", before, _snapshot(item), who)
    return item


def delete_item(item_id: int, who: str = "") -> None:
    item = get_item(item_id)
    with db.atomic():
        audit.record("plan_item", item.uuid, "delete", _snapshot(item), None, who)
        PlanItem.delete().where(PlanItem.id == item.id).execute()


def move(item_id: int, status: str, *, who: str = "", on: _dt.date | None = None) -> PlanItem:
    """Move a plan item to ``status`` (checked against the life cycle), dated ``on`` (today)."""
    item = get_item(item_id)
    new = parse_status(status)
    check_transition(item.status, new)
    on = _check_day(on)
    before = _snapshot(item)
    with db.atomic():
        item.status = new
        item.updated_at = now_iso()
        item.save()
        PlanStatusChange.create(plan_item=item.id, status=new, changed_on=on, who=who)
        after = _snapshot(item) | {"changed_on": on.isoformat()}
        audit.record("plan_item", item.uuid, "status", before, after, who)
    return item


def advance(item_id: int, *, who: str = "", on: _dt.date | None = None) -> PlanItem:
    """One step along proposed → in_plan → budgeted → done."""
    item = get_item(item_id)
    new = next_status(item.status)
    if new is None:
        raise AbcError(
            "รายการนี้ไปต่อไม่ได้แล้ว (ดำเนินการแล้วหรือยุติ)",
            "This item cannot move further (done or dropped)",
        )
    return move(item_id, new, who=who, on=on)


def budget(item_id: int, approved: str, *, who: str = "", on: _dt.date | None = None) -> PlanItem:
    """Move an item to budgeted with the approved amount typed at that moment (issue 10): the amount
    and the move are saved together or not at all. An amount above the request is refused here
    (the item's full form asks about it)."""
    if not (approved or "").strip():
        raise AbcError("ใส่งบที่อนุมัติ (บาท)", "Type the approved budget (baht)")
    item = get_item(item_id)
    check_transition(item.status, "budgeted")
    form = form_of(item)
    form.budget_approved = approved
    with db.atomic():
        update_item(item_id, form, who=who)
        return move(item_id, "budgeted", who=who, on=on)


def history(item_id: int) -> list[PlanStatusChange]:
    return list(
        PlanStatusChange.select()
        .where(PlanStatusChange.plan_item == item_id)
        .order_by(PlanStatusChange.id)  # the order things happened (a change may be back-dated)
    )


def items_of_forum(forum_id: int) -> list[PlanItem]:
    return list(PlanItem.select().where(PlanItem.forum == forum_id).order_by(PlanItem.id))


# ---------------------------------------------------------------- the board


@dataclass(frozen=True)
class PlanFilter:
    """What the plan board shows. ``None`` = any; ``status`` may be :data:`ACTIVE` (not dropped);
    ``area`` is a code prefix (a tambon's code covers its villages' items)."""

    area: str | None = None
    status: str | None = None
    actor: str | None = None
    agency: str | None = None
    fiscal_year_be: int | None = None

    def clause(self):
        c = PlanItem.id.is_null(False)
        if self.area:
            c &= PlanItem.area.startswith(self.area)
        if self.status == ACTIVE:
            c &= PlanItem.status != "dropped"
        elif self.status:
            c &= PlanItem.status == parse_status(self.status)
        if self.actor:
            c &= PlanItem.actor == parse_actor(self.actor)
        if self.agency is not None:
            c &= PlanItem.agency == self.agency
        if self.fiscal_year_be:
            c &= PlanItem.fiscal_year_be == self.fiscal_year_be
        return c


_STATUS_ORDER = Case(PlanItem.status, [(s, i) for i, s in enumerate(STATUSES)], len(STATUSES))


def items(flt: PlanFilter, *, offset: int = 0, limit: int = 200) -> list[PlanItem]:
    """One window of the filtered items: newest fiscal year first, then by status and title."""
    return list(
        PlanItem.select()
        .where(flt.clause())
        .order_by(PlanItem.fiscal_year_be.desc(), _STATUS_ORDER, PlanItem.area, PlanItem.id)
        .offset(offset)
        .limit(limit)
    )


def count(flt: PlanFilter) -> int:
    return PlanItem.select().where(flt.clause()).count()


@dataclass(frozen=True)
class TotalRow:
    """Demand against supply for one actor or agency."""

    key: str
    items: int
    requested: int
    approved: int
    approved_items: int

    @property
    def gap(self) -> int:
        return self.requested - self.approved

    @property
    def approved_pct(self) -> float | None:
        return round(100 * self.approved / self.requested, 1) if self.requested else None


def totals(flt: PlanFilter, by: str = "actor") -> tuple[list[TotalRow], TotalRow]:
    """Requested vs approved budget of the filtered items, grouped ``by`` "actor" or "agency",
    plus the overall row. Actors come in their fixed order, agencies by requested amount."""
    if by not in ("actor", "agency"):
        raise ValueError(by)
    key = PlanItem.actor if by == "actor" else PlanItem.agency
    q = (
        PlanItem.select(
            key,
            fn.COUNT(PlanItem.id),
            fn.COALESCE(fn.SUM(PlanItem.budget_requested_satang), 0),
            fn.COALESCE(fn.SUM(PlanItem.budget_approved_satang), 0),
            fn.COUNT(PlanItem.budget_approved_satang),
        )
        .where(flt.clause())
        .group_by(key)
        .tuples()
    )
    rows = [TotalRow(k or "", int(n), int(r), int(a), int(na)) for k, n, r, a, na in q]
    if by == "actor":
        order = {a: i for i, a in enumerate(ACTORS)}
        rows.sort(key=lambda r: order.get(r.key, len(order)))
    else:
        rows.sort(key=lambda r: (-r.requested, r.key))
    overall = TotalRow(
        "",
        sum(r.items for r in rows),
        sum(r.requested for r in rows),
        sum(r.approved for r in rows),
        sum(r.approved_items for r in rows),
    )
    return rows, overall


def status_counts(flt: PlanFilter) -> dict[str, int]:
    """How many of the filtered items are in each status."""
    q = PlanItem.select(PlanItem.status, fn.COUNT(PlanItem.id)).where(flt.clause()).group_by(PlanItem.status)
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({s: int(n) for s, n in q.tuples()})
    return counts


def agencies(area: str | None = None) -> list[str]:
    """Agency names used in the plan of ``area`` (for the board's filter)."""
    q = PlanItem.select(PlanItem.agency).where(PlanItem.agency != "").distinct()
    if area:
        q = q.where(PlanItem.area.startswith(area))
    return sorted(r[0] for r in q.tuples())


def fiscal_years(area: str | None = None) -> list[int]:
    q = PlanItem.select(PlanItem.fiscal_year_be).distinct()
    if area:
        q = q.where(PlanItem.area.startswith(area))
    return sorted((r[0] for r in q.tuples()), reverse=True)


def items_for_report(flt: PlanFilter | None = None) -> list[PlanItem]:
    """The plan items of the filter with their forum, in area, fiscal year and entry order (the
    ``plan`` report is made from these in :mod:`abc_tui.reports.queries`)."""
    flt = flt or PlanFilter()
    return list(
        PlanItem.select(PlanItem, Forum.id, Forum.uuid)
        .join(Forum, JOIN.LEFT_OUTER)
        .where(flt.clause())
        .order_by(PlanItem.area, PlanItem.fiscal_year_be, PlanItem.id)
    )
