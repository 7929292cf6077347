"""Ledger entry service: the page session (household × month), its lines, totals, checks, undo.

The clerk's screen talks to this module for a page. The rules it keeps:

- Each saved line is its own committed transaction (``db.atomic()``), so a
  crash or power cut loses at most the line being typed.
- Only one page's lines are held in memory (:class:`PageSession`); history
  (min/max per category, the month after the last page) comes from SQL
  aggregates over the household's index, so a household with years of
  history opens as fast as a new one.
- Every edit and delete writes an audit row in the same transaction; undo is
  itself an audited change.

Beside it: item completion (:mod:`abc_tui.store.completion`), the completeness grid
(:mod:`abc_tui.store.completeness`), the re-key check (:mod:`abc_tui.store.rekey`); finding
villages and households for the page header is in :mod:`abc_tui.store.areas` and
:mod:`abc_tui.store.households`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from peewee import IntegrityError, fn

from abc_tui.domain.errors import AbcError
from abc_tui.domain.ledger import (
    Bounds,
    CategoryInfo,
    LineEntry,
    LineError,
    PageTotals,
    format_control,
    is_duplicate,
    outlier,
    parse_control,
    parse_line,
)
from abc_tui.domain.thai import Month, format_date_be, format_money
from abc_tui.store import audit, engine, periods
from abc_tui.store.completion import ItemCompleter
from abc_tui.store.models import Category, Household, LedgerLine, LedgerPage, db, new_uuid, now_iso

__all__ = [
    "LedgerDesk",
    "LineRow",
    "PageSession",
    "SaveResult",
    "UndoStep",
    "default_month",
    "history_bounds",
    "last_page_month",
    "load_chart",
    "page_totals",
]


# ---------------------------------------------------------------- chart


def load_chart() -> dict[str, CategoryInfo]:
    """The office's category chart (inactive codes included, flagged)."""
    return {
        c.code: CategoryInfo(c.code, c.kind, c.name_th, c.name_en, bool(c.active))
        for c in Category.select().order_by(Category.code)
    }


@dataclass
class LedgerDesk:
    """What one clerk's ledger screen shares across pages: who, the chart, item history."""

    who: str = ""
    chart: dict[str, CategoryInfo] = field(default_factory=load_chart)
    items: ItemCompleter = field(default_factory=ItemCompleter)

    def open(self, household: Household | int, month: Month) -> PageSession:
        return PageSession(self, household, month)


# ---------------------------------------------------------------- months


def last_page_month(household_id: int) -> Month | None:
    last = LedgerPage.select(fn.MAX(LedgerPage.month)).where(LedgerPage.household == household_id).scalar()
    return Month.from_iso(last) if last else None


def default_month(household_id: int, fallback: Month) -> Month:
    """The month after the household's last entered page, or ``fallback`` when it has none."""
    last = last_page_month(household_id)
    return last.next() if last else fallback


# ---------------------------------------------------------------- one page


@dataclass(frozen=True)
class LineRow:
    """A saved line as the page grid shows it."""

    id: int
    uuid: str
    day: int
    code: str
    item: str
    amount: int
    entered_by: str = ""
    entered_at: str = ""

    def entry(self) -> LineEntry:
        return LineEntry(self.day, self.code, self.item, self.amount)


@dataclass(frozen=True)
class SaveResult:
    """A saved line and the warnings it raised (``duplicate``, ``high``, ``low``)."""

    line: LineRow
    warnings: tuple[str, ...] = ()
    updated: bool = False


@dataclass(frozen=True)
class UndoStep:
    action: str  # insert | update | delete
    line: LineRow  # the line as it was before the action (insert: as saved)
    status: str = "open"  # the page's status before the action (a balanced page is balanced again after undo)


def page_totals(page_id: int) -> PageTotals:
    """A page's totals by kind, summed in SQL (the screen keeps the same figures in memory)."""
    rows = (
        LedgerLine.select(Category.kind, fn.SUM(LedgerLine.amount_satang), fn.COUNT(LedgerLine.id))
        .join(Category)
        .where(LedgerLine.page == page_id)
        .group_by(Category.kind)
        .tuples()
    )
    by_kind: dict[str, int] = {}
    n = 0
    for kind, total, count in rows:
        by_kind[kind] = int(total)
        n += count
    return PageTotals(by_kind, n)


