"""The ledger page header: moo, house, month (which page) and the paper's two control totals.

Choosing a page posts :class:`PageHeader.PageChosen` (the screen opens it); Enter on the
expense total saves both totals and posts :class:`PageHeader.ControlsSet`. A printed page's
code (a scanner types it and Enter, or a clerk does) in the moo or house field opens that page.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.ledger import LineError, parse_page_month
from abc_tui.domain.thai import Month
from abc_tui.store import areas, households
from abc_tui.store import ledger as store
from abc_tui.store.ledger import PageSession
from abc_tui.store.models import Household
from abc_tui.store.printing import scanned_page
from abc_tui.ui import guard
from abc_tui.ui.marks import plain
from abc_tui.ui.strings import t
from abc_tui.ui.widgets.ledger_inputs import MonthInput
from abc_tui.ui.widgets.ledger_message import FieldRow, MessageLine, enter_skipped, skip_no_more
from abc_tui.ui.widgets.thai_input import ThaiInput

__all__ = ["HEADER_FIELDS", "PageHeader", "previous_month"]

HEADER_FIELDS = ("lg-village", "lg-house", "lg-month", "lg-cinc", "lg-cexp")
CONTROL_FIELDS = {"control_income": "lg-cinc", "control_expense": "lg-cexp"}


def previous_month(today: _dt.date | None = None) -> Month:
    """Books are brought in for the month just ended."""
    return Month.of(today or _dt.date.today()).prev()


class PageHeader(FieldRow, guard.Guarded, Vertical):
    """Two bars: which page (moo, house, month, who) and the paper's totals (with the page's status)."""

    DEFAULT_CSS = "PageHeader { height: auto; }"

    session: var[PageSession | None] = var(None)
    #: The month being worked (the default for a household without pages), bound to the screen's.
    work_month: var[Month | None] = var(None)

    @dataclass
    class PageChosen(Message):
        household_id: int
        month: Month
        focus: str | None = None  # None: the paper's totals of a new page, the entry row of one that exists
        typed_whole: bool = False  # the month completed itself: an Enter typed next is ignored

    class ControlsSet(Message):
        """The paper's totals of the open page were saved."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.village_code: str | None = None
        self.household: Household | None = None
        self._page: PageSession | None = None  # the page whose header is shown
        self._shown: dict[str, str] = {}
        self._fields: dict[str, Widget] = {}
        self._message: MessageLine | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="lg-bar1", classes="lg-bar"):
            yield Label(t("ledger.village"), name="ledger.village", classes="lg-label")
            yield ThaiInput(id="lg-village", max_length=40)  # a scanned page code lands here too
            yield Label(t("ledger.house"), name="ledger.house", classes="lg-label")
            yield ThaiInput(id="lg-house", max_length=40)
            yield Label(t("ledger.month"), name="ledger.month", classes="lg-label")
            yield MonthInput(id="lg-month", max_length=16)
            yield Static("", id="lg-who", markup=False)
        with Horizontal(id="lg-bar2", classes="lg-bar"):
            yield Label(t("ledger.controls"), name="ledger.controls", classes="lg-label")
            yield Label(t("ledger.income"), name="ledger.income", classes="lg-label")
            yield ThaiInput(id="lg-cinc", max_length=20)
            yield Label(t("ledger.expense"), name="ledger.expense", classes="lg-label")
            yield ThaiInput(id="lg-cexp", max_length=20)
            yield Static("", id="lg-pageinfo", markup=False)

    def on_mount(self) -> None:
        self.placeholders()

    def placeholders(self) -> None:
        for wid, key in (
            ("lg-village", "ledger.ph.village"),
            ("lg-house", "ledger.ph.house"),
            ("lg-month", "ledger.ph.month"),
            ("lg-cinc", "ledger.ph.control"),
            ("lg-cexp", "ledger.ph.control"),
        ):
            self._input(wid).placeholder = t(key)

    def relabel(self) -> None:
        """F12: labels, placeholders and the page's status in the new language."""
        for label in self.query(".lg-label").results(Label):
            label.update(t(label.name or ""))
        self.placeholders()
        self._show_page_info()

    # ------------------------------------------------------------ the page shown

    def watch_session(self, session: PageSession | None) -> None:
        if session is not self._page:  # another page was opened: show which
            self._page = session
            if session is not None:
                self._show_page(session)
        self._show_page_info()

    def _show_page(self, session: PageSession) -> None:
        h = self.household = session.household
        if h.village_code != self.village_code:
            self.set_village(h.village_code)
        self._input("lg-house").value = h.house_no
        self._input("lg-month").value = session.month.be_label()
        self._put("lg-who", f"{h.code} {h.head_name}")
        self._show_controls(session)

    def _show_controls(self, session: PageSession) -> None:
        inc, exp = session.controls_text()
        self._input("lg-cinc").value = inc
        self._input("lg-cexp").value = exp

    def _show_page_info(self) -> None:
        s = self.session
        if s is None:
            self._put("lg-pageinfo", "")
            return
        status = t(f"ledger.status.{s.status}")
        self._put("lg-pageinfo", f"{status} · {t('ledger.lines_n', n=len(s.lines))}")

    def set_village(self, code: str) -> None:
        self.village_code = code
        village = next((v for v in areas.villages() if v.code == code), None)
        self._input("lg-village").value = str(int(code[-2:]))
        self._put("lg-who", areas.area_label(village) if village else code)

    # ------------------------------------------------------------ helpers

    # ------------------------------------------------------------ typing

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        skip_no_more(event.input, event.value)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        skip_no_more(event.input)

    @on(Input.Changed, "#lg-village")
    def _village_typed(self, event: Input.Changed) -> None:
        if not self._input("lg-village").has_focus:
            return
        found = areas.find_villages(event.value) if event.value.strip() else []
        self._put("lg-who", plain("⏎ ") + " · ".join(areas.area_label(v) for v in found[:3]) if found else "")

    @on(Input.Submitted, "#lg-village")
    def _village_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self._open_scanned(event.input):
            return
        found = areas.find_villages(event.value)
        if not event.value.strip() or not found:
            self._error(
                AbcError(t("ledger.err.village", text=event.value), t("ledger.err.village", text=event.value))
            )
            return
        self.set_village(found[0].code)
        self.message.say("")
        self._go("lg-house")

    @on(Input.Changed, "#lg-house")
    def _house_typed(self, event: Input.Changed) -> None:
        if not self._input("lg-house").has_focus:
            return
        found = households.find_households(self.village_code, event.value, limit=4)
        # The first match is the one Enter takes.
        self._put(
            "lg-who", plain("⏎ ") + " · ".join(f"{h.house_no} {h.head_name}" for h in found) if found else ""
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
            self.set_village(h.village_code)
        self._input("lg-house").value = h.house_no
        self._put("lg-who", f"{h.code} {h.head_name}")
        fallback = self.work_month or previous_month()
        self._input("lg-month").value = store.default_month(h.id, fallback).be_label()
        self.message.say("")
        self._go("lg-month")

    def _open_scanned(self, field: Input) -> bool:
        """A printed page's code opens that household's page for that month at once, from any
        village; False if ``field`` holds no page code."""
        try:
            found = scanned_page(field.value)
        except AbcError as err:
            field.value = ""  # ready for the next scan or a typed number
            self._error(err)
            return True
        if found is None:
            return False
        household, month = found
        self.post_message(self.PageChosen(household.id, month))
        return True

    @on(Input.Submitted, "#lg-month")
    def _month_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._take_month()

    @on(MonthInput.Completed, "#lg-month")
    def _month_complete(self, event: MonthInput.Completed) -> None:
        event.stop()
        if self.household is not None:  # (no household yet: Enter says so)
            self._take_month(typed_whole=True)

    def _take_month(self, typed_whole: bool = False) -> None:
        if self.household is None:
            self._go("lg-house")
            return
        try:
            month = parse_page_month(self._input("lg-month").value)
        except AbcError as err:
            self._error(err, "lg-month")
            return
        self.post_message(self.PageChosen(self.household.id, month, typed_whole=typed_whole))

    @on(Input.Submitted, "#lg-cinc")
    def _cinc_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if not enter_skipped(event.input):
            self._go("lg-cexp")

    @on(Input.Submitted, "#lg-cexp")
    def _cexp_entered(self, event: Input.Submitted) -> None:
        event.stop()
        session = self.session
        if session is None:
            self._go("lg-house")
            return
        try:
            guard.call(session.set_controls, self._input("lg-cinc").value, self._input("lg-cexp").value)
        except LineError as err:
            self._error(err, CONTROL_FIELDS.get(err.field))
            return
        except AbcError as err:
            self._error(err)
            return
        self._show_controls(session)
        self.post_message(self.ControlsSet())
        self._go("lg-day")
