"""The completeness grid of ledger entry: a village's households × months, which pages are
missing, empty, entered, balanced or closed (one grouped query for the whole window)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peewee import JOIN, fn

from abc_tui.domain.thai import Month
from abc_tui.store import engine
from abc_tui.store.models import Household, LedgerLine, LedgerPage

__all__ = ["STATES", "CompletenessRow", "completeness"]


#: Cell states of the completeness grid.
STATES = ("missing", "empty", "entered", "balanced", "closed")


@dataclass(frozen=True)
class CompletenessRow:
    household_id: int
    code: str
    house_no: str
    head_name: str
    active: bool
    cells: dict[str, str]  # month iso -> state
    lines: dict[str, int]  # month iso -> number of lines


def completeness(village_code: str, months: Sequence[Month]) -> list[CompletenessRow]:
    """Households of a village (active ones, and inactive ones with a page in the window)
    down, ``months`` across: which pages are missing, empty, entered, balanced or closed."""
    if not months:
        return []
    first, last = min(months).iso(), max(months).iso()
    counts = (
        LedgerPage.select(LedgerPage.household, LedgerPage.month, LedgerPage.status, fn.COUNT(LedgerLine.id))
        .join(Household, on=(LedgerPage.household == Household.id))
        .switch(LedgerPage)
        .join(LedgerLine, JOIN.LEFT_OUTER, on=(LedgerLine.page == LedgerPage.id))
        .where((Household.village == village_code) & (LedgerPage.month >= first) & (LedgerPage.month <= last))
        .group_by(LedgerPage.id)
        .tuples()
    )
    pages: dict[int, dict[str, tuple[str, int]]] = {}
    for hid, month, status, n in counts:
        pages.setdefault(hid, {})[month] = (status, n)
    lead = engine.leading_int_expr(Household.house_no)
    rows = []
    for h in Household.select().where(Household.village == village_code).order_by(lead, Household.house_no):
        mine = pages.get(h.id, {})
        if not h.active and not mine:
            continue
        cells, lines = {}, {}
        for m in months:
            status, n = mine.get(m.iso(), (None, 0))
            if status is None:
                state = "missing"
            elif status in ("balanced", "closed"):
                state = status
            else:
                state = "entered" if n else "empty"
            cells[m.iso()] = state
            lines[m.iso()] = n
        rows.append(CompletenessRow(h.id, h.code, h.house_no, h.head_name, bool(h.active), cells, lines))
    return rows
