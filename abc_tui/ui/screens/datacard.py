"""The forum data card: one screen of a village's figures for a period, to project or read
out at the forum.

Layout (80×24)::

    หมู่บ้าน [หมู่ 1 บ้านนาน้อย   ] จาก [04/2567] ถึง [09/2567]
    หมู่ 1 บ้านนาน้อย · เม.ย. 2567 – ก.ย. 2567 · ส่งบัญชี 22/25 ครัวเรือน
    รายรับ                 1,234,567 ████████████████████
    รายจ่าย                1,100,000 █████████████████▊
      ต้นทุนการผลิต          300,000 ████▉
      …
    รายเดือน  รับ ▃▅▇█▂▁  จ่าย ▅▅▆▇▅▅  ลดได้ ▂▃▂▅▃▃
    รายจ่ายสูงสุด
      1 ข้าวสาร              120,000  10.9% ██▏
    หนี้สิน  ครัวเรือนมีหนี้ 18 → 16 · หนี้รวม 2,100,000 → 1,950,000 บาท
             แนวโน้ม ▇▇▆▆▅▅  หนี้ลดลง 9 ครัวเรือน ปลดหนี้ 2

F7/F8 move the period back and forward by its own length. Opened from a forum,
F2 turns one of the card's figures into a finding of that forum.
"""

from __future__ import annotations

from functools import partial

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from abc_tui.domain.categories import EXPENSE_KINDS, KIND_LABELS
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, month_range, parse_month
from abc_tui.reports import datacard as store
from abc_tui.store import areas
from abc_tui.store import forums as forum_store
from abc_tui.store.models import Finding
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.money import show_money
from abc_tui.ui.screens.forum_form import finding_fields
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.chart import bar, sparkline
from abc_tui.ui.widgets.form import FormScreen
from abc_tui.ui.widgets.forum_choice import ChoiceScreen
from abc_tui.ui.widgets.thai_input import ThaiInput

BAR_WIDTH = 16
DEFAULT_MONTHS = 6


def baht(satang: int) -> str:
    """Whole baht for the card (read out at a meeting, satang are noise): 1,250.50 -> 1,251."""
    return show_money(satang, whole=True)


def render_card(card: store.DataCard) -> Group:
    """The card as Rich renderables in the current language (kept apart from the screen so it
    can be tested and reused)."""
    lang = get_lang()

    def kind(k: str) -> str:
        th, en = KIND_LABELS[k]
        return en if lang == "en" else th

    heading = Text(
        t(
            "card.heading",
            village=f"หมู่ {int(card.village_code[-2:])} {card.village_name}"
            if lang == "th"
            else f"Moo {int(card.village_code[-2:])} {card.village_name}",
            first=card.first.thai_label() if lang == "th" else card.first.be_label(),
            last=card.last.thai_label() if lang == "th" else card.last.be_label(),
            reporting=card.households_reporting,
            registered=card.households_registered,
        ),
        style="bold",
        no_wrap=True,
        overflow="ellipsis",
    )
    top = max(card.income, card.expense, 1)
    money = Table.grid(padding=(0, 1))
    money.add_column(width=24, no_wrap=True, overflow="ellipsis")
    money.add_column(justify="right", width=13)
    money.add_column(width=BAR_WIDTH)
    money.add_column()
    money.add_row(t("card.income"), baht(card.income), bar(card.income, top, BAR_WIDTH), "")
    money.add_row(t("card.expense"), baht(card.expense), bar(card.expense, top, BAR_WIDTH), "")
    for k in EXPENSE_KINDS:
        amount = card.by_kind.get(k, 0)
        note = ""
        if k == "avoidable" and card.avoidable_share_pct is not None:
            note = t("card.avoidable_share", pct=f"{card.avoidable_share_pct:.1f}")
        money.add_row(f"  {kind(k)}", baht(amount), bar(amount, top, BAR_WIDTH), note)
    money.add_row(t("card.net"), baht(card.net), "", "")

    monthly = Text.assemble(
        (t("card.monthly") + "  ", "bold"),
        t(
            "card.spark",
            income=sparkline([m.income for m in card.months]),
            expense=sparkline([m.expense for m in card.months]),
            avoidable=sparkline([m.avoidable for m in card.months]),
        ),
        no_wrap=True,
        overflow="ellipsis",
    )
    tops = Table.grid(padding=(0, 1))
    tops.add_column(width=2, justify="right")
    tops.add_column(width=21, no_wrap=True, overflow="ellipsis")
    tops.add_column(justify="right", width=13)
    tops.add_column(justify="right", width=6)
    tops.add_column(width=BAR_WIDTH)
    best = card.top_items[0].amount if card.top_items else 1
    for i, item in enumerate(card.top_items, 1):
        share = "" if item.share_pct is None else f"{item.share_pct:.1f}%"
        tops.add_row(
            str(i),
            Text(item.label(lang)[:20]),  # Text: a Rich table reads str as markup
            baht(item.amount),
            share,
            bar(item.amount, best, 12),
        )
    parts: list = [heading, money, monthly, Text(t("card.top"), style="bold"), tops]
    if not card.income and not card.expense:
        parts.insert(1, Text(t("card.empty"), style="italic"))
    start, end = card.debt_start, card.debt_end
    if start and end:
        # Scaled from the lowest point: the sparkline shows the trend; the numbers say the size.
        trend = sparkline([p.total_debt for p in card.debt], minimum=min(p.total_debt for p in card.debt))
        parts.append(
            Text.assemble(
                (t("card.debt") + "  ", "bold"),
                t("card.debt_households", start=start.households_in_debt, end=end.households_in_debt),
                " · ",
                t(
                    "card.debt_reduced",
                    reduced=card.households_debt_reduced,
                    cleared=card.households_debt_cleared,
                ),
                no_wrap=True,
                overflow="ellipsis",
            )
        )
        parts.append(
            Text(
                "        "
                + t("card.debt_total", start=baht(start.total_debt), end=baht(end.total_debt))
                + "  "
                + t("card.debt_trend", spark=trend),
                no_wrap=True,
                overflow="ellipsis",
            )
        )
    return Group(*parts)


