"""Area setup: the office's province/district/tambon codes and names, and its villages.

Shown by itself on first run (no office or no village yet); later reachable
from the main menu to correct names or add villages.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.store import areas
from abc_tui.ui import guard
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.thai_input import ThaiInput

AREA_FIELDS = [
    ("office_name", "setup.office_name"),
    ("province_code", "setup.province_code"),
    ("province_name", "setup.province_name"),
    ("district_code", "setup.district_code"),
    ("district_name", "setup.district_name"),
    ("tambon_code", "setup.tambon_code"),
    ("tambon_name", "setup.tambon_name"),
]


class SetupScreen(guard.Guarded, Screen[None]):
    """Office area and villages."""

    BINDINGS = [
        Binding("escape", "done", "key.back"),
        Binding("f10", "save_area", "setup.save_area", priority=True),
        Binding("f2", "focus_village", "key.add_village", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.added: list[str] = []  # the villages added while the screen is open

    def compose(self) -> ComposeResult:
        office = areas.get_office()
        initial = {}
        if office is not None:
            initial = {
                "office_name": office.name,
                "province_code": office.province.code,
                "province_name": office.province.name,
                "district_code": office.district.code,
                "district_name": office.district.name,
                "tambon_code": office.tambon.code,
                "tambon_name": office.tambon.name,
            }
        yield Header()
        with VerticalScroll():
            yield Static(t("setup.title"), classes="title")
            yield Static(t("setup.intro"), classes="hint")
            from abc_tui.ui.app import data_file_text

            yield Static(
                data_file_text(), id="db-path", classes="hint", markup=False
            )  # which file (the same from any folder)
            with Horizontal(classes="setup-row"):
                yield Label(t("setup.office_name"))
                yield ThaiInput(initial.get("office_name", ""), id="a-office_name")
            for level in ("province", "district", "tambon"):  # code and name of a level on one line
                with Horizontal(classes="setup-row"):
                    yield Label(t(f"setup.row.{level}"), classes="setup-level")
                    yield Label(t("setup.row.code"))
                    yield ThaiInput(
                        initial.get(f"{level}_code", ""), id=f"a-{level}_code", classes="setup-code"
                    )
                    yield Label(t("setup.row.name"))
                    yield ThaiInput(initial.get(f"{level}_name", ""), id=f"a-{level}_name")
            yield Static("", id="area-error", classes="error")
            yield Static(t("setup.villages"), classes="title")
            with Horizontal(classes="setup-row"):  # the village boxes: visible at 80×24 without scrolling
                yield Label(t("setup.moo"))
                yield ThaiInput(id="v-moo", max_length=2, classes="setup-moo")
                yield Label(t("setup.village_name"))
                yield ThaiInput(id="v-name")
            yield Static("", id="village-error", classes="error")
            yield Static("", id="village-note", classes="hint")
            yield DataTable(id="villages", cursor_type="row")
        yield AbcFooter()

    def on_mount(self) -> None:
        table = self.query_one("#villages", DataTable)
        table.add_columns(t("setup.moo"), t("setup.village_name"), t("setup.village_code"))
        self._fill_villages()
        self.query_one("#a-office_name").focus()
        self._saved = self._area_values()  # what Esc compares with: typed, unsaved text is asked about

    def _area_values(self) -> dict[str, str]:
        return {n: self.query_one(f"#a-{n}", Input).value for n, _ in AREA_FIELDS}

    def unsaved(self) -> bool:
        """Typed text that Esc would lose: area fields not saved with F10, a village not added."""
        typed_village = any(self.query_one(f"#{i}", Input).value.strip() for i in ("v-moo", "v-name"))
        return typed_village or self._area_values() != self._saved

    def _fill_villages(self) -> None:
        table = self.query_one("#villages", DataTable)
        table.clear()
        for v in areas.villages():
            table.add_row(str(int(v.code[-2:])), Text(v.name), v.code)  # Text: a name is not markup

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        ids = [f"a-{n}" for n, _ in AREA_FIELDS]
        wid = event.input.id or ""
        if wid in ids:
            i = ids.index(wid)
            if i < len(ids) - 1:
                self.query_one(f"#{ids[i + 1]}").focus()
            else:
                self.action_save_area()
        elif wid == "v-moo":
            self.query_one("#v-name").focus()
        elif wid == "v-name":
            self._add_village()

    def action_save_area(self) -> None:
        values = self._area_values()
        error = self.query_one("#area-error", Static)
        try:
            guard.call(areas.setup_office, **values)
        except AbcError as err:
            error.update(Text(err.message(get_lang())))
            self.app.bell()
            return
        error.update("")
        self._saved = values
        self.notify(t("setup.saved"))
        self.query_one("#v-moo").focus()

    def action_focus_village(self) -> None:
        self.query_one("#v-moo").focus()

    def _add_village(self) -> None:
        error = self.query_one("#village-error", Static)
        office = areas.get_office()
        if office is None:
            error.update(t("setup.need_office"))
            self.app.bell()
            return
        moo = self.query_one("#v-moo", Input)
        name = self.query_one("#v-name", Input)
        try:
            village = guard.call(areas.add_village, office.tambon.code, moo.value, name.value)
        except AbcError as err:
            error.update(Text(err.message(get_lang())))
            self.app.bell()
            return
        error.update("")
        moo.value = ""
        name.value = ""
        moo.focus()
        self._fill_villages()
        # One line that sums up, not a toast per village (twelve of them piled up over the screen).
        self.added.append(village.name)
        self.query_one("#village-note", Static).update(
            Text(t("setup.villages_added", n=len(self.added), last=village.name))
        )

    def action_done(self) -> None:
        if areas.get_office() is None:
            self.query_one("#area-error", Static).update(t("setup.need_office"))
            return
        if not areas.villages():
            self.query_one("#village-error", Static).update(t("setup.need_village"))
            return
        if not self.unsaved():
            self.app.pop_screen()  # the main screen refreshes the office name when it resumes
            return
        from abc_tui.ui.app import CarefulConfirmScreen

        def answer(yes: bool | None) -> None:  # as forms: y discards; Enter, n, Esc go back to it
            if yes:
                self.app.pop_screen()

        self.app.push_screen(CarefulConfirmScreen(t("form.discard_screen")), answer)
