"""Household registry: list a village's households, search, add, edit, deactivate, members.

The table shows one page (``PAGE_SIZE`` rows) of the matches at a time, read
with LIMIT/OFFSET, so a tambon with thousands of households stays instant.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from abc_tui.domain.areas import OCCUPATION_GROUPS
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, format_date_be
from abc_tui.store import areas
from abc_tui.store import households as hh_store
from abc_tui.store.models import Household
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, CarefulConfirmScreen, confirm_then
from abc_tui.ui.money import show_money
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.form import Field, FormScreen, date_check
from abc_tui.ui.widgets.paged_table import Col, PagedTable
from abc_tui.ui.widgets.thai_input import ThaiInput

PAGE_SIZE = 100
ALL = "*"


@dataclass
class _LeaveQuestion:
    """A leave date before months already typed: asked about before anything is saved."""

    values: dict[str, str]
    left: _dt.date
    months: list[Month]


def occupation_label(code: str) -> str:
    th, en = OCCUPATION_GROUPS.get(code, (code, code))
    return en if get_lang() == "en" else th


def household_fields(h: Household | None) -> list[Field]:
    occupations = [(occupation_label(code), code) for code in OCCUPATION_GROUPS]
    check = hh_store.FIELD_CHECKS  # Enter checks the field it leaves, by the rules of a save
    return [
        Field("house_no", "hh.house_no", h.house_no if h else "", max_length=12, check=check["house_no"]),
        Field("head_name", "hh.head_name", h.head_name if h else "", check=check["head_name"]),
        Field(
            "members_count",
            "hh.members_count",
            str(h.members_count) if h else "1",
            max_length=3,
            check=check["members_count"],
        ),
        Field("occupation", "hh.occupation", h.occupation if h else "other", options=occupations),
        Field(
            "debt_at_joining",
            "hh.debt",
            show_money(h.debt_at_joining_satang) if h else "0",  # integer satang, never a float
            check=check["debt_at_joining"],
        ),
        Field("joined_on", "hh.joined", format_date_be(h.joined_on) if h else "", check=check["joined_on"]),
    ]


class HouseholdsScreen(guard.Guarded, Screen[None]):
    """The registry of one village (or all villages), searchable."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "new", "key.new", priority=True),
        Binding("f3", "members", "key.members", priority=True),
        Binding("f5", "focus_search", "key.search", priority=True),
        Binding("f6", "focus_village", "key.village", priority=True),
        Binding("f4", "toggle_active", "key.toggle_active", priority=True),
        Binding("f9", "import_list", "hh.key.import", priority=True),
        Binding("f7", "page(-1)", "key.prev_page", priority=True),
        Binding("f8", "page(1)", "key.next_page", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self.total = 0
        self._listed_village: str | None = None  # the village the list shows (None: all)

    def compose(self) -> ComposeResult:
        villages = areas.villages()
        options = [(t("hh.all_villages"), ALL)] + [(Text(areas.area_label(v)), v.code) for v in villages]
        yield Header()
        yield Static(t("hh.title"), classes="title", id="hh-title")
        with Horizontal(classes="toolbar"):
            yield Label(t("hh.village"), id="hh-village-label")
            yield Select(
                options, value=villages[0].code if villages else ALL, allow_blank=False, id="village"
            )
        with Horizontal(classes="toolbar"):
            yield Label(t("hh.search"), id="hh-search-label")
            yield ThaiInput(id="search")
        yield PagedTable(id="households")
        yield Static("", id="status")
        yield AbcFooter()

    COLUMNS = (
        ("code", "hh.col.code"),
        ("head", "hh.col.head"),
        ("members", "hh.col.members"),
        ("occupation", "hh.col.occupation"),
        ("active", "hh.col.active"),
    )

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#search").focus()

    def language_changed(self) -> None:
        """F12: relabel in the new language; the search and the page stay as they are."""
        self.query_one("#hh-title", Static).update(t("hh.title"))
        self.query_one("#hh-village-label", Label).update(t("hh.village"))
        self.query_one("#hh-search-label", Label).update(t("hh.search"))
        self.refresh_list(keep_id=self.selected_id())

    # ------------------------------------------------------------ listing

    @property
    def village_code(self) -> str | None:
        value = self.query_one("#village", Select).value
        return None if value in (ALL, Select.NULL) else str(value)

    @property
    def query_text(self) -> str:
        return self.query_one("#search", Input).value

    @property
    def row_ids(self) -> list[int]:
        return self.query_one("#households", PagedTable).row_ids

    def refresh_list(self, keep_id: int | None = None) -> None:
        table = self.query_one("#households", PagedTable)
        self._listed_village = self.village_code
        self.total = hh_store.count(self.village_code, self.query_text)
        pages = max(1, -(-self.total // PAGE_SIZE))
        self.page = min(max(self.page, 0), pages - 1)
        rows = hh_store.search(
            self.village_code, self.query_text, offset=self.page * PAGE_SIZE, limit=PAGE_SIZE
        )
        columns = [
            Col(key, t(label), justify="right" if key == "members" else "left", flex=key == "head")
            for key, label in self.COLUMNS
        ]
        table.show(
            columns,
            [
                (
                    h.id,
                    (  # Text, not str: a DataTable reads a str cell as markup ("[/]" in a name)
                        h.code,
                        Text(h.head_name),
                        str(h.members_count),
                        occupation_label(h.occupation),
                        t("hh.active") if h.active else t("hh.inactive"),
                    ),
                )
                for h in rows
            ],
            keep_id=keep_id,
        )
        status = self.query_one("#status", Static)
        if not rows:
            status.update(t("hh.none"))
        else:
            status.update(t("hh.count", shown=len(rows), total=self.total, page=self.page + 1, pages=pages))

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.page = 0
        self.refresh_list()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one("#households").focus()

    def on_key(self, event: events.Key) -> None:
        # Down from the search box goes to the list (as Enter does, and as in attendance).
        if event.key == "down" and self.focused is self.query_one("#search") and self.row_ids:
            event.stop()
            self.query_one("#households").focus()

    @on(Select.Changed, "#village")
    def _village_changed(self) -> None:
        if self.village_code == self._listed_village:
            return  # the Select's own Changed as it mounts: that village is listed already
        self.page = 0
        self.refresh_list()

    def action_page(self, delta: int) -> None:
        self.page += delta
        self.refresh_list()

    def action_focus_search(self) -> None:
        self.query_one("#search").focus()

    def action_focus_village(self) -> None:
        self.query_one("#village").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def selected_id(self) -> int | None:
        return self.query_one("#households", PagedTable).selected_id()

    # ------------------------------------------------------------ editing

    def action_new(self) -> None:
        village = self.village_code
        if village is None:
            if not areas.villages():
                self.notify(t("hh.no_villages"), severity="warning")
                return
            self.notify(t("hh.need_village"), severity="warning")
            self.action_focus_village()
            return

        def submit(values: dict[str, str]) -> Household:
            return hh_store.add_household(village, hh_store.HouseholdForm(**values), who=self.app.user)

        def done(h: Household | None) -> None:
            if h is not None:
                self.notify(t("hh.added", code=h.code))
                with self.prevent(Input.Changed):  # its handler would reload without keeping the row
                    self.query_one("#search", Input).value = ""
                self.refresh_list(keep_id=h.id)
                self._jump_to(h)

        self.app.push_screen(FormScreen[Household](t("hh.new"), household_fields(None), submit), done)

    def _jump_to(self, h: Household) -> None:
        """Show the page holding household ``h``."""
        if h.id in self.row_ids:
            return
        with self.prevent(Input.Changed):
            self.query_one("#search", Input).value = h.house_no
        self.page = 0
        self.refresh_list(keep_id=h.id)

    @on(PagedTable.RowSelected, "#households")
    def _edit(self, event: PagedTable.RowSelected) -> None:
        hid = self.selected_id()
        if hid is None:
            return
        h = hh_store.get(hid)

        def submit(values: dict[str, str]) -> Household:
            return hh_store.update_household(hid, hh_store.HouseholdForm(**values), who=self.app.user)

        def done(saved: Household | None) -> None:
            if saved is not None:
                self.notify(t("hh.updated", code=saved.code))
                self.refresh_list(keep_id=saved.id)

        self.app.push_screen(
            FormScreen[Household](t("hh.edit", code=h.code), household_fields(h), submit), done
        )

    def action_toggle_active(self) -> None:
        """Reactivate at once; deactivating asks for the date it left (default today) and why,
        so earlier months keep it as a member (REPORTS.md "Membership")."""
        hid = self.selected_id()
        if hid is None:
            return
        h = hh_store.get(hid)
        if not h.active:
            try:
                h = guard.call(hh_store.set_active, hid, True, who=self.app.user)
            except AbcError as err:  # it would change a locked month
                self.notify(err.message(get_lang()), severity="error", markup=False)
                return
            self.notify(t("hh.reactivated", code=h.code))
            self.refresh_list(keep_id=hid)
            return

        self._leave_form(hid, h.code, {"left_on": format_date_be(_dt.date.today()), "left_reason": ""})

    def _leave_form(self, hid: int, code: str, typed: dict[str, str]) -> None:
        """The date it left and why. A date before months already typed for the household is not
        saved at once: it warns (those months would stop counting it) and asks; n reopens the form."""

        def submit(values: dict[str, str]) -> Household | _LeaveQuestion:
            left, months = hh_store.months_typed_after(hid, values["left_on"])
            if months:
                return _LeaveQuestion(values, left, months)
            return self._leave(hid, values)

        def done(saved: Household | _LeaveQuestion | None) -> None:
            if isinstance(saved, _LeaveQuestion):
                self._ask_leave(hid, code, saved)
            elif saved is not None:
                self._left(saved)

        fields = [
            Field("left_on", "per.left_on", typed["left_on"], max_length=12, check=date_check),
            Field("left_reason", "per.left_reason", typed["left_reason"]),
        ]
        self.app.push_screen(
            FormScreen[Household | _LeaveQuestion](t("per.leave_title", code=code), fields, submit), done
        )

    def _leave(self, hid: int, values: dict[str, str]) -> Household:
        return hh_store.set_active(
            hid, False, who=self.app.user, left_on=values["left_on"], reason=values["left_reason"]
        )

    def _left(self, saved: Household) -> None:
        self.notify(t("per.deactivated", code=saved.code, date=format_date_be(saved.left_on)))
        self.refresh_list(keep_id=saved.id)

    def _ask_leave(self, hid: int, code: str, q: _LeaveQuestion) -> None:
        def question() -> str:  # written again in the other language by F12
            label = (lambda m: m.thai_label()) if get_lang() == "th" else (lambda m: m.be_label())
            months = ", ".join(label(m) for m in q.months[:6]) + (" …" if len(q.months) > 6 else "")
            return t(
                "per.leave_typed_after",
                code=code,
                date=format_date_be(q.left),
                months=months,
                n=len(q.months),
            )

        def answer(yes: bool | None) -> None:
            if not yes:  # fix the date: the form again, with what was typed
                self._leave_form(hid, code, q.values)
                return
            try:
                saved = guard.call(self._leave, hid, q.values)
            except AbcError as err:
                self.notify(err.message(get_lang()), severity="error", markup=False)
                return
            self._left(saved)

        self.app.push_screen(CarefulConfirmScreen(question), answer)

    def action_import_list(self) -> None:
        """F9: the office's household list from a spreadsheet (officers: permission "import")."""
        if not self.app.allowed("import"):
            return
        from abc_tui.ui.screens.household_import import HouseholdImportScreen

        def done(added: int | None) -> None:
            if added:
                self.page = 0
                self.refresh_list()

        self.app.push_screen(HouseholdImportScreen(), done)

    def action_members(self) -> None:
        hid = self.selected_id()
        if hid is not None:
            self.app.push_screen(MembersScreen(hid), lambda _: self.refresh_list(keep_id=hid))


class MembersScreen(guard.Guarded, Screen[None]):
    """The members of one household: add, edit (Enter), remove (Delete, confirmed)."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "add", "mem.add", priority=True),
        Binding("delete", "delete", "key.delete"),
    ]

    def __init__(self, household_id: int) -> None:
        super().__init__()
        self.household_id = household_id
        self.member_ids: list[int] = []

    def compose(self) -> ComposeResult:
        h = hh_store.get(self.household_id)
        yield Header()
        yield Static(Text(t("mem.title", code=f"{h.code} {h.head_name}")), classes="title")
        yield DataTable(id="members", cursor_type="row")
        yield AbcFooter()

    def on_mount(self) -> None:
        table = self.query_one("#members", DataTable)
        table.add_columns(t("mem.name"), t("mem.sex"), t("mem.birth_year"), "")
        self._fill()
        table.focus()

    def language_changed(self) -> None:
        """F12: title, column heads and rows (sex, "head") in the new language."""
        h = hh_store.get(self.household_id)
        self.query_one(".title", Static).update(Text(t("mem.title", code=f"{h.code} {h.head_name}")))
        table = self.query_one("#members", DataTable)
        for column, key in zip(
            table.ordered_columns, ("mem.name", "mem.sex", "mem.birth_year"), strict=False
        ):
            column.label = Text(t(key))
        row = table.cursor_row
        self._fill()
        if row is not None and table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _fill(self) -> None:
        table = self.query_one("#members", DataTable)
        table.clear()
        self.member_ids = []
        for m in hh_store.members(self.household_id):
            table.add_row(
                Text(m.name),
                {"f": "ญ", "m": "ช"}.get(m.sex, "") if get_lang() == "th" else m.sex,
                str(m.birth_year + 543) if m.birth_year else "",
                t("mem.head") if m.is_head else "",
            )
            self.member_ids.append(m.id)

    def _fields(self, m=None) -> list[Field]:
        return [
            Field("name", "mem.name", m.name if m else ""),
            Field("sex", "mem.sex", m.sex if m else "", max_length=4),
            Field(
                "birth_year_be",
                "mem.birth_year",
                str(m.birth_year + 543) if m and m.birth_year else "",
                max_length=4,
            ),
        ]

    def _selected(self) -> int | None:
        table = self.query_one("#members", DataTable)
        row = table.cursor_row
        return (
            self.member_ids[row]
            if self.member_ids and row is not None and row < len(self.member_ids)
            else None
        )

    def action_add(self) -> None:
        def submit(values: dict[str, str]):
            return hh_store.add_member(self.household_id, who=self.app.user, **values)

        self.app.push_screen(FormScreen(t("mem.add"), self._fields(), submit), lambda _: self._fill())

    @on(DataTable.RowSelected)
    def _edit(self) -> None:
        mid = self._selected()
        if mid is None:
            return
        member = next(m for m in hh_store.members(self.household_id) if m.id == mid)

        def submit(values: dict[str, str]):
            return hh_store.update_member(mid, who=self.app.user, **values)

        self.app.push_screen(FormScreen(member.name, self._fields(member), submit), lambda _: self._fill())

    def action_delete(self) -> None:
        mid = self._selected()
        if mid is None:
            return
        member = next(m for m in hh_store.members(self.household_id) if m.id == mid)

        def deleted() -> None:
            self.notify(t("mem.deleted"))
            self._fill()

        confirm_then(  # the head cannot be removed: that AbcError is shown
            self,
            t("mem.confirm_delete", name=member.name),
            lambda: hh_store.delete_member(mid, who=self.app.user),
            deleted,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
