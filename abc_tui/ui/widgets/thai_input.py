"""A Textual ``Input`` that edits Thai text by grapheme cluster.

Why this exists: Textual's ``Input`` moves, selects and deletes by *code
point*.  Thai tone marks and above/below vowels are separate code points, so
with the stock widget the cursor can stop between "น" and "้" (where it is
drawn on a zero-width mark and becomes invisible), and Backspace after "ค่"
removes only the tone mark.  ``ThaiInput`` makes every cursor move, selection
and deletion step over whole extended grapheme clusters (``regex``'s ``\\X``;
U+0E33 SARA AM is a SpacingMark, so "น้ำ" is one cluster), and snaps any
other cursor placement (mouse clicks, ``cursor_position = n``) to a cluster
boundary.  Typing is unchanged: characters are inserted one at a time, so a
tone mark typed after a consonant joins its cluster and the cursor lands at
the cluster's end.  For ASCII text every character is its own cluster, so
behaviour is identical to ``Input``.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.text import Text
from textual.widgets import Input
from textual.widgets.input import Selection

from abc_tui.domain.graphemes import (
    grapheme_clusters,
    next_boundary,
    next_word_start,
    previous_boundary,
    previous_word_start,
    snap_to_boundary,
)
from abc_tui.ui.typeahead import suggestion

__all__ = ["ThaiInput"]


class ThaiInput(Input):
    """``Input`` whose cursor never rests inside a grapheme cluster."""

    # -- keeping the cursor on boundaries ---------------------------------

    def validate_selection(self, selection: Selection) -> Selection:
        """Clamp (as ``Input`` does), then snap both ends to cluster boundaries.

        A bare cursor inside a cluster moves to the cluster's end (so after
        inserting text it sits after what was typed); a non-empty selection
        grows to cover every cluster it touches.
        """
        start, end = super().validate_selection(selection)
        value = self.value
        if start == end:
            cursor = snap_to_boundary(value, end, forward=True)
            return Selection(cursor, cursor)
        return Selection(
            snap_to_boundary(value, start, forward=start > end),
            snap_to_boundary(value, end, forward=end > start),
        )

    def _cell_offset_to_index(self, offset: int) -> int:  # private Textual API: see ui/typeahead.py
        """Map a clicked cell to a cluster start (``Input`` maps to code points).

        The stock version returns a mid-cluster index when SARA AM's cell is
        clicked, and, because it falls back to the *cell* offset, an index
        inside the text when clicking past the end of Thai text.
        """
        if self.password:  # one bullet per code point is displayed
            return super()._cell_offset_to_index(offset)
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        if offset < 0:
            return 0
        cell = index = 0
        for cluster in grapheme_clusters(self.value):
            width = sum(get_character_cell_size(char) for char in cluster)
            if cell <= offset < cell + width:
                return index
            cell += width
            index += len(cluster)
        return len(self.value)

    @property
    def _value(self) -> Text:
        """Rendered value; extends the cursor highlight over the whole cluster.

        ``Input.render_line`` styles only ``value[cursor]``; the marks that
        follow it would otherwise be drawn unhighlighted over the cursor cell.
        """
        text = super()._value
        if not self.password and self.has_focus and self._cursor_visible:
            cursor = self.cursor_position
            end = next_boundary(self.value, cursor)
            if end > cursor + 1:
                style = self.get_component_rich_style("input--cursor")
                text.stylize(style, cursor + 1, end)
        return text

    # -- cursor movement and selection ------------------------------------

    def action_cursor_left(self, select: bool = False) -> None:
        """Move the cursor (or the selection's end) one cluster left."""
        start, end = self.selection
        if select:
            self.selection = Selection(start, previous_boundary(self.value, end))
        elif self.selection.is_empty:
            self.cursor_position = previous_boundary(self.value, end)
        else:
            self.cursor_position = min(start, end)

    def action_cursor_right(self, select: bool = False) -> None:
        """Accept a suggestion or move the cursor one cluster right."""
        start, end = self.selection
        if select:
            self.selection = Selection(start, next_boundary(self.value, end))
        elif self.cursor_at_end and suggestion(self):
            super().action_cursor_right()
        elif self.selection.is_empty:
            self.cursor_position = next_boundary(self.value, end)
        else:
            self.cursor_position = max(start, end)

    def action_cursor_left_word(self, select: bool = False) -> None:
        """Move to the start of the previous word, with cluster-aware words."""
        if self.password:
            self.action_home(select)
            return
        target = previous_word_start(self.value, self.cursor_position)
        if select:
            self.selection = Selection(self.selection.start, target)
        else:
            self.cursor_position = target

    def action_cursor_right_word(self, select: bool = False) -> None:
        """Move to the start of the next word, with cluster-aware words."""
        if self.password:
            self.action_end(select)
            return
        target = next_word_start(self.value, self.cursor_position)
        if select:
            self.selection = Selection(self.selection.start, target)
        else:
            self.cursor_position = target

    # -- deletion ---------------------------------------------------------

    def action_delete_left(self) -> None:
        """Delete the cluster left of the cursor (or the selection)."""
        if self.selection.is_empty:
            cursor = self.cursor_position
            self.delete(previous_boundary(self.value, cursor), cursor)
        else:
            self.delete_selection()

    def action_delete_right(self) -> None:
        """Delete the cluster right of the cursor (or the selection)."""
        if self.selection.is_empty:
            cursor = self.cursor_position
            self.delete(cursor, next_boundary(self.value, cursor))
        else:
            self.delete_selection()

    def action_delete_left_word(self) -> None:
        """Delete back to the start of the previous word."""
        if not self.selection.is_empty:
            self.delete_selection()
        elif self.password:
            self.action_delete_left_all()
        else:
            cursor = self.cursor_position
            self.delete(previous_word_start(self.value, cursor), cursor)

    def action_delete_right_word(self) -> None:
        """Delete forward to the start of the next word."""
        if not self.selection.is_empty:
            self.delete_selection()
        elif self.password:
            self.action_delete_right_all()
        else:
            cursor = self.cursor_position
            self.delete(cursor, next_word_start(self.value, cursor))
