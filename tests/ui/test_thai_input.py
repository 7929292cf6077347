"""Pilot tests for ThaiInput: grapheme-cluster editing of Thai text."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input
from textual.widgets.input import Selection

from abc_tui.ui.widgets.thai_input import ThaiInput
from tests.ui.keys import type_text

SIZE = (80, 24)


class InputApp(App[None]):
    """One input to type into; `input_class` switches ThaiInput/Input."""

    def __init__(self, input_class: type[Input] = ThaiInput, value: str = "") -> None:
        super().__init__()
        self.input_class = input_class
        self.initial_value = value

    def compose(self) -> ComposeResult:
        yield self.input_class(value=self.initial_value, id="inp")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(Input).focus()

    @property
    def inp(self) -> Input:
        return self.query_one(Input)


# -- the typing helper -------------------------------------------------------


async def test_type_text_keeps_thai_combining_marks() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "น้ำมัน")
        assert app.inp.value == "น้ำมัน"
        assert app.inp.cursor_position == 6


async def test_pilot_press_drops_marks_which_is_why_type_text_exists() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"น้ำมัน")
        # Pilot maps "้" to the key name "thai_character_mai_tho" and cannot
        # map it back to a character, so the mark never reaches the Input.
        assert app.inp.value == "นำมน"


async def test_type_text_ascii_thai_digits_and_symbols() -> None:
    text = "ค่าไฟ ๑,๒๓๔.๕๐ ฿ + 12/3 = Ab.-*"
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, text)
        assert app.inp.value == text


async def test_type_text_enter_submits() -> None:
    submitted: list[str] = []

    class SubmitApp(InputApp):
        def on_input_submitted(self, event: Input.Submitted) -> None:
            submitted.append(event.value)

    app = SubmitApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "เบียร์\n")
        assert submitted == ["เบียร์"]


# -- cursor movement ---------------------------------------------------------


async def test_left_and_right_step_over_whole_clusters() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "น้ำมัน")  # น้ำ | มั | น -> 0, 3, 5, 6
        positions = []
        for _ in range(4):
            await pilot.press("left")
            positions.append(app.inp.cursor_position)
        assert positions == [5, 3, 0, 0]
        positions = []
        for _ in range(4):
            await pilot.press("right")
            positions.append(app.inp.cursor_position)
        assert positions == [3, 5, 6, 6]


async def test_stock_input_would_stop_inside_clusters() -> None:
    app = InputApp(Input)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "น้ำมัน")
        await pilot.press("left", "left")
        assert app.inp.cursor_position == 4  # between "ม" and "ั"


async def test_home_and_end() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "ค่าไฟ")
        await pilot.press("home")
        assert app.inp.cursor_position == 0
        await pilot.press("right")
        assert app.inp.cursor_position == 2
        await pilot.press("end")
        assert app.inp.cursor_position == 5


async def test_typing_in_the_middle_inserts_after_the_cluster() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "ค่ไฟ")
        await pilot.press("home", "right")  # after "ค่"
        await type_text(pilot, "า")
        assert app.inp.value == "ค่าไฟ"
        assert app.inp.cursor_position == 3


async def test_tone_mark_typed_after_consonant_joins_cluster() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "นา")
        await pilot.press("left")  # between "น" and "า" (separate clusters)
        await type_text(pilot, "้")
        assert app.inp.value == "น้า"
        assert app.inp.cursor_position == 2  # end of the "น้" cluster


async def test_word_moves_use_spaces_not_marks() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "น้ำมัน ค่าไฟ")
        await pilot.press("ctrl+left")
        assert app.inp.cursor_position == 7
        await pilot.press("ctrl+left")
        assert app.inp.cursor_position == 0
        await pilot.press("ctrl+right")
        assert app.inp.cursor_position == 7
        await pilot.press("ctrl+right")
        assert app.inp.cursor_position == len("น้ำมัน ค่าไฟ")
        await pilot.press("ctrl+w")  # delete_left_word
        assert app.inp.value == "น้ำมัน "


# -- deletion ----------------------------------------------------------------


async def test_backspace_deletes_whole_cluster() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "ค่")
        await pilot.press("backspace")
        assert app.inp.value == ""
        await type_text(pilot, "ค่าน้ำ")
        await pilot.press("backspace")
        assert app.inp.value == "ค่า"
        await pilot.press("backspace", "backspace")
        assert app.inp.value == ""


async def test_delete_removes_whole_cluster_to_the_right() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "น้ำมัน")
        await pilot.press("home", "delete")
        assert app.inp.value == "มัน"
        assert app.inp.cursor_position == 0
        await pilot.press("delete")
        assert app.inp.value == "น"


async def test_shift_arrows_select_whole_clusters() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "น้ำมัน")
        await pilot.press("shift+left")
        assert app.inp.selection == Selection(6, 5)
        await pilot.press("shift+left")
        assert app.inp.selection == Selection(6, 3)
        assert app.inp.selected_text == "มัน"
        await pilot.press("backspace")
        assert app.inp.value == "น้ำ"
        await pilot.press("home", "shift+right")
        assert app.inp.selected_text == "น้ำ"


# -- snapping ----------------------------------------------------------------


async def test_programmatic_cursor_position_snaps_to_boundary() -> None:
    app = InputApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "น้ำมัน")
        for inside, snapped in [(1, 3), (2, 3), (4, 5), (3, 3), (0, 0), (99, 6)]:
            app.inp.cursor_position = inside
            assert app.inp.cursor_position == snapped
        # A selection grows to cover every cluster it touches.
        app.inp.selection = Selection(1, 4)
        assert app.inp.selection == Selection(0, 5)
        app.inp.selection = Selection(4, 1)
        assert app.inp.selection == Selection(5, 0)


async def test_replacing_value_keeps_cursor_on_boundary() -> None:
    app = InputApp(value="นา")
    async with app.run_test(size=SIZE):
        app.inp.cursor_position = 1
        app.inp.value = "น้ำ"
        assert app.inp.cursor_position == 3


async def test_click_lands_on_cluster_start_or_end() -> None:
    app = InputApp(value="น้ำมัน")  # cells: น้ำ=2, มั=1, น=1
    async with app.run_test(size=SIZE) as pilot:
        left = app.inp.content_region.x - app.inp.region.x
        # Clicking the SARA AM cell: stock Input would put the cursor at 2.
        await pilot.click("#inp", offset=(left + 1, 1))
        assert app.inp.cursor_position == 0
        await pilot.click("#inp", offset=(left + 2, 1))
        assert app.inp.cursor_position == 3
        # Just past the end: stock Input would return the cell offset (4).
        await pilot.click("#inp", offset=(left + 4, 1))
        assert app.inp.cursor_position == 6


async def test_cursor_highlight_covers_whole_cluster() -> None:
    app = InputApp(value="น้ำมัน")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("home")
        cursor_style = app.inp.get_component_rich_style("input--cursor")
        text = app.inp._value
        styled = "".join(
            text.plain[span.start : span.end] for span in text.spans if span.style == cursor_style
        )
        assert styled == "้ำ"  # Input.render_line itself styles the "น"


# -- ASCII is unchanged ------------------------------------------------------


async def test_ascii_behaves_like_stock_input() -> None:
    keys = [
        "left", "left", "backspace", "delete", "home", "right", "shift+right",
        "shift+right", "x", "ctrl+right", "ctrl+left", "ctrl+shift+right",
        "shift+left", "ctrl+shift+left", "left", "end", "ctrl+left", "left",
        "ctrl+backspace", "ctrl+w", "shift+home", "right", "right", "ctrl+u",
        "ctrl+right", "ctrl+k", "home", "ctrl+d", "shift+end", "backspace",
    ]  # fmt: skip

    async def run(input_class: type[Input]) -> list[tuple[str, Selection]]:
        app = InputApp(input_class)
        trace = []
        async with app.run_test(size=SIZE) as pilot:
            await type_text(pilot, "hello brave new-world 42/7")
            for key in keys:
                await pilot.press(key)
                trace.append((app.inp.value, app.inp.selection))
            for position in range(0, 30, 3):
                app.inp.cursor_position = position
                trace.append((app.inp.value, app.inp.selection))
        return trace

    assert await run(ThaiInput) == await run(Input)
