"""Reporting periods that hold still: village-month states and locks, the log of files sent upward,
and closed bi-monthly evaluation rounds (REPORTS.md "Periods and what was sent"; migration 8).

A village-month is ``open``, ``submitted`` (by an officer, with its figures frozen as a snapshot) or
``approved`` (by the district or the office head). Submitted and approved months are **locked**:
:func:`assert_open` / :func:`assert_months_open` refuse a write with a message saying who locked the
month and how to reopen it; triggers on the ledger tables (migration 8) refuse any write that slips
past them. Reopening needs a reason and is audited.

The figures themselves (snapshots, indicators) are computed by the report layer and handed in as
plain dicts; this module only keeps them. Role checks go through :func:`_require` alone.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from abc_tui.domain.areas import area_bounds
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, format_date_be
from abc_tui.store import audit, users
from abc_tui.store.models import EvalRound, Household, LedgerPage, PeriodState, SentFile, db, now_iso

OPEN, SUBMITTED, APPROVED = "open", "submitted", "approved"
STATES = (OPEN, SUBMITTED, APPROVED)
LOCKED = (SUBMITTED, APPROVED)


def _require(who_role: str | None, action: str) -> None:
    """Refuse ``action`` for ``who_role`` through the office's one permission table
    (:func:`abc_tui.store.users.require`); ``None`` = no login (the CLI), everything is allowed."""
    if who_role is not None:
        users.require(who_role, action)


# ---------------------------------------------------------------- states and locks


def _month(month: str | Month) -> Month:
    return month if isinstance(month, Month) else Month.from_iso(month)


def _key(village: str, month: str | Month) -> str:
    return f"{village}:{_month(month).iso()}"


def get(village: str, month: str | Month) -> PeriodState | None:
    return PeriodState.get_or_none(
        (PeriodState.village_code == village) & (PeriodState.month == _month(month).iso())
    )


def state(village: str, month: str | Month) -> str:
    ps = get(village, month)
    return ps.state if ps else OPEN


def states(area: str, first: str | Month, last: str | Month) -> dict[tuple[str, str], str]:
    """``(village_code, month) -> state`` of every village-month under ``area`` that is not open."""
    rows = PeriodState.select(PeriodState.village_code, PeriodState.month, PeriodState.state).where(
        (PeriodState.village_code >= area_bounds(area)[0])
        & (PeriodState.village_code < area_bounds(area)[1])
        & (PeriodState.month >= _month(first).iso())
        & (PeriodState.month <= _month(last).iso())
        & (PeriodState.state != OPEN)
    )
    return {(r.village_code, r.month): r.state for r in rows}


def lock_error(ps: PeriodState) -> AbcError:
    """The message for a write into locked month ``ps``: who locked it, and how to reopen it
    (the most important first: a one-line message field shows the start)."""
    m = Month.from_iso(ps.month)
    approved = ps.state == APPROVED
    who = (ps.approved_by if approved else ps.submitted_by) or "-"
    at = (ps.approved_at if approved else ps.submitted_at) or ""
    day_be = format_date_be(_dt.date.fromisoformat(at[:10])) if at else ""
    how = f"abc-tui period reopen --area {ps.village_code} --month {ps.month} --reason ..."
    return AbcError(
        f"ปิดงวดแล้ว: {m.thai_label()} หมู่บ้าน {ps.village_code} {'อนุมัติ' if approved else 'ส่ง'}โดย {who} "
        f"{day_be} แก้ไขไม่ได้ · ให้เจ้าหน้าที่เปิดงวดใหม่พร้อมเหตุผล: {how}",
        f"Locked: {m.be_label()} of village {ps.village_code}, {'approved' if approved else 'submitted'} by {who} "
        f"{day_be}; it cannot be changed · an officer must reopen it with a reason: {how}",
    )


def assert_open(village: str, month: str | Month) -> None:
    """Refuse (AbcError) when the village-month is submitted or approved."""
    ps = get(village, month)
    if ps is not None and ps.state in LOCKED:
        raise lock_error(ps)


def assert_months_open(area_months: Iterable[tuple[str, str]]) -> None:
    """Refuse a bulk write (an import, a batch of lines) touching any locked month, whole: the
    message names the first locked one. ``area_months``: ``(area_code, "YYYY-MM")`` pairs; an area
    above a village covers every village under it."""
    wanted: dict[str, set[str]] = {}
    for area, month in area_months:
        wanted.setdefault(_month(month).iso(), set()).add(area)
    if not wanted:
        return
    locked = (
        PeriodState.select()
        .where(PeriodState.month.in_(sorted(wanted)) & PeriodState.state.in_(LOCKED))
        .order_by(PeriodState.month, PeriodState.village_code)
    )
    for ps in locked:
        if any(ps.village_code.startswith(area) for area in wanted[ps.month]):
            raise lock_error(ps)


def unbalanced_pages(village: str, month: str | Month) -> list[tuple[str, str]]:
    """``(household_code, status)`` of the village-month's pages that are not balanced."""
    rows = (
        LedgerPage.select(Household.code, LedgerPage.status)
        .join(Household, on=(LedgerPage.household == Household.id))
        .where(
            (Household.village == village)
            & (LedgerPage.month == _month(month).iso())
            & (LedgerPage.status.not_in(("balanced", "closed")))
        )
        .order_by(Household.code)
        .tuples()
    )
    return [(code, status) for code, status in rows]


