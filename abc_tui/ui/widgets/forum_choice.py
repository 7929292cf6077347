"""A small modal list to pick one of a few choices with the arrow keys and Enter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ChoiceScreen(ModalScreen[str | None]):
    """Dismisses with the chosen value, or None on Esc."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(
        self,
        question: str,
        choices: Sequence[tuple[str, str]] | Callable[[], Sequence[tuple[str, str]]],
    ) -> None:
        """``question``: a ``t()`` text; ``choices``: (text, value) pairs, or a function that gives
        them in the current language (F12 on the open list writes them again)."""
        super().__init__()
        self.question = question
        self._write = choices if callable(choices) else None
        self.choices = list(choices() if callable(choices) else choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(Text(self.question), classes="title")  # choices and questions quote data
            yield OptionList(*[Option(Text(text), id=value) for text, value in self.choices], id="choices")

    def language_changed(self) -> None:
        from abc_tui.ui.strings import retranslate

        new = retranslate(self.question)
        if new is not None:
            self.question = new
            self.query_one("#choice-box > .title", Static).update(Text(new))
        if self._write is not None:
            self.choices = list(self._write())
            options = self.query_one("#choices", OptionList)
            at = options.highlighted
            options.clear_options()
            options.add_options([Option(Text(text), id=value) for text, value in self.choices])
            options.highlighted = at

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