def history_bounds(household_id: int, exclude_page_id: int | None) -> dict[str, Bounds]:
    """Min, max and count per category of the household's lines on its other pages (one aggregate)."""
    rows = (
        LedgerLine.select(
            LedgerLine.category,
            fn.MIN(LedgerLine.amount_satang),
            fn.MAX(LedgerLine.amount_satang),
            fn.COUNT(LedgerLine.id),
        )
        .where((LedgerLine.household == household_id) & (LedgerLine.page != (exclude_page_id or 0)))
        .group_by(LedgerLine.category)
        .tuples()
    )
    return {code: Bounds(lo, hi, n) for code, lo, hi, n in rows}


#: The one hot INSERT of the clerk's day, written out once: building it with peewee
#: per line costs ~0.3 ms, a third of a line's budget. (SQLite: the id is ``lastrowid``.)
_INSERT_COLUMNS = (
    "uuid",
    "page_id",
    "household_id",
    "village_code",
    "date",
    "category_code",
    "item",
    "amount_satang",
    "entered_by",
    "entered_at",
    "updated_at",
)
#: Before a new line: the day the household left and its village-month's period state, at once.
_CHECK_SQL = (
    'SELECT h."left_on", (SELECT p."state" FROM "period_state" p WHERE p."village_code" = ? AND p."month" = ?) '
    'FROM "household" h WHERE h."id" = ?'
)
#: The statement per placeholder style (``?`` SQLite, ``%s`` PostgreSQL): one process may open both.
_INSERT_SQL: dict[str, str] = {}


def _insert_line(uuid: str, values: dict) -> int:
    mark = db.param
    sql = _INSERT_SQL.get(mark)
    if sql is None:
        sql = _INSERT_SQL[mark] = 'INSERT INTO "ledger_line" ({}) VALUES ({})'.format(
            ", ".join(f'"{c}"' for c in _INSERT_COLUMNS), ", ".join([mark] * len(_INSERT_COLUMNS))
        )
    params = (
        uuid,
        values["page"],
        values["household"],
        values["village_code"],
        values["date"].isoformat(),
        values["category"],
        values["item"],
        values["amount_satang"],
        values["entered_by"],
        values["entered_at"],
        values["updated_at"],
    )
    return engine.insert_returning_id(sql, params)  # lastrowid, or RETURNING on a server


def _line_snapshot(line: LineRow, page_uuid: str, household_code: str, month: Month) -> dict:
    return {
        "page": page_uuid,
        "household": household_code,
        "date": month.first_day().replace(day=line.day).isoformat(),
        "category": line.code,
        "item": line.item,
        "amount_satang": line.amount,
        "entered_by": line.entered_by,
        "entered_at": line.entered_at,
    }