def _snap(ps: PeriodState | None) -> dict:
    if ps is None:
        return {"state": OPEN}
    return {"state": ps.state, "submitted_by": ps.submitted_by, "approved_by": ps.approved_by}


def submit(
    village: str, month: str | Month, who: str, snapshot: dict, unbalanced: list, *, role: str | None = None
) -> PeriodState:
    """Mark the village-month submitted with its figures frozen (``snapshot``); audited."""
    _require(role, "period.close")
    m = _month(month)
    with db.atomic():
        ps = get(village, m)
        if ps is not None and ps.state in LOCKED:
            raise AbcError(
                f"เดือน {m.thai_label()} หมู่บ้าน {village} ส่งไปแล้ว ({ps.state})",
                f"{m.be_label()} of village {village} is already {ps.state}",
            )
        before = _snap(ps)
        now = now_iso()
        values = dict(
            state=SUBMITTED,
            submitted_by=who,
            submitted_at=now,
            approved_by="",
            approved_at=None,
            snapshot=json.dumps(snapshot, ensure_ascii=False, default=str),
            unbalanced=json.dumps(unbalanced, ensure_ascii=False),
            updated_at=now,
        )
        PeriodState.insert(village_code=village, month=m.iso(), **values).on_conflict(
            conflict_target=[PeriodState.village_code, PeriodState.month], update=values
        ).execute()
        ps = get(village, m)
        audit.record(
            "period_state", _key(village, m), "status", before, _snap(ps) | {"unbalanced": unbalanced}, who
        )
    return ps


def approve(village: str, month: str | Month, who: str, *, role: str | None = None) -> PeriodState:
    """Approve a submitted village-month (the district or the office head); audited."""
    _require(role, "period.approve")
    m = _month(month)
    with db.atomic():
        ps = get(village, m)
        if ps is None or ps.state != SUBMITTED:
            raise AbcError(
                f"อนุมัติได้เฉพาะเดือนที่ส่งแล้ว: {m.thai_label()} หมู่บ้าน {village} ({ps.state if ps else OPEN})",
                f"Only a submitted month can be approved: {m.be_label()} of village {village} is "
                f"{ps.state if ps else OPEN}",
            )
        before = _snap(ps)
        PeriodState.update(
            state=APPROVED, approved_by=who, approved_at=now_iso(), updated_at=now_iso()
        ).where((PeriodState.village_code == village) & (PeriodState.month == m.iso())).execute()
        ps = get(village, m)
        audit.record("period_state", _key(village, m), "status", before, _snap(ps), who)
    return ps


