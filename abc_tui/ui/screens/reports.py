"""The reports screen: pick a report, a period (B.E. months) and an area; read it; export it.

Layout (80×24)::

    รายงาน [หมู่บ้านรายเดือน                ▼]  [ประเมินราย 2 เดือน]
    พื้นที่ [540101  ในเวียง (ตำบล)      ▼] ตั้งแต่ [04/2567] ถึง [03/2568]
    รายรับ  ▃▅▇█▂▁▃▅▇█▂▁ 12,345,678   รายจ่าย ▅▅▆▇▅▅▅▅▆▇▅▅ 9,876,543
    หนี้สินรวม ▇▇▆▆▅▅▅▄▄▃▃▂ 41,234,567 → 38,765,432
    ┌ table: a window of the report's rows, the cursor moves over all of them ┐
    เม.ย. 2567 – มี.ค. 2568 · 35,969 แถว · แถว 1–300            [progress]
    F2 รายงาน  F3 ช่วงเวลา  F4 พื้นที่  F5 ราย 2 เดือน  F6 ตัวชี้วัด  F9 CSV  F10 XLSX

Reports are computed in a worker thread (the screen never waits on SQL), the table holds a
window of rows (:class:`~abc_tui.ui.widgets.report_table.ReportTable`; the ledger report keeps
only its line ids in memory), and F9/F10 export the report as shown to ``exports/`` in a worker
with a progress bar, then say where the file went.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from abc_tui.domain.areas import OCCUPATION_GROUPS
from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import ACTOR_LABELS, LEVEL_LABELS, STATUS_LABELS
from abc_tui.domain.forums import label as code_label
from abc_tui.domain.thai import Month, format_date_be, parse_month
from abc_tui.reports import queries, summary
from abc_tui.reports.period import Period, bimonth_of
from abc_tui.reports.spec import REPORT_NAMES, SPECS, Column
from abc_tui.store import areas, periods
from abc_tui.store.database import close_database
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, CarefulConfirmScreen, _with_thai_layout
from abc_tui.ui.money import money_cell, show_money
from abc_tui.ui.strings import each, get_lang, t
from abc_tui.ui.widgets.chart import bar
from abc_tui.ui.widgets.report_chart import spark
from abc_tui.ui.widgets.report_table import ReportTable
from abc_tui.ui.widgets.thai_input import ThaiInput

DEFAULT_REPORT = "village-month"
DEFAULT_MONTHS = 12


# ---------------------------------------------------------------- cells


def baht(satang: int) -> str:
    """Whole baht for a chart label: ``1,251`` for 1,250.50."""
    return show_money(satang, whole=True)


#: Codes the files keep as keys and the screen shows as words (debt-capacity, forums, plan).
CODE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "occupation_group": OCCUPATION_GROUPS,
    "level": LEVEL_LABELS,
    "actor": ACTOR_LABELS,
    "status": STATUS_LABELS,
}
#: Shown in files only: repeats a column the screen already shows in words.
FILE_ONLY = ("occupation_th",)


def screen_columns(columns: Sequence[Column]) -> list[int]:
    """Which of a report's columns the screen shows: not the UUIDs (files keep them, a clerk cannot
    read them), not the Gregorian date beside its B.E. one, not a name repeating a translated code."""
    keys = {c.key for c in columns}
    return [
        i
        for i, c in enumerate(columns)
        if not c.key.endswith("_uuid")
        and c.key not in FILE_ONLY
        and not (c.key == "date" and "date_be" in keys)
    ]


def display_cell(value: object, type_: str, key: str = "") -> str | Text:
    """A report value as the screen shows it: money by the one rule (``#,##0.00``), B.E. dates and
    months, codes as words."""
    if value is None:
        return ""
    if type_ == "money":
        return money_cell(int(value))  # type: ignore[call-overload]
    if type_ == "int":
        return Text(f"{value:,}", justify="right")
    if type_ == "pct":
        return Text(str(value), justify="right")
    if type_ == "date":
        return format_date_be(value)  # type: ignore[arg-type]
    if type_ == "month":
        return Month.from_iso(str(value)).be_label()
    if key in CODE_LABELS:
        return Text(code_label(CODE_LABELS[key], str(value), get_lang()))
    return Text(str(value))  # names and items: a DataTable reads a str cell as markup


def display_rows(rows: list[tuple], columns: Sequence[Column]) -> list[list[str | Text]]:
    """The screen's cells of report rows (``columns``: the report's columns, as in the files)."""
    shown = [(i, columns[i]) for i in screen_columns(columns)]
    return [[display_cell(r[i], c.type, c.key) if i < len(r) else "" for i, c in shown] for r in rows]


def column_label(c: Column) -> str:
    return c.en if get_lang() == "en" else c.th


def period_label(period: Period) -> str:
    """The period as the status line says it: ``พ.ย. 2568 – ต.ค. 2569`` in Thai, ``11/2568 – 10/2569``
    in English (Buddhist Era both, as typed in the From/To boxes)."""
    if get_lang() == "th":
        return period.label()
    first, last = period.first.be_label(), period.last.be_label()
    return first if first == last else f"{first} – {last}"


def area_options() -> list[tuple[str, str]]:
    level = {lv: t(f"reports.level.{lv}") for lv in ("province", "district", "tambon", "village")}
    return [  # Text: area names are data, not markup
        (Text(f"{code}  {name} ({level.get(lv, lv)})"), code) for code, name, lv in areas.all_areas()
    ]


def latest_month(area: str) -> Month | None:
    month = summary.latest_month(area)
    return Month.from_iso(month) if month else None


def last_bimonth(month: Month) -> Period:
    """The latest two-monthly evaluation period that has ended by the end of ``month``."""
    return bimonth_of(month if month.month % 2 == 0 else month.prev())


def period_states_note(period: Period, area: str) -> str:
    """``  ·  งวด: ม.ค. 67 ส่งแล้ว 2/4, …``: the months of the period that are submitted or approved
    (locked), with how many of the area's villages; empty when every month is open."""
    states = periods.states(area, period.first, period.last)
    if not states:
        return ""
    villages = len(queries.villages_in(area)) or 1
    parts = []
    for m in period.month_list():
        counts = [
            (st, sum(1 for (_v, month), s in states.items() if month == m.iso() and s == st))
            for st in (periods.SUBMITTED, periods.APPROVED)
        ]
        if any(n for _, n in counts):  # "ม.ค.69 ส11 อ1/12": submitted 11, approved 1, of 12 villages
            marks = " ".join(f"{t(f'per.mark.{st}')}{n}" for st, n in counts if n)
            parts.append(f"{m.short_label()} {marks}/{villages}")
    return "  ·  " + t("per.states_line", states=", ".join(parts))


