"""A keyboard form in a modal: labelled fields, Enter moves on, Enter on the last saves.

The form collects strings; a ``submit`` callable (given by the calling
screen, which calls the service layer) turns them into a saved record or
raises :class:`AbcError`. An error is shown in place and the form stays open
with everything typed, so nothing is lost to a typo.

The same rules in every form:

* Enter leaves a field the same way in a text box and in a choice list: it keeps what is shown
  and moves on. ↓ (or Space) opens a choice list; Enter there chooses and closes it, staying on
  the field, so the next Enter moves on as from any other field.
* Enter checks the field it leaves (a field's ``check``): ``31/2/68`` says so at once, and the
  cursor stays on it.
* A refused save puts the cursor on the field in error (the first whose check fails, or the one
  the error names with ``AbcError.field``).
* A message clears as soon as the field it is about is changed (a message about the whole form,
  as soon as any field is changed or left fine).
* Esc on a form with typed changes asks before dropping them (y = discard; Enter, n, Esc = back
  to the form).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from abc_tui.domain.errors import AbcError
from abc_tui.ui import guard
from abc_tui.ui.strings import get_lang, retranslate, t
from abc_tui.ui.widgets.thai_input import ThaiInput

T = TypeVar("T")

#: A field check: raises :class:`AbcError` for a value that cannot be saved.
Check = Callable[[str], object]


class ChoiceSelect(Select[str]):
    """A ``Select`` in a form: Enter keeps the choice shown and moves on, like a text field;
    ↓, ↑ or Space opens the list (and Enter does when nothing is chosen yet)."""

    BINDINGS = [Binding("enter", "leave", show=False)]

    @dataclass
    class Left(Message):
        """Enter on the closed list: keep the choice and move on."""

        select: ChoiceSelect

    def action_leave(self) -> None:
        if self.value in ("", Select.NULL):
            self.action_show_overlay()  # nothing to keep: choose first
        else:
            self.post_message(self.Left(self))


@dataclass
class Field:
    """One form field: ``name`` in the result, a string key for its label, initial value,
    ``options`` ((label, value) pairs) for a choice instead of free text, and ``check``,
    which raises :class:`AbcError` for a value that cannot be saved (run when Enter leaves
    the field and before saving)."""

    name: str
    label: str
    value: str = ""
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    max_length: int = 0
    check: Check | None = None


def date_check(text: str) -> None:
    """A date as clerks type it (``31/2/68`` is refused: February has no 31st); blank is allowed
    (the service then takes its default)."""
    from abc_tui.domain.thai import parse_date

    if text.strip():
        parse_date(text)


def required_date_check(text: str) -> None:
    from abc_tui.domain.thai import parse_date

    parse_date(text)


def money_check(text: str) -> None:
    """An amount in baht (blank or 0 allowed)."""
    from abc_tui.domain.thai import parse_money

    if text.strip():
        parse_money(text, allow_zero=True)


class FormScreen(guard.Guarded, ModalScreen[T], Generic[T]):
    """Modal form. Dismisses with whatever ``submit`` returned (a ``T``), or None on Esc."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("f10", "submit", "key.save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[dict[str, str]], T],
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.submit = submit
        #: The field the message under the form is about ("" = the whole form; None = no message).
        self._error_field: str | None = None

    def language_changed(self) -> None:
        """F12 on an open form: its title too (kept as ``Text``, which forgets it is a ``t()`` text)."""
        new = retranslate(self.form_title)
        if new is not None:
            self.form_title = new
            self.query_one(".form-box > .title", Static).update(Text(new))

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Static(Text(self.form_title), classes="title")  # titles quote names
            for f in self.fields:
                with Horizontal(classes="form-row"):
                    yield Label(t(f.label))
                    if f.options:
                        yield ChoiceSelect(  # Text: option labels quote area names, not markup
                            [
                                (Text(label) if isinstance(label, str) else label, value)
                                for label, value in f.options
                            ],
                            value=f.value,
                            allow_blank=False,
                            id=f"f-{f.name}",
                        )
                    else:
                        yield ThaiInput(f.value, id=f"f-{f.name}", max_length=f.max_length)
            yield Static("", id="form-error", classes="error")
            yield Static(t("form.hint"), classes="hint")

    def on_mount(self) -> None:
        self._initial = self.values()
        self.query_one(f"#f-{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            out[f.name] = str(widget.value) if isinstance(widget, (Input, Select)) else ""
        return out

    def widget_of(self, name: str) -> Widget:
        return self.query_one(f"#f-{name}")

    def _field_of(self, widget: Widget) -> Field | None:
        return next((f for f in self.fields if widget.id == f"f-{f.name}"), None)

    # ------------------------------------------------------------ moving on

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._next_or_submit(event.input)

    @on(ChoiceSelect.Left)
    def _left(self, event: ChoiceSelect.Left) -> None:
        self._next_or_submit(event.select)

    def _next_or_submit(self, widget: Widget) -> None:
        widgets = [self.widget_of(f.name) for f in self.fields]
        if widget not in widgets:
            return
        index = widgets.index(widget)
        f = self.fields[index]
        try:
            self._check(f)
        except AbcError as err:
            self.show_error(err, f.name)
            return
        if self._error_field is not None and self._error_field in ("", f.name):
            self.clear_error()
        if index == len(widgets) - 1:
            self.action_submit()
        else:
            widgets[index + 1].focus()

    def _check(self, f: Field) -> None:
        if f.check is not None:
            guard.call(f.check, self.values()[f.name])

    # ------------------------------------------------------------ messages

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | Select.Changed) -> None:
        """What the message is about was changed: the message is stale."""
        f = self._field_of(event.control)
        if f is None or self._error_field is None:
            return
        if self._error_field in ("", f.name):
            self.clear_error()

    def show_error(self, err: AbcError, field_name: str | None = None) -> None:
        """In place, under the fields; everything typed stays. The cursor goes to the field the
        error is about: ``field_name``, the field the error names, else the first field whose
        check fails."""
        name = field_name or getattr(err, "field", None) or self.first_bad_field()
        self.query_one("#form-error", Static).update(Text(err.message(get_lang())))
        self._error_field = name or ""
        if name:
            self.widget_of(name).focus()
        self.app.bell()

    def clear_error(self) -> None:
        self.query_one("#form-error", Static).update("")
        self._error_field = None

    def first_bad_field(self) -> str | None:
        """The first field whose check refuses its value."""
        values = self.values()
        for f in self.fields:
            if f.check is None:
                continue
            try:
                f.check(values[f.name])
            except AbcError:
                return f.name
        return None

    def checked(self) -> bool:
        """Run every field's check; on the first refusal say so there and return False."""
        for f in self.fields:
            try:
                self._check(f)
            except AbcError as err:
                self.show_error(err, f.name)
                return False
        return True

    # ------------------------------------------------------------ saving, leaving

    def action_submit(self) -> None:
        if not self.checked():
            return
        try:
            result = guard.call(self.submit, self.values())
        except AbcError as err:
            self.show_error(err)
            return
        self.dismiss(result)

    def changed(self) -> bool:
        """Has anything been typed or chosen since the form opened?"""
        return self.values() != getattr(self, "_initial", self.values())

    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return
        from abc_tui.ui.app import CarefulConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(CarefulConfirmScreen(t("form.discard")), answer)
