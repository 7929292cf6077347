"""Submitting figures upward (REPORTS.md "Periods and what was sent"): the report side.

The store (:mod:`abc_tui.store.periods`) keeps the states, locks, log and rounds; this module
computes what they freeze: a village-month's figures (the ``village-month`` report's row), the
figures an exported file carried, the differences between a snapshot and now, and the indicators
of a closed evaluation round.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal

import peewee

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import queries
from abc_tui.reports.period import Period, check_area
from abc_tui.reports.spec import spec
from abc_tui.store import engine, periods
from abc_tui.store.users import os_login_name as login_name  # who sent a file when no one is named

#: The figures a snapshot keeps: the village-month keys after village and month.
FIGURE_KEYS = tuple(spec("village-month").keys()[2:])


@dataclass(frozen=True)
class Change:
    """One figure of one village-month that differs between a snapshot and now."""

    village: str
    month: str
    key: str
    before: object
    now: object

    def text(self) -> str:
        return f"{self.village} {self.month} {self.key}: {_show(self.before)} → {_show(self.now)}"


def _show(v: object) -> str:
    if v is None:
        return "-"
    return str(v)


def _json_value(v: object) -> object:
    return str(v) if isinstance(v, Decimal) else v


def figures(period: Period, area: str) -> dict[str, dict]:
    """``"village:YYYY-MM" -> {key: value}``: the village-month figures of the area and period
    (money in satang, percentages as text), as a snapshot keeps them."""
    return {
        f"{row[0]}:{row[1]}": dict(zip(FIGURE_KEYS, (_json_value(v) for v in row[2:])))
        for row in queries.village_month(period, area)
    }


def changes(before: dict[str, dict], now: dict[str, dict]) -> list[Change]:
    """Every figure of a village-month in ``before`` that is different ``now``."""
    out = []
    for vm in sorted(before):
        village, _, month = vm.partition(":")
        old, new = before[vm], now.get(vm, {})
        for key in FIGURE_KEYS:
            if key in old and old.get(key) != new.get(key):
                out.append(Change(village, month, key, old.get(key), new.get(key)))
    return out


def _villages(area: str) -> list[str]:
    check_area(area)
    villages = queries.villages_in(area)
    if not villages:
        raise AbcError(f"ไม่มีหมู่บ้านในพื้นที่ {area}", f"No village in area {area}")
    return villages


# ---------------------------------------------------------------- period states


@dataclass(frozen=True)
class Submitted:
    village: str
    month: str
    unbalanced: list[tuple[str, str]]
    changes: list[Change]  # against the figures submitted before (after a reopen)


def submit(area: str, month: str | Month, who: str, *, role: str | None = None) -> list[Submitted]:
    """Submit the month of every village under ``area`` that is still open: freeze its figures;
    unbalanced pages are listed (a warning, the officer may still submit)."""
    m = month if isinstance(month, Month) else Month.from_iso(month)
    out = []
    for village in _villages(area):
        if periods.state(village, m) != periods.OPEN:
            continue
        now = figures(Period(m, m), village)
        before = periods.snapshot_of(village, m)
        unbalanced = periods.unbalanced_pages(village, m)
        periods.submit(village, m, who, now, unbalanced, role=role)
        out.append(Submitted(village, m.iso(), unbalanced, changes(before, now) if before else []))
    if not out:
        raise AbcError(
            f"ไม่มีเดือน {m.thai_label()} ที่ยังเปิดอยู่ในพื้นที่ {area}",
            f"No open {m.be_label()} left to submit in area {area}",
        )
    return out


def approve(area: str, month: str | Month, who: str, *, role: str | None = None) -> list[str]:
    """Approve the submitted month of every village under ``area``; returns the villages."""
    m = month if isinstance(month, Month) else Month.from_iso(month)
    done = []
    for village in _villages(area):
        if periods.state(village, m) == periods.SUBMITTED:
            periods.approve(village, m, who, role=role)
            done.append(village)
    if not done:
        raise AbcError(
            f"ไม่มีเดือน {m.thai_label()} ที่ส่งแล้วรออนุมัติในพื้นที่ {area}",
            f"No submitted {m.be_label()} waiting for approval in area {area}",
        )
    return done


def reopen(area: str, month: str | Month, who: str, reason: str, *, role: str | None = None) -> list[str]:
    """Reopen the locked month of every village under ``area`` (a reason is required)."""
    m = month if isinstance(month, Month) else Month.from_iso(month)
    if not " ".join((reason or "").split()):
        raise AbcError("ต้องระบุเหตุผลที่เปิดงวดใหม่ (--reason)", "Reopening needs a reason (--reason)")
    done = []
    for village in _villages(area):
        if periods.state(village, m) in periods.LOCKED:
            periods.reopen(village, m, who, reason, role=role)
            done.append(village)
    if not done:
        raise AbcError(
            f"ไม่มีเดือน {m.thai_label()} ที่ปิดงวดอยู่ในพื้นที่ {area}", f"No locked {m.be_label()} in area {area}"
        )
    return done


def submit_period(period: Period, area: str, who: str, *, role: str | None = None) -> list[Submitted]:
    """:func:`submit` for every month of ``period`` (months with nothing open are passed over)."""
    periods._require(role, "period.close")
    out: list[Submitted] = []
    for m in period.month_list():
        if any(periods.state(v, m) == periods.OPEN for v in _villages(area)):
            out += submit(area, m, who, role=role)
    if not out:
        raise AbcError(
            f"ไม่มีเดือนที่ยังเปิดอยู่ใน {period.label()} พื้นที่ {area}",
            f"No open month left to submit in {period.label('en')}, area {area}",
        )
    return out


def reopen_period(
    period: Period, area: str, who: str, reason: str, *, role: str | None = None
) -> list[tuple[str, str]]:
    """:func:`reopen` for every locked month of ``period``; returns ``(village, month)`` reopened."""
    periods._require(role, "period.close")
    locked = sorted(periods.states(area, period.first, period.last))
    if not locked:
        raise AbcError(
            f"ไม่มีเดือนที่ปิดงวดอยู่ใน {period.label()} พื้นที่ {area}",
            f"No locked month in {period.label('en')}, area {area}",
        )
    if not " ".join((reason or "").split()):
        raise AbcError("ต้องระบุเหตุผลที่เปิดงวดใหม่", "Reopening needs a reason")
    for village, month in locked:
        periods.reopen(village, month, who, reason, role=role)
    return locked


def changes_since_submitted(period: Period, area: str, now: dict[str, dict] | None = None) -> list[Change]:
    """Differences between the figures frozen at submission and now, for the submitted (or once
    submitted) village-months of the area and period."""
    now = figures(period, area) if now is None else now
    before = {}
    for ps in periods.listing(area, period.first, period.last):
        if ps.snapshot:
            before.update(json.loads(ps.snapshot))
    return changes(before, now)


# ---------------------------------------------------------------- the sent log


def _cannot_log(exc: BaseException) -> bool:
    """A log that cannot be written (a locked or read-only file, no log tables), not a bug."""
    return isinstance(exc, peewee.OperationalError) or engine.is_missing_table(exc)


def log_sent(results: list, period: Period, area: str, who: str = "") -> list:
    """Record exported files (``ExportResult``s) in the sent log, once they are in place, and say
    what changed (``result.changes``) since the same area and period was last sent, or, sent for
    the first time, since its months were submitted.

    A file that cannot be logged (a read-only database, another writer's lock) is still written:
    its result says ``logged=False``.
    """
    now = figures(period, area)
    try:
        last = periods.last_sent_snapshot(area, period.first.iso(), period.last.iso())
        # Against the last file of the same area and period; the first time, against what was submitted.
        diff = tuple(changes(last[1], now) if last else changes_since_submitted(period, area, now))
    except peewee.DatabaseError as exc:  # a file opened without its upgrade (no log tables): just export
        if not _cannot_log(exc):
            raise
        diff = ()
    who = who or login_name()
    out = []
    for r in results:
        try:
            periods.record_sent(
                r.report, period.first.iso(), period.last.iso(), area, r.path, r.rows, who, now
            )
            logged = True
        except peewee.DatabaseError as exc:
            if not _cannot_log(exc):
                raise
            logged = False
        out.append(replace(r, changes=diff, logged=logged))
    return out


# ---------------------------------------------------------------- evaluation rounds


def close_round(period: Period, area: str, who: str, *, role: str | None = None):
    """Close a two-month evaluation period as a round: its indicators are kept as they are now."""
    if period.bimonth() is None:
        raise AbcError(
            "ปิดรอบประเมินได้เฉพาะช่วงสองเดือน (ม.ค.–ก.พ., มี.ค.–เม.ย., …) กด F5 เลือกช่วงสองเดือน",
            "Only a two-month evaluation period (Jan–Feb, Mar–Apr, …) can be closed as a round; F5 picks one",
        )
    area = check_area(area).code
    rows = [
        [r[4], r[5], r[6], None if r[7] is None else str(r[7])]
        for r in queries.indicators(period, area)
        if r[0] == area
    ]
    return periods.close_round(area, period.first.iso(), period.last.iso(), who, rows, role=role)


@dataclass(frozen=True)
class RoundRow:
    indicator: str
    label_th: str
    label_en: str
    percents: list[str | None]  # one per round, oldest first
    change: str | None  # the last round minus the one before, in percentage points


def round_table(area: str, n: int = 3) -> tuple[list[str], list[RoundRow]]:
    """The last ``n`` closed rounds of ``area`` side by side: round labels, and per indicator the
    percent of each round and the change between the last two."""
    kept = periods.rounds(area, n)
    labels = []
    for r, _ in kept:  # "2567-1": bi-month 1 of B.E. 2567, as --period bimonth:2567-1 names it
        bm = Period(Month.from_iso(r.period_from), Month.from_iso(r.period_to)).bimonth()
        labels.append(f"{bm[0]}-{bm[1]}" if bm else f"{r.period_from}–{r.period_to}")
    out = []
    for ind in queries.INDICATORS:
        pcts: list[str | None] = []
        for _r, rows in kept:
            got = next((row for row in rows if row[0] == ind.id), None)
            pcts.append(None if got is None else got[3])
        change = None
        if len(pcts) >= 2 and pcts[-1] is not None and pcts[-2] is not None:
            d = Decimal(pcts[-1]) - Decimal(pcts[-2])
            change = f"{d:+}"
        out.append(RoundRow(ind.id, ind.th, ind.en, pcts, change))
    return labels, out
