"""A keyboard form in a modal: labelled fields, Enter moves on, Enter on the last saves.

The form collects strings; a ``submit`` callable (given by the calling
screen, which calls the service layer) turns them into a saved record or
raises :class:`AbcError`. An error is shown in place and the form stays open
with everything typed, so nothing is lost to a typo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static
from textual.widgets._select import SelectOverlay

from abc_tui.domain.errors import AbcError
from abc_tui.ui import guard
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.thai_input import ThaiInput


class ChoiceSelect(Select[str]):
    """A ``Select`` that reports every choice made in its menu, even of the current value,
    so that Enter, Enter moves a form on like a text field."""

    @dataclass
    class Chosen(Message):
        select: ChoiceSelect

    @on(SelectOverlay.UpdateSelection)
    def _report_choice(self) -> None:
        # Runs before Select's own handler; report once the value is updated.
        self.call_after_refresh(self.post_message, self.Chosen(self))


@dataclass
class Field:
    """One form field: ``name`` in the result, a string key for its label, initial value,
    and ``options`` ((label, value) pairs) for a choice instead of free text."""

    name: str
    label: str
    value: str = ""
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    max_length: int = 0


class FormScreen(guard.Guarded, ModalScreen[Any]):
    """Modal form. Dismisses with whatever ``submit`` returned, or None on Esc."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("f10", "submit", "key.save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[dict[str, str]], Any],
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.submit = submit

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Static(Text(self.form_title), classes="title")  # titles quote names
            for f in self.fields:
                with Horizontal(classes="form-row"):
                    yield Label(t(f.label))
                    if f.options:
                        yield ChoiceSelect(  # Text: option labels quote area names, not markup
                            [(Text(label) if isinstance(label, str) else label, value) for label, value in f.options],
                            value=f.value, allow_blank=False, id=f"f-{f.name}",
                        )
                    else:
                        yield ThaiInput(f.value, id=f"f-{f.name}", max_length=f.max_length)
            yield Static("", id="form-error", classes="error")
            yield Static(t("form.hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(f"#f-{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            out[f.name] = str(widget.value) if isinstance(widget, (Input, Select)) else ""
        return out

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._next_or_submit(event.input)

    @on(ChoiceSelect.Chosen)
    def _chosen(self, event: ChoiceSelect.Chosen) -> None:
        self._next_or_submit(event.select)

    def _next_or_submit(self, widget: Widget) -> None:
        widgets = [self.query_one(f"#f-{f.name}") for f in self.fields]
        index = widgets.index(widget)
        if index == len(widgets) - 1:
            self.action_submit()
        else:
            widgets[index + 1].focus()

    def show_error(self, err: AbcError) -> None:
        """In place, under the fields; everything typed stays."""
        self.query_one("#form-error", Static).update(Text(err.message(get_lang())))
        self.app.bell()

    def action_submit(self) -> None:
        try:
            result = guard.call(self.submit, self.values())
        except AbcError as err:
            self.show_error(err)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
