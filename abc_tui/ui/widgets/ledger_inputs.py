"""Inputs of the ledger entry row.

- :class:`CompletingInput`: shows a completion in grey as the clerk types
  (from any lookup function, through a Textual ``Suggester``); **Enter accepts
  what is shown**, Right accepts it too, Delete at the end dismisses it so that
  exactly the typed text is kept.
- :class:`CodeInput`: posts :class:`CodeInput.Completed` when the clerk has
  typed a full 2-digit code, so the row moves on without Enter (numeric keypad).
- :class:`DayInput`: the same for a day no further digit could change (two digits, or 4–9).
- :class:`MonthInput`: the same for a whole B.E. month of a likely year (``4/68``).

Each reports only what was typed (or pasted), never a value the program set.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.suggester import Suggester

from abc_tui.domain.ledger import is_complete_code, is_complete_day, is_complete_month
from abc_tui.domain.thai import Month
from abc_tui.ui.typeahead import clear_suggestion, suggestion
from abc_tui.ui.widgets.thai_input import ThaiInput

__all__ = ["CallbackSuggester", "CodeInput", "CompletingInput", "DayInput", "MonthInput"]


class CallbackSuggester(Suggester):
    """A suggester that asks ``lookup(value)`` every time (no cache: history changes as lines are saved)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.lookup = lookup

    async def get_suggestion(self, value: str) -> str | None:
        return self.lookup(value)


class CompletingInput(ThaiInput):
    """A ``ThaiInput`` whose Enter accepts the grey completion shown after the cursor."""

    @property
    def completion(self) -> str:
        """The completion on screen right now ("" when none is shown)."""
        s = suggestion(self)
        if s and len(s) > len(self.value) and self.cursor_at_end and self.has_focus:
            return s
        return ""

    async def action_submit(self) -> None:
        shown = self.completion
        if shown:
            self.value = shown
            self.cursor_position = len(shown)
        await super().action_submit()

    def action_delete_right(self) -> None:
        """Delete at the end of the text dismisses the completion (keep exactly what was typed)."""
        if self.cursor_at_end and suggestion(self):
            clear_suggestion(self)
            return
        super().action_delete_right()


class CodeInput(ThaiInput):
    """The category field: a typed complete 2-digit code is reported at once."""

    @dataclass
    class Completed(Message):
        input: CodeInput

        @property
        def control(self) -> CodeInput:
            return self.input

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(text, start, end)
        # Only typing (or pasting) calls replace with text; setting .value does not.
        if text and is_complete_code(self.value):
            self.post_message(self.Completed(self))


class DayInput(ThaiInput):
    """The day field: a typed day that is complete (``15``, ``7``) is reported at once."""

    @dataclass
    class Completed(Message):
        input: DayInput

        @property
        def control(self) -> DayInput:
            return self.input

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(text, start, end)
        if text and is_complete_day(self.value):
            self.post_message(self.Completed(self))


class MonthInput(ThaiInput):
    """The page header's month: a typed whole month of a likely year is reported at once."""

    @dataclass
    class Completed(Message):
        input: MonthInput

        @property
        def control(self) -> MonthInput:
            return self.input

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(text, start, end)
        if text and is_complete_month(self.value, Month.of(_dt.date.today())):
            self.post_message(self.Completed(self))
