"""The ledger screen's message line and the focus move its widgets share.

:class:`MessageLine` is the one line under the entry row: why a value is refused (error),
a warning, what was just done (ok) or a hint (info). Every ledger widget says things there.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input, Static

from abc_tui.domain.errors import AbcError
from abc_tui.ui.strings import get_lang

__all__ = ["MessageLine", "focus_field"]


def focus_field(screen: Screen, wid: str) -> None:
    """Move the focus now (not after a round trip through the app's queue), so the next key
    the clerk types already lands in the new field. A field's text is selected, so typing
    replaces it and Enter keeps it."""
    widget = screen.query_one(f"#{wid}")
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
