"""The ledger screen's message line and the focus move its widgets share.

:class:`MessageLine` is the one line under the entry row: why a value is refused (error),
a warning, what was just done (ok) or a hint (info). Every ledger widget says things there.
"""

from __future__ import annotations

import weakref
from typing import TypeVar

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from abc_tui.domain.errors import AbcError
from abc_tui.ui.strings import get_lang

__all__ = ["MessageLine", "enter_skipped", "focus_field", "skip_next_enter", "skip_no_more"]

_F = TypeVar("_F", bound=Widget)

#: Fields reached because the value before them completed itself (a day, a month), with their
#: value then: the clerk may still press the Enter that used to be needed there; that one Enter
#: is ignored, as long as nothing was typed in the field and it kept the focus.
_SKIP_ENTER: weakref.WeakKeyDictionary[Input, str] = weakref.WeakKeyDictionary()


def skip_next_enter(field: Input) -> None:
    """Ignore one Enter in ``field`` if it comes before anything is typed there or it loses focus."""
    _SKIP_ENTER[field] = field.value


def skip_no_more(field: Input, value: str | None = None) -> None:
    """``field`` now holds ``value`` (a Changed message; None: it lost the focus): once it differs
    from the value the skip was set on, the field's next Enter counts again. (A Changed message
    of a value set before the skip arrives after it, with the same value: the skip stays.)"""
    if field in _SKIP_ENTER and (value is None or value != _SKIP_ENTER[field]):
        del _SKIP_ENTER[field]


def enter_skipped(field: Input) -> bool:
    """True (once) when an Enter in ``field`` is the one to ignore."""
    if _SKIP_ENTER.pop(field, None) == field.value:
        return True
    return False


def focus_field(screen: Screen, wid: str) -> None:
    """Move the focus now (not after a round trip through the app's queue), so the next key
    the clerk types already lands in the new field. A field's text is selected, so typing
    replaces it and Enter keeps it."""
    focus_widget(screen, screen.query_one(f"#{wid}"))


def focus_widget(screen: Screen, widget: Widget) -> None:
    """:func:`focus_field` for a widget already at hand."""
    screen.set_focus(widget)
    if isinstance(widget, Input) and widget.value:
        widget.select_all()


class MessageLine(Static):
    """One line: error / warn / ok / info, redrawn only when what it says changes."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.said: tuple[str, str] = ("", "info")

    def say(self, text: str, level: str = "info") -> None:
        if (text, level) == self.said:
            return
        if level != self.said[1]:
            self.set_classes(f"lg-{level}")
        self.update(text)
        self.said = (text, level)

    def clear_error(self) -> None:
        """A field was fixed: drop the error it caused (other messages stay until the next save)."""
        if self.said[1] == "error":
            self.say("")

    def error(self, err: AbcError) -> None:
        self.say(err.message(get_lang()), "error")
        self.app.bell()


class FieldRow:
    """What the ledger's header and entry row both do with their fields (a mixin for a Widget
    that sets ``self._shown = {}``, ``self._fields = {}`` and ``self._message = None`` in its ``__init__``)."""

    _shown: dict[str, str]
    _fields: dict[str, Widget]
    _message: MessageLine | None

    def _put(self, wid: str, text: str) -> None:
        """Set a plain-text Static, skipping the redraw when the text is unchanged."""
        if self._shown.get(wid) != text:
            self._shown[wid] = text
            self._field(wid, Static).update(text)

    def _input(self, wid: str) -> Input:
        return self._field(wid, Input)

    def _field(self, wid: str, kind: type[_F]) -> _F:
        """One of the row's own widgets (composed once, never removed), looked up once: ~16 look-ups
        a typed line, each a walk of the row's children."""
        widget = self._fields.get(wid)
        if widget is None:
            widget = self._fields[wid] = self.query_one(f"#{wid}", kind)  # type: ignore[attr-defined]
        return widget  # type: ignore[return-value]

    @property
    def message(self) -> MessageLine:
        if self._message is None:
            self._message = self.screen.query_one(MessageLine)
        return self._message

    def _go(self, wid: str) -> None:
        widget = self._fields.get(wid)  # one of the row's own (the usual case), else another's
        if widget is None:
            focus_field(self.screen, wid)  # type: ignore[attr-defined]
        else:
            focus_widget(self.screen, widget)  # type: ignore[attr-defined]

    def _error(self, err: AbcError, field_id: str | None = None) -> None:
        self.message.error(err)
        if field_id:
            self._go(field_id)
