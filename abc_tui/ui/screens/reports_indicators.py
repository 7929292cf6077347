"""The §5 indicators of the programme for an area and a period: value, denominator, percent,
target (5.2.3: at least 30% of villages plan with data), a bar; then every area below it with
its percentage per indicator, so the villages that lag stand out.

F5 switches to the programme's two-monthly evaluation periods (bi-months), F7/F8 step the
period, F4 picks the area; computed in a worker. F2 closes the shown two-month period as an
evaluation round (its indicators are kept as they are); F6 shows the last closed rounds side by
side with their change instead of the areas below.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Select, Static
from textual.worker import get_current_worker

from abc_tui.reports import queries
from abc_tui.reports.period import Period
from abc_tui.store.database import close_database
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.relabel import set_heads
from abc_tui.ui.screens.reports import area_options, last_bimonth, period_label
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.chart import bar
from abc_tui.ui.widgets.paged_table import Col, PagedTable


def indicator_name(ind_id: str) -> str:
    d = next(i for i in queries.INDICATORS if i.id == ind_id)
    return d.en if get_lang() == "en" else d.th


#: The bar's width; the name takes the width the figures leave (cut with …, shown whole below).
BAR_WIDTH = 6
IND_COLUMNS = ("id", "name", "value", "denominator", "percent", "target", "bar")
RIGHT = {"value", "denominator", "percent", "target"}


class IndicatorsScreen(guard.Guarded, Screen[None]):
    """Indicators of one area, then the areas below it."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f4", "focus_area", "reports.key.area", priority=True),
        Binding("f5", "toggle_bimonth", "reports.key.bimonth", priority=True),
        Binding("f2", "close_round", "per.key.close_round", priority=True),
        Binding("f6", "toggle_rounds", "per.rounds_title", priority=True),
        Binding("f7", "shift(-1)", "reports.key.prev", priority=True),
        Binding("f8", "shift(1)", "reports.key.next", priority=True),
    ]

    def __init__(self, period: Period, area: str) -> None:
        super().__init__()
        self.period = period
        self.area = area
        self.bimonth = period.bimonth() is not None
        self.show_rounds = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("reports.ind.title"), classes="title")
        with Horizontal(classes="toolbar"):
            yield Label(t("reports.area"))
            options = area_options()
            yield Select(
                options,
                value=self.area if any(v == self.area for _, v in options) else Select.NULL,
                allow_blank=not options,
                id="ind-area",
            )
        yield Static("", id="ind-period")
        yield PagedTable(id="ind-table", zebra_stripes=False)
        yield Static("", id="ind-name")  # the highlighted indicator's whole name
        yield DataTable(id="ind-areas", cursor_type="row", zebra_stripes=True)
        yield Static("", id="ind-rounds-title")
        yield DataTable(id="ind-rounds", cursor_type="row", zebra_stripes=True)
        yield AbcFooter()

    def on_mount(self) -> None:
        main = self.query_one("#ind-table", PagedTable)
        below = self.query_one("#ind-areas", DataTable)
        below.add_column(t("reports.area"), key="area")
        for ind in queries.INDICATORS:
            below.add_column(ind.id, key=ind.id)
        self.query_one("#ind-rounds").display = False
        self.query_one("#ind-rounds-title").display = False
        main.focus()
        self.reload()

    def language_changed(self) -> None:
        """F12: column heads, the area choices, then the indicators and rounds in the new language."""
        main = self.query_one("#ind-table", DataTable)
        set_heads(
            main,
            *(
                f"reports.ind.col.{k}"
                for k in ("id", "name", "value", "denominator", "percent", "target", "bar")
            ),
        )
        set_heads(self.query_one("#ind-areas", DataTable), "reports.area")
        select = self.query_one("#ind-area", Select)
        options = area_options()
        if options:
            with select.prevent(Select.Changed):
                select.set_options(options)
                if any(v == self.area for _, v in options):
                    select.value = self.area
                select._watch_value(
                    select.value
                )  # textual 8: the shown choice even when the value is the same
        self.reload()
        if self.show_rounds:
            self._show_rounds()

    def reload(self) -> None:
        label = period_label(self.period)
        bm = self.period.bimonth()
        if self.bimonth and bm:
            label += f"   {t('reports.bimonth_on')} {bm[0]}-{bm[1]}"
        self.query_one("#ind-period", Static).update(label)
        self.load(self.period, self.area)

    @work(thread=True, exclusive=True, group="indicators-load", exit_on_error=False)
    def load(self, period: Period, area: str) -> None:
        worker = get_current_worker()
        try:
            rows = queries.indicators(period, area)
        except guard.GUARDED as err:
            if not worker.is_cancelled:
                self.app.call_from_thread(guard.show, self, guard.explain(err))
            return
        finally:
            close_database()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, period, area, rows)

    def _show(self, period: Period, area: str, rows: list[tuple]) -> None:
        if (period, area) != (self.period, self.area):
            return
        main = self.query_one("#ind-table", PagedTable)
        own = [r for r in rows if r[0] == area]
        shown = []
        for _a, _lv, _f, _t, ind, value, denominator, percent, target, _label in own:
            mark = ""
            if target is not None and percent is not None:
                mark = t("reports.ind.met") if percent >= target else t("reports.ind.not_met")
            shown.append(
                (
                    ind,
                    (
                        ind,
                        Text(indicator_name(ind)),
                        f"{value:,}",
                        f"{denominator:,}",
                        "" if percent is None else f"{percent}",
                        "" if target is None else f"≥{target} {mark}",
                        bar(float(percent or 0), 100, BAR_WIDTH),
                    ),
                )
            )
        columns = [
            Col(
                key,
                t(f"reports.ind.col.{key}"),
                justify="right" if key in RIGHT else "left",
                flex=key == "name",
            )
            for key in IND_COLUMNS
        ]
        main.show(columns, shown, keep_id=main.selected_id())
        self._name_line()
        below = self.query_one("#ind-areas", DataTable)
        below.clear()
        by_area: dict[str, dict[str, object]] = {}
        for a, _lv, _f, _t, ind, _v, _d, percent, _tg, _l in rows:
            if a != area:
                by_area.setdefault(a, {})[ind] = percent
        for a, values in by_area.items():
            below.add_row(
                a,
                *[
                    Text("" if values.get(i.id) is None else str(values[i.id]), justify="right")
                    for i in queries.INDICATORS
                ],
            )
        below.display = bool(by_area) and not self.show_rounds

    @on(PagedTable.RowHighlighted, "#ind-table")
    def _name_line(self) -> None:
        """The highlighted indicator's whole name (the column may cut it)."""
        ind = self.query_one("#ind-table", PagedTable).selected_id()
        line = f"{ind}  {indicator_name(str(ind))}" if ind is not None else ""
        self.query_one("#ind-name", Static).update(Text(line, style="italic"))

    # ------------------------------------------------------------ evaluation rounds

    def action_close_round(self) -> None:
        from abc_tui.reports import submission

        try:
            guard.call(
                submission.close_round,
                self.period,
                self.area,
                self.app.user,
                role=getattr(self.app, "role", None),
            )
        except guard.GUARDED as err:
            guard.show(self, err)
            return
        self.notify(t("per.round_closed", period=self.period.label(get_lang())))
        self.show_rounds = True
        self._show_rounds()

    def action_toggle_rounds(self) -> None:
        self.show_rounds = not self.show_rounds
        self._show_rounds()

    def _show_rounds(self) -> None:
        """The last closed rounds of the area side by side (percent), and the change of the last."""
        from abc_tui.reports import submission

        table = self.query_one("#ind-rounds", DataTable)
        title = self.query_one("#ind-rounds-title", Static)
        for w in (table, title):
            w.display = self.show_rounds
        self.query_one("#ind-areas").display = (
            not self.show_rounds and self.query_one("#ind-areas", DataTable).row_count > 0
        )
        if not self.show_rounds:
            return
        labels, rows = submission.round_table(self.area)
        title.update(t("per.rounds_title") if labels else t("per.rounds_none"))
        table.clear(columns=True)
        table.add_column(t("per.col.indicator"), key="ind")
        for i, label in enumerate(labels):
            table.add_column(label, key=f"r{i}")
        table.add_column(t("per.col.change"), key="change")
        for r in rows if labels else []:
            table.add_row(
                r.indicator,
                *[Text(p or "", justify="right") for p in r.percents],
                Text(
                    r.change or "", justify="right", style="green" if (r.change or "").startswith("+") else ""
                ),
                key=r.indicator,
            )

    @on(Select.Changed, "#ind-area")
    def _area_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.area:
            self.area = event.value
            self.reload()

    def action_focus_area(self) -> None:
        self.query_one("#ind-area").focus()

    def action_toggle_bimonth(self) -> None:
        self.bimonth = not self.bimonth
        if self.bimonth:
            self.period = last_bimonth(self.period.last)
        self.reload()

    def action_shift(self, n: int) -> None:
        self.period = self.period.shift(n)
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
