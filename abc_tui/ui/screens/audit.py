"""The audit viewer: who changed what and when, newest first; Enter shows before/after.

Filters: user, B.E. date range, household code, forum (a B.E. date or part of its topic). The list
reads one page (``PAGE_SIZE`` rows) at a time by keyset from :mod:`abc_tui.store.audit`, so a table
of millions of changes opens as fast as an empty one. Everything from the database is shown as
``rich.text.Text``, never markup.
"""

from __future__ import annotations

import datetime as _dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import parse_date, to_ascii_digits
from abc_tui.store import audit as audit_store
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.money import show_money
from abc_tui.ui.strings import get_lang, has, t
from abc_tui.ui.widgets.thai_input import ThaiInput

PAGE_SIZE = 100
SUMMARY_WIDTH = 28


def format_at(at: str) -> str:
    """A stored UTC timestamp as local B.E. date and time: ``15/03/2568 14:30``."""
    try:
        moment = _dt.datetime.fromisoformat(at).astimezone()
    except (TypeError, ValueError):
        return at or ""
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year + 543} {moment:%H:%M}"


def _label(prefix: str, value: str) -> str:
    key = f"{prefix}.{value}"
    return t(key) if has(key) else value


def _value(name: str, text: str) -> str:
    """Money fields in baht, everything else as stored."""
    if name.endswith("_satang") and text.lstrip("-").isdigit():
        return show_money(int(text))
    return text


