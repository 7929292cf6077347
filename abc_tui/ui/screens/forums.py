"""Learning forums hub: the list of forums, from which the facilitator logs a new one,
opens a forum (findings, proposals), ticks attendance, and goes to the plan board and
the data card.

Layout (80×24)::

    พื้นที่ [ทุกพื้นที่                 ]
    วันที่      ระดับ  พื้นที่       หัวข้อ             คน ครัวเรือน ประเด็น ข้อเสนอ
    …one page of forums, newest first…
    12 จาก 156 เวที (หน้า 1/2)

The table holds one page (``PAGE_SIZE``) read with LIMIT/OFFSET.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Label, Select, Static

from abc_tui.domain.forums import LEVEL_LABELS, label
from abc_tui.domain.thai import Month, format_date_be
from abc_tui.store import areas
from abc_tui.store import forums as store
from abc_tui.store.models import Forum
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, confirm_then
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.paged_table import Col, PagedTable

PAGE_SIZE = 100
ALL = "*"


def area_filter_options() -> list[tuple[str, str]]:
    """All areas, then the office's tambon and each of its villages."""
    options = [(t("forums.all_areas"), ALL)]
    office = areas.get_office()
    if office is not None:
        options.append((Text(office.tambon.name), office.tambon.code))  # Text: names are not markup
        options += [(Text(areas.area_label(v)), v.code) for v in areas.villages()]
    return options


def short_area(level: str, code: str, name: str, lang: str) -> str:
    """``ม.3 บ้านทุ่งโฮ้ง`` for a village, ``ต.ในเวียง`` for a tambon … (level shown by its prefix)."""
    if level == "village":
        return f"{'ม.' if lang == 'th' else 'M.'}{int(code[-2:])} {name}"[:16]
    prefix = {"tambon": ("ต.", "T."), "district": ("อ.", "D."), "province": ("จ.", "P.")}.get(level, ("", ""))
    return f"{prefix[1] if lang == 'en' else prefix[0]}{name}"[:16]


def forum_name(f: Forum | store.ForumSummary) -> str:
    area_name = f.area_name if isinstance(f, store.ForumSummary) else f.area.name
    return f"{label(LEVEL_LABELS, f.level, get_lang())} {area_name} {format_date_be(f.date)}"


