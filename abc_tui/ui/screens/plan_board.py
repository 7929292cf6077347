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
from textual.widgets import Header, Label, Select, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import (
    ACTOR_LABELS,
    ACTORS,
    STATUS_LABELS,
    STATUS_SHORT,
    STATUSES,
    TRANSITIONS,
    label,
    next_status,
)
from abc_tui.domain.thai import format_date_be
from abc_tui.store import plan as store
from abc_tui.store.models import PlanItem
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, ConfirmScreen, confirm_then
from abc_tui.ui.money import show_money
from abc_tui.ui.screens.forum_form import PlanFormScreen
from abc_tui.ui.screens.forums import area_filter_options
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.chart import bar
from abc_tui.ui.widgets.form import Field, FormScreen
from abc_tui.ui.widgets.forum_choice import ChoiceScreen
from abc_tui.ui.widgets.paged_table import Col, PagedTable

PAGE_SIZE = 200
ALL = "*"
#: (key, string key): the proposal's title takes the width the others leave (PagedTable).
ITEM_COLUMNS = (
    ("title", "plan.col.title"),
    ("area", "plan.col.area"),
    ("actor", "plan.col.actor"),
    ("fy", "plan.col.fy"),
    ("requested", "plan.col.requested"),
    ("approved", "plan.col.approved"),
    ("status", "plan.col.status"),
)
TOTAL_COLUMNS = (
    ("items", "plan.col.items"),
    ("requested", "plan.col.requested"),
    ("approved", "plan.col.approved"),
    ("gap", "plan.col.gap"),
    ("pct", "plan.col.pct"),
    ("bar", "plan.col.bar"),
)
RIGHT = {"items", "requested", "approved", "gap", "pct"}
#: An agency's name or an actor in the item list: cut with "…" beyond this.
ACTOR_WIDTH = 12
BAR_WIDTH = 6
FILTERS = ("#plan-area", "#plan-status", "#plan-actor", "#plan-agency", "#plan-fy")


