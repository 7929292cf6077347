"""Re-key check: a supervisor re-types a random sample of saved ledger lines blind; each
comparison is written to the audit table."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from abc_tui.domain.errors import AbcError
from abc_tui.domain.ledger import LineEntry, rekey_mismatches
from abc_tui.domain.thai import Month, parse_month
from abc_tui.store import audit
from abc_tui.store.ledger import load_chart
from abc_tui.store.models import Household, LedgerLine, db

__all__ = ["RekeyResult", "RekeyTarget", "rekey_check", "rekey_sample"]


@dataclass(frozen=True)
class RekeyTarget:
    """A saved line chosen for blind re-typing, named the way it is found on paper."""

    line_id: int
    household_code: str
    head_name: str
    month: Month
    position: int  # 1-based line number on the page (entry order)
    page_lines: int


@dataclass(frozen=True)
class RekeyResult:
    target: RekeyTarget
    saved: LineEntry
    typed: tuple[str, str, str, str]
    mismatches: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def rekey_sample(village_code: str | None, month: Month | str, n: int = 20) -> list[RekeyTarget]:
    """A random sample of up to ``n`` saved lines of one month (a village, or the whole office)."""
    m = month if isinstance(month, Month) else parse_month(month)
    where = (LedgerLine.date >= m.first_day()) & (LedgerLine.date <= m.last_day())
    if village_code:
        where &= LedgerLine.village_code == village_code
    ids = [
        r[0]
        for r in LedgerLine.select(LedgerLine.id).where(where).order_by(fn.RANDOM()).limit(max(0, n)).tuples()
    ]
    out = []
    for line in (
        LedgerLine.select(LedgerLine, Household)
        .join(Household)
        .where(LedgerLine.id.in_(ids))
        .order_by(Household.code, LedgerLine.id)
    ):
        position = (
            LedgerLine.select().where((LedgerLine.page == line.page_id) & (LedgerLine.id <= line.id)).count()
        )
        total = LedgerLine.select().where(LedgerLine.page == line.page_id).count()
        out.append(RekeyTarget(line.id, line.household.code, line.household.head_name, m, position, total))
    return out


def rekey_check(
    target: RekeyTarget, day: str, code: str, item: str, amount: str, *, who: str = "", chart=None
) -> RekeyResult:
    """Compare a blind re-typing with the saved line; the check is written to the audit table."""
    line = LedgerLine.get_or_none(LedgerLine.id == target.line_id)
    if line is None:
        raise AbcError("รายการนี้ถูกลบไปแล้ว", "This line has been deleted meanwhile")
    saved = LineEntry(line.date.day, line.category_code, line.item, line.amount_satang)
    typed = (day, code, item, amount)
    bad = tuple(rekey_mismatches(saved, typed, month=target.month, chart=chart or load_chart()))
    with db.atomic():
        audit.record(
            "ledger_line",
            line.uuid,
            "rekey",
            {"day": saved.day, "category": saved.code, "item": saved.item, "amount_satang": saved.amount},
            {"typed": list(typed), "mismatches": list(bad)},
            who,
        )
    return RekeyResult(target, saved, typed, bad)