class ForumsScreen(guard.Guarded, Screen[None]):
    """The forum list and the way into every forum screen."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "new", "forums.key.new", priority=True),
        Binding("f3", "edit", "forums.key.edit", priority=True, show=False),
        Binding("f4", "attendance", "forums.key.attendance", priority=True),
        Binding("f5", "open", "forums.key.open", priority=True, show=False),
        Binding("f6", "focus_area", "forums.key.area", priority=True, show=False),
        Binding("f7", "page(-1)", "key.prev_page", priority=True, show=False),
        Binding("f8", "page(1)", "key.next_page", priority=True, show=False),
        Binding("f9", "plan", "forums.key.plan", priority=True),
        Binding("f10", "card", "forums.key.card", priority=True),
        Binding("delete", "delete", "forums.key.delete", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self.total = 0
        self._listed_area: str | None = None  # the area the list shows (None: all)
        self._covered = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("forums.title"), classes="title")
        with Horizontal(classes="toolbar"):
            yield Label(t("forums.area"))
            yield Select(area_filter_options(), value=ALL, allow_blank=False, id="forum-area")
        yield PagedTable(id="forums")
        yield Static("", id="status")
        yield AbcFooter()

    COLUMNS = (
        ("date", "forums.col.date"),
        ("area", "forums.col.area"),
        ("topic", "forums.col.topic"),
        ("people", "forums.col.people"),
        ("households", "forums.col.households"),
        ("findings", "forums.col.findings"),
        ("proposals", "forums.col.proposals"),
    )

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#forums", PagedTable).focus()

    def language_changed(self) -> None:
        """F12: title, area filter and column heads in the new language; the rows again (area names)."""
        self.query_one(".title", Static).update(t("forums.title"))
        self.query(Label).first().update(t("forums.area"))
        select = self.query_one("#forum-area", Select)
        value = select.value
        with select.prevent(Select.Changed):
            select.set_options(area_filter_options())
            select.value = value
        self.refresh_list(keep_id=self.selected_id())

    def on_screen_suspend(self) -> None:
        self._covered = True  # another screen on top: what it does may change this one's rows

    def on_screen_resume(self) -> None:
        # Back from a forum, attendance or the plan: its counts may have changed. (Not when the
        # screen first shows: on_mount has just listed it.)
        if self.is_mounted and self._covered:
            self._covered = False
            self.refresh_list(keep_id=self.selected_id())

    # ------------------------------------------------------------ listing

    @property
    def area(self) -> str | None:
        value = self.query_one("#forum-area", Select).value
        return None if value in (ALL, Select.NULL) else str(value)

    def columns(self) -> list[Col]:
        """The list's columns in the current language: the topic takes the width left."""
        numbers = {"people", "households", "findings", "proposals"}
        return [
            Col(key, t(text), justify="right" if key in numbers else "left", flex=key == "topic")
            for key, text in self.COLUMNS
        ]

    @property
    def row_ids(self) -> list[int]:
        return self.query_one("#forums", PagedTable).row_ids

    def refresh_list(self, keep_id: int | None = None) -> None:
        table = self.query_one("#forums", PagedTable)
        self._listed_area = self.area
        self.total = store.count_forums(self.area)
        pages = max(1, -(-self.total // PAGE_SIZE))
        self.page = min(max(self.page, 0), pages - 1)
        rows = store.list_forums(self.area, offset=self.page * PAGE_SIZE, limit=PAGE_SIZE)
        lang = get_lang()
        table.show(
            self.columns(),
            [
                (
                    s.id,
                    (
                        format_date_be(s.date),
                        Text(short_area(s.level, s.area_code, s.area_name, lang)),  # Text: data is not markup
                        Text(s.topic),  # as wide as the screen allows, cut with "…"
                        str(s.totals.total),
                        str(s.totals.households_present),
                        str(s.findings),
                        str(s.proposals),
                    ),
                )
                for s in rows
            ],
            keep_id=keep_id,
        )
        status = self.query_one("#status", Static)
        if not rows:
            status.update(t("forums.none"))
        else:
            status.update(
                t("forums.count", shown=len(rows), total=self.total, page=self.page + 1, pages=pages)
            )

    @on(Select.Changed, "#forum-area")
    def _area_changed(self) -> None:
        if self.area == self._listed_area:
            return  # the Select's own Changed as it mounts: that area is listed already
        self.page = 0
        self.refresh_list()

    def selected_id(self) -> int | None:
        return self.query_one("#forums", PagedTable).selected_id()

    def _need_selected(self) -> int | None:
        fid = self.selected_id()
        if fid is None:
            self.notify(t("forums.need_forum"), severity="warning")
        return fid

    def action_page(self, delta: int) -> None:
        self.page += delta
        self.refresh_list()

    def action_focus_area(self) -> None:
        self.query_one("#forum-area").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    # ------------------------------------------------------------ actions

    def action_new(self) -> None:
        from abc_tui.ui.screens.forum_form import ForumFormScreen

        def done(f: Forum | None) -> None:
            if f is None:
                return
            self.notify(t("forums.saved", name=forum_name(f)), markup=False)
            self.page = 0
            self.refresh_list(keep_id=f.id)
            self.open_forum(f.id)

        self.app.push_screen(ForumFormScreen(default_area=self.area, who=self.app.user), done)

    def action_edit(self) -> None:
        from abc_tui.ui.screens.forum_form import ForumFormScreen

        fid = self._need_selected()
        if fid is None:
            return

        def done(f: Forum | None) -> None:
            if f is not None:
                self.notify(t("forums.saved", name=forum_name(f)), markup=False)
                self.refresh_list(keep_id=f.id)

        self.app.push_screen(ForumFormScreen(store.get_forum(fid), who=self.app.user), done)

    @on(PagedTable.RowSelected, "#forums")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        fid = self._need_selected()
        if fid is not None:
            self.open_forum(fid)

    def open_forum(self, forum_id: int) -> None:
        from abc_tui.ui.screens.forum_detail import ForumScreen

        self.app.push_screen(ForumScreen(forum_id))

    def action_attendance(self) -> None:
        from abc_tui.ui.screens.forum_attendance import AttendanceScreen

        fid = self._need_selected()
        if fid is not None:
            self.app.push_screen(AttendanceScreen(fid))

    def action_plan(self) -> None:
        from abc_tui.ui.screens.plan_board import PlanBoardScreen

        self.app.push_screen(PlanBoardScreen(area=self.area))

    def action_card(self) -> None:
        from abc_tui.ui.screens.datacard import DataCardScreen

        fid = self.selected_id()
        if fid is None:  # an empty list: the card of the filtered village, if one is chosen
            area = self.area
            self.app.push_screen(DataCardScreen(village=area if area and len(area) == 8 else None))
            return
        forum = store.get_forum(fid)  # the highlighted forum's village and month, as F10 in the forum
        village = forum.area_code if forum.level == "village" else None
        self.app.push_screen(DataCardScreen(village=village, last=Month.of(forum.date), forum_id=fid))

    def action_delete(self) -> None:
        fid = self._need_selected()
        if fid is None:
            return
        name = forum_name(store.get_forum(fid))

        def deleted() -> None:
            self.notify(t("forums.deleted"))
            self.refresh_list()

        confirm_then(
            self,
            t("forums.confirm_delete", name=name),
            lambda: store.delete_forum(fid, who=self.app.user),
            deleted,
        )