# ---------------------------------------------------------------- charts


def chart_lines(name: str, rows: list[tuple], period: Period, area: str) -> list[str]:
    """A few lines of terminal chart for the report, or [] where a chart would not help.

    Runs in the loading worker (it may query the summaries)."""
    if name in ("village-month", "household-month"):
        totals = queries.monthly_totals(period, area)
        trend = queries.debt_trend(period, area)
        inc = [i for _, i, _ in totals]
        exp = [e for _, _, e in totals]
        top = max(inc + exp + [0])
        debts = [d for _, d in trend]
        return [
            f"{t('reports.chart.income'):<10} {spark(inc, top)}  {baht(sum(inc))}",
            f"{t('reports.chart.expense'):<10} {spark(exp, top)}  {baht(sum(exp))}",
            f"{t('reports.chart.debt'):<10} {spark(debts, max(debts + [0]))}  {baht(debts[0])} → {baht(debts[-1])}",
        ]
    if name == "completeness":
        acc: dict[str, list[int]] = {}
        for village, _m, registered, reporting, _missing, _pct in rows:
            a = acc.setdefault(village, [0, 0])
            a[0] += registered
            a[1] += reporting
        cells = []
        for village, (registered, reporting) in acc.items():
            p = queries.pct(reporting, registered)
            cells.append(
                f"{village[-2:]} {bar(reporting, registered or 1, 14):<14} {p if p is not None else '-':>5}%"
            )
        lines = [t("reports.chart.complete")]
        for i in range(0, len(cells), 3):
            lines.append("  ".join(cells[i : i + 3]))
        return lines[:5]
    if name == "spending-profile":
        merged: dict[tuple[str, str], int] = {}
        for _v, code, item, _h, _n, amount, _r in rows:
            merged[(code, item)] = merged.get((code, item), 0) + amount
        ranked = sorted(merged.items(), key=lambda kv: -kv[1])[:3]
        top = ranked[0][1] if ranked else 1
        lines = [t("reports.chart.top")]
        for (code, item), amount in ranked:
            lines.append(f"  {code} {item or '-':<20.20} {bar(amount, top, 30):<30} {baht(amount)}")
        return lines
    if name == "debt-capacity":
        debts = [d for _, d in queries.debt_trend(period, area)]
        top = max([r[4] for r in rows] + [1])
        lines = [
            f"{t('reports.chart.debt'):<10} {spark(debts, max(debts + [0]))}  {baht(debts[0])} → {baht(debts[-1])}"
        ]
        lines.append(t("reports.chart.surplus"))
        for r in rows[:3]:
            lines.append(f"  {r[8]:<18.18} {bar(r[4], top, 30):<30} {baht(r[4])}")
        return lines
    return []


