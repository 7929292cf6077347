"""The ledger's input widgets on their own: completion accepted by Enter, dismissed by Delete;
a complete 2-digit code reported without Enter (typed only, not when set by the program)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from abc_tui.ui.widgets.ledger_inputs import CallbackSuggester, CodeInput, CompletingInput
from tests.ui.keys import type_text

ITEMS = ["ไข่ไก่", "ไข่เป็ด", "น้ำปลา"]


class InputsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.submitted: list[str] = []
        self.completed: list[str] = []

    def compose(self) -> ComposeResult:
        yield CodeInput(id="code")
        yield CompletingInput(
            id="item",
            suggester=CallbackSuggester(
                lambda v: next((i for i in ITEMS if i.startswith(v) and i != v), None)
            ),
        )

    def on_input_submitted(self, event: CompletingInput.Submitted) -> None:
        self.submitted.append(event.value)

    def on_code_input_completed(self, event: CodeInput.Completed) -> None:
        self.completed.append(event.input.value)


async def test_enter_accepts_the_completion_shown():
    app = InputsApp()
    async with app.run_test() as pilot:
        app.query_one("#item").focus()
        await type_text(pilot, "ไข่")
        item = app.query_one("#item", CompletingInput)
        assert item.completion == "ไข่ไก่"
        await type_text(pilot, "\n")
        assert app.submitted == ["ไข่ไก่"] and item.value == "ไข่ไก่"


async def test_delete_keeps_exactly_what_was_typed():
    app = InputsApp()
    async with app.run_test() as pilot:
        app.query_one("#item").focus()
        await type_text(pilot, "น้ำ")
        item = app.query_one("#item", CompletingInput)
        assert item.completion == "น้ำปลา"
        await pilot.press("delete")
        assert item.completion == "" and item.value == "น้ำ"
        await type_text(pilot, "\n")
        assert app.submitted == ["น้ำ"]


async def test_code_complete_when_typed_not_when_set():
    app = InputsApp()
    async with app.run_test() as pilot:
        code = app.query_one("#code", CodeInput)
        code.focus()
        code.value = "31"  # set by the program (e.g. editing a saved line): no report
        await pilot.pause()
        assert app.completed == []
        code.value = ""
        await type_text(pilot, "๓")
        assert app.completed == []
        await type_text(pilot, "๑")  # Thai digits count
        assert app.completed == ["๓๑"]
