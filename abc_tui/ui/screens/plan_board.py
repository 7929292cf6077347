"""The plan board: every community-plan item of an area, filtered, moved through its
statuses with a key, and the demand–supply totals (budget requested vs approved) by
actor or by agency.

Layout (80×24)::

    พื้นที่ [ทุกพื้นที่     ] สถานะ [ทั้งหมดยกเว้นที่ยุติ]
    ใครทำ [ทั้งหมด] หน่วยงาน [ทั้งหมด      ] ปีงบ [ทั้งหมด]
    ข้อเสนอ            พื้นที่ ใครทำ ปีงบ   ขอ     อนุมัติ สถานะ
    …one page of items…
    ยอดรวมตามผู้ดำเนินการ
    ใครทำ     รายการ      ขอ   อนุมัติ     ขาด    %  ██████
    …

F2 moves the highlighted item one step (proposed → in local plan → budgeted →
done), F3 picks any allowed status, F4 drops it (asked first); each move is
dated and audited. F6 switches the totals between actors and agencies.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Select, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import (
    ACTOR_LABELS,
    ACTORS,
    STATUS_LABELS,
    STATUS_SHORT,
    STATUSES,
    TRANSITIONS,
    label,
)
from abc_tui.domain.thai import format_date_be
from abc_tui.store import plan as store
from abc_tui.store.models import PlanItem
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, ConfirmScreen, confirm_then
from abc_tui.ui.screens.forum_form import PlanFormScreen
from abc_tui.ui.screens.forums import area_filter_options
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.chart import bar, compact_money
from abc_tui.ui.widgets.forum_choice import ChoiceScreen

PAGE_SIZE = 200
ALL = "*"
#: (key, string key, width): fits 80 columns with the table's cell padding.
ITEM_COLUMNS = (
    ("title", "plan.col.title", 18),
    ("area", "plan.col.area", 4),
    ("actor", "plan.col.actor", 10),
    ("fy", "plan.col.fy", 4),
    ("requested", "plan.col.requested", 9),
    ("approved", "plan.col.approved", 9),
    ("status", "plan.col.status", 8),
)
TOTAL_COLUMNS = (
    ("items", "plan.col.items", 6),
    ("requested", "plan.col.requested", 11),
    ("approved", "plan.col.approved", 11),
    ("gap", "plan.col.gap", 11),
    ("pct", "plan.col.pct", 4),
    ("bar", "plan.col.bar", 8),
)
FILTERS = ("#plan-area", "#plan-status", "#plan-actor", "#plan-agency", "#plan-fy")


def money(satang: int | None) -> Text:
    """A right-aligned amount cell (blank while no budget is decided)."""
    return Text("" if satang is None else compact_money(satang), justify="right")


class PlanBoardScreen(guard.Guarded, Screen[None]):
    """Community-plan items with filters, status moves and demand–supply totals."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "advance", "plan.key.advance", priority=True),
        Binding("f3", "move", "plan.key.move", priority=True),
        Binding("f4", "drop", "plan.key.drop", priority=True),
        Binding("f5", "filters", "plan.key.filters", priority=True),
        Binding("f6", "toggle_totals", "plan.key.totals", priority=True),
        Binding("f7", "page(-1)", "key.prev_page", priority=True),
        Binding("f8", "page(1)", "key.next_page", priority=True),
        Binding("f9", "history", "plan.key.history", priority=True),
        Binding("delete", "delete", "plan.key.delete"),
        Binding("ctrl+o", "print_plan", "paper.key.pdf", priority=True),
    ]

    def __init__(self, area: str | None = None) -> None:
        super().__init__()
        self.initial_area = area
        self.by = "actor"
        self.page = 0
        self.row_ids: list[int] = []

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        lang = get_lang()
        area_options = area_filter_options()
        if self.initial_area and self.initial_area not in [v for _, v in area_options]:
            area_options.append((self.initial_area, self.initial_area))
        yield Header()
        yield Static(t("plan.title"), classes="title")
        with Horizontal(classes="toolbar plan-filters"):
            yield Label(t("plan.filter.area"))
            yield Select(area_options, value=self.initial_area or ALL, allow_blank=False, id="plan-area")
            yield Label(t("plan.filter.status"))
            yield Select(
                [(t("plan.active"), store.ACTIVE), (t("plan.all"), ALL)]
                + [(label(STATUS_LABELS, s, lang), s) for s in STATUSES],
                value=store.ACTIVE, allow_blank=False, id="plan-status",
            )
        with Horizontal(classes="toolbar plan-filters"):
            yield Label(t("plan.filter.actor"))
            yield Select(
                [(t("plan.all"), ALL)] + [(label(ACTOR_LABELS, a, lang), a) for a in ACTORS],
                value=ALL, allow_blank=False, id="plan-actor",
            )
            yield Label(t("plan.filter.agency"))
            yield Select([(t("plan.all"), ALL)], value=ALL, allow_blank=False, id="plan-agency")
            yield Label(t("plan.filter.fy"))
            yield Select([(t("plan.all"), ALL)], value=ALL, allow_blank=False, id="plan-fy")
        yield DataTable(id="plan-items", cursor_type="row", zebra_stripes=True)
        yield Static("", id="plan-totals-title", classes="forum-section")
        yield DataTable(id="plan-totals", cursor_type="none", show_cursor=False)
        yield Static("", id="status")
        yield AbcFooter()

    def on_mount(self) -> None:
        items = self.query_one("#plan-items", DataTable)
        for key, text, width in ITEM_COLUMNS:
            items.add_column(t(text), key=key, width=width)
        self._fill_choice_filters()
        self.refresh_board()
        items.focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_board(keep_id=self.selected_id())

    # ------------------------------------------------------------ filters

    def _value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value in (ALL, Select.NULL) else str(value)

    def current_filter(self) -> store.PlanFilter:
        fy = self._value("#plan-fy")
        return store.PlanFilter(
            area=self._value("#plan-area"),
            status=self._value("#plan-status"),
            actor=self._value("#plan-actor"),
            agency=self._value("#plan-agency"),
            fiscal_year_be=int(fy) if fy else None,
        )

    def _fill_choice_filters(self) -> None:
        """Agencies and fiscal years present in the area's plan (refreshed as items change)."""
        area = self._value("#plan-area")
        agency = self.query_one("#plan-agency", Select)
        fy = self.query_one("#plan-fy", Select)
        agency_value, fy_value = agency.value, fy.value
        agency_options = [(t("plan.all"), ALL), (t("plan.no_agency"), "")] + [
            (Text(a), a) for a in store.agencies(area)
        ]
        fy_options = [(t("plan.all"), ALL)] + [(str(y), str(y)) for y in store.fiscal_years(area)]
        with self.prevent(Select.Changed):
            agency.set_options(agency_options)
            fy.set_options(fy_options)
            agency.value = agency_value if agency_value in [v for _, v in agency_options] else ALL
            fy.value = fy_value if fy_value in [v for _, v in fy_options] else ALL

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        if event.select.id == "plan-area":
            self._fill_choice_filters()
        self.page = 0
        self.refresh_board()

    def action_filters(self) -> None:
        """F5 walks the focus through the filters, then back to the list."""
        focused = self.focused
        ids = ["#" + str(focused.id)] if focused is not None and focused.id else []
        if ids and ids[0] in FILTERS and ids[0] != FILTERS[-1]:
            self.query_one(FILTERS[FILTERS.index(ids[0]) + 1]).focus()
        elif ids and ids[0] == FILTERS[-1]:
            self.query_one("#plan-items").focus()
        else:
            self.query_one(FILTERS[0]).focus()

    # ------------------------------------------------------------ the board

    def refresh_board(self, keep_id: int | None = None) -> None:
        flt = self.current_filter()
        table = self.query_one("#plan-items", DataTable)
        total = store.count(flt)
        pages = max(1, -(-total // PAGE_SIZE))
        self.page = min(max(self.page, 0), pages - 1)
        rows = store.items(flt, offset=self.page * PAGE_SIZE, limit=PAGE_SIZE)
        lang = get_lang()
        table.clear()
        self.row_ids = []
        for item in rows:
            table.add_row(  # Text, not str: titles and agencies are data, not markup
                Text(item.title),
                f"{int(item.area_code[-2:])}" if len(item.area_code) == 8 else t("plan.tambon_short"),
                Text(label(ACTOR_LABELS, item.actor, lang) if item.actor != "agency" else item.agency),
                str(item.fiscal_year_be),
                money(item.budget_requested_satang),
                money(item.budget_approved_satang),
                label(STATUS_SHORT, item.status, lang),
                key=str(item.id),
            )
            self.row_ids.append(item.id)
        if keep_id in self.row_ids:
            table.move_cursor(row=self.row_ids.index(keep_id))
        status = (
            t("plan.count", shown=len(rows), total=total, page=self.page + 1, pages=pages) if rows else t("plan.none")
        )
        self.query_one("#status", Static).update(status)
        self.refresh_totals(flt)

    def refresh_totals(self, flt: store.PlanFilter | None = None) -> None:
        flt = flt or self.current_filter()
        rows, overall = store.totals(flt, by=self.by)
        lang = get_lang()
        self.query_one("#plan-totals-title", Static).update(
            t("plan.by_actor") if self.by == "actor" else t("plan.by_agency")
        )
        table = self.query_one("#plan-totals", DataTable)
        table.clear(columns=True)
        table.add_column(
            t("plan.col.actor") if self.by == "actor" else t("plan.filter.agency"), key="key", width=13
        )
        for key, text, width in TOTAL_COLUMNS:
            table.add_column(t(text), key=key, width=width)
        for r in [*rows, overall]:
            if r is overall:
                name = t("plan.total")
            elif self.by == "actor":
                name = label(ACTOR_LABELS, r.key, lang)
            else:
                name = r.key or t("plan.no_agency")
            pct = r.approved_pct
            table.add_row(
                Text(name[:16]),
                Text(str(r.items), justify="right"),
                money(r.requested),
                money(r.approved),
                money(r.gap),
                Text("" if pct is None else f"{pct:.0f}", justify="right"),
                bar(r.approved, r.requested, 8) if r.requested else "",
                key=f"total-{r.key}" if r is not overall else "total",
            )

    def action_print_plan(self) -> None:
        """Demand–supply of the filtered items, by actor and by agency, as an A4 handout."""
        from abc_tui.reports.pdf import jobs
        from abc_tui.ui.paper import print_pdf

        flt = self.current_filter()
        print_pdf(self, lambda lang, progress: jobs.plan(flt=flt, lang=lang), "#status")

    def action_toggle_totals(self) -> None:
        self.by = "agency" if self.by == "actor" else "actor"
        self.refresh_totals()

    def action_page(self, delta: int) -> None:
        self.page += delta
        self.refresh_board()

    def selected_id(self) -> int | None:
        table = self.query_one("#plan-items", DataTable)
        row = table.cursor_row
        return self.row_ids[row] if self.row_ids and row is not None and row < len(self.row_ids) else None

    def _need_selected(self) -> PlanItem | None:
        iid = self.selected_id()
        if iid is None:
            self.notify(t("plan.need_item"), severity="warning")
            return None
        return store.get_item(iid)

    # ------------------------------------------------------------ status moves

    def _moved(self, item: PlanItem) -> None:
        self.notify(t("plan.moved", name=item.title, status=label(STATUS_LABELS, item.status, get_lang())))
        self.refresh_board(keep_id=item.id)

    def _try(self, fn) -> None:
        try:
            item = guard.call(fn)
        except AbcError as err:
            self.notify(err.message(get_lang()), severity="error")
            self.app.bell()
            return
        self._moved(item)

    def action_advance(self) -> None:
        item = self._need_selected()
        if item is not None:
            self._try(lambda: store.advance(item.id, who=self.app.user))

    def action_move(self) -> None:
        item = self._need_selected()
        if item is None:
            return
        lang = get_lang()
        choices = [(label(STATUS_LABELS, s, lang), s) for s in TRANSITIONS.get(item.status, ())]

        def chosen(status: str | None) -> None:
            if status:
                self._try(lambda: store.move(item.id, status, who=self.app.user))

        self.app.push_screen(ChoiceScreen(t("plan.move_to", name=item.title), choices), chosen)

    def action_drop(self) -> None:
        item = self._need_selected()
        if item is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._try(lambda: store.move(item.id, "dropped", who=self.app.user))

        self.app.push_screen(ConfirmScreen(t("plan.confirm_drop", name=item.title)), answer)

    def action_history(self) -> None:
        item = self._need_selected()
        if item is None:
            return
        lang = get_lang()
        lines = [
            (f"{format_date_be(c.changed_on)}  {label(STATUS_LABELS, c.status, lang)}  {c.who}", str(c.id))
            for c in store.history(item.id)
        ]
        self.app.push_screen(ChoiceScreen(t("plan.history", name=item.title), lines))

    # ------------------------------------------------------------ edit / delete

    @on(DataTable.RowSelected, "#plan-items")
    def _edit(self) -> None:
        item = self._need_selected()
        if item is None:
            return

        def submit(values: dict[str, str], confirmed: bool) -> PlanItem:
            return store.update_item(item.id, store.PlanForm(**values), who=self.app.user, confirm_over=confirmed)

        def done(saved: PlanItem | None) -> None:
            if saved is not None:
                self.notify(t("plan.saved", name=saved.title))
                self._fill_choice_filters()
                self.refresh_board(keep_id=saved.id)

        self.app.push_screen(PlanFormScreen(t("plan.edit"), store.form_of(item), submit), done)

    def action_delete(self) -> None:
        item = self._need_selected()
        if item is None:
            return

        def deleted() -> None:
            self.notify(t("plan.deleted"))
            self.refresh_board()

        confirm_then(
            self, t("plan.confirm_delete", name=item.title),
            lambda: store.delete_item(item.id, who=self.app.user), deleted,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
