"""Ledger batch entry: type a stack of paper account-book pages at adding-machine speed.

Layout (80×24)::

    หมู่ [6 ] บ้าน [39      ] เดือน [01/2567]  นายสมชาย ใจดี · หน้าใหม่      PageHeader
    ยอดตามกระดาษ รายรับ [9,174   ] รายจ่าย [8,378.75]
    ┌ the page's saved lines (one month only) ───────────────────────┐    LinesTable
    [วัน][หมวด] ชื่อหมวด        [รายการ (grey completion)  ][จำนวนเงิน ]    EntryRow
    message line (reason a value is refused / warnings)                   MessageLine
    running totals vs the paper's control totals                          PageTotals

The screen holds the open page (``session``, a reactive the widgets are bound to: the
header, the entry row and the totals redraw themselves when it is set or changed) and
answers the widgets' messages: :class:`PageHeader.PageChosen` opens a page,
:class:`EntryRow.LineSaved` shows a saved line. Its own keys work across the widgets
(undo, another page, next household, the saved lines, the grid, the re-key check).
See README "Ledger entry: keystrokes for one line".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Header, Input

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, format_date_be, format_money
from abc_tui.store import areas, households, periods
from abc_tui.store import ledger as store
from abc_tui.store.models import Household
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, CarefulConfirmScreen, ConfirmScreen
from abc_tui.ui.checkpoint import page_closed
from abc_tui.ui.strings import each, get_lang, t
from abc_tui.ui.widgets.ledger_entry import ENTRY_FIELDS, EntryRow
from abc_tui.ui.widgets.ledger_header import HEADER_FIELDS, PageHeader, previous_month
from abc_tui.ui.widgets.ledger_lines import LinesTable
from abc_tui.ui.widgets.ledger_message import MessageLine, focus_field, skip_next_enter, skip_no_more
from abc_tui.ui.widgets.ledger_totals import PageTotals

__all__ = ["ENTRY_FIELDS", "HEADER_FIELDS", "LedgerScreen", "previous_month"]

_W = TypeVar("_W", bound=Widget)


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

    #: The open page (None before one is opened). Set when a page opens; after a change to it
    #: (a line saved, deleted, undone; totals; status) ``mutate_reactive`` redraws the widgets.
    session: var[store.PageSession | None] = var(None)
    #: The month being worked: a household without pages defaults to it.
    work_month: var[Month | None] = var(None)
    #: Textual's ``Screen.focused`` repaints the whole screen at every focus move (4 a line: day,
    #: code, item, amount), ~0.3 ms CPU each to drop the screen's caches and draw it again. Nothing
    #: this screen draws itself depends on the focus: the field that gains it and the one that loses
    #: it are restyled (``:focus``) and redrawn by Textual on their own.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, household_id: int | None = None, month: Month | None = None) -> None:
        super().__init__()
        self.desk = store.LedgerDesk()
        self.set_reactive(LedgerScreen.work_month, month or previous_month())
        self._initial = (household_id, month)
        self._lang = get_lang()
        self._parts: dict[str, Widget] = {}

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield PageHeader(id="lg-header").data_bind(LedgerScreen.session, LedgerScreen.work_month)
        yield LinesTable(self.desk, id="lg-lines")
        yield EntryRow(self.desk, id="lg-entry").data_bind(LedgerScreen.session)
        yield MessageLine(id="lg-msg")
        yield PageTotals(id="lg-totals").data_bind(LedgerScreen.session)
        yield AbcFooter()

    def on_mount(self) -> None:
        self.title = t("ledger.title")
        self.desk.who = getattr(self.app, "user", "")
        villages = areas.villages()
        household_id, month = self._initial
        if household_id is not None:
            self.open_page(household_id, month or self.work_month)
        elif villages:
            self.header.set_village(villages[0].code)
            self._go("lg-village")
        else:
            self._say(t("ledger.no_villages"), "error")

    def on_unmount(self) -> None:
        if self.session is not None:
            page_closed()

    def language_changed(self) -> None:
        """F12 switched Thai/English (called by the footer): redraw every label in the new language."""
        if get_lang() == self._lang:
            return
        self._lang = get_lang()
        self.title = t("ledger.title")
        self.header.relabel()
        self.lines.relabel()
        self.entry.relabel()
        self.query_one(PageTotals).show_totals()

    # ------------------------------------------------------------ the parts

    @property
    def header(self) -> PageHeader:
        return self._part("header", PageHeader)

    @property
    def entry(self) -> EntryRow:
        return self._part("entry", EntryRow)

    @property
    def lines(self) -> LinesTable:
        return self._part("lines", LinesTable)

    @property
    def message(self) -> MessageLine:
        return self._part("message", MessageLine)

    def _part(self, name: str, cls: type[_W]) -> _W:
        """One of the screen's widgets, looked up once (a query walks the DOM: per key it adds up)."""
        part = self._parts.get(name)
        if part is None:
            part = self._parts[name] = self.query_one(cls)
        return part  # type: ignore[return-value]

    @property
    def household(self) -> Household | None:
        """The household chosen in the header (its page may not be open yet)."""
        return self.header.household

    @property
    def village_code(self) -> str | None:
        return self.header.village_code

    def _go(self, wid: str) -> None:
        focus_field(self, wid)

    def _say(self, text: str, level: str = "info") -> None:
        self.message.say(text, level)

    def show_error(self, err: AbcError) -> None:
        """The guard's hook: a database or file error is said on the message line; typed text stays."""
        self._error(err)

    def _error(self, err: AbcError) -> None:
        self.message.error(err)

    def _page_changed(self) -> None:
        """The open page changed (lines, totals, status): the bound widgets redraw."""
        self.mutate_reactive(LedgerScreen.session)

    # ------------------------------------------------------------ opening a page

    @on(PageHeader.PageChosen)
    def _page_chosen(self, event: PageHeader.PageChosen) -> None:
        event.stop()
        self.open_page(event.household_id, event.month, focus=event.focus)
        if isinstance(self.focused, Input):
            if event.typed_whole:
                skip_next_enter(self.focused)  # the Enter that used to open the page is ignored there
            else:  # opened by that Enter itself (it came before the month's own opening): none left
                skip_no_more(self.focused)

    def open_page(self, household_id: int, month: Month, focus: str | None = None) -> None:
        """Open (or reopen) the household's page for ``month``. The cursor goes to the paper's totals
        of a new page, to the entry row of one that exists (its totals were typed with it)."""
        if self.session is not None:
            page_closed()  # the page being left: its lines into the main file
        session = guard.call(self.desk.open, household_id, month)
        self.work_month = month
        self.session = session  # the header, entry row and totals show the new page
        self.lines.show(session)
        h = session.household
        if session.is_new:
            self._say(t("ledger.opened_new", code=h.code, month=each(month.label("th"), month.label("en"))))
        else:
            self._say(
                t(
                    "ledger.opened_old",
                    code=h.code,
                    month=each(month.label("th"), month.label("en")),
                    n=len(session.lines),
                )
            )
        try:  # a submitted or approved month: say so before anything is typed
            periods.assert_open(h.village_code, month)
        except AbcError as err:
            self._say(err.message(get_lang()), "warn")
            self.notify(err.message(get_lang()), title=t("per.locked_title"), severity="warning", timeout=12)
        self._go(focus or ("lg-cinc" if session.is_new else "lg-day"))

    @on(PageHeader.ControlsSet)
    def _controls_set(self, event: PageHeader.ControlsSet) -> None:
        event.stop()
        self._page_changed()

    # ------------------------------------------------------------ a saved line

    @on(EntryRow.LineSaved)
    def _line_saved(self, event: EntryRow.LineSaved) -> None:
        event.stop()
        result = event.result
        line = result.line
        if result.updated:
            self.lines.flags[line.id] = result.warnings
            self.lines.show(self.session, select=line.id)
        else:
            self.lines.append_line(line, result.warnings)
        self._page_changed()
        n = self.session.position(line.id) if self.session else 0
        key = "ledger.updated" if result.updated else "ledger.saved"
        text = t(key, n=n, amount=format_money(line.amount))
        if result.warnings:
            text += "  " + " ".join(self._warning_text(w, line) for w in result.warnings)
            self._say(text, "warn")
            self.app.bell()
        else:
            self._say(text, "ok")
        if event.then is not None:
            event.then()

    def _warning_text(self, warning: str, line: store.LineRow) -> str:
        if warning == "duplicate":
            return t("ledger.warn.duplicate")
        if warning == "before_joining":
            joined = self.session.joined_on if self.session else None
            date = (
                "" if joined is None else format_date_be(joined) if get_lang() == "th" else joined.isoformat()
            )
            return t("ledger.warn.before_joining", date=date)
        b = self.session.bounds.get(line.code) if self.session else None
        lo, hi = (format_money(b.low), format_money(b.high)) if b else ("", "")
        return t(f"ledger.warn.{warning}", low=lo, high=hi)

    def _need_page(self) -> None:
        self.entry.need_page()

    # ------------------------------------------------------------ the lines table

    def action_up_to_lines(self) -> None:
        """Up from the entry row moves into the saved lines (last one first)."""
        focused = self.focused
        if focused is not None and focused.id in ENTRY_FIELDS.values():
            self.action_lines()

    def action_lines(self) -> None:
        table = self.lines
        if table.has_focus:
            return
        if self.entry.has_content():  # Enter on a saved line would overwrite the typed one
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
        if not self.lines.has_focus or self.session is None:
            return
        line = self.lines.selected_line()
        if line is None:
            return
        self.entry.load(line)
        self._say(t("ledger.editing", n=self.session.position(line.id)), "warn")
        self._go("lg-day")

    @on(DataTable.RowSelected, "#lg-lines")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_line()

    def action_delete_line(self) -> None:
        if not self.lines.has_focus:
            return
        line = self.lines.selected_line()
        if line is None or self.session is None:
            return
        question = t(
            "ledger.confirm_delete",
            n=self.session.position(line.id),
            day=line.day,
            cat=self.lines.cat_label(line.code),
            item=line.item or "-",
            amount=format_money(line.amount),
        )

        def answer(yes: bool | None) -> None:
            if not yes or self.session is None:
                self._go("lg-lines")
                return
            try:
                n = self.session.position(line.id)
                guard.call(self.session.delete_line, line.id)
            except AbcError as err:
                self._error(err)
                return
            if self.entry.editing and self.entry.editing.id == line.id:
                self.entry.cancel_edit()
            self.lines.show(self.session)
            self._after_change(t("ledger.deleted", n=n, amount=format_money(line.amount)))
            table = self.lines
            (table if table.row_count else self.query_one("#lg-day")).focus()

        self.app.push_screen(ConfirmScreen(question), answer)

    def _after_change(self, message: str) -> None:
        self._page_changed()
        self._say(message, "ok")

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
        if self.entry.editing is not None:
            self.entry.cancel_edit()
        self.lines.show(self.session)
        line = step.line
        self._after_change(
            t(
                f"ledger.undone.{step.action}",
                day=line.day,
                cat=line.code,
                item=line.item,
                amount=format_money(line.amount),
            )
        )

    def _settle_entry(self, then: Callable[[], None]) -> None:
        """Before F2/F3/F5/F6 leave the entry row: a typed line is saved first (``then`` runs once
        it is shown); one that cannot be saved stays (with its error) unless the clerk answers yes
        to dropping it. Never lost silently."""
        entry = self.entry
        if self.session is None or not entry.has_content():
            then()
            return
        if entry.save(then):
            return
        if isinstance(entry.save_error, guard.GuardError):
            return  # a good line the database could not take now: it stays, the message says try again
        reason = entry.save_error.message(get_lang()) if entry.save_error else ""

        def answer(yes: bool | None) -> None:
            if not yes:
                return  # the line and its error stay; save() put the focus on the bad field
            entry.cancel_edit()
            self.lines.show(self.session)
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
        self._page_changed()
        # The cursor stays where it is: moving it to the next page's moo would save F2, but a
        # clerk who marks the page and types on (a line found later) would type into the moo.
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
        self.open_page(nxt.id, self.session.month)

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
        if self.entry.editing is not None:
            self.entry.cancel_edit()
            self.lines.show(self.session)
            self._say(t("ledger.edit_cancelled"))
            self._go("lg-day")
            return
        if focused is not None and (
            focused.id == "lg-lines" or (focused.id in HEADER_FIELDS and self.session)
        ):
            self._go("lg-day")
            self._say("")
            return
        if self.entry.has_content():

            def answer(yes: bool | None) -> None:
                if yes:
                    self.app.pop_screen()

            self.app.push_screen(ConfirmScreen(t("ledger.confirm_leave")), answer)
            return
        self.app.pop_screen()