class PageSession:
    """One household's page for one month, open in the ledger screen.

    Holds the page's lines (one month: tens of lines) and the household's
    per-category history bounds; every change is committed before it returns.
    """

    def __init__(self, desk: LedgerDesk, household: Household | int, month: Month) -> None:
        self.desk = desk
        self.household = household if isinstance(household, Household) else Household.get_by_id(household)
        self.month = month
        self.undo_stack: list[UndoStep] = []
        page = LedgerPage.get_or_none(
            (LedgerPage.household == self.household.id) & (LedgerPage.month == month.iso())
        )
        self._set_page(page)
        self.lines: list[LineRow] = self._load_lines(page.id) if page is not None else []
        self.bounds = history_bounds(self.household.id, self.page_id)

    # ------------------------------------------------------------ state

    def _set_page(self, page: LedgerPage | None) -> None:
        self.page_id: int | None = page.id if page else None
        self.page_uuid: str = page.uuid if page else ""
        self.control_income: int | None = page.control_income_satang if page else None
        self.control_expense: int | None = page.control_expense_satang if page else None
        self.status: str = page.status if page else "new"

    @property
    def is_new(self) -> bool:
        return self.page_id is None

    @property
    def joined_on(self) -> _dt.date | None:
        """The day the household joined the programme (a line before it is warned about)."""
        joined = self.household.joined_on
        if isinstance(joined, str):
            joined = _dt.date.fromisoformat(joined) if joined else None
        return joined

    @property
    def carry_day(self) -> int | None:
        """The day a blank day field means: the day of the line above (the last one typed)."""
        return self.lines[-1].day if self.lines else None

    def totals(self) -> PageTotals:
        chart = self.desk.chart
        return PageTotals.from_lines((chart[ln.code].kind, ln.amount) for ln in self.lines)

    def differences(self) -> tuple[int | None, int | None]:
        return self.totals().differences(self.control_income, self.control_expense)

    def matches(self) -> bool:
        return self.totals().matches(self.control_income, self.control_expense)

    def position(self, line_id: int | None) -> int:
        """The 1-based place of a line on the page (entry order); 0 when it is not on it."""
        for i, ln in enumerate(self.lines, 1):
            if ln.id == line_id:
                return i
        return 0

    def line(self, line_id: int) -> LineRow:
        for ln in self.lines:
            if ln.id == line_id:
                return ln
        raise AbcError("ไม่พบรายการนี้ในหน้านี้", "That line is not on this page")

    def _by_uuid(self, uuid: str) -> LineRow:
        for ln in self.lines:
            if ln.uuid == uuid:
                return ln
        raise AbcError("ไม่พบรายการนี้ในหน้านี้", "That line is not on this page")

    def _check_writable(self) -> None:
        periods.assert_open(self.household.village_code, self.month)  # submitted/approved: locked
        if self.status == "closed":
            raise AbcError("หน้านี้ปิดแล้ว แก้ไขไม่ได้", "This page is closed and cannot be changed")

    def _check_new_line(self) -> None:
        """The checks before a new line, in one raw statement (the two peewee queries it replaces cost
        ~0.3 ms a line to build and run): the village-month not submitted or approved (then
        :func:`periods.assert_open` words the refusal), the page not closed, the household a member."""
        row = db.execute_sql(
            _CHECK_SQL, (self.household.village_code, self.month.iso(), self.household.id)
        ).fetchone()
        left, state = row if row is not None else (None, None)
        if state in periods.LOCKED:
            periods.assert_open(self.household.village_code, self.month)  # the message: who, how to reopen
        if self.status == "closed":
            raise AbcError("หน้านี้ปิดแล้ว แก้ไขไม่ได้", "This page is closed and cannot be changed")
        self._check_member(left)

    def _check_member(self, left: object) -> None:
        """A new line in a month after the household left (``left``: its ``left_on`` as read) would be
        counted nowhere (REPORTS.md "Membership"): refused, saying when it left (its earlier months stay
        open to entry)."""
        if isinstance(left, str):
            left = _dt.date.fromisoformat(left)
        if left is not None and self.month.first_day() > left:
            raise AbcError(
                f"ครัวเรือน {self.household.code} ออกจากโครงการเมื่อ {format_date_be(left)} "
                f"เดือน {self.month.thai_label()} จึงไม่นับในรายงาน บันทึกไม่ได้",
                f"Household {self.household.code} left on {format_date_be(left)}: {self.month.be_label()} "
                "is not counted in any report, so it cannot be entered",
            )

    def _ensure_page(self) -> bool:
        """Create the page row (inside the caller's transaction) on its first line or control total.

        Another clerk may have opened the same household-month and saved first: the insert is an
        insert-or-get on UNIQUE(household, month), so this session then takes that page and its
        lines (the line being saved goes onto it) instead of failing. Returns True in that case.
        """
        if self.page_id is not None:
            return False
        uuid = new_uuid()
        LedgerPage.insert(
            uuid=uuid,
            household=self.household.id,
            month=self.month.iso(),
            control_income_satang=self.control_income,
            control_expense_satang=self.control_expense,
        ).on_conflict_ignore().execute()
        page = LedgerPage.get(
            (LedgerPage.household == self.household.id) & (LedgerPage.month == self.month.iso())
        )
        self._set_page(page)
        if page.uuid == uuid:
            return False
        self._check_writable()  # closed meanwhile: refused, nothing written
        self.lines = self._load_lines(page.id)
        self.bounds = history_bounds(self.household.id, page.id)
        return True

    @staticmethod
    def _load_lines(page_id: int) -> list[LineRow]:
        return [
            LineRow(
                r.id, r.uuid, r.date.day, r.category_code, r.item, r.amount_satang, r.entered_by, r.entered_at
            )
            for r in LedgerLine.select().where(LedgerLine.page == page_id).order_by(LedgerLine.id)
        ]

    def _sync_status(self) -> None:
        """A balanced page whose totals no longer match goes back to open (inside the transaction)."""
        if self.status == "balanced" and not self.matches():
            self._set_status("open")

    def _set_status(self, status: str) -> None:
        before = self.status
        LedgerPage.update(status=status, updated_at=now_iso()).where(LedgerPage.id == self.page_id).execute()
        audit.record(
            "ledger_page", self.page_uuid, "status", {"status": before}, {"status": status}, self.desk.who
        )
        self.status = status

    def _snapshot(self, line: LineRow) -> dict:
        return _line_snapshot(line, self.page_uuid, self.household.code, self.month)

    def _date(self, day: int) -> _dt.date:
        return self.month.first_day().replace(day=day)

    # ------------------------------------------------------------ checks

    def warnings_for(self, entry: LineEntry, exclude_id: int | None = None) -> tuple[str, ...]:
        out: list[str] = []
        others = ((ln.day, ln.code, ln.amount) for ln in self.lines if ln.id != exclude_id)
        if is_duplicate(entry, others):
            out.append("duplicate")
        side = outlier(entry.amount, self.bounds.get(entry.code))
        if side:
            out.append(side)
        joined = self.joined_on
        if joined is not None and self._date(entry.day) < joined:
            out.append("before_joining")  # saved all the same: the joining date may be the one that is wrong
        return tuple(out)

    def parse(
        self, day: str, code: str, item: str, amount: str, *, carry_day: int | None = None
    ) -> LineEntry:
        return parse_line(
            day,
            code,
            item,
            amount,
            month=self.month,
            carry_day=self.carry_day if carry_day is None else carry_day,
            chart=self.desk.chart,
        )

    # ------------------------------------------------------------ changes

    def save_line(self, day: str, code: str, item: str, amount: str) -> SaveResult:
        """Validate and save a new line, committed before this returns."""
        self._check_new_line()
        entry = self.parse(day, code, item, amount)
        warnings = self.warnings_for(entry)
        status = self.status
        row = self._insert(entry)
        self.undo_stack.append(UndoStep("insert", row, status))
        return SaveResult(row, warnings)

    @contextmanager
    def _change(self) -> Iterator[None]:
        """One committed transaction; on failure the in-memory page is put back as it was."""
        saved = (
            self.page_id,
            self.page_uuid,
            self.control_income,
            self.control_expense,
            self.status,
            list(self.lines),
        )
        try:
            with db.atomic():
                yield
        except BaseException:
            (self.page_id, self.page_uuid, self.control_income, self.control_expense, self.status) = saved[:5]
            self.lines = saved[5]
            raise

    def _insert(self, entry: LineEntry, *, like: LineRow | None = None) -> LineRow:
        """Insert a line (a new one, or ``like`` again with its id and uuid when undoing a delete)."""
        now = now_iso()
        values = {
            "household": self.household.id,
            "village_code": self.household.village_code,
            "date": self._date(entry.day),
            "category": entry.code,
            "item": entry.item,
            "amount_satang": entry.amount,
            "entered_by": like.entered_by if like else self.desk.who,
            "entered_at": like.entered_at if like else now,
            "updated_at": now,
        }
        with self._change():
            self._ensure_page()
            values["page"] = self.page_id
            if like is not None:
                row = replace(like, day=entry.day, code=entry.code, item=entry.item, amount=entry.amount)
                try:
                    with db.atomic():
                        LedgerLine.insert(id=like.id, uuid=like.uuid, **values).execute()
                except IntegrityError:  # the id was taken meanwhile: keep the uuid, take a new id
                    row = replace(row, id=LedgerLine.insert(uuid=like.uuid, **values).execute())
                audit.record("ledger_line", like.uuid, "insert", None, self._snapshot(row), self.desk.who)
            else:
                uuid = new_uuid()
                new_id = _insert_line(uuid, values)
                row = LineRow(
                    new_id, uuid, entry.day, entry.code, entry.item, entry.amount, self.desk.who, now
                )
            self.lines.append(row)
            if like is not None:  # back in its place among the others
                self.lines.sort(key=lambda ln: ln.id)
            self._sync_status()
        self.desk.items.used(entry.code, entry.item, +1, self.household.id)
        return row

    def update_line(self, line_id: int, day: str, code: str, item: str, amount: str) -> SaveResult:
        """Change a saved line (blank day keeps its own day); audited; committed."""
        self._check_writable()
        old = self.line(line_id)
        entry = self.parse(day, code, item, amount, carry_day=old.day)
        warnings = self.warnings_for(entry, exclude_id=line_id)
        status = self.status
        new = self._update(old, entry)
        self.undo_stack.append(UndoStep("update", old, status))
        return SaveResult(new, warnings, updated=True)

    def _update(self, old: LineRow, entry: LineEntry) -> LineRow:
        new = replace(old, day=entry.day, code=entry.code, item=entry.item, amount=entry.amount)
        index = self.lines.index(old)
        with self._change():
            LedgerLine.update(
                date=self._date(entry.day),
                category=entry.code,
                item=entry.item,
                amount_satang=entry.amount,
                updated_at=now_iso(),
            ).where(LedgerLine.id == old.id).execute()
            audit.record(
                "ledger_line", old.uuid, "update", self._snapshot(old), self._snapshot(new), self.desk.who
            )
            self.lines[index] = new
            self._sync_status()
        self.desk.items.used(old.code, old.item, -1, self.household.id)
        self.desk.items.used(new.code, new.item, +1, self.household.id)
        return new

    def delete_line(self, line_id: int) -> LineRow:
        """Delete a saved line (the screen asks first); audited with the line as it was."""
        self._check_writable()
        old = self.line(line_id)
        status = self.status
        self._delete(old)
        self.undo_stack.append(UndoStep("delete", old, status))
        return old

    def _delete(self, old: LineRow) -> None:
        index = self.lines.index(old)
        with self._change():
            audit.record("ledger_line", old.uuid, "delete", self._snapshot(old), None, self.desk.who)
            LedgerLine.delete().where(LedgerLine.id == old.id).execute()
            del self.lines[index]
            self._sync_status()
        self.desk.items.used(old.code, old.item, -1, self.household.id)

    def undo(self) -> UndoStep | None:
        """Reverse the last save, edit or delete made on this page (None when nothing is left)."""
        if not self.undo_stack:
            return None
        self._check_writable()
        step = self.undo_stack[-1]
        with self._change():
            if step.action == "insert":
                self._delete(self._by_uuid(step.line.uuid))
            elif step.action == "update":
                self._update(self._by_uuid(step.line.uuid), step.line.entry())
            elif step.action == "delete":
                self._insert(step.line.entry(), like=step.line)
            # The change taken back had made a balanced page unbalanced: with its totals meeting the
            # paper's again it is balanced again (the clerk's F4 stood for these very lines).
            if step.status == "balanced" and self.status == "open" and self.matches():
                self._set_status("balanced")
        self.undo_stack.pop()
        return step

    def set_controls(self, income_text: str, expense_text: str) -> None:
        """The control totals copied from the paper (blank = none); audited when they change."""
        try:
            income = parse_control(income_text)
        except AbcError as err:
            raise LineError.wrap("control_income", err) from None
        try:
            expense = parse_control(expense_text)
        except AbcError as err:
            raise LineError.wrap("control_expense", err) from None
        if (income, expense) == (self.control_income, self.control_expense):
            return
        if self.page_id is None and income is None and expense is None:
            return
        self._check_writable()  # only a change is refused (Enter through a locked page's totals is fine)
        before = {
            "control_income_satang": self.control_income,
            "control_expense_satang": self.control_expense,
        }
        with self._change():
            existed = self.page_id is not None
            self.control_income, self.control_expense = income, expense
            if self._ensure_page():  # another clerk made the page meanwhile: change its totals
                existed = True
                before = {
                    "control_income_satang": self.control_income,
                    "control_expense_satang": self.control_expense,
                }
                self.control_income, self.control_expense = income, expense
            LedgerPage.update(
                control_income_satang=income, control_expense_satang=expense, updated_at=now_iso()
            ).where(LedgerPage.id == self.page_id).execute()
            if existed:
                after = {"control_income_satang": income, "control_expense_satang": expense}
                audit.record("ledger_page", self.page_uuid, "update", before, after, self.desk.who)
            self._sync_status()

    def mark_balanced(self) -> None:
        """Mark the page balanced; refused unless its totals meet the control totals."""
        self._check_writable()
        if self.control_income is None and self.control_expense is None:
            raise AbcError(
                "ยังไม่ได้กรอกยอดรวมตามกระดาษ (รายรับ/รายจ่าย)",
                "No control totals from the paper yet (page income/expense)",
            )
        di, de = self.differences()
        if not self.matches():
            parts_th, parts_en = [], []
            if di:
                parts_th.append(f"รายรับต่าง {format_money(di)}")
                parts_en.append(f"income differs by {format_money(di)}")
            if de:
                parts_th.append(f"รายจ่ายต่าง {format_money(de)}")
                parts_en.append(f"expense differs by {format_money(de)}")
            raise AbcError(
                "ยอดยังไม่ตรง: " + ", ".join(parts_th), "Totals do not match yet: " + ", ".join(parts_en)
            )
        if self.status != "balanced":
            with self._change():
                self._set_status("balanced")

    def controls_text(self) -> tuple[str, str]:
        return format_control(self.control_income), format_control(self.control_expense)