class PlanBoardScreen(guard.Guarded, Screen[None]):
    """Community-plan items with filters, status moves and demand–supply totals."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "advance", "plan.key.advance", priority=True),
        Binding("f3", "move", "plan.key.move", priority=True),
        Binding("f5", "filters", "plan.key.filters", priority=True),
        Binding("f6", "toggle_totals", "plan.key.totals", priority=True),
        Binding("f9", "history", "plan.key.history", priority=True),
        Binding("f4", "drop", "plan.key.drop", priority=True),
        Binding("ctrl+o", "print_plan", "paper.key.pdf", priority=True),
        Binding("delete", "delete", "plan.key.delete"),
        Binding("f7", "page(-1)", "key.prev_page", priority=True),
        Binding("f8", "page(1)", "key.next_page", priority=True),
    ]

    def __init__(self, area: str | None = None) -> None:
        super().__init__()
        self.initial_area = area
        self.by = "actor"
        self.page = 0
        self._listed: store.PlanFilter | None = None  # the filter the board shows
        self._covered = False

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
                value=store.ACTIVE,
                allow_blank=False,
                id="plan-status",
            )
        with Horizontal(classes="toolbar plan-filters"):
            yield Label(t("plan.filter.actor"))
            yield Select(
                [(t("plan.all"), ALL)] + [(label(ACTOR_LABELS, a, lang), a) for a in ACTORS],
                value=ALL,
                allow_blank=False,
                id="plan-actor",
            )
            yield Label(t("plan.filter.agency"))
            yield Select([(t("plan.all"), ALL)], value=ALL, allow_blank=False, id="plan-agency")
            yield Label(t("plan.filter.fy"))
            yield Select([(t("plan.all"), ALL)], value=ALL, allow_blank=False, id="plan-fy")
        yield PagedTable(id="plan-items")
        yield Static("", id="plan-totals-title", classes="forum-section")
        yield PagedTable(id="plan-totals", cursor_type="none", show_cursor=False, zebra_stripes=False)
        yield Static("", id="status")
        yield AbcFooter()

    def on_mount(self) -> None:
        self._fill_choice_filters()
        self.refresh_board()
        self.query_one("#plan-items").focus()

    def on_screen_suspend(self) -> None:
        self._covered = True  # another screen on top: what it does may change this one's rows

    def on_screen_resume(self) -> None:
        if self.is_mounted and self._covered:  # not when it first shows: on_mount has just filled it
            self._covered = False
            self.refresh_board(keep_id=self.selected_id())

    def language_changed(self) -> None:
        """F12: column heads, the status and actor choices, the rows and totals in the new language."""
        lang = get_lang()
        for selector, options in (
            (
                "#plan-status",
                [(t("plan.active"), store.ACTIVE), (t("plan.all"), ALL)]
                + [(label(STATUS_LABELS, s, lang), s) for s in STATUSES],
            ),
            ("#plan-actor", [(t("plan.all"), ALL)] + [(label(ACTOR_LABELS, a, lang), a) for a in ACTORS]),
        ):
            select = self.query_one(selector, Select)
            value = select.value
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = value
                select._watch_value(value)  # textual 8: the shown choice even when the value is the same
        self._fill_choice_filters()
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
        if self.current_filter() == self._listed:
            return  # a Select's own Changed as it mounts: the board shows that filter already
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

    @property
    def row_ids(self) -> list[int]:
        return self.query_one("#plan-items", PagedTable).row_ids

    def refresh_board(self, keep_id: int | None = None, said: str | Text = "") -> None:
        """The page of items and the totals; ``said`` (what a key just did) goes on the status line,
        not in a toast that would cover the totals."""
        flt = self._listed = self.current_filter()
        table = self.query_one("#plan-items", PagedTable)
        total = store.count(flt)
        pages = max(1, -(-total // PAGE_SIZE))
        self.page = min(max(self.page, 0), pages - 1)
        rows = store.items(flt, offset=self.page * PAGE_SIZE, limit=PAGE_SIZE)
        lang = get_lang()
        columns = [
            Col(
                key,
                t(text),
                justify="right" if key in RIGHT else "left",
                flex=key == "title",
                max_width=ACTOR_WIDTH if key == "actor" else None,
            )
            for key, text in ITEM_COLUMNS
        ]
        table.show(
            columns,
            [
                (
                    item.id,
                    (  # Text, not str: titles and agencies are data, not markup
                        Text(item.title),
                        f"{int(item.area_code[-2:])}" if len(item.area_code) == 8 else t("plan.tambon_short"),
                        Text(
                            label(ACTOR_LABELS, item.actor, lang) if item.actor != "agency" else item.agency
                        ),
                        str(item.fiscal_year_be),
                        show_money(item.budget_requested_satang),
                        show_money(item.budget_approved_satang),
                        label(STATUS_SHORT, item.status, lang),
                    ),
                )
                for item in rows
            ],
            keep_id=keep_id,
        )
        status = (
            t("plan.count", shown=len(rows), total=total, page=self.page + 1, pages=pages)
            if rows
            else t("plan.none")
        )
        line = Text(status)
        if said:
            line = Text.assemble(
                said if isinstance(said, Text) else Text(said, style="bold"), "  ·  ", status
            )
        self.query_one("#status", Static).update(line)
        self.refresh_totals(flt)

    def say(self, message: str, error: bool = False) -> None:
        """What a key did, on the status line (toasts would cover the totals)."""
        status = self.query_one("#status", Static)
        status.update(Text(message, style="bold red" if error else "bold"))

    def refresh_totals(self, flt: store.PlanFilter | None = None) -> None:
        flt = flt or self.current_filter()
        rows, overall = store.totals(flt, by=self.by)
        lang = get_lang()
        self.query_one("#plan-totals-title", Static).update(
            t("plan.by_actor") if self.by == "actor" else t("plan.by_agency")
        )
        table = self.query_one("#plan-totals", PagedTable)
        head = t("plan.col.actor") if self.by == "actor" else t("plan.filter.agency")
        columns = [Col("key", head, flex=True)] + [
            Col(key, t(text), justify="right" if key in RIGHT else "left") for key, text in TOTAL_COLUMNS
        ]
        shown = []
        for r in [*rows, overall]:
            if r is overall:
                name = t("plan.total")
            elif self.by == "actor":
                name = label(ACTOR_LABELS, r.key, lang)
            else:
                name = r.key or t("plan.no_agency")
            pct = r.approved_pct
            shown.append(
                (
                    f"total-{r.key}" if r is not overall else "total",
                    (
                        Text(name),
                        str(r.items),
                        show_money(r.requested),
                        show_money(r.approved),
                        show_money(r.gap),
                        "" if pct is None else f"{pct:.0f}",
                        bar(r.approved, r.requested, BAR_WIDTH) if r.requested else "",
                    ),
                )
            )
        table.show(columns, shown)

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
        return self.query_one("#plan-items", PagedTable).selected_id()

    def _need_selected(self) -> PlanItem | None:
        iid = self.selected_id()
        if iid is None:
            self.say(t("plan.need_item"), error=True)
            return None
        return store.get_item(iid)

    # ------------------------------------------------------------ status moves

    def _moved(self, item: PlanItem) -> None:
        status = label(STATUS_LABELS, item.status, get_lang())
        self.refresh_board(keep_id=item.id, said=t("plan.moved", name=item.title, status=status))

    def _try(self, fn) -> None:
        try:
            item = guard.call(fn)
        except AbcError as err:
            self.say(err.message(get_lang()), error=True)
            self.app.bell()
            return
        self._moved(item)

    def action_advance(self) -> None:
        item = self._need_selected()
        if item is None:
            return
        if next_status(item.status) == "budgeted":
            self.ask_budget(item)
        else:
            self._try(lambda: store.advance(item.id, who=self.app.user))

    def ask_budget(self, item: PlanItem) -> None:
        """Budgeted means money was approved: ask how much (the request is offered), then move."""
        form = store.form_of(item)

        def submit(values: dict[str, str]) -> PlanItem:
            return store.budget(item.id, values["approved"], who=self.app.user)

        def done(saved: PlanItem | None) -> None:
            if saved is not None:
                self._moved(saved)

        field = Field(
            "approved", "plan.f.approved_now", form.budget_approved or form.budget_requested, max_length=20
        )
        self.app.push_screen(FormScreen(t("plan.budget_title", name=item.title), [field], submit), done)

    def action_move(self) -> None:
        item = self._need_selected()
        if item is None:
            return

        def choices() -> list[tuple[str, str]]:  # in the language of the moment (F12 on the open list)
            return [(label(STATUS_LABELS, s, get_lang()), s) for s in TRANSITIONS.get(item.status, ())]

        def chosen(status: str | None) -> None:
            if status == "budgeted":
                self.ask_budget(item)
            elif status:
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
        changes = store.history(item.id)

        def lines() -> list[tuple[str, str]]:  # in the language of the moment (F12 on the open list)
            return [
                (
                    f"{format_date_be(c.changed_on)}  {label(STATUS_LABELS, c.status, get_lang())}  {c.who}",
                    str(c.id),
                )
                for c in changes
            ]

        self.app.push_screen(ChoiceScreen(t("plan.history", name=item.title), lines))

    # ------------------------------------------------------------ edit / delete

    @on(PagedTable.RowSelected, "#plan-items")
    def _edit(self) -> None:
        item = self._need_selected()
        if item is None:
            return

        def submit(values: dict[str, str], confirmed: bool) -> PlanItem:
            return store.update_item(
                item.id, store.PlanForm(**values), who=self.app.user, confirm_over=confirmed
            )

        def done(saved: PlanItem | None) -> None:
            if saved is not None:
                self._fill_choice_filters()
                self.refresh_board(keep_id=saved.id, said=t("plan.saved", name=saved.title))

        self.app.push_screen(PlanFormScreen(t("plan.edit"), store.form_of(item), submit), done)

    def action_delete(self) -> None:
        item = self._need_selected()
        if item is None:
            return

        def deleted() -> None:
            self.refresh_board(said=t("plan.deleted"))

        confirm_then(
            self,
            t("plan.confirm_delete", name=item.title),
            lambda: store.delete_item(item.id, who=self.app.user),
            deleted,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
