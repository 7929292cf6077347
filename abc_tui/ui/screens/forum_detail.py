"""One forum: its session line, attendance totals, findings and proposals.

Layout (80×24)::

    เวทีหมู่บ้าน บ้านนาน้อย 15/03/2567 · อ่านบัญชีครัวเรือน
    ผู้เข้าร่วม 37 คน: ลงชื่อ 23 (18 ครัวเรือน) …
    ประเด็นที่พบ            [table: problem | cause | data]
    ข้อเสนอ → แผนชุมชน      [table: proposal | who | FY | requested | status]

F2 adds a finding, F3 a proposal (it becomes a plan item of the forum's area,
linked to this forum), Enter edits the highlighted row of the focused table,
Delete removes it (asked first), Tab moves between the tables.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import ACTOR_LABELS, STATUS_SHORT, label
from abc_tui.domain.thai import Month
from abc_tui.store import forums as store
from abc_tui.store import plan as plan_store
from abc_tui.store.models import Finding, Forum, PlanItem
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, confirm_then
from abc_tui.ui.money import show_money
from abc_tui.ui.relabel import set_heads
from abc_tui.ui.screens.forum_form import ForumFormScreen, PlanFormScreen, finding_fields
from abc_tui.ui.screens.forums import forum_name
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.form import FormScreen
from abc_tui.ui.widgets.paged_table import Col, PagedTable


def totals_text(totals: store.ForumTotals) -> str:
    return t(
        "forums.detail.totals",
        total=totals.total,
        named=totals.named,
        households=totals.households_present,
        walkins=totals.walkins,
        officials=totals.officials,
        women=totals.women,
        men=totals.men,
        youth=totals.youth,
    )


class ForumScreen(guard.Guarded, Screen[None]):
    """Findings and proposals of one forum."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "add_finding", "forums.key.add_finding", priority=True),
        Binding("f3", "add_proposal", "forums.key.add_proposal", priority=True),
        Binding("f4", "attendance", "forums.key.attendance", priority=True),
        Binding("f9", "plan", "forums.key.plan", priority=True),
        Binding("f10", "card", "forums.key.card", priority=True),
        Binding("ctrl+o", "print_signin", "paper.key.signin", priority=True),
        Binding("f6", "edit_forum", "forums.key.edit", priority=True, show=False),
        Binding("delete", "delete_row", "forums.key.delete_row", show=False),
    ]

    def __init__(self, forum_id: int) -> None:
        super().__init__()
        self.forum_id = forum_id
        self.finding_ids: list[int] = []
        self.item_ids: list[int] = []
        self._covered = False

    def action_print_signin(self) -> None:
        """The forum's sign-in sheet as a PDF (the registry in house order, walk-in rows, count boxes)."""
        from abc_tui.reports.pdf import jobs
        from abc_tui.ui.paper import print_pdf

        forum_id = self.forum_id
        print_pdf(self, lambda lang, progress: jobs.signin(forum_id=forum_id, lang=lang))

    @property
    def forum(self) -> Forum:
        return store.get_forum(self.forum_id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="forum-head", classes="title")
        yield Static("", id="forum-totals")
        yield Static(t("forums.findings"), classes="forum-section")
        yield DataTable(id="findings", cursor_type="row", classes="forum-table")
        yield Static(t("forums.proposals"), classes="forum-section")
        yield PagedTable(id="proposals", classes="forum-table")
        yield Static("", id="status")
        yield AbcFooter()

    FINDING_HEADS = ("forums.col.problem", "forums.col.cause", "forums.col.evidence")

    def on_mount(self) -> None:
        self.query_one("#findings", DataTable).add_columns(*map(t, self.FINDING_HEADS))
        self.refresh_all()
        self.query_one("#findings").focus()

    def on_screen_suspend(self) -> None:
        self._covered = True  # another screen on top: what it does may change this one's rows

    def on_screen_resume(self) -> None:
        if self.is_mounted and self._covered:  # not at first: on_mount filled it
            self._covered = False
            self.refresh_all()

    def language_changed(self) -> None:
        """F12: column heads, then the rows (actor, status) and totals in the new language."""
        findings = self.query_one("#findings", DataTable)
        set_heads(findings, *self.FINDING_HEADS)  # the proposals' PagedTable takes its heads at each fill
        f = self.forum
        self.query_one("#forum-head", Static).update(Text(f"{forum_name(f)} · {f.topic}"))
        self.query_one("#forum-totals", Static).update(totals_text(store.totals(self.forum_id)))
        self._fill_findings(keep=self._selected(findings, self.finding_ids))
        self._fill_proposals(keep=self.query_one("#proposals", PagedTable).selected_id())

    def refresh_all(self) -> None:
        try:
            f = self.forum
        except AbcError:  # deleted meanwhile
            self.app.pop_screen()
            return
        self.query_one("#forum-head", Static).update(Text(f"{forum_name(f)} · {f.topic}"))  # data, not markup
        self.query_one("#forum-totals", Static).update(totals_text(store.totals(f.id)))
        self._fill_findings()
        self._fill_proposals()

    def _fill_findings(self, keep: int | None = None) -> None:
        table = self.query_one("#findings", DataTable)
        table.clear()
        self.finding_ids = []
        for row in store.findings(self.forum_id):
            table.add_row(Text(row.problem), Text(row.cause), Text(row.evidence))
            self.finding_ids.append(row.id)
        if keep in self.finding_ids:
            table.move_cursor(row=self.finding_ids.index(keep))
        self._status()

    def _fill_proposals(self, keep: int | None = None) -> None:
        """The forum's proposals: who acts (the agency by name), the budget asked and approved."""
        table = self.query_one("#proposals", PagedTable)
        lang = get_lang()
        columns = [
            Col("title", t("plan.col.title"), flex=True),
            Col("actor", t("plan.col.actor"), max_width=14),
            Col("fy", t("plan.col.fy")),
            Col("requested", t("plan.col.requested"), justify="right"),
            Col("approved", t("plan.col.approved"), justify="right"),
            Col("status", t("plan.col.status")),
        ]
        rows = [
            (
                item.id,
                (
                    Text(item.title),
                    Text(
                        item.agency
                        if item.actor == "agency" and item.agency
                        else label(ACTOR_LABELS, item.actor, lang)
                    ),
                    str(item.fiscal_year_be),
                    show_money(item.budget_requested_satang),
                    show_money(item.budget_approved_satang),
                    label(STATUS_SHORT, item.status, lang),
                ),
            )
            for item in plan_store.items_of_forum(self.forum_id)
        ]
        table.show(columns, rows, keep_id=keep)
        self.item_ids = list(table.row_ids)
        self._status()

    def _status(self) -> None:
        parts = []
        if not self.finding_ids:
            parts.append(t("forums.none_findings"))
        if not self.item_ids:
            parts.append(t("forums.none_proposals"))
        self.query_one("#status", Static).update(" · ".join(parts))

    @staticmethod
    def _selected(table: DataTable, ids: list[int]) -> int | None:
        row = table.cursor_row
        return ids[row] if ids and row is not None and row < len(ids) else None

    # ------------------------------------------------------------ findings

    def action_add_finding(self, evidence: str = "") -> None:
        def submit(values: dict[str, str]) -> Finding:
            return store.add_finding(self.forum_id, who=self.app.user, **values)

        def done(row: Finding | None) -> None:
            if row is not None:
                self.notify(t("forums.finding.saved"))
                self._fill_findings(keep=row.id)
                self.query_one("#forum-totals", Static).update(totals_text(store.totals(self.forum_id)))

        self.app.push_screen(
            FormScreen(t("forums.finding.new"), finding_fields(None, evidence), submit), done
        )

    def _edit_finding(self, finding_id: int) -> None:
        row = Finding.get_by_id(finding_id)

        def submit(values: dict[str, str]) -> Finding:
            return store.update_finding(finding_id, who=self.app.user, **values)

        def done(saved: Finding | None) -> None:
            if saved is not None:
                self.notify(t("forums.finding.saved"))
                self._fill_findings(keep=finding_id)

        self.app.push_screen(FormScreen(t("forums.finding.edit"), finding_fields(row), submit), done)

    # ------------------------------------------------------------ proposals

    def action_add_proposal(self) -> None:
        f = self.forum
        form = plan_store.PlanForm(fiscal_year=str(plan_store.default_fiscal_year(f.date)))

        def submit(values: dict[str, str], confirmed: bool) -> PlanItem:
            return plan_store.propose(
                self.forum_id, plan_store.PlanForm(**values), who=self.app.user, confirm_over=confirmed
            )

        def done(item: PlanItem | None) -> None:
            if item is not None:
                self.notify(t("forums.proposal.saved", name=item.title))
                self._fill_proposals(keep=item.id)

        self.app.push_screen(PlanFormScreen(t("plan.new"), form, submit), done)

    def _edit_item(self, item_id: int) -> None:
        item = plan_store.get_item(item_id)

        def submit(values: dict[str, str], confirmed: bool) -> PlanItem:
            return plan_store.update_item(
                item_id, plan_store.PlanForm(**values), who=self.app.user, confirm_over=confirmed
            )

        def done(saved: PlanItem | None) -> None:
            if saved is not None:
                self.notify(t("plan.saved", name=saved.title))
                self._fill_proposals(keep=item_id)

        self.app.push_screen(PlanFormScreen(t("plan.edit"), plan_store.form_of(item), submit), done)

    # ------------------------------------------------------------ rows

    @on(DataTable.RowSelected)
    def _edit_row(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "findings":
            fid = self._selected(event.data_table, self.finding_ids)
            if fid is not None:
                self._edit_finding(fid)
        else:
            iid = self._selected(event.data_table, self.item_ids)
            if iid is not None:
                self._edit_item(iid)

    def action_delete_row(self) -> None:
        focused = self.focused
        if not isinstance(focused, DataTable):
            return
        if focused.id == "findings":
            fid = self._selected(focused, self.finding_ids)
            if fid is None:
                return
            row = Finding.get_by_id(fid)

            confirm_then(
                self,
                t("forums.finding.confirm_delete", name=row.problem),
                lambda: store.delete_finding(fid, who=self.app.user),
                self._fill_findings,
            )
        else:
            iid = self._selected(focused, self.item_ids)
            if iid is None:
                return
            item = plan_store.get_item(iid)

            def deleted() -> None:
                self.notify(t("plan.deleted"))
                self._fill_proposals()

            confirm_then(
                self,
                t("plan.confirm_delete", name=item.title),
                lambda: plan_store.delete_item(iid, who=self.app.user),
                deleted,
            )

    # ------------------------------------------------------------ elsewhere

    def action_attendance(self) -> None:
        from abc_tui.ui.screens.forum_attendance import AttendanceScreen

        self.app.push_screen(AttendanceScreen(self.forum_id))

    def action_edit_forum(self) -> None:
        def done(f: Forum | None) -> None:
            if f is not None:
                self.notify(t("forums.saved", name=forum_name(f)))
                self.refresh_all()

        self.app.push_screen(ForumFormScreen(self.forum, who=self.app.user), done)

    def action_plan(self) -> None:
        from abc_tui.ui.screens.plan_board import PlanBoardScreen

        self.app.push_screen(PlanBoardScreen(area=self.forum.area_code))

    def action_card(self) -> None:
        from abc_tui.ui.screens.datacard import DataCardScreen

        f = self.forum
        village = f.area_code if f.level == "village" else None
        month = Month.of(f.date)
        self.app.push_screen(
            DataCardScreen(village=village, last=month, forum_id=self.forum_id),
            lambda _: self.refresh_all(),
        )

    def action_back(self) -> None:
        self.app.pop_screen()