class DataCardScreen(guard.Guarded, Screen[None]):
    """One village × period on one screen."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "finding", "card.key.finding", priority=True),
        Binding("f5", "focus_period", "card.key.period", priority=True),
        Binding("f6", "focus_village", "card.key.village", priority=True),
        Binding("ctrl+o", "print_card", "paper.key.pdf", priority=True),
        Binding("f7", "shift(-1)", "card.key.prev", priority=True),
        Binding("f8", "shift(1)", "card.key.next", priority=True),
    ]

    def __init__(
        self, village: str | None = None, last: Month | None = None, forum_id: int | None = None
    ) -> None:
        super().__init__()
        self.initial_village = village
        self.initial_last = last
        self.forum_id = forum_id
        self.card: store.DataCard | None = None
        self._asked_village: str | None = None  # the village of the card last asked for

    def compose(self) -> ComposeResult:
        villages = areas.villages()
        codes = [v.code for v in villages]
        village = self.initial_village if self.initial_village in codes else (codes[0] if codes else None)
        first, last = self._default_period(village)
        yield Header()
        with Horizontal(classes="toolbar card-bar"):
            yield Label(t("card.village"))
            yield Select(
                [(Text(areas.area_label(v)), v.code) for v in villages] or [(t("card.no_villages"), "")],
                value=village or "",
                allow_blank=False,
                id="card-village",
            )
            yield Label(t("card.from"))
            yield ThaiInput(first.be_label(), id="card-from", max_length=12)
            yield Label(t("card.to"))
            yield ThaiInput(last.be_label(), id="card-to", max_length=12)
        yield Static("", id="card-error", classes="error")
        with VerticalScroll(id="card-scroll"):
            yield Static("", id="card-body")
        yield AbcFooter()

    def _default_period(self, village: str | None) -> tuple[Month, Month]:
        first, last = store.default_period(village, DEFAULT_MONTHS)
        if self.initial_last is not None and self.initial_last < last:
            last = self.initial_last
            first = last.prev(DEFAULT_MONTHS - 1)
        return first, last

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "Use as finding" exists only when the card was opened from a forum.
        if action == "finding" and self.forum_id is None:
            return False
        return True

    def on_mount(self) -> None:
        self.refresh_card()
        self.query_one("#card-scroll").focus()

    def language_changed(self) -> None:
        """F12: the card shown, redrawn in the new language (a half-typed period is left as it is)."""
        if self.card is not None:
            self.query_one("#card-body", Static).update(render_card(self.card))

    # ------------------------------------------------------------ the card

    @property
    def village(self) -> str | None:
        value = self.query_one("#card-village", Select).value
        return str(value) if value not in (Select.NULL, "") else None

    def period(self) -> tuple[Month, Month]:
        first = parse_month(self.query_one("#card-from", Input).value)
        last = parse_month(self.query_one("#card-to", Input).value)
        store.check_period(first, last)
        return first, last

    def refresh_card(self) -> None:
        """Check the period here, then read the figures in a worker thread (a 24-month card of a
        big village takes longer than a key may wait); the card shown stays until the new one is in."""
        error = self.query_one("#card-error", Static)
        village = self._asked_village = self.village
        if village is None:
            error.update(t("card.no_villages"))
            return
        try:
            first, last = self.period()
        except AbcError as err:
            self._refused(err)
            return
        self.run_worker(
            partial(self._load_card, village, first, last),
            thread=True,
            exclusive=True,
            group="card",
            exit_on_error=False,
        )

    def _load_card(self, village: str, first: Month, last: Month) -> None:
        worker = get_current_worker()
        try:
            card = store.data_card(village, first, last)
        except AbcError as err:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._refused, err)
            return
        if not worker.is_cancelled:  # a newer period was asked for meanwhile: that one is shown
            self.app.call_from_thread(self._show_card, card)

    def _refused(self, err: AbcError) -> None:
        self.query_one("#card-error", Static).update(
            Text(err.message(get_lang()))
        )  # may quote what was typed
        self.app.bell()

    def _show_card(self, card: store.DataCard) -> None:
        self.card = card
        self.query_one("#card-error", Static).update("")
        self.query_one("#card-body", Static).update(render_card(card))

    @on(Select.Changed, "#card-village")
    def _village_changed(self) -> None:
        if self.village != self._asked_village:  # not the Select's own Changed as it mounts
            self.refresh_card()

    @on(Input.Submitted, "#card-from")
    def _from_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#card-to").focus()

    @on(Input.Submitted, "#card-to")
    def _to_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.refresh_card()
        if self.card is not None:
            self.query_one("#card-scroll").focus()

    def action_shift(self, direction: int) -> None:
        try:
            first, last = self.period()
        except AbcError as err:
            self.query_one("#card-error", Static).update(Text(err.message(get_lang())))
            return
        n = len(month_range(first, last)) * direction
        self.query_one("#card-from", Input).value = first.next(n).be_label()
        self.query_one("#card-to", Input).value = last.next(n).be_label()
        self.refresh_card()

    def action_focus_period(self) -> None:
        self.query_one("#card-from").focus()

    def action_focus_village(self) -> None:
        self.query_one("#card-village").focus()

    # ------------------------------------------------------------ a figure becomes a finding

    def action_finding(self) -> None:
        if self.forum_id is None or self.card is None:
            return
        card, forum_id = self.card, self.forum_id

        def submit(values: dict[str, str]) -> Finding:
            return forum_store.add_finding(forum_id, who=self.app.user, **values)

        def chosen(index: str | None) -> None:
            if index is None:
                return
            evidence = store.evidence_lines(card, get_lang())[int(index)]  # F12 while choosing
            self.app.push_screen(
                FormScreen(t("forums.finding.new"), finding_fields(None, evidence), submit),
                lambda row: self.notify(t("forums.finding.saved")) if row is not None else None,
            )

        self.app.push_screen(
            ChoiceScreen(
                t("card.key.finding"),
                lambda: [(text, str(i)) for i, text in enumerate(store.evidence_lines(card, get_lang()))],
            ),
            chosen,
        )

    def action_print_card(self) -> None:
        """The card as an A4 handout with vector bar charts."""
        from abc_tui.reports.pdf import jobs
        from abc_tui.ui.paper import print_pdf

        village = self.village
        if village is None or self.card is None:
            return
        first, last = self.card.first, self.card.last  # the card shown, not a half-typed period
        print_pdf(self, lambda lang, progress: jobs.datacard(village, first, last, lang=lang))

    def action_back(self) -> None:
        self.dismiss(None)