def reopen(
    village: str, month: str | Month, who: str, reason: str, *, role: str | None = None
) -> PeriodState:
    """Open a locked village-month again: needs a reason; audited (the frozen snapshot is kept in
    the audit row, so what was submitted is never lost)."""
    _require(role, "period.close")
    m = _month(month)
    reason = " ".join((reason or "").split())
    if not reason:
        raise AbcError("ต้องระบุเหตุผลที่เปิดงวดใหม่ (--reason)", "Reopening needs a reason (--reason)")
    with db.atomic():
        ps = get(village, m)
        if ps is None or ps.state not in LOCKED:
            raise AbcError(
                f"เดือน {m.thai_label()} หมู่บ้าน {village} เปิดอยู่แล้ว",
                f"{m.be_label()} of village {village} is already open",
            )
        before = _snap(ps) | {"snapshot": json.loads(ps.snapshot or "null")}
        PeriodState.update(state=OPEN, updated_at=now_iso()).where(
            (PeriodState.village_code == village) & (PeriodState.month == m.iso())
        ).execute()
        audit.record(
            "period_state", _key(village, m), "reopen", before, {"state": OPEN, "reason": reason}, who
        )
        ps = get(village, m)
    return ps


def snapshot_of(village: str, month: str | Month) -> dict | None:
    """The figures frozen when the village-month was last submitted (None if never)."""
    ps = get(village, month)
    return json.loads(ps.snapshot) if ps is not None and ps.snapshot else None


def listing(area: str, first: str | Month, last: str | Month) -> list[PeriodState]:
    """Every village-month with a state row under ``area`` in the months (open ones that were reopened too)."""
    return list(
        PeriodState.select()
        .where(
            (PeriodState.village_code >= area_bounds(area)[0])
            & (PeriodState.village_code < area_bounds(area)[1])
            & (PeriodState.month >= _month(first).iso())
            & (PeriodState.month <= _month(last).iso())
        )
        .order_by(PeriodState.month, PeriodState.village_code)
    )


# ---------------------------------------------------------------- the log of files sent upward


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def record_sent(
    report: str, first: str, last: str, area: str, path: Path, rows: int, who: str, snapshot: dict | None
) -> SentFile:
    """Log a file sent upward (called once the final file is in place)."""
    with db.atomic():
        return SentFile.create(
            report=report,
            period_from=first,
            period_to=last,
            area_code=area,
            file_name=str(Path(path).resolve()),
            sha256=file_sha256(path),
            rows=rows,
            who=who,
            at=now_iso(),
            snapshot=None if snapshot is None else json.dumps(snapshot, ensure_ascii=False, default=str),
        )


def sent(limit: int = 500) -> list[SentFile]:
    """The log, newest first."""
    return list(SentFile.select().order_by(SentFile.id.desc()).limit(limit))


def last_sent_snapshot(area: str, first: str, last: str) -> tuple[SentFile, dict] | None:
    """The newest logged file of the same area and period that carried figures, and those figures."""
    row = (
        SentFile.select()
        .where(
            (SentFile.area_code == area)
            & (SentFile.period_from == first)
            & (SentFile.period_to == last)
            & SentFile.snapshot.is_null(False)
        )
        .order_by(SentFile.id.desc())
        .first()
    )
    return (row, json.loads(row.snapshot)) if row is not None else None


# ---------------------------------------------------------------- evaluation rounds


def close_round(
    area: str, first: str, last: str, who: str, indicators: list, *, role: str | None = None
) -> EvalRound:
    """Keep a two-month evaluation period's indicators as they are now (once per area and period)."""
    _require(role, "period.close")
    if EvalRound.get_or_none(
        (EvalRound.area_code == area) & (EvalRound.period_from == first) & (EvalRound.period_to == last)
    ):
        raise AbcError(
            f"รอบประเมิน {first} – {last} ของพื้นที่ {area} ปิดไปแล้ว",
            f"The evaluation round {first} – {last} of area {area} is already closed",
        )
    with db.atomic():
        r = EvalRound.create(
            area_code=area,
            period_from=first,
            period_to=last,
            closed_by=who,
            closed_at=now_iso(),
            indicators=json.dumps(indicators, ensure_ascii=False, default=str),
        )
        audit.record("eval_round", f"{area}:{first}:{last}", "insert", None, {"closed_by": who}, who)
    return r


def rounds(area: str, n: int = 3) -> list[tuple[EvalRound, list]]:
    """The last ``n`` closed rounds of ``area``, oldest first, each with its kept indicator rows."""
    rows = list(
        EvalRound.select().where(EvalRound.area_code == area).order_by(EvalRound.period_from.desc()).limit(n)
    )
    return [(r, json.loads(r.indicators)) for r in reversed(rows)]
