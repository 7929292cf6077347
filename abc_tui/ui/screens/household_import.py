"""Import the office's household list from a spreadsheet (officers: permission "import").

Opened from the household register (F9). Type the file's path and Enter: the file is read, the
header row and the columns are guessed (or taken from the last import of a file with the same
headers) and the dry run lists every row as add / skip / refuse with its reason. F3 changes the
columns, the header row, the village of rows without one and the joining date; F5 shows only the
rows that are not added; F10 asks, then adds every "add" row in ONE transaction (or none). The
logic is :mod:`abc_tui.store.household_import`; this screen only shows it.
"""

from __future__ import annotations

from pathlib import Path

import tablib
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.reports.household_import import ACTION_LABELS
from abc_tui.store import areas
from abc_tui.store import household_import as hi
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter, ConfirmScreen
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.form import Field, FormScreen
from abc_tui.ui.widgets.thai_input import ThaiInput

NONE = "-"
COLUMNS = (
    ("row", "hi.col.row"),
    ("action", "hi.col.action"),
    ("moo", "hi.col.moo"),
    ("house", "hi.col.house"),
    ("head", "hi.col.head"),
    ("reason", "hi.col.reason"),
)


class HouseholdImportScreen(guard.Guarded, Screen[int]):
    """Dismisses with the number of households added (0 when none)."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f3", "columns", "hi.key.columns", priority=True),
        Binding("f5", "problems", "hi.key.problems", priority=True),
        Binding("f10", "commit", "hi.key.import", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.source: Path | None = None
        self.table: tablib.Dataset | None = None
        self.header = -1
        self.mapping: dict[str, int] = {}
        self.village = ""
        self.joined = ""
        self.plan: hi.Plan | None = None
        self.only_problems = False
        self.added = 0
        self.shown: list = []  # the plan rows in the table, in its order

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("hi.title"), classes="title", id="hi-title")
        with Horizontal(classes="toolbar"):
            yield Label(t("hi.file"), id="hi-file-label")
            yield ThaiInput(placeholder=t("hi.placeholder"), id="hi-path")
        yield Static("", id="hi-mapping", classes="hint")
        yield DataTable(id="hi-rows", cursor_type="row", zebra_stripes=True)
        yield Static("", id="hi-reason", classes="hint")  # the highlighted row's reason, whole
        yield Static(t("hi.hint"), id="status")
        yield AbcFooter()

    def on_mount(self) -> None:
        rows = self.query_one("#hi-rows", DataTable)
        for key, label in COLUMNS:
            rows.add_column(t(label), key=key)
        self.query_one("#hi-mapping", Static).display = False
        self.query_one("#hi-path", Input).focus()

    def language_changed(self) -> None:
        rows = self.query_one("#hi-rows", DataTable)
        for key, label in COLUMNS:
            rows.columns[key].label = Text(t(label))
        self.query_one("#hi-title", Static).update(t("hi.title"))
        self.query_one("#hi-file-label", Label).update(t("hi.file"))
        at = rows.cursor_row
        self._show()
        if 0 < at < rows.row_count:  # the same row highlighted, its reason in the new language
            rows.move_cursor(row=at)
            self._reason_line(at)

    # ------------------------------------------------------------ reading and the dry run

    @on(Input.Submitted, "#hi-path")
    def _path_entered(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().strip('"')
        if not text:
            return
        self._say(t("hi.reading", name=Path(text).name))
        self._read(Path(text).expanduser())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _read(self, path: Path) -> None:
        """Read the file in a thread (a big ODS takes seconds); no database here."""
        try:
            table = hi.read_table(path)
        except AbcError as err:
            self.app.call_from_thread(self._error, err)
        except Exception as err:  # noqa: BLE001 - anything else unexpected: said, never a crash
            self.app.call_from_thread(
                self._error, AbcError(f"อ่านไฟล์ไม่ได้: {err}", f"Cannot read the file: {err}")
            )
        else:
            self.app.call_from_thread(self._loaded, path, table)

    def _loaded(self, path: Path, table: tablib.Dataset) -> None:
        header = hi.find_header(table)
        headers = list(table[header]) if header >= 0 else []
        try:
            mapping = (guard.call(hi.saved_mapping, headers) or hi.guess_mapping(headers)) if headers else {}
        except AbcError as err:
            self._error(err)
            return
        self.source, self.table, self.header, self.mapping = path, table, header, mapping
        self.village = self.joined = ""
        if header < 0:
            self._say(t("hi.no_header"), error=True)
            self.action_columns()
            return
        if self._replan():
            self.query_one("#hi-rows").focus()

    def _replan(self) -> bool:
        if self.table is None:
            return False
        try:
            self.plan = guard.call(
                hi.plan_import,
                self.table,
                self.mapping,
                self.header,
                village_code=self.village,
                joined_on=self.joined,
            )
        except AbcError as err:
            self.plan = None
            self._show()
            self._error(err)
            return False
        self._show()
        return True

    def _show(self) -> None:
        rows = self.query_one("#hi-rows", DataTable)
        rows.clear()
        self.shown = []
        self.query_one("#hi-reason", Static).update("")
        box = self.query_one("#hi-mapping", Static)
        if self.table is None:
            return
        box.display = True
        box.update(Text(self._mapping_text()))
        if self.plan is None:
            return
        lang = get_lang()
        i = 0 if lang == "th" else 1
        for r in self.plan.rows:
            if self.only_problems and r.action == "add":
                continue
            style = {"add": "", "skip": "dim", "refuse": "bold red"}[r.action]
            self.shown.append(r)
            rows.add_row(
                str(r.row),
                Text(ACTION_LABELS[r.action][i], style=style),
                str(int(r.village_code[-2:])) if r.village_code else "",
                Text(r.house_no),
                Text(r.head),
                Text(r.reason(lang)),
            )
        self._reason_line(rows.cursor_row)  # F12 and F5 redraw the rows: the line follows
        c = self.plan.counts
        self._say(t("hi.summary", add=c["add"], skip=c["skip"], refuse=c["refuse"], row=self.plan.header_row))

    @on(DataTable.RowHighlighted, "#hi-rows")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._reason_line(event.cursor_row)

    def _reason_line(self, index: int) -> None:
        """The reason column is cut at 80 columns: the highlighted row's reason is shown whole below."""
        row = self.shown[index] if 0 <= index < len(self.shown) else None
        reason = row.reason(get_lang()) if row is not None else ""
        self.query_one("#hi-reason", Static).update(Text(f"{row.row}: {reason}" if reason else ""))

    def _mapping_text(self) -> str:
        i = 0 if get_lang() == "th" else 1
        parts = []
        for f in hi.FIELDS:
            col = self.mapping.get(f)
            parts.append(f"{hi.FIELD_LABELS[f][i]}={hi.column_letter(col) if col is not None else NONE}")
        extra = []
        if self.village:
            extra.append(t("hi.default_village", moo=self.village))
        if self.joined:
            extra.append(t("hi.default_joined", date=self.joined))
        return "  ".join(parts + extra)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.query_one("#status", Static).update(Text(text, style="bold red" if error else ""))

    def _error(self, err: AbcError) -> None:
        self.app.bell()
        self._say(err.message(get_lang()), error=True)

    # ------------------------------------------------------------ keys

    def action_columns(self) -> None:
        """F3: which column holds which field, the header row, the village and joining date of
        rows without one. Enter on the last field (or F10) applies them and runs the dry run again."""
        if self.table is None:
            self._say(t("hi.need_file"), error=True)
            self.query_one("#hi-path").focus()
            return
        header = self.header if self.header >= 0 else 0
        headers = list(self.table[header])
        columns = [(t("hi.no_column"), "")] + [
            (f"{hi.column_letter(i)}  {'' if h is None else str(h)[:40]}", str(i))
            for i, h in enumerate(headers)
        ]
        villages = [(t("hi.village_from_file"), "")] + [
            (areas.area_label(v), v.code) for v in areas.villages()
        ]
        fields = [Field("header_row", "hi.header_row", str(header + 1), max_length=4)]
        fields += [
            Field(f, f"hi.field.{f}", str(self.mapping[f]) if f in self.mapping else "", options=columns)
            for f in hi.FIELDS
        ]
        fields += [
            Field("default_village", "hi.village", self.village, options=villages),
            Field("default_joined", "hi.joined", self.joined, max_length=12),
        ]

        def submit(values: dict[str, str]) -> dict[str, str]:
            from abc_tui.domain.thai import parse_date, parse_int

            row = parse_int(
                values["header_row"],
                field_th="แถวหัวคอลัมน์",
                field_en="header row",
                minimum=1,
                maximum=self.table.height,
            )
            mapping = {f: int(values[f]) for f in hi.FIELDS if values[f] != ""}
            hi.check_mapping(mapping, has_default_village=bool(values["default_village"]))
            if values["default_joined"].strip():
                parse_date(values["default_joined"])
            values["header_row"] = str(row)
            return values

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            new_header = int(values["header_row"]) - 1
            if new_header != self.header:  # another header row: guess its columns afresh
                self.header = new_header
                self.mapping = hi.guess_mapping(list(self.table[new_header]))
            else:
                self.mapping = {f: int(values[f]) for f in hi.FIELDS if values[f] != ""}
            self.village, self.joined = values["default_village"], values["default_joined"].strip()
            if self._replan():
                self.query_one("#hi-rows").focus()

        self.app.push_screen(FormScreen(t("hi.columns_title"), fields, submit), done)

    def action_problems(self) -> None:
        self.only_problems = not self.only_problems
        self._show()

    def action_commit(self) -> None:
        if self.plan is None or self.table is None:
            self._say(t("hi.need_file"), error=True)
            return
        c = self.plan.counts
        if not c["add"]:
            self.notify(t("hi.nothing"), severity="warning")
            return
        question = t(
            "hi.confirm", add=c["add"], refuse=c["refuse"], name=self.source.name if self.source else ""
        )

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                n = guard.call(
                    hi.commit_import,
                    self.table,
                    self.plan,
                    village_code=self.village,
                    joined_on=self.joined,
                    who=self.app.user,
                )
            except AbcError as err:  # changed meanwhile, locked: nothing was added
                self._error(err)
                self._replan()
                return
            self.added += n
            self.notify(t("hi.added", n=n))
            self._replan()  # every row now says "already registered"

        self.app.push_screen(ConfirmScreen(question), answer)

    def action_back(self) -> None:
        self.dismiss(self.added)
