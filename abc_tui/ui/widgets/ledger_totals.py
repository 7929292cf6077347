"""The page's running totals beside the paper's control totals (reactive on the page session)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from abc_tui.domain.thai import format_money
from abc_tui.store.ledger import PageSession
from abc_tui.ui.marks import plain
from abc_tui.ui.strings import t

__all__ = ["PageTotals"]


class PageTotals(Static):
    """Income and expense against the paper's totals (a difference highlighted until it is
    zero), then each kind, debt and savings. Redrawn whenever the screen's session changes."""

    session: var[PageSession | None] = var(None)

    def watch_session(self) -> None:
        self.show_totals()

    def show_totals(self) -> None:
        s = self.session
        if s is None:
            self.update(Text(t("ledger.no_page")))
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
        # One row for the expense kinds, one for debt and savings: each figure stays beside its
        # label at 80 columns (a single row wrapped wherever the figures made it long).
        kinds = " ".join(f"{t(f'ledger.kind.{k}')} {format_money(tot.kind(k))}" for k in tot.EXPENSE_KINDS)
        text.append(
            f"\n{kinds}\n{t('ledger.kind.debt_borrowed')} {format_money(tot.borrowed)} "
            f"{t('ledger.kind.debt_repaid')} {format_money(tot.repaid)} │ "
            f"{t('ledger.kind.saving_in')} {format_money(tot.saved)} "
            f"{t('ledger.kind.saving_out')} {format_money(tot.withdrawn)}",
            style="dim",
        )
        self.update(text)
