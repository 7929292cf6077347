"""Ledger batch entry: type a stack of paper account-book pages at adding-machine speed.

Layout (80×24)::

    หมู่ [6 ] บ้าน [39      ] เดือน [01/2567]  นายสมชาย ใจดี · หน้าใหม่
    ยอดตามกระดาษ รายรับ [9,174   ] รายจ่าย [8,378.75]
    ┌ the page's saved lines (one month only) ───────────────────────┐
    [วัน][หมวด] ชื่อหมวด        [รายการ (grey completion)  ][จำนวนเงิน ]
    message line (reason a value is refused / warnings)
    running totals vs the paper's control totals

One line = day Enter (blank = same day as the line above), 2-digit code (moves
on by itself) or part of the category name Enter, item Enter (Enter accepts the
grey completion), amount Enter (saves and commits the line, then starts the
next). See README "Ledger entry: keystrokes for one line".
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.ledger import LineError, match_categories, parse_code
from abc_tui.domain.thai import Month, format_money, parse_day, parse_month, to_ascii_digits
from abc_tui.store import areas, households, periods
from abc_tui.store import ledger as store
from abc_tui.store.models import Household
from abc_tui.store.printing import scanned_page
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, CarefulConfirmScreen, ConfirmScreen
from abc_tui.ui.checkpoint import page_closed
from abc_tui.ui.marks import plain
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.ledger_inputs import CallbackSuggester, CodeInput, CompletingInput
from abc_tui.ui.widgets.thai_input import ThaiInput

#: Entry-row field ids in typing order, by the field names LineError uses.
ENTRY_FIELDS = {"day": "lg-day", "category": "lg-code", "item": "lg-item", "amount": "lg-amount"}
COLUMNS = (
    ("no", "ledger.col.no", 3),
    ("day", "ledger.col.day", 3),
    ("cat", "ledger.col.cat", 18),
    ("item", "ledger.col.item", 20),
    ("amount", "ledger.col.amount", 12),
    ("flag", "ledger.col.flag", 8),
)
HEADER_FIELDS = ("lg-village", "lg-house", "lg-month", "lg-cinc", "lg-cexp")
CONTROL_FIELDS = {"control_income": "lg-cinc", "control_expense": "lg-cexp"}


def previous_month(today: _dt.date | None = None) -> Month:
    """Books are brought in for the month just ended."""
    return Month.of(today or _dt.date.today()).prev()


class LedgerScreen(guard.Guarded, Screen[None]):
    """Household × month page entry."""

    BINDINGS = [
        Binding("ctrl+z", "undo", "ledger.key.undo", priority=True),
        Binding("f2", "open_page", "ledger.key.open", priority=True),
        Binding("f3", "controls", "ledger.key.controls", priority=True),
        Binding("f4", "balance", "ledger.key.balance", priority=True),
        Binding("f5", "next_household", "ledger.key.next", priority=True),
        Binding("f6", "lines", "ledger.key.lines", priority=True),
        Binding("f8", "grid", "ledger.key.grid", priority=True),
        Binding("f9", "rekey", "ledger.key.rekey", priority=True),
        Binding("up", "up_to_lines", "ledger.key.up", show=False),
        Binding("enter", "edit_line", "ledger.key.edit", show=False),
        Binding("delete", "delete_line", "ledger.key.delete", show=False),
        Binding("escape", "escape", "ledger.key.escape", show=False),
    ]

    def __init__(self, household_id: int | None = None, month: Month | None = None) -> None:
        super().__init__()
        self.desk = store.LedgerDesk()
        self.session: store.PageSession | None = None
        self.household: Household | None = None
        self.village_code: str | None = None
        self.work_month: Month = month or previous_month()
        self.editing: store.LineRow | None = None
        self.flags: dict[int, tuple[str, ...]] = {}
        self._initial = (household_id, month)
        self._said: tuple[str, str] = ("", "info")
        self._lang = get_lang()
        self._shown: dict[str, str] = {}
        self._save_error: AbcError | None = None  # why the last save_entry() failed

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lg-bar1", classes="lg-bar"):
            yield Label(t("ledger.village"), name="ledger.village", classes="lg-label")
            yield ThaiInput(id="lg-village", max_length=40)  # a scanned page code lands here too
            yield Label(t("ledger.house"), name="ledger.house", classes="lg-label")
            yield ThaiInput(id="lg-house", max_length=40)
            yield Label(t("ledger.month"), name="ledger.month", classes="lg-label")
            yield ThaiInput(id="lg-month", max_length=16)
            yield Static("", id="lg-who", markup=False)
        with Horizontal(id="lg-bar2", classes="lg-bar"):
            yield Label(t("ledger.controls"), name="ledger.controls", classes="lg-label")
            yield Label(t("ledger.income"), name="ledger.income", classes="lg-label")
            yield ThaiInput(id="lg-cinc", max_length=20)
            yield Label(t("ledger.expense"), name="ledger.expense", classes="lg-label")
            yield ThaiInput(id="lg-cexp", max_length=20)
            yield Static("", id="lg-pageinfo", markup=False)
        yield DataTable(id="lg-lines", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="lg-entry"):
            yield Static("", id="lg-no", markup=False)
            yield ThaiInput(id="lg-day", max_length=4)
            yield CodeInput(id="lg-code", max_length=30)
            yield Static("", id="lg-catname", markup=False)
            yield CompletingInput(
                id="lg-item", max_length=60, suggester=CallbackSuggester(self._complete_item)
            )
            yield ThaiInput(id="lg-amount", max_length=40)
        yield Static("", id="lg-msg", markup=False)
        yield Static("", id="lg-totals")
        yield AbcFooter()

    def on_mount(self) -> None:
        self.title = t("ledger.title")
        self.desk.who = getattr(self.app, "user", "")
        table = self.query_one("#lg-lines", DataTable)
        for key, label, width in COLUMNS:
            table.add_column(t(label), key=key, width=width)
        self._placeholders()
        villages = areas.villages()
        household_id, month = self._initial
        if household_id is not None:
            self.open_page(household_id, month or self.work_month)
        elif villages:
            self._set_village(villages[0].code)
            self._go("lg-village")
        else:
            self._say(t("ledger.no_villages"), "error")
        self._show_totals()

    def on_unmount(self) -> None:
        if self.session is not None:
            page_closed()

    def language_changed(self) -> None:
        """F12 switched Thai/English (called by the footer): redraw every label in the new language."""
        if get_lang() == self._lang:
            return
        self._lang = get_lang()
        self.title = t("ledger.title")
        for label in self.query(".lg-label").results(Label):
            label.update(t(label.name or ""))
        self._placeholders()
        table = self.query_one("#lg-lines", DataTable)
        for key, label, _width in COLUMNS:
            table.columns[key].label = Text(t(label))  # type: ignore[index]
        self._reload_table()
        code = self._current_code()
        self._put("lg-catname", self.desk.chart[code].name(get_lang()) if code else "")
        self._show_totals()
        self._show_page_info()

    def _placeholders(self) -> None:
        for wid, key in (
            ("lg-village", "ledger.ph.village"),
            ("lg-house", "ledger.ph.house"),
            ("lg-month", "ledger.ph.month"),
            ("lg-cinc", "ledger.ph.control"),
            ("lg-cexp", "ledger.ph.control"),
            ("lg-code", "ledger.ph.code"),
            ("lg-item", "ledger.ph.item"),
            ("lg-amount", "ledger.ph.amount"),
        ):
            self.query_one(f"#{wid}", Input).placeholder = t(key)
        self._day_placeholder()

    def _day_placeholder(self) -> None:
        carry = self.session.carry_day if self.session and not self.editing else None
        day = self.query_one("#lg-day", Input)
        text = str(carry) if carry else t("ledger.ph.day")
        if day.placeholder != text:
            day.placeholder = text

    # ------------------------------------------------------------ helpers

    def _go(self, wid: str) -> None:
        """Move the focus now (not after a round trip through the app's queue), so the
        next key the clerk types already lands in the new field. A field's text is
        selected, so typing replaces it and Enter keeps it."""
        widget = self.query_one(f"#{wid}")
        self.set_focus(widget)
        if isinstance(widget, Input) and widget.value:
            widget.select_all()

    def _put(self, wid: str, text: str) -> None:
        """Set a plain-text Static, skipping the redraw when the text is unchanged."""
        if self._shown.get(wid) != text:
            self._shown[wid] = text
            self.query_one(f"#{wid}", Static).update(text)

    def _input(self, wid: str) -> Input:
        return self.query_one(f"#{wid}", Input)

    def _say(self, text: str, level: str = "info") -> None:
        """Show a one-line message (error / warn / ok / info) under the entry row."""
        if (text, level) == self._said:
            return
        msg = self.query_one("#lg-msg", Static)
        if level != self._said[1]:
            msg.set_classes(f"lg-{level}")
        msg.update(text)
        self._said = (text, level)

    def _clear_error(self) -> None:
        """A field was fixed: drop the error it caused (other messages stay until the next save)."""
        if self._said[1] == "error":
            self._say("")

    def show_error(self, err: AbcError) -> None:
        """The guard's hook: a database or file error is said on the message line; typed text stays."""
        self._error(err)

    def _error(self, err: AbcError, field_id: str | None = None) -> None:
        self._say(err.message(get_lang()), "error")
        self.app.bell()
        if field_id:
            self._go(field_id)

    def _cat_label(self, code: str) -> str:
        cat = self.desk.chart.get(code)
        return f"{code} {cat.name(get_lang())}" if cat else code

    def _complete_item(self, value: str) -> str | None:
        try:  # runs in the item field's own worker: a database error only costs the grey completion
            return self.desk.items.complete(self._current_code(), value)
        except guard.GUARDED:
            return None

    def _current_code(self) -> str | None:
        try:
            return parse_code(self._input("lg-code").value, self.desk.chart).code
        except AbcError:
            return None

    # ------------------------------------------------------------ page header

    def _set_village(self, code: str) -> None:
        self.village_code = code
        village = next((v for v in areas.villages() if v.code == code), None)
        self._input("lg-village").value = str(int(code[-2:]))
        self._put("lg-who", areas.area_label(village) if village else code)

    @on(Input.Changed, "#lg-village")
    def _village_typed(self, event: Input.Changed) -> None:
        if not self._input("lg-village").has_focus:
            return
        found = areas.find_villages(event.value) if event.value.strip() else []
        self._put("lg-who",
            plain("⏎ ") + " · ".join(areas.area_label(v) for v in found[:3]) if found else ""
        )

    @on(Input.Submitted, "#lg-village")
    def _village_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self._open_scanned(event.input):
            return
        found = areas.find_villages(event.value)
        if not event.value.strip() or not found:
            self._error(AbcError(t("ledger.err.village", text=event.value), t("ledger.err.village", text=event.value)))
            return
        self._set_village(found[0].code)
        self._say("")
        self._go("lg-house")

    @on(Input.Changed, "#lg-house")
    def _house_typed(self, event: Input.Changed) -> None:
        if not self._input("lg-house").has_focus:
            return
        found = households.find_households(self.village_code, event.value, limit=4)
        # The first match is the one Enter takes.
        self._put("lg-who",
            plain("⏎ ") + " · ".join(f"{h.house_no} {h.head_name}" for h in found) if found else ""
        )

    @on(Input.Submitted, "#lg-house")
    def _house_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self._open_scanned(event.input):
            return
        found = households.find_households(self.village_code, event.value, limit=1)
        if not found:
            msg = t("ledger.err.house", text=event.value)
            self._error(AbcError(msg, msg))
            return
        h = found[0]
        self.household = h
        if h.village_code != self.village_code:
            self._set_village(h.village_code)
        self._input("lg-house").value = h.house_no
        self._put("lg-who", f"{h.code} {h.head_name}")
        self._input("lg-month").value = store.default_month(h.id, self.work_month).be_label()
        self._say("")
        self._go("lg-month")

    def _open_scanned(self, field: Input) -> bool:
        """A printed page's code (a scanner types it and Enter, or a clerk does) opens that
        household's page for that month at once, from any village; False if ``field`` holds no page code."""
        try:
            found = scanned_page(field.value)
        except AbcError as err:
            field.value = ""  # ready for the next scan or a typed number
            self._error(err)
            return True
        if found is None:
            return False
        household, month = found
        self.open_page(household.id, month, focus="lg-cinc")
        return True

    @on(Input.Submitted, "#lg-month")
    def _month_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self.household is None:
            self._go("lg-house")
            return
        try:
            month = parse_month(event.value)
        except AbcError as err:
            self._error(err, "lg-month")
            return
        self.open_page(self.household.id, month, focus="lg-cinc")

    def open_page(self, household_id: int, month: Month, focus: str = "lg-cinc") -> None:
        """Open (or reopen) the household's page for ``month``."""
        if self.session is not None:
            page_closed()  # the page being left: its lines into the main file
        self.editing = None
        self.flags = {}
        self.session = guard.call(self.desk.open, household_id, month)
        self.household = self.session.household
        self.work_month = month
        h = self.household
        if h.village_code != self.village_code:
            self._set_village(h.village_code)
        self._input("lg-house").value = h.house_no
        self._input("lg-month").value = month.be_label()
        self._put("lg-who", f"{h.code} {h.head_name}")
        inc, exp = self.session.controls_text()
        self._input("lg-cinc").value = inc
        self._input("lg-cexp").value = exp
        self._clear_entry()
        self._reload_table()
        self._show_page_info()
        self._show_totals()
        if self.session.is_new:
            self._say(t("ledger.opened_new", code=h.code, month=month.thai_label()))
        else:
            self._say(t("ledger.opened_old", code=h.code, month=month.thai_label(), n=len(self.session.lines)))
        try:  # a submitted or approved month: say so before anything is typed
            periods.assert_open(h.village_code, month)
        except AbcError as err:
            self._say(err.message(get_lang()), "warn")
            self.notify(err.message(get_lang()), title=t("per.locked_title"), severity="warning", timeout=12)
        self._go(focus)

    def _show_page_info(self) -> None:
        s = self.session
        if s is None:
            self._put("lg-pageinfo", "")
            return
        status = t(f"ledger.status.{s.status}")
        self._put("lg-pageinfo", f"{status} · {t('ledger.lines_n', n=len(s.lines))}")

    @on(Input.Submitted, "#lg-cinc")
    def _cinc_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._go("lg-cexp")

    @on(Input.Submitted, "#lg-cexp")
    def _cexp_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self.session is None:
            self._go("lg-house")
            return
        try:
            guard.call(self.session.set_controls, self._input("lg-cinc").value, self._input("lg-cexp").value)
        except LineError as err:
            self._error(err, CONTROL_FIELDS.get(err.field))
            return
        except AbcError as err:
            self._error(err)
            return
        inc, exp = self.session.controls_text()
        self._input("lg-cinc").value = inc
        self._input("lg-cexp").value = exp
        self._show_totals()
        self._show_page_info()
        self._go("lg-day")

    # ------------------------------------------------------------ the entry row

    @on(Input.Submitted, "#lg-day")
    def _day_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self.session is None:
            self._need_page()
            return
        value = event.value.strip()
        carry = self.editing.day if self.editing else self.session.carry_day
        try:
            if value:
                parse_day(value, self.session.month)
            elif carry is None:
                raise LineError("day", t("ledger.err.first_day"), t("ledger.err.first_day"))
        except AbcError as err:
            self._error(err, "lg-day")
            return
        self._clear_error()
        self._go("lg-code")

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
        self._clear_error()
        self._go("lg-item")

    @on(Input.Submitted, "#lg-item")
    def _item_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._go("lg-amount")

    @on(Input.Submitted, "#lg-amount")
    def _amount_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_entry()

    def _entry_values(self) -> tuple[str, str, str, str]:
        return tuple(self._input(wid).value for wid in ENTRY_FIELDS.values())  # type: ignore[return-value]

    def _entry_has_content(self) -> bool:
        return any(v.strip() for v in self._entry_values())

    def save_entry(self) -> bool:
        """Save (or, when editing, update) the line in the entry row; True when committed."""
        if self.session is None:
            self._need_page()
            return False
        values = self._entry_values()
        try:
            if self.editing is not None:
                result = guard.call(self.session.update_line, self.editing.id, *values)
            else:
                result = guard.call(self.session.save_line, *values)
        except LineError as err:
            self._error(err, ENTRY_FIELDS.get(err.field))
            self._save_error = err
            return False
        except AbcError as err:
            self._error(err)
            self._save_error = err
            return False
        self._save_error = None
        line = result.line
        self.flags[line.id] = result.warnings
        if result.updated:
            self.editing = None
            self._reload_table(select=line.id)
        else:
            self._append_row(line)
        self._clear_entry()
        self._show_totals()
        self._show_page_info()
        key = "ledger.updated" if result.updated else "ledger.saved"
        text = t(key, n=self._position(line.id), amount=format_money(line.amount))
        if result.warnings:
            text += "  " + " ".join(self._warning_text(w, line) for w in result.warnings)
            self._say(text, "warn")
            self.app.bell()
        else:
            self._say(text, "ok")
        self._go("lg-day")
        return True

    def _warning_text(self, warning: str, line: store.LineRow) -> str:
        if warning == "duplicate":
            return t("ledger.warn.duplicate")
        b = self.session.bounds.get(line.code) if self.session else None
        lo, hi = (format_money(b.low), format_money(b.high)) if b else ("", "")
        return t(f"ledger.warn.{warning}", low=lo, high=hi)

    def _clear_entry(self) -> None:
        for wid in ENTRY_FIELDS.values():
            field = self._input(wid)
            if field.value:
                field.value = ""
        self._put("lg-catname", "")
        self._put("lg-no",
            t("ledger.editing_no", n=self._position(self.editing.id)) if self.editing else
            (str(len(self.session.lines) + 1) if self.session else "")
        )
        self._day_placeholder()

    def _need_page(self) -> None:
        msg = t("ledger.err.no_page")
        self._error(AbcError(msg, msg), "lg-house")

    # ------------------------------------------------------------ the lines table

    def _position(self, line_id: int) -> int:
        if self.session is None:
            return 0
        for i, ln in enumerate(self.session.lines, 1):
            if ln.id == line_id:
                return i
        return 0

    def _cells(self, n: int, line: store.LineRow) -> tuple[Text, ...]:
        flags = self.flags.get(line.id, ())
        return (  # Text, not str: a DataTable reads a str cell as markup ("[" in an item)
            Text(str(n)),
            Text(str(line.day)),
            Text(self._cat_label(line.code)),
            Text(line.item),
            Text(format_money(line.amount), justify="right"),
            Text(" ".join(t(f"ledger.flag.{f}") for f in flags), style="bold yellow"),
        )

    def _append_row(self, line: store.LineRow) -> None:
        table = self.query_one("#lg-lines", DataTable)
        table.add_row(*self._cells(table.row_count + 1, line), key=str(line.id))
        table.move_cursor(row=table.row_count - 1, animate=False)

    def _reload_table(self, select: int | None = None) -> None:
        table = self.query_one("#lg-lines", DataTable)
        table.clear()
        if self.session is None:
            return
        for n, line in enumerate(self.session.lines, 1):
            table.add_row(*self._cells(n, line), key=str(line.id))
        if table.row_count:
            row = self._position(select) - 1 if select else table.row_count - 1
            table.move_cursor(row=max(row, 0), animate=False)

    def _selected_line(self) -> store.LineRow | None:
        table = self.query_one("#lg-lines", DataTable)
        if self.session is None or not self.session.lines or table.cursor_row is None:
            return None
        if not 0 <= table.cursor_row < len(self.session.lines):
            return None
        return self.session.lines[table.cursor_row]

    def action_up_to_lines(self) -> None:
        """Up from the entry row moves into the saved lines (last one first)."""
        focused = self.focused
        if focused is not None and focused.id in ENTRY_FIELDS.values():
            self.action_lines()

    def action_lines(self) -> None:
        table = self.query_one("#lg-lines", DataTable)
        if table.has_focus:
            return
        if self._entry_has_content():  # Enter on a saved line would overwrite the typed one
            self._settle_entry(self.action_lines)
            return
        if table.row_count == 0:
            self._say(t("ledger.no_lines"))
            return
        if self.focused is not None and self.focused.id in ENTRY_FIELDS.values():
            table.move_cursor(row=table.row_count - 1, animate=False)  # the line just above the entry row
        table.focus()
        self._say(t("ledger.table_hint"))

    def action_edit_line(self) -> None:
        if not self.query_one("#lg-lines", DataTable).has_focus:
            return
        line = self._selected_line()
        if line is None:
            return
        self.editing = line
        self._input("lg-day").value = str(line.day)
        self._input("lg-code").value = line.code
        self._put("lg-catname", self.desk.chart[line.code].name(get_lang()))
        self._input("lg-item").value = line.item
        self._input("lg-amount").value = format_money(line.amount)
        self._put("lg-no", t("ledger.editing_no", n=self._position(line.id)))
        self._day_placeholder()
        self._say(t("ledger.editing", n=self._position(line.id)), "warn")
        self._go("lg-day")

    @on(DataTable.RowSelected, "#lg-lines")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_line()

    def action_delete_line(self) -> None:
        if not self.query_one("#lg-lines", DataTable).has_focus:
            return
        line = self._selected_line()
        if line is None or self.session is None:
            return
        question = t(
            "ledger.confirm_delete",
            n=self._position(line.id),
            day=line.day,
            cat=self._cat_label(line.code),
            item=line.item or "-",
            amount=format_money(line.amount),
        )

        def answer(yes: bool | None) -> None:
            if not yes or self.session is None:
                self._go("lg-lines")
                return
            try:
                n = self._position(line.id)
                guard.call(self.session.delete_line, line.id)
            except AbcError as err:
                self._error(err)
                return
            if self.editing and self.editing.id == line.id:
                self.editing = None
                self._clear_entry()
            self._reload_table()
            self._after_change(t("ledger.deleted", n=n, amount=format_money(line.amount)))
            table = self.query_one("#lg-lines", DataTable)
            (table if table.row_count else self._input("lg-day")).focus()

        self.app.push_screen(ConfirmScreen(question), answer)

    def _after_change(self, message: str) -> None:
        self._show_totals()
        self._show_page_info()
        self._put("lg-no",
            t("ledger.editing_no", n=self._position(self.editing.id)) if self.editing else
            str(len(self.session.lines) + 1) if self.session else ""
        )
        self._day_placeholder()
        self._say(message, "ok")

    # ------------------------------------------------------------ totals

    def _show_totals(self) -> None:
        """Running totals beside the paper's control totals; a difference is highlighted until zero."""
        box = self.query_one("#lg-totals", Static)
        s = self.session
        if s is None:
            box.update(Text(t("ledger.no_page")))
            return
        tot = s.totals()
        di, de = s.differences()
        text = Text()

        def vs(label: str, value: int, control: int | None, diff: int | None) -> None:
            text.append(f"{label} ")
            text.append(format_money(value), style="bold")
            if control is None:
                text.append(f" ({t('ledger.no_control')})", style="dim")
            elif diff == 0:
                text.append(f"/{format_money(control)} ")
                text.append(plain("✓") + t("ledger.match"), style="bold green")
            else:
                text.append(f"/{format_money(control)} ")
                text.append(f"{t('ledger.diff')} {format_money(diff)}", style="bold reverse red")

        vs(t("ledger.income"), tot.income, s.control_income, di)
        text.append(" │ ")
        vs(t("ledger.expense"), tot.expense, s.control_expense, de)
        kinds = " ".join(
            f"{t(f'ledger.kind.{k}')} {format_money(tot.kind(k))}"
            for k in ("production", "consumption", "avoidable", "interest")
        )
        text.append(
            f"\n{kinds} │ {t('ledger.kind.debt_borrowed')} {format_money(tot.borrowed)} "
            f"{t('ledger.kind.debt_repaid')} {format_money(tot.repaid)} │ "
            f"{t('ledger.kind.saving_in')} {format_money(tot.saved)} "
            f"{t('ledger.kind.saving_out')} {format_money(tot.withdrawn)}",
            style="dim",
        )
        box.update(text)

    # ------------------------------------------------------------ actions

    def action_undo(self) -> None:
        if self.session is None:
            return
        try:
            step = guard.call(self.session.undo)
        except AbcError as err:
            self._error(err)
            return
        if step is None:
            self._say(t("ledger.nothing_to_undo"))
            return
        if self.editing is not None:
            self.editing = None
            self._clear_entry()
        self._reload_table()
        line = step.line
        self._after_change(
            t(f"ledger.undone.{step.action}", day=line.day, cat=line.code, item=line.item, amount=format_money(line.amount))
        )

    def _settle_entry(self, then: Callable[[], None]) -> None:
        """Before F2/F3/F5/F6 leave the entry row: a typed line is saved first; one that cannot
        be saved stays (with its error) unless the clerk answers yes to dropping it. Never lost silently."""
        if self.session is None or not self._entry_has_content() or self.save_entry():
            then()
            return
        if isinstance(self._save_error, guard.GuardError):
            return  # a good line the database could not take now: it stays, the message says try again
        reason = self._said[0]

        def answer(yes: bool | None) -> None:
            if not yes:
                return  # the line and its error stay; save_entry put the focus on the bad field
            self.editing = None
            self._clear_entry()
            self._reload_table()
            self._say("")
            then()

        self.app.push_screen(CarefulConfirmScreen(t("ledger.confirm_drop", reason=reason)), answer)

    def action_open_page(self) -> None:
        def go() -> None:
            self._go("lg-village")
            self._say(t("ledger.open_hint"))

        self._settle_entry(go)

    def action_controls(self) -> None:
        if self.session is None:
            self._need_page()
            return
        self._settle_entry(lambda: self._go("lg-cinc"))

    def action_balance(self) -> None:
        if self.session is None:
            self._need_page()
            return
        try:
            guard.call(self.session.mark_balanced)
        except AbcError as err:
            self._error(err)
            return
        self._show_page_info()
        self._say(t("ledger.balanced"), "ok")

    def action_next_household(self) -> None:
        if self.session is None or self.household is None:
            self._need_page()
            return
        self._settle_entry(self._open_next_household)

    def _open_next_household(self) -> None:
        if self.session is None or self.household is None:
            return
        nxt = households.next_household(self.household)
        if nxt is None:
            self._say(t("ledger.last_household"), "warn")
            return
        self.open_page(nxt.id, self.session.month, focus="lg-cinc")

    def action_grid(self) -> None:
        from abc_tui.ui.screens.ledger_grid import CompletenessScreen

        if self.village_code is None:
            return

        def chosen(result: tuple[int, Month] | None) -> None:
            if result is not None:
                self.open_page(result[0], result[1])

        self.app.push_screen(CompletenessScreen(self.village_code, self.work_month), chosen)

    def action_rekey(self) -> None:
        from abc_tui.ui.screens.ledger_rekey import RekeyScreen

        self.app.push_screen(RekeyScreen(self.village_code, self.work_month))

    def action_escape(self) -> None:
        focused = self.focused
        if self.editing is not None:
            self.editing = None
            self._clear_entry()
            self._reload_table()
            self._say(t("ledger.edit_cancelled"))
            self._go("lg-day")
            return
        if focused is not None and (focused.id == "lg-lines" or (focused.id in HEADER_FIELDS and self.session)):
            self._go("lg-day")
            self._say("")
            return
        if self._entry_has_content():

            def answer(yes: bool | None) -> None:
                if yes:
                    self.app.pop_screen()

            self.app.push_screen(ConfirmScreen(t("ledger.confirm_leave")), answer)
            return
        self.app.pop_screen()