# ---------------------------------------------------------------- the screen


class NamesQuestion(CarefulConfirmScreen, inherit_bindings=False):
    """Ctrl+T's "include the heads' names?": only y says yes; Enter and n write without names;
    Esc writes nothing."""

    BINDINGS = [
        Binding(_with_thai_layout("y"), "answer(True)", "confirm.yes"),
        Binding(f"enter,{_with_thai_layout('n')}", "answer(False)", "confirm.no"),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportsScreen(guard.Guarded, Screen[None]):
    """Pick a report, period and area; read it in a windowed table; export it with one key."""

    BINDINGS = [
        # The footer shows what fits 80 columns in this order: the exports first. F2/F3/F4 are
        # written on the toolbar's labels ("F2 รายงาน") instead; every key is in the F1 help.
        Binding("escape", "back", "key.back"),
        Binding("f9", "export('csv')", "reports.key.csv", priority=True),
        Binding("f10", "export('xlsx')", "reports.key.xlsx", priority=True),
        # ODS (LibreOffice): no F key is free (F11 is full screen in Windows Terminal); Ctrl+D over
        # the period fields' delete-right (the Delete key does that too), as F9/F10 are over them.
        Binding("ctrl+d", "export('ods')", "reports.key.ods", priority=True),
        Binding("f6", "indicators", "reports.key.indicators", priority=True),
        Binding("ctrl+t", "statements", "reports.key.statements", priority=True),
        Binding("f5", "toggle_bimonth", "reports.key.bimonth", priority=True),
        Binding("ctrl+s", "submit_period", "per.key.submit", priority=True),
        Binding("ctrl+o", "statements_pdf", "paper.key.statements", priority=True),
        Binding("ctrl+l", "sent", "per.key.sent", priority=True),
        Binding("ctrl+r", "reopen_period", "per.key.reopen", priority=True),
        Binding("f2", "focus_report", "reports.key.report", priority=True, show=False),
        Binding("f3", "focus_period", "reports.key.period", priority=True, show=False),
        Binding("f4", "focus_area", "reports.key.area", priority=True, show=False),
        Binding("f7", "shift(-1)", "reports.key.prev", priority=True, show=False),
        Binding("f8", "shift(1)", "reports.key.next", priority=True, show=False),
        Binding("ctrl+g", "import_packages", "pkg.key.import", priority=True, show=False),
        Binding("ctrl+down", "focus_table", "reports.key.table", priority=True, show=False),
        Binding(
            "ctrl+e", "export_folder", "reports.key.folder", show=False
        ),  # not over Input's Ctrl+E (end)  # F11: full screen in Windows Terminal
    ]

    def __init__(
        self, report: str = DEFAULT_REPORT, period: Period | None = None, area: str | None = None
    ) -> None:
        super().__init__()
        self.report = report
        self.area = area or self._office_area()
        if period is None:
            last = latest_month(self.area) or Month.of(_dt.date.today()).prev()
            period = Period(last.prev(DEFAULT_MONTHS - 1), last)
        self.period = period
        self.bimonth = False
        self.rows: list[tuple] = []
        self.ledger: queries.LedgerWindow | None = None  # the ledger report, read a screenful at a time
        self.last_export: Path | None = None
        self.period_note = ""  # the locked months of the period (period_states_note)
        self._loading = False

    @staticmethod
    def _office_area() -> str:
        return areas.home_area_code()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="toolbar"):  # the report list as wide as its longest title
            yield Label(t("reports.report_f2"))
            yield Select(
                [(SPECS[n].title(get_lang()), n) for n in REPORT_NAMES],
                value=self.report,
                allow_blank=False,
                id="rep-report",
            )
            yield Static("", id="rep-mode")
        with Horizontal(classes="toolbar"):  # the area list gets the rest of its line, not a third of it
            yield Label(t("reports.area_f4"))
            options = area_options()
            yield Select(
                options,
                value=self.area if any(v == self.area for _, v in options) else Select.NULL,
                allow_blank=not options,
                id="rep-area",
            )
            yield Label(t("reports.from_f3"), classes="rep-label")
            yield ThaiInput(self.period.first.be_label(), id="rep-from", max_length=16)
            yield Label(t("reports.to"), classes="rep-label")
            yield ThaiInput(self.period.last.be_label(), id="rep-to", max_length=16)
        yield Static("", id="rep-chart")
        yield ReportTable(id="rep-table")
        with Horizontal(id="rep-statusbar"):
            yield Static("", id="rep-status")
            yield ProgressBar(total=None, show_eta=False, id="rep-progress")
        yield AbcFooter()

    def on_mount(self) -> None:
        self.query_one("#rep-progress").display = False
        self.query_one("#rep-table").focus()
        self.reload()

    def language_changed(self) -> None:
        """F12: relabel the bar and the choices, then redraw the table, chart and status line."""
        for label, key in zip(
            self.query(Label), ("reports.report_f2", "reports.area_f4", "reports.from_f3", "reports.to")
        ):
            label.update(t(key))
        for select_id, options, value in (
            ("#rep-report", [(SPECS[n].title(get_lang()), n) for n in REPORT_NAMES], self.report),
            ("#rep-area", area_options(), self.area),
        ):
            select = self.query_one(select_id, Select)
            with select.prevent(Select.Changed):  # the same choice, in the other language
                select.set_options(options)
                if any(v == value for _, v in options):
                    select.value = value
        self.reload()

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        self._loading = True
        self.query_one("#rep-status", Static).update(t("reports.loading"))
        self._show_mode()
        self.load(self.report, self.period, self.area)

    @work(thread=True, exclusive=True, group="reports-load", exit_on_error=False)
    def load(self, name: str, period: Period, area: str) -> None:
        worker = get_current_worker()
        try:
            if name == "ledger":  # where each row is (from the monthly summary), not every line
                ledger: queries.LedgerWindow | None = queries.LedgerWindow(period, area)
                rows: list[tuple] = []
            else:
                ledger = None
                rows = queries.run(name, period, area)
            chart = chart_lines(name, rows, period, area)
        except guard.GUARDED as err:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, guard.explain(err))
            return
        finally:
            close_database()  # this thread's own connection
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, name, period, area, rows, ledger, chart)

    def _failed(self, err: AbcError) -> None:
        self._loading = False
        self.query_one("#rep-status", Static).update(Text(err.message(get_lang()), style="bold red"))

    def worker_failed(self, worker: object, err: AbcError) -> None:
        """A worker ended on an error nothing inside it caught: never leave "Working…" up."""
        self.query_one("#rep-progress", ProgressBar).display = False
        self._failed(err)
        self.notify(err.message(get_lang()), severity="error")

    def _show(
        self,
        name: str,
        period: Period,
        area: str,
        rows: list[tuple],
        ledger: queries.LedgerWindow | None,
        chart: list[str],
    ) -> None:
        if (name, period, area) != (self.report, self.period, self.area):
            return  # an older request finished after a newer one started
        self.rows, self.ledger = rows, ledger
        columns = SPECS[name].visible()
        chart_widget = self.query_one("#rep-chart", Static)
        chart_widget.update(Text("\n".join(chart)))  # charts quote item and village names
        chart_widget.display = bool(chart)
        table = self.query_one("#rep-table", ReportTable)
        if ledger is not None:

            def fetch(offset: int, limit: int) -> list[list[str | Text]]:
                return display_rows(ledger.rows(offset, limit), columns)

            total = ledger.total
        else:

            def fetch(offset: int, limit: int) -> list[list[str | Text]]:
                return display_rows(self.rows[offset : offset + limit], columns)

            total = len(rows)
        table.set_source([column_label(columns[i]) for i in screen_columns(columns)], total, fetch)
        self.period_note = period_states_note(period, area)  # one small indexed query
        self._loading = False
        self._status(0, total)

    def _status(self, index: int, total: int) -> None:
        if self._loading:
            return
        label = period_label(self.period)
        if not total:
            text = f"{label}  ·  {t('reports.none')}"
        else:
            text = t("reports.rows", period=label, rows=total) + f"  ·  {index + 1:,}/{total:,}"
        if self.last_export is not None:
            text += f"  ·  {self.last_export}"
        text += self.period_note
        self.query_one("#rep-status", Static).update(Text(text))  # a path may hold "["

    @on(ReportTable.Moved)
    def _moved(self, event: ReportTable.Moved) -> None:
        self._status(event.index, event.total)

    def _show_mode(self) -> None:
        mode = self.query_one("#rep-mode", Static)
        bm = self.period.bimonth() if self.bimonth else None
        mode.update(f"{t('reports.bimonth_on')} {bm[0]}-{bm[1]}" if bm else "")
        self.query_one("#rep-to", Input).disabled = self.bimonth

    # ------------------------------------------------------------ choosing

    @on(Select.Changed, "#rep-report")
    def _report_changed(self, event: Select.Changed) -> None:
        if event.value in SPECS and event.value != self.report:
            self.report = str(event.value)
            self.last_export = None
            self.reload()
            self.query_one("#rep-table").focus()

    @on(Select.Changed, "#rep-area")
    def _area_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.area:
            self.area = event.value
            self.reload()
            self.query_one("#rep-table").focus()

    @on(Input.Submitted, "#rep-from, #rep-to")
    def _period_typed(self) -> None:
        try:
            first = parse_month(self.query_one("#rep-from", Input).value)
            if self.bimonth:
                period = bimonth_of(first)
            else:
                period = Period(first, parse_month(self.query_one("#rep-to", Input).value))
        except AbcError as err:
            self.notify(err.message(get_lang()), title=t("reports.bad_period"), severity="error")
            return
        self._set_period(period)
        self.query_one("#rep-table").focus()

    def _set_period(self, period: Period) -> None:
        self.period = period
        self.query_one("#rep-from", Input).value = period.first.be_label()
        self.query_one("#rep-to", Input).value = period.last.be_label()
        self.reload()

    def action_shift(self, n: int) -> None:
        self._set_period(self.period.shift(n))

    def action_toggle_bimonth(self) -> None:
        self.bimonth = not self.bimonth
        if self.bimonth:
            self._set_period(last_bimonth(self.period.last))
        else:
            self._show_mode()

    def action_focus_report(self) -> None:
        self.query_one("#rep-report").focus()

    def action_focus_period(self) -> None:
        self.query_one("#rep-from").focus()

    def action_focus_area(self) -> None:
        self.query_one("#rep-area").focus()

    def action_focus_table(self) -> None:
        self.query_one("#rep-table").focus()

    def action_indicators(self) -> None:
        from abc_tui.ui.screens.reports_indicators import IndicatorsScreen

        self.app.push_screen(IndicatorsScreen(self.period, self.area))

    def action_back(self) -> None:
        self.app.pop_screen()

    # ------------------------------------------------------------ exporting

    def action_export(self, fmt: str) -> None:
        progress = self.query_one("#rep-progress", ProgressBar)
        progress.update(total=None, progress=0)
        progress.display = True
        self.query_one("#rep-status", Static).update(
            t("reports.exporting", name=SPECS[self.report].title(get_lang()))
        )
        self.export(self.report, self.period, self.area, fmt)

    @work(thread=True, exclusive=True, group="reports-export", exit_on_error=False)
    def export(self, name: str, period: Period, area: str, fmt: str) -> None:
        from abc_tui.reports import export

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            result = export.export_report(name, period, area, fmt=fmt, progress=progress, who=self.app.user)
        except guard.GUARDED as err:  # a locked database, a full disk, a pulled USB stick
            self.app.call_from_thread(self._export_done, None, 0, guard.reason(err, get_lang()))
            return
        finally:
            close_database()
        self.app.call_from_thread(self._export_done, result.path, result.rows, "")
        self.app.call_from_thread(self._sent_note, result)

    def action_export_folder(self) -> None:
        """Ctrl+E: choose the folder the exports go to; the form shows the one in use, in full."""
        from abc_tui.reports import export
        from abc_tui.ui.widgets.form import Field, FormScreen

        current = str(export.export_dir().resolve())

        def submit(values: dict[str, str]) -> Path:
            return guard.call(export.set_export_dir, values["folder"])

        def done(folder: Path | None) -> None:
            if folder is not None:
                self.last_export = None
                self.query_one("#rep-status", Static).update(Text(t("reports.folder_set", folder=folder)))

        title = t("reports.folder_title", folder=current)
        self.app.push_screen(FormScreen(title, [Field("folder", "reports.folder", current)], submit), done)

    def _sent_note(self, result) -> None:
        """What changed since the same area and period was last sent; a log that could not be written."""
        if result.changes:
            first = result.changes[0].text()
            self.notify(t("per.changed", n=len(result.changes), first=first), severity="warning", timeout=12)
        if not result.logged:
            self.notify(t("per.not_logged"), severity="warning")

    def action_submit_period(self) -> None:
        """Submit (lock, figures frozen) every open village-month of the shown period and area."""
        from abc_tui.reports import submission
        from abc_tui.ui.app import confirm_then

        role = getattr(self.app, "role", None)

        def submit() -> None:
            done = submission.submit_period(
                self.period, self.area, self.app.user or submission.login_name(), role=role
            )
            pages = [code for s in done for code, _status in s.unbalanced]
            listed = ", ".join(pages[:8]) + (" …" if len(pages) > 8 else "")
            self.notify(
                t("per.submitted", n=len(done), unbalanced=len(pages), pages=listed),
                severity="warning" if pages else "information",
                timeout=15,
            )

        confirm_then(
            self,
            lambda: t("per.ask_submit", period=self.period.label(get_lang()), area=self.area),  # F12 too
            submit,
            self.reload,
        )

    def action_reopen_period(self) -> None:
        """Reopen the locked months of the shown period and area: asks why (audited)."""
        from abc_tui.reports import submission
        from abc_tui.ui.widgets.form import Field, FormScreen

        role = getattr(self.app, "role", None)

        def reopen(values: dict[str, str]) -> list:
            who = self.app.user or submission.login_name()
            return submission.reopen_period(self.period, self.area, who, values["reason"], role=role)

        def done(reopened: list | None) -> None:
            if reopened:
                self.notify(t("per.reopened", n=len(reopened)))
                self.reload()

        period = each(self.period.label("th"), self.period.label("en"))  # F12 on the open form too
        title = t("per.reopen_title", period=period, area=self.area)
        self.app.push_screen(FormScreen(title, [Field("reason", "per.reason")], reopen), done)

    def action_sent(self) -> None:
        from abc_tui.ui.screens.sent import SentScreen

        self.app.push_screen(SentScreen())

    def action_import_packages(self) -> None:
        if self.app.allowed("import"):
            from abc_tui.ui.screens.package_import import PackageImportScreen

            self.app.push_screen(PackageImportScreen())

    def action_statements(self) -> None:
        """Household statements (one printable page per household) of the chosen village."""
        if len(self.area) != 8:
            self.notify(t("reports.statements_need_village"), severity="warning")
            self.action_focus_area()
            return
        area, period, lang = self.area, self.period, get_lang()

        def answer(named: bool | None) -> None:  # like every export: no names unless asked
            if named is None:
                return
            self.query_one("#rep-status", Static).update(t("reports.exporting", name=t("reports.statements")))
            self.write_statements(area, period, lang, named)

        self.app.push_screen(NamesQuestion(t("reports.statements_named")), answer)

    def action_statements_pdf(self) -> None:
        """The village's statements as A4 pages (no names; ``export statements --named`` for those)."""
        from abc_tui.reports.pdf import jobs
        from abc_tui.ui.paper import print_pdf

        if len(self.area) != 8:
            self.notify(t("reports.statements_need_village"), severity="warning")
            return
        area, period = self.area, self.period
        print_pdf(
            self,
            lambda lang, progress: jobs.statements(area, period, lang=lang, progress=progress),
            "#rep-status",
        )

    @work(thread=True, exclusive=True, group="reports-export", exit_on_error=False)
    def write_statements(self, village: str, period: Period, lang: str, named: bool = False) -> None:
        from abc_tui.reports.statements import export_statements

        try:
            path, n = export_statements(village, period, fmt="txt", lang=lang, named=named)
        except guard.GUARDED as err:
            self.app.call_from_thread(self._export_done, None, 0, guard.reason(err, lang))
            return
        finally:
            close_database()
        self.app.call_from_thread(self._export_done, path, n, "")

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#rep-progress", ProgressBar).update(total=total or None, progress=done)

    def _export_done(self, path: Path | None, rows: int, error: str) -> None:
        self.query_one("#rep-progress", ProgressBar).display = False
        if path is None:
            self.notify(t("reports.export_failed", error=error), severity="error")
            self.query_one("#rep-status", Static).update(
                Text(t("reports.export_failed", error=error), style="bold red")
            )
            return
        where = path.resolve()
        self.last_export = where
        message = t("reports.exported", path=where, rows=rows)
        self.notify(message, timeout=8)
        self.query_one("#rep-status", Static).update(Text(message))