class AuditScreen(Screen[None]):
    """Filters on top, the changes below, a status line."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f5", "focus_filters", "audit.key.filter", priority=True),
        Binding("f6", "focus_list", "audit.key.list", priority=True),
        Binding("f7", "page(-1)", "key.prev_page", priority=True),
        Binding("f8", "page(1)", "key.next_page", priority=True),
    ]

    COLUMNS = (
        ("at", "audit.col.at"),
        ("who", "audit.col.who"),
        ("what", "audit.col.what"),
        ("action", "audit.col.action"),
        ("summary", "audit.col.summary"),
    )
    FILTERS = (
        ("who", "audit.who"),
        ("from", "audit.from"),
        ("to", "audit.to"),
        ("household", "audit.household"),
        ("forum", "audit.forum"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.filter = audit_store.AuditFilter()
        #: keyset of each page shown so far: the id every row of that page is below (None = newest)
        self.starts: list[int | None] = [None]
        self.rows: list[audit_store.AuditRow] = []
        self.more = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("audit.title"), classes="title", id="audit-title")
        with Horizontal(classes="toolbar"):
            for key, label in self.FILTERS[:3]:
                yield Label(t(label), id=f"audit-{key}-label")
                yield ThaiInput(id=f"audit-{key}", max_length=120)
        with Horizontal(classes="toolbar"):
            for key, label in self.FILTERS[3:]:
                yield Label(t(label), id=f"audit-{key}-label")
                yield ThaiInput(id=f"audit-{key}", max_length=120)
        yield DataTable(id="audit", cursor_type="row", zebra_stripes=True)
        yield Static("", id="status", markup=False)
        yield AbcFooter()

    def on_mount(self) -> None:
        table = self.query_one("#audit", DataTable)
        for key, label in self.COLUMNS:
            table.add_column(t(label), key=key)
        self.load()
        table.focus()

    def language_changed(self) -> None:
        table = self.query_one("#audit", DataTable)
        for key, label in self.COLUMNS:
            table.columns[key].label = Text(t(label))
        self.query_one("#audit-title", Static).update(t("audit.title"))
        for key, label in self.FILTERS:
            self.query_one(f"#audit-{key}-label", Label).update(t(label))
        self.show()

    # ------------------------------------------------------------ filters

    def _typed(self, key: str) -> str:
        return " ".join(self.query_one(f"#audit-{key}", Input).value.split())

    @staticmethod
    def _who(typed: str) -> str:
        """The user named by part of a name ("พรทิพย์" finds "นางสาวพรทิพย์ วงศ์ใหญ่"): the name
        typed whole, else the one name holding it; AbcError when several do or none."""
        if not typed:
            return ""
        names = audit_store.users_in_audit(limit=1000)
        if typed in names:
            return typed
        found = [n for n in names if typed.casefold() in n.casefold()]
        if len(found) == 1:
            return found[0]
        if not found:
            raise AbcError(f"ไม่พบผู้ใช้ '{typed}' ในประวัติ", f"No user '{typed}' in the history")
        listed = ", ".join(found[:4]) + (" …" if len(found) > 4 else "")
        raise AbcError(
            f"มีผู้ใช้หลายคนที่ตรงกับ '{typed}': {listed} พิมพ์ให้ละเอียดขึ้น",
            f"Several users match '{typed}': {listed}; type more of the name",
        )

    def read_filter(self) -> audit_store.AuditFilter:
        """The filter typed in the boxes; AbcError for a date or forum that cannot be read."""
        first = parse_date(self._typed("from")) if self._typed("from") else None
        last = parse_date(self._typed("to")) if self._typed("to") else None
        if first and last and last < first:
            first, last = last, first
        forum_ids: tuple[int, ...] = ()
        if self._typed("forum"):
            forum_ids = audit_store.find_forums(self._typed("forum"))
            if not forum_ids:
                text = self._typed("forum")
                raise AbcError(f"ไม่พบเวทีที่ตรงกับ '{text}'", f"No forum matches '{text}'")
        return audit_store.AuditFilter(
            who=self._who(self._typed("who")),
            first=first,
            last=last,
            household_code=to_ascii_digits(self._typed("household")).replace(" ", ""),
            forum_ids=forum_ids,
        )

    @on(Input.Submitted)
    def _apply(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.filter = self.read_filter()
        except AbcError as err:
            self.app.bell()
            self.query_one("#status", Static).update(err.message(get_lang()))
            return
        self.starts = [None]
        self.load()
        self.query_one("#audit", DataTable).focus()

    # ------------------------------------------------------------ listing

    def load(self) -> None:
        rows = audit_store.page(self.filter, before_id=self.starts[-1], limit=PAGE_SIZE + 1)
        self.more = len(rows) > PAGE_SIZE
        self.rows = rows[:PAGE_SIZE]
        self.show()

    def show(self) -> None:
        table = self.query_one("#audit", DataTable)
        table.clear()
        for r in self.rows:
            summary = r.summary if len(r.summary) <= SUMMARY_WIDTH else r.summary[: SUMMARY_WIDTH - 1] + "…"
            table.add_row(
                Text(format_at(r.at)),
                Text(r.who),
                Text(_label("audit.t", r.table)),
                Text(_label("audit.a", r.action)),
                Text(summary),
                key=str(r.id),
            )
        status = (
            t(
                "audit.status",
                page=len(self.starts),
                n=len(self.rows),
                more=t("audit.more") if self.more else "",
            )
            if self.rows
            else t("audit.none")
        )
        self.query_one("#status", Static).update(status)

    def action_page(self, delta: int) -> None:
        if delta > 0 and self.more and self.rows:
            self.starts.append(self.rows[-1].id)
        elif delta < 0 and len(self.starts) > 1:
            self.starts.pop()
        else:
            return
        self.load()

    def action_focus_filters(self) -> None:
        self.query_one("#audit-who").focus()

    def action_focus_list(self) -> None:
        self.query_one("#audit", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is None:
            return
        found = audit_store.detail(int(event.row_key.value))
        if found is not None:
            self.app.push_screen(AuditDetailScreen(found))

    def action_back(self) -> None:
        self.dismiss()


class AuditDetailScreen(ModalScreen[None]):
    """One change field by field: before and after side by side, changed fields bold and marked."""

    BINDINGS = [Binding("escape", "dismiss", "key.back"), Binding("enter", "dismiss", "key.back", show=False)]

    def __init__(self, detail: audit_store.AuditDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        r = self.detail.row
        with Vertical(id="audit-detail-box"):
            yield Static(
                Text(
                    t(
                        "audit.detail",
                        at=format_at(r.at),
                        who=r.who,
                        what=_label("audit.t", r.table),
                        action=_label("audit.a", r.action),
                        summary=r.summary,
                    )
                ),
                id="audit-detail-title",
            )
            yield DataTable(id="audit-fields", cursor_type="row")
            yield Static(t("audit.detail_hint"), classes="hint")
            yield AbcFooter()

    def on_mount(self) -> None:
        table = self.query_one("#audit-fields", DataTable)
        for key, label in (
            ("field", "audit.col.field"),
            ("before", "audit.col.before"),
            ("after", "audit.col.after"),
        ):
            table.add_column(t(label), key=key)
        for f in self.detail.fields:
            style = "bold yellow" if f.changed else ""
            table.add_row(
                Text(("* " if f.changed else "  ") + f.name, style="bold" if f.changed else ""),
                Text(_value(f.name, f.before), style="bold" if f.changed else ""),
                Text(_value(f.name, f.after), style=style),
            )
        table.focus()
