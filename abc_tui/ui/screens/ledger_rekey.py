"""Re-key check: a supervisor re-types a random sample of saved lines blind.

The screen names each sampled line the way it is found on paper (household,
month, line number on the page) and never shows its saved values; the
supervisor types day, category, item (optional) and amount from the paper, and
the screen reports every field that differs — the card-punch verifier's
check. Each comparison is written to the audit table (action ``rekey``).
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, parse_int, parse_month
from abc_tui.store import areas, rekey
from abc_tui.store import ledger as store
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.marks import plain
from abc_tui.ui.money import show_money
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.ledger_inputs import CodeInput
from abc_tui.ui.widgets.thai_input import ThaiInput

FIELDS = ("rk-day", "rk-code", "rk-item", "rk-amount")


class RekeyScreen(guard.Guarded, Screen[None]):
    """Blind re-typing of sampled lines, with a mismatch report."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "new_sample", "ledger.rekey.key.sample", priority=True),
    ]

    def __init__(self, village_code: str | None, month: Month) -> None:
        super().__init__()
        self.village_code = village_code
        self.month = month
        self.desk = store.LedgerDesk()
        self.targets: list[rekey.RekeyTarget] = []
        self.results: list[rekey.RekeyResult] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="lg-bar"):
            yield Label(t("ledger.village"))
            yield ThaiInput(id="rk-village", max_length=20)
            yield Label(t("ledger.month"))
            yield ThaiInput(id="rk-month", max_length=16)
            yield Label(t("ledger.rekey.size"))
            yield ThaiInput(id="rk-size", max_length=4)
        yield Static(t("ledger.rekey.intro"), id="rk-target")
        with Horizontal(id="rk-entry"):
            yield ThaiInput(id="rk-day", max_length=4, placeholder=t("ledger.ph.day"))
            yield CodeInput(id="rk-code", max_length=30, placeholder=t("ledger.ph.code"))
            yield ThaiInput(id="rk-item", max_length=60, placeholder=t("ledger.ph.item"))
            yield ThaiInput(id="rk-amount", max_length=40, placeholder=t("ledger.ph.amount"))
        yield Static("", id="rk-msg")
        yield DataTable(id="rk-results", cursor_type="row", zebra_stripes=True)
        yield Static("", id="rk-summary")
        yield AbcFooter()

    def on_mount(self) -> None:
        self.title = t("ledger.rekey.title")
        self.query_one("#rk-village", Input).value = (
            str(int(self.village_code[-2:])) if self.village_code else ""
        )
        self.query_one("#rk-month", Input).value = self.month.be_label()
        self.query_one("#rk-size", Input).value = "20"
        table = self.query_one("#rk-results", DataTable)
        for key, label, width in self.COLUMNS:
            table.add_column(t(label), key=key, width=width)
        self._set_entry_enabled(False)
        self.query_one("#rk-size").focus()

    COLUMNS = (
        ("no", "ledger.col.no", 3),
        ("where", "ledger.rekey.col.where", 26),
        ("result", "ledger.rekey.col.result", 40),
    )

    def language_changed(self) -> None:
        """F12: column heads, the line asked for and the results in the new language."""
        table = self.query_one("#rk-results", DataTable)
        for key, label, _width in self.COLUMNS:
            table.columns[key].label = Text(t(label))
        if self.targets and self.index < len(self.targets):
            self.query_one("#rk-target", Static).update(self._target_text())  # what is typed stays
        elif self.targets:
            self._show_summary()
            self.query_one("#rk-target", Static).update(t("ledger.rekey.done"))
        table.clear()
        for n, result in enumerate(self.results, 1):
            self._add_result(result, n)

    def _set_entry_enabled(self, enabled: bool) -> None:
        for wid in FIELDS:
            self.query_one(f"#{wid}").disabled = not enabled

    def _say(self, text: str, level: str = "info") -> None:
        msg = self.query_one("#rk-msg", Static)
        msg.set_classes(f"lg-{level}")
        msg.update(escape(text))

    # ------------------------------------------------------------ scope

    @on(Input.Submitted, "#rk-village")
    def _village(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#rk-month").focus()

    @on(Input.Submitted, "#rk-month")
    def _month(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#rk-size").focus()

    @on(Input.Submitted, "#rk-size")
    def _start(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            text = self.query_one("#rk-village", Input).value
            village = None
            if text.strip():
                found = areas.find_villages(text)
                if not found:
                    msg = t("ledger.err.village", text=text)
                    raise AbcError(msg, msg)
                village = found[0].code
            month = parse_month(self.query_one("#rk-month", Input).value)
            n = parse_int(event.value, field_th="จำนวนตัวอย่าง", field_en="sample size", minimum=1, maximum=500)
        except AbcError as err:
            self._say(err.message(get_lang()), "error")
            self.app.bell()
            return
        self.village_code, self.month = village, month
        self.targets = rekey.rekey_sample(village, month, n)
        self.results = []
        self.index = 0
        self.query_one("#rk-results", DataTable).clear()
        self.query_one("#rk-summary", Static).update("")
        if not self.targets:
            self._say(t("ledger.rekey.empty"), "warn")
            return
        self._set_entry_enabled(True)
        self._show_target()

    def _show_target(self) -> None:
        self.query_one("#rk-target", Static).update(self._target_text())
        for wid in FIELDS:
            self.query_one(f"#{wid}", Input).value = ""
        self.query_one("#rk-day").focus()

    def _target_text(self) -> str:
        tg = self.targets[self.index]
        return escape(
            t(
                "ledger.rekey.target",
                i=self.index + 1,
                n=len(self.targets),
                code=tg.household_code,
                name=tg.head_name,
                month=tg.month.label(get_lang()),
                pos=tg.position,
                lines=tg.page_lines,
            )
        )

    # ------------------------------------------------------------ typing

    @on(Input.Submitted, "#rk-day")
    def _day(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#rk-code").focus()

    @on(CodeInput.Completed, "#rk-code")
    def _code_done(self) -> None:
        self.query_one("#rk-item").focus()

    @on(Input.Submitted, "#rk-code")
    def _code(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#rk-item").focus()

    @on(Input.Submitted, "#rk-item")
    def _item(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#rk-amount").focus()

    @on(Input.Submitted, "#rk-amount")
    def _amount(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.targets or self.index >= len(self.targets):
            return
        typed = [self.query_one(f"#{wid}", Input).value for wid in FIELDS]
        tg = self.targets[self.index]
        try:
            result = guard.call(rekey.rekey_check, tg, *typed, who=self.app.user, chart=self.desk.chart)
        except guard.GuardError as err:  # nothing recorded: the typed line stays, Enter tries again
            self._say(err.message(get_lang()), "error")
            self.app.bell()
            return
        except AbcError as err:
            self._say(err.message(get_lang()), "error")
            result = None
        if result is not None:
            self.results.append(result)
            self._add_result(result)
        self.index += 1
        if self.index < len(self.targets):
            self._show_target()
        else:
            self._finish()

    def _add_result(self, r: rekey.RekeyResult, n: int | None = None) -> None:
        where = f"{r.target.household_code} {r.target.month.be_label()} #{r.target.position}"
        if r.ok:
            text = plain("✓ ") + t("ledger.rekey.same")
        else:
            saved = {
                "day": str(r.saved.day),
                "category": r.saved.code,
                "item": r.saved.item or "-",
                "amount": show_money(r.saved.amount),
            }
            typed = dict(zip(("day", "category", "item", "amount"), r.typed, strict=True))
            text = "✗ " + "; ".join(
                f"{t(f'ledger.rekey.field.{f}')} {saved[f]}≠{typed[f] or '-'}" for f in r.mismatches
            )
        table = self.query_one("#rk-results", DataTable)
        table.add_row(Text(str(n or len(self.results))), Text(where), Text(text))
        table.move_cursor(row=table.row_count - 1, animate=False)

    def _show_summary(self) -> int:
        bad = sum(1 for r in self.results if not r.ok)
        n = len(self.results)
        rate = f"{100 * bad / n:.1f}" if n else "0.0"
        self.query_one("#rk-summary", Static).update(
            escape(t("ledger.rekey.summary", n=n, ok=n - bad, bad=bad, rate=rate))
        )
        return bad

    def _finish(self) -> None:
        bad = self._show_summary()
        self.query_one("#rk-target", Static).update(t("ledger.rekey.done"))
        self._say(t("ledger.rekey.done"), "warn" if bad else "ok")
        self._set_entry_enabled(False)
        self.query_one("#rk-results").focus()

    def action_new_sample(self) -> None:
        self._set_entry_enabled(False)
        self.query_one("#rk-village").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
