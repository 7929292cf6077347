"""The audit table: writing a row for every change, and reading it back for the audit viewer.

Before/after are JSON. The viewer filters by user, date range, household (code) or forum and
pages newest first with a keyset (``id < last id``, LIMIT n): the table grows with every edit of
every year, so it is never loaded or counted whole.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any

from abc_tui.store import engine
from abc_tui.store.models import (
    Audit,
    Finding,
    Forum,
    Household,
    LedgerLine,
    LedgerPage,
    Member,
    PlanItem,
)


def record(table: str, row_uuid: str, action: str, before: Any, after: Any, who: str = "") -> None:
    """Add one audit row. Call inside the same ``db.atomic()`` as the change itself."""
    Audit.create(
        table=table,
        row_uuid=row_uuid,
        action=action,
        before=None if before is None else json.dumps(before, ensure_ascii=False, default=str),
        after=None if after is None else json.dumps(after, ensure_ascii=False, default=str),
        who=who,
    )


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer asks for; empty fields do not filter. Dates are local calendar days."""

    who: str = ""
    first: _dt.date | None = None
    last: _dt.date | None = None
    household_code: str = ""
    forum_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str  # ISO UTC as stored
    who: str
    table: str
    action: str
    row_uuid: str
    summary: str  # a readable name of the record: household code, topic, title …


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str
    changed: bool


@dataclass
class AuditDetail:
    row: AuditRow
    fields: list[FieldChange] = field(default_factory=list)


#: Fields that name a record, most telling first (for the list's summary column).
_SUMMARY_KEYS = ("household", "code", "topic", "title", "name", "problem", "agency", "status", "login")


def _load(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"value": text}
    return value if isinstance(value, dict) else {"value": value}


def _summary(before: dict, after: dict) -> str:
    for source in (after, before):
        for key in _SUMMARY_KEYS:
            if source.get(key) not in (None, ""):
                return str(source[key])
    return ""


def _row(a: Audit) -> AuditRow:
    return AuditRow(
        a.id, a.at, a.who, a.table, a.action, a.row_uuid, _summary(_load(a.before), _load(a.after))
    )


def _utc_bound(day: _dt.date) -> str:
    """The stored-format UTC timestamp of local midnight starting ``day``."""
    local = _dt.datetime.combine(day, _dt.time()).astimezone()
    return local.astimezone(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _household_clause(code: str):
    h = Household.get_or_none(Household.code == code)
    # Deleted ledger lines exist only in the audit rows: their snapshot names the household. The
    # path is a literal so that the expression indexes of migration 7 match; every OR term is
    # indexed, so SQLite answers with a multi-index OR instead of reading every row's JSON.
    by_snapshot = (engine.json_expr(Audit.before, "household") == code) | (
        engine.json_expr(Audit.after, "household") == code
    )
    if h is None:
        return by_snapshot
    return by_snapshot | (
        ((Audit.table == "household") & (Audit.row_uuid == h.uuid))
        | (
            (Audit.table == "member")
            & Audit.row_uuid.in_(Member.select(Member.uuid).where(Member.household == h.id))
        )
        | (
            (Audit.table == "ledger_page")
            & Audit.row_uuid.in_(LedgerPage.select(LedgerPage.uuid).where(LedgerPage.household == h.id))
        )
        | (
            (Audit.table == "ledger_line")
            & Audit.row_uuid.in_(LedgerLine.select(LedgerLine.uuid).where(LedgerLine.household == h.id))
        )
    )


def _forum_clause(forum_ids: tuple[int, ...]):
    forums = Forum.select(Forum.uuid).where(Forum.id.in_(forum_ids))
    clause = (Audit.table.in_(["forum", "forum_attendance", "forum_official"])) & Audit.row_uuid.in_(forums)
    clause |= (Audit.table == "finding") & Audit.row_uuid.in_(
        Finding.select(Finding.uuid).where(Finding.forum.in_(forum_ids))
    )
    clause |= (Audit.table == "plan_item") & (
        Audit.row_uuid.in_(PlanItem.select(PlanItem.uuid).where(PlanItem.forum.in_(forum_ids)))
        | engine.json_expr(Audit.before, "forum_id").in_(engine.json_values(forum_ids))
        | engine.json_expr(Audit.after, "forum_id").in_(engine.json_values(forum_ids))
    )
    return clause


def _query(flt: AuditFilter):
    q = Audit.select()
    if flt.who:
        q = q.where(Audit.who == flt.who)
    if flt.first is not None:
        q = q.where(Audit.at >= _utc_bound(flt.first))
    if flt.last is not None:
        q = q.where(Audit.at < _utc_bound(flt.last + _dt.timedelta(days=1)))
    if flt.household_code:
        q = q.where(_household_clause(flt.household_code))
    if flt.forum_ids:
        q = q.where(_forum_clause(flt.forum_ids))
    return q


def page(flt: AuditFilter, *, before_id: int | None = None, limit: int = 50) -> list[AuditRow]:
    """Up to ``limit`` matching rows, newest first, older than ``before_id`` (the keyset of the
    previous page's last row; None = from the newest)."""
    q = _query(flt)
    if before_id is not None:
        q = q.where(Audit.id < before_id)
    return [_row(a) for a in q.order_by(Audit.id.desc()).limit(limit)]


def users_in_audit(limit: int = 200) -> list[str]:
    """Names that appear as ``who`` (for the viewer's user filter), by name."""
    q = Audit.select(Audit.who).where(Audit.who != "").distinct().order_by(Audit.who).limit(limit)
    return [a.who for a in q]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def detail(audit_id: int) -> AuditDetail | None:
    """One change field by field: every key of before or after, in first-seen order, with
    ``changed`` set where the values differ."""
    a = Audit.get_or_none(Audit.id == audit_id)
    if a is None:
        return None
    before, after = _load(a.before), _load(a.after)
    names = list(dict.fromkeys([*before, *after]))
    fields = [
        FieldChange(
            name,
            _text(before.get(name)),
            _text(after.get(name)),
            (name in before) != (name in after) or before.get(name) != after.get(name),
        )
        for name in names
    ]
    return AuditDetail(_row(a), fields)


def find_forums(text: str, limit: int = 50) -> tuple[int, ...]:
    """Forums for the viewer's forum filter: a B.E. date (``15/3/68``) or part of the topic."""
    from abc_tui.domain.errors import AbcError
    from abc_tui.domain.thai import parse_date

    text = " ".join((text or "").split())
    if not text:
        return ()
    try:
        clause = Forum.date == parse_date(text)
    except AbcError:
        clause = Forum.topic.contains(text)
    return tuple(f.id for f in Forum.select(Forum.id).where(clause).order_by(Forum.id.desc()).limit(limit))
