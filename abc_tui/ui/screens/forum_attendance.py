"""Attendance of one forum: tick members by name, count walk-ins, officials by agency.

Layout (80×24)::

    ค้นชื่อ/บ้านเลขที่ [สมช          ]
    มา ชื่อ-สกุล              บ้านเลขที่ ครัวเรือน
    ✓  นายสมชาย ใจดี          1         54010101-1
    ไม่ได้ลงชื่อ: หญิง [4 ] ชาย [3 ] เยาวชน [2 ]
    เจ้าหน้าที่: พัฒนาชุมชนอำเภอ 2, อบต. 1
    รวม 37 คน · ลงชื่อ 23 คน จาก 18 ครัวเรือน · …

Typing searches (name, house number or household code) as you type; Enter or
Down goes to the list; **Space** (or Enter) on a name ticks or unticks that
person, saved at once. Typing a letter in the list starts a new search. One
person is one head: the database holds one row per person per forum. Walk-in
counts are saved with F10, with Enter on the last count, and on leaving (Esc);
a bad count (negative, over 10,000) is shown in place and nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import COMMON_AGENCIES, parse_count
from abc_tui.store import forums as store
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, CarefulConfirmScreen
from abc_tui.ui.marks import plain
from abc_tui.ui.relabel import set_heads
from abc_tui.ui.screens.forums import forum_name
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.paged_table import Col, PagedTable
from abc_tui.ui.widgets.thai_input import ThaiInput

PAGE_SIZE = 200
PRESENT = "✓"
COUNT_FIELDS = ("w-women", "w-men", "w-youth")


class AttendanceTable(PagedTable):
    """The member list: Space ticks; a printable key starts a new search."""

    BINDINGS = [Binding("space", "screen.toggle_present", "forums.att.key.toggle")]

    @dataclass
    class TypeAhead(Message):
        character: str

    def on_key(self, event: events.Key) -> None:
        if event.character and event.is_printable and event.character != " ":
            event.stop()
            event.prevent_default()
            self.post_message(self.TypeAhead(event.character))


class AttendanceScreen(guard.Guarded, Screen[None]):
    """Who came to one forum."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f10", "save_counts", "forums.att.key.save", priority=True),
        Binding("f3", "present_only", "forums.att.key.present_only", priority=True),
        Binding("f5", "focus_search", "forums.att.key.search", priority=True),
        Binding("f6", "focus_counts", "forums.att.key.counts", priority=True),
        Binding("f4", "officials", "forums.att.key.officials", priority=True),
        Binding("f7", "page(-1)", "key.prev_page", priority=True),
        Binding("f8", "page(1)", "key.next_page", priority=True),
    ]

    def __init__(self, forum_id: int) -> None:
        super().__init__()
        self.forum_id = forum_id
        self.page = 0
        self.present_only = False
        self.names: dict[int, str] = {}
        self._typing_ahead = False

    def compose(self) -> ComposeResult:
        f = store.get_forum(self.forum_id)
        yield Header()
        yield Static(Text(t("forums.att.title", name=forum_name(f))), classes="title")  # data, not markup
        with Horizontal(classes="toolbar"):
            yield Label(t("forums.att.search"))
            # Not select-on-focus: keys typed in the list continue here without being replaced.
            yield ThaiInput(id="att-search", select_on_focus=False)
        yield AttendanceTable(id="attendees")
        with Horizontal(classes="toolbar att-counts"):
            yield Label(t("forums.att.walkins"))
            yield ThaiInput(str(f.walkin_women), id="w-women", max_length=6)
            yield Label(t("forums.att.men"))
            yield ThaiInput(str(f.walkin_men), id="w-men", max_length=6)
            yield Label(t("forums.att.youth"))
            yield ThaiInput(str(f.walkin_youth), id="w-youth", max_length=6)
        yield Static("", id="att-officials")
        yield Static("", id="att-totals")
        yield Static("", id="att-error", classes="error")
        yield Static("", id="status")
        yield AbcFooter()

    def language_changed(self) -> None:
        """F12: title, column heads, the rows' status and the totals in the new language."""
        f = store.get_forum(self.forum_id)
        self.query_one(".title", Static).update(Text(t("forums.att.title", name=forum_name(f))))
        table = self.query_one("#attendees", DataTable)
        set_heads(
            table,
            "forums.att.col.present",
            "forums.att.col.name",
            "forums.att.col.house",
            "forums.att.col.code",
        )
        row = table.cursor_row
        self.refresh_list(
            keep_id=self.row_ids[row]
            if self.row_ids and row is not None and row < len(self.row_ids)
            else None
        )
        self.refresh_totals()

    def on_mount(self) -> None:
        self.refresh_list()
        self.refresh_totals()
        self.query_one("#att-search").focus()

    # ------------------------------------------------------------ the list

    @property
    def query_text(self) -> str:
        return self.query_one("#att-search", Input).value

    @property
    def row_ids(self) -> list[int]:
        return self.query_one("#attendees", AttendanceTable).row_ids

    def refresh_list(self, keep_id: int | None = None) -> None:
        table = self.query_one("#attendees", AttendanceTable)
        total = store.count_candidates(self.forum_id, self.query_text, present_only=self.present_only)
        pages = max(1, -(-total // PAGE_SIZE))
        self.page = min(max(self.page, 0), pages - 1)
        rows = store.candidates(
            self.forum_id,
            self.query_text,
            present_only=self.present_only,
            offset=self.page * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
        columns = [
            Col("present", t("forums.att.col.present")),
            Col("name", t("forums.att.col.name"), flex=True),
            Col("house", t("forums.att.col.house")),
            Col("code", t("forums.att.col.code")),
        ]
        table.show(
            columns,
            [
                (
                    c.member_id,
                    (plain(PRESENT) if c.present else "", Text(c.name), Text(c.house_no), c.household_code),
                )
                for c in rows
            ],
            keep_id=keep_id,
        )
        self.names.update((c.member_id, c.name) for c in rows)
        status = t("forums.att.count", shown=len(rows), total=total, page=self.page + 1, pages=pages)
        if not rows:
            status = t("forums.att.none")
        if self.present_only:
            status += " · " + t("forums.att.present_only")
        self.query_one("#status", Static).update(status)

    def refresh_totals(self) -> None:
        totals = store.totals(self.forum_id)
        self.query_one("#att-totals", Static).update(
            t(
                "forums.att.totals",
                total=totals.total,
                named=totals.named,
                households=totals.households_present,
                walkins=totals.walkins,
                officials=totals.officials,
            )
        )
        officials = store.officials(self.forum_id)
        text = (
            t("forums.att.officials", list=", ".join(f"{o.agency} {o.count}" for o in officials))
            if officials
            else t("forums.att.no_officials")
        )
        self.query_one("#att-officials", Static).update(Text(text))  # agencies are data

    @on(Input.Changed, "#att-search")
    def _search_changed(self) -> None:
        self.page = 0
        self.refresh_list()

    @on(Input.Submitted, "#att-search")
    def _search_submitted(self) -> None:
        if self.row_ids:
            self.query_one("#attendees").focus()

    def on_key(self, event: events.Key) -> None:
        # Down from the search box goes to the list (as Enter does).
        if event.key == "down" and self.focused is self.query_one("#att-search") and self.row_ids:
            event.stop()
            self.query_one("#attendees").focus()

    @on(AttendanceTable.TypeAhead)
    def _type_ahead(self, event: AttendanceTable.TypeAhead) -> None:
        # Keys typed quickly all reach the list before the focus moves: the first starts a
        # new search, the rest are added to it (until the list has the focus again).
        search = self.query_one("#att-search", Input)
        if not self._typing_ahead:
            self._typing_ahead = True
            search.value = ""
            search.focus()
        search.value += event.character
        search.cursor_position = len(search.value)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.query_one("#attendees"):
            self._typing_ahead = False

    @on(DataTable.RowSelected, "#attendees")
    def _row_selected(self) -> None:
        self.action_toggle_present()

    def selected_id(self) -> int | None:
        table = self.query_one("#attendees", DataTable)
        row = table.cursor_row
        return self.row_ids[row] if self.row_ids and row is not None and row < len(self.row_ids) else None

    def action_toggle_present(self) -> None:
        mid = self.selected_id()
        if mid is None:
            return
        try:
            present = guard.call(store.toggle_present, self.forum_id, mid, who=self.app.user)
        except AbcError as err:
            self._error(err)
            return
        table = self.query_one("#attendees", DataTable)
        table.update_cell(str(mid), "present", plain(PRESENT) if present else "")
        name = self.names.get(mid, "")
        self.notify(t("forums.att.marked" if present else "forums.att.unmarked", name=name), timeout=2)
        self.refresh_totals()

    def action_present_only(self) -> None:
        self.present_only = not self.present_only
        self.page = 0
        self.refresh_list(keep_id=self.selected_id())

    def action_page(self, delta: int) -> None:
        self.page += delta
        self.refresh_list()

    def action_focus_search(self) -> None:
        """F5: back to the search box, its text selected so typing starts a new search."""
        search = self.query_one("#att-search", Input)
        search.focus()
        search.select_all()

    # ------------------------------------------------------------ counts

    def action_focus_counts(self) -> None:
        self.query_one("#w-women").focus()

    @on(Input.Submitted, "#w-women, #w-men, #w-youth")
    def _count_entered(self, event: Input.Submitted) -> None:
        event.stop()
        index = COUNT_FIELDS.index(str(event.input.id))
        if index < len(COUNT_FIELDS) - 1:
            self.query_one(f"#{COUNT_FIELDS[index + 1]}").focus()
        elif self.action_save_counts():
            self.query_one("#att-search").focus()

    def action_save_counts(self) -> bool:
        women, men, youth = (self.query_one(f"#{i}", Input).value for i in COUNT_FIELDS)
        try:
            f = guard.call(store.set_walkins, self.forum_id, women, men, youth, who=self.app.user)
        except AbcError as err:
            self._error(err)
            # Put the cursor on the count that is wrong, its text selected to be typed over.
            for field in COUNT_FIELDS:
                box = self.query_one(f"#{field}", Input)
                try:
                    parse_count(box.value)
                except AbcError:
                    box.focus()
                    box.select_all()
                    break
            return False
        for field, value in zip(COUNT_FIELDS, (f.walkin_women, f.walkin_men, f.walkin_youth), strict=True):
            self.query_one(f"#{field}", Input).value = str(value)
        self.query_one("#att-error", Static).update("")
        self.refresh_totals()
        self.notify(t("forums.att.counts_saved"), timeout=2)
        return True

    def _error(self, err: AbcError) -> None:
        self.query_one("#att-error", Static).update(Text(err.message(get_lang())))
        self.app.bell()

    def _counts_changed(self) -> bool:
        f = store.get_forum(self.forum_id)
        saved = (str(f.walkin_women), str(f.walkin_men), str(f.walkin_youth))
        return tuple(self.query_one(f"#{i}", Input).value.strip() for i in COUNT_FIELDS) != saved

    def action_officials(self) -> None:
        self.app.push_screen(OfficialsScreen(self.forum_id), lambda _: self.refresh_totals())

    def action_back(self) -> None:
        """Esc saves changed counts; counts that cannot be saved (a bad number) are asked about, as
        forms do: y discards them and leaves; Enter, n, Esc go back to the count in error."""
        if not self._counts_changed() or self.action_save_counts():
            self.app.pop_screen()
            return
        back_to = self.focused

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()
            elif back_to is not None and back_to.is_attached:
                back_to.focus()

        self.app.push_screen(CarefulConfirmScreen(t("form.discard_screen")), answer)


class OfficialsScreen(guard.Guarded, ModalScreen[None]):
    """Officials present, one line per agency: type the agency, Enter, the number, Enter."""

    BINDINGS = [
        Binding("escape", "close", "key.back"),
        Binding("delete", "remove", "key.delete"),
    ]

    def __init__(self, forum_id: int) -> None:
        super().__init__()
        self.forum_id = forum_id
        self.row_ids: list[int] = []

    def compose(self) -> ComposeResult:
        known = sorted({*COMMON_AGENCIES, *store.official_agencies()})
        with Vertical(id="officials-box"):
            yield Static(t("forums.off.title"), classes="title")
            with Horizontal(classes="form-row"):
                yield Label(t("forums.off.agency"))
                yield ThaiInput(id="off-agency", suggester=SuggestFromList(known, case_sensitive=False))
            with Horizontal(classes="form-row"):
                yield Label(t("forums.off.count"))
                yield ThaiInput(id="off-count", max_length=6)
            yield Static("", id="off-error", classes="error")
            yield DataTable(id="off-table", cursor_type="row")
            yield Static(t("forums.off.hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#off-table", DataTable).add_columns(t("forums.off.agency"), t("forums.off.count"))
        self._fill()
        self.query_one("#off-agency").focus()

    def _fill(self) -> None:
        table = self.query_one("#off-table", DataTable)
        table.clear()
        self.row_ids = []
        for o in store.officials(self.forum_id):
            table.add_row(Text(o.agency), str(o.count))
            self.row_ids.append(o.id)

    @on(Input.Submitted, "#off-agency")
    def _agency_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#off-count").focus()

    @on(Input.Submitted, "#off-count")
    def _count_entered(self, event: Input.Submitted) -> None:
        event.stop()
        agency = self.query_one("#off-agency", Input)
        count = self.query_one("#off-count", Input)
        try:
            guard.call(store.set_official, self.forum_id, agency.value, count.value, who=self.app.user)
        except AbcError as err:
            self.query_one("#off-error", Static).update(Text(err.message(get_lang())))
            self.app.bell()
            return
        self.query_one("#off-error", Static).update("")
        agency.value = count.value = ""
        self._fill()
        agency.focus()

    def action_remove(self) -> None:
        table = self.query_one("#off-table", DataTable)
        if self.focused is not table or not self.row_ids or table.cursor_row is None:
            return
        guard.call(store.remove_official, self.row_ids[table.cursor_row], who=self.app.user)
        self._fill()

    def action_close(self) -> None:
        """Esc: an agency or number typed but not entered (Enter) is asked about before it is lost."""
        if not any(self.query_one(f"#{i}", Input).value.strip() for i in ("off-agency", "off-count")):
            self.dismiss(None)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(CarefulConfirmScreen(t("form.discard_screen")), answer)
