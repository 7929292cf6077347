"""The ledger entry row: day, category, item, amount — one paper line, saved on the amount's Enter.

One line = day (moves on by itself when no further digit could change it: two digits, or 4–9;
1–3 Enter; blank Enter = same day as the line above), 2-digit code (moves on by itself)
or part of the category name Enter, item Enter (Enter accepts the grey completion), amount
Enter (saves and commits the line, then starts the next). A saved line is posted as
:class:`EntryRow.LineSaved`; the screen then shows it in the table and the totals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Input, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.ledger import LineError, match_categories, parse_code
from abc_tui.domain.thai import format_money, parse_day, to_ascii_digits
from abc_tui.store.ledger import LedgerDesk, LineRow, PageSession, SaveResult
from abc_tui.ui import guard
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.ledger_inputs import CallbackSuggester, CodeInput, CompletingInput, DayInput
from abc_tui.ui.widgets.ledger_message import (
    FieldRow,
    MessageLine,
    enter_skipped,
    skip_next_enter,
    skip_no_more,
)
from abc_tui.ui.widgets.thai_input import ThaiInput

__all__ = ["ENTRY_FIELDS", "EntryRow"]

#: Entry-row field ids in typing order, by the field names LineError uses.
ENTRY_FIELDS = {"day": "lg-day", "category": "lg-code", "item": "lg-item", "amount": "lg-amount"}


class EntryRow(FieldRow, guard.Guarded, Horizontal):
    """The entry row of the page open in the screen (``session``, bound to the screen's)."""

    session: var[PageSession | None] = var(None)
    #: The saved line loaded back into the row for editing (None: a new line is typed).
    editing: var[LineRow | None] = var(None)

    @dataclass
    class LineSaved(Message):
        """A line was saved (or, when editing, updated) and committed."""

        result: SaveResult
        then: Callable[[], None] | None = None  # what the clerk asked for next (F2/F3/F5/F6)

    def __init__(self, desk: LedgerDesk, **kwargs) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.save_error: AbcError | None = None  # why the last save() failed
        self._shown: dict[str, str] = {}
        self._fields: dict[str, Widget] = {}
        self._message: MessageLine | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="lg-no", markup=False)
        yield DayInput(id="lg-day", max_length=4)
        yield CodeInput(id="lg-code", max_length=30)
        yield Static("", id="lg-catname", markup=False)
        yield CompletingInput(id="lg-item", max_length=60, suggester=CallbackSuggester(self._complete_item))
        yield ThaiInput(id="lg-amount", max_length=40)

    def on_mount(self) -> None:
        self.placeholders()

    # ------------------------------------------------------------ what it shows

    def placeholders(self) -> None:
        for wid, key in (
            ("lg-code", "ledger.ph.code"),
            ("lg-item", "ledger.ph.item"),
            ("lg-amount", "ledger.ph.amount"),
        ):
            self._input(wid).placeholder = t(key)
        self._day_placeholder()

    def relabel(self) -> None:
        """F12: placeholders and the category name in the new language."""
        self.placeholders()
        code = self.current_code()
        self._put("lg-catname", self.desk.chart[code].name(get_lang()) if code else "")

    def watch_session(self, old: PageSession | None, new: PageSession | None) -> None:
        if new is not old:  # another page: a fresh row
            self.editing = None
            self.clear()
        else:
            self._show_no()

    def watch_editing(self) -> None:
        self._show_no()

    def _show_no(self) -> None:
        s = self.session
        self._put(
            "lg-no",
            t("ledger.editing_no", n=s.position(self.editing.id))
            if self.editing and s
            else (str(len(s.lines) + 1) if s else ""),
        )
        self._day_placeholder()

    def _day_placeholder(self) -> None:
        carry = self.session.carry_day if self.session and not self.editing else None
        day = self._input("lg-day")
        text = str(carry) if carry else t("ledger.ph.day")
        if day.placeholder != text:
            day.placeholder = text

    def _complete_item(self, value: str) -> str | None:
        try:  # runs in the item field's own worker: a database error only costs the grey completion
            household = self.session.household.id if self.session else None
            return self.desk.items.complete(self.current_code(), value, household)
        except guard.GUARDED:
            return None

    def current_code(self) -> str | None:
        try:
            return parse_code(self._input("lg-code").value, self.desk.chart).code
        except AbcError:
            return None

    # ------------------------------------------------------------ the row's values

    def values(self) -> tuple[str, str, str, str]:
        return tuple(self._input(wid).value for wid in ENTRY_FIELDS.values())  # type: ignore[return-value]

    def has_content(self) -> bool:
        return any(v.strip() for v in self.values())

    def clear(self) -> None:
        for wid in ENTRY_FIELDS.values():
            field = self._input(wid)
            if field.value:
                field.value = ""
        self._put("lg-catname", "")
        self._show_no()

    def cancel_edit(self) -> None:
        self.editing = None
        self.clear()

    def load(self, line: LineRow) -> None:
        """A saved line back into the row to be changed (Enter on the amount saves it)."""
        self.editing = line
        self._input("lg-day").value = str(line.day)
        self._input("lg-code").value = line.code
        self._put("lg-catname", self.desk.chart[line.code].name(get_lang()))
        self._input("lg-item").value = line.item
        self._input("lg-amount").value = format_money(line.amount)
        self._show_no()

    def need_page(self) -> None:
        msg = t("ledger.err.no_page")
        self._error(AbcError(msg, msg), "lg-house")

    # ------------------------------------------------------------ typing

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        skip_no_more(event.input, event.value)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        skip_no_more(event.input)

    @on(Input.Submitted, "#lg-day")
    def _day_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if not enter_skipped(event.input):
            self._take_day()

    @on(DayInput.Completed, "#lg-day")
    def _day_complete(self, event: DayInput.Completed) -> None:
        event.stop()
        if self._take_day():  # moved on by itself: the Enter the clerk may still type is ignored
            skip_next_enter(self._input("lg-code"))

    def _take_day(self) -> bool:
        if self.session is None:
            self.need_page()
            return False
        value = self._input("lg-day").value.strip()
        carry = self.editing.day if self.editing else self.session.carry_day
        try:
            if value:
                parse_day(value, self.session.month)
            elif carry is None:
                raise LineError("day", t("ledger.err.first_day"), t("ledger.err.first_day"))
        except AbcError as err:
            self._error(err, "lg-day")
            return False
        self.message.clear_error()
        self._go("lg-code")
        return True

    @on(Input.Changed, "#lg-code")
    def _code_typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if not text:
            self._put("lg-catname", "")
        elif to_ascii_digits(text).isdigit():
            cat = self.desk.chart.get(to_ascii_digits(text))
            self._put("lg-catname", cat.name(get_lang()) if cat and cat.active else "")
        else:
            found = match_categories(text, self.desk.chart.values(), limit=3)
            self._put("lg-catname", " · ".join(f"{c.code} {c.name(get_lang())}" for c in found))

    @on(CodeInput.Completed)
    def _code_complete(self, event: CodeInput.Completed) -> None:
        self._take_code()

    @on(Input.Submitted, "#lg-code")
    def _code_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if not enter_skipped(event.input):
            self._take_code()

    def _take_code(self) -> None:
        code_input = self._input("lg-code")
        try:
            cat = parse_code(code_input.value, self.desk.chart)
        except AbcError as err:
            self._error(err, "lg-code")
            code_input.select_all()
            return
        if code_input.value != cat.code:
            code_input.value = cat.code
        self._put("lg-catname", cat.name(get_lang()))
        self.message.clear_error()
        self._go("lg-item")

    @on(Input.Submitted, "#lg-item")
    def _item_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._go("lg-amount")

    @on(Input.Submitted, "#lg-amount")
    def _amount_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save (or, when editing, update) the line in the row; True when committed. ``then``
        runs once the screen has shown the saved line."""
        session = self.session
        if session is None:
            self.need_page()
            return False
        values = self.values()
        try:
            if self.editing is not None:
                result = guard.call(session.update_line, self.editing.id, *values)
            else:
                result = guard.call(session.save_line, *values)
        except LineError as err:
            self._error(err, ENTRY_FIELDS.get(err.field))
            self.save_error = err
            return False
        except AbcError as err:
            self._error(err)
            self.save_error = err
            return False
        self.save_error = None
        self.editing = None
        self.clear()
        self.post_message(self.LineSaved(result, then))
        self._go("lg-day")
        return True
