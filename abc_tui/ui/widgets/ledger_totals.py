"""The page's running totals beside the paper's control totals (reactive on the page session)."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import var
from textual.style import Style
from textual.widgets import Static

from abc_tui.domain.thai import format_money
from abc_tui.store.ledger import PageSession
from abc_tui.ui.marks import plain
from abc_tui.ui.strings import t

__all__ = ["PageTotals"]


class PageTotals(Static):
    """Income and expense against the paper's totals (a difference highlighted until it is
    zero), then each kind, debt and savings. Redrawn whenever the screen's session changes.

    Redrawn after every saved line, so it builds Textual ``Content`` with its few styles made
    once (from the same Rich style names as before), not a Rich ``Text`` that Textual converts
    span by span at each update."""

    session: var[PageSession | None] = var(None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._styles: dict[tuple[str, int], Style] = {}
        self._lines_shown = 0  # lines of text shown: only a change of it needs a new layout

    def _style(self, name: str) -> Style:
        """A Rich style name as Textual draws it (the app's console and ANSI theme, as Textual's
        own conversion of a Rich ``Text`` does)."""
        theme = self.app.ansi_theme
        key = (name, id(theme))
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = Style.from_rich_style(self.app.console.get_style(name), theme)
        return style

    def watch_session(self) -> None:
        self.show_totals()

    def _show(self, content: Content) -> None:
        lines = content.plain.count("\n") + 1
        self.update(content, layout=lines != self._lines_shown)
        self._lines_shown = lines

    def show_totals(self) -> None:
        s = self.session
        if s is None:
            self._show(Content(t("ledger.no_page")))
            return
        tot = s.totals()
        di, de = tot.differences(s.control_income, s.control_expense)
        bold = self._style("bold")
        parts: list[str | tuple[str, Style]] = []

        def vs(label: str, value: int, control: int | None, diff: int | None) -> None:
            parts.append(f"{label} ")
            parts.append((format_money(value), bold))
            if control is None:
                parts.append((f" ({t('ledger.no_control')})", self._style("dim")))
            elif diff == 0:
                parts.append(f"/{format_money(control)} ")
                parts.append((plain("✓") + t("ledger.match"), self._style("bold green")))
            else:
                parts.append(f"/{format_money(control)} ")
                parts.append((f"{t('ledger.diff')} {format_money(diff)}", self._style("bold reverse red")))

        vs(t("ledger.income"), tot.income, s.control_income, di)
        parts.append(" │ ")
        vs(t("ledger.expense"), tot.expense, s.control_expense, de)
        # One row for the expense kinds, one for debt and savings: each figure stays beside its
        # label at 80 columns (a single row wrapped wherever the figures made it long).
        kinds = " ".join(f"{t(f'ledger.kind.{k}')} {format_money(tot.kind(k))}" for k in tot.EXPENSE_KINDS)
        parts.append(
            (
                f"\n{kinds}\n{t('ledger.kind.debt_borrowed')} {format_money(tot.borrowed)} "
                f"{t('ledger.kind.debt_repaid')} {format_money(tot.repaid)} │ "
                f"{t('ledger.kind.saving_in')} {format_money(tot.saved)} "
                f"{t('ledger.kind.saving_out')} {format_money(tot.withdrawn)}",
                self._style("dim"),
            )
        )
        self._show(Content.assemble(*parts))
