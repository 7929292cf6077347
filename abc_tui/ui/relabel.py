"""F12 on every open screen: one mechanism that redraws a screen's labels in the new language.

:func:`relabel` walks a screen and redraws what a screen composed from ``t()``:

* a ``Static``/``Label`` whose content is a ``t()`` text (a :class:`~abc_tui.ui.strings.Tr`),
* an ``Input``'s placeholder, the screen's title and sub-title,
* ``Select`` prompts and options, ``DataTable`` column heads (these keep only the text, so a
  text that is exactly one UI string is looked up in either language),
* the footers (their key descriptions are string keys),

then calls the screen's ``language_changed()`` hook, where a screen redraws what it builds
from data (table rows, the data card's body, status lines with figures). The app calls it for
every screen of the stack, the ones beneath too, so going back shows the new language.

Text that is data (names, figures, what a user typed) is never touched: only ``Tr`` texts and
exact UI strings are.
"""

from __future__ import annotations

import inspect

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from abc_tui.ui.strings import retranslate, t


def _again(text: object) -> str | None:
    """``text`` in the current language, or None when it is data (kept as it is)."""
    if isinstance(text, Text):
        return retranslate(text.plain)
    return retranslate(text)


def relabel_widgets(screen: Screen) -> None:
    """Redraw every UI string ``screen``'s widgets hold (not the data) in the current language."""
    for attr in ("title", "sub_title"):
        new = retranslate(getattr(screen, attr, None))  # Screen.title keeps a plain str: looked up
        if new is not None:
            setattr(screen, attr, new)
    for widget in screen.walk_children(with_self=False):
        if isinstance(widget, Static):
            new = _again(widget.content)
            if new is not None and new != str(widget.content):
                widget.update(Text(new) if isinstance(widget.content, Text) else new)
        elif isinstance(widget, Input):
            new = retranslate(widget.placeholder)
            if new is not None:
                widget.placeholder = new
        elif isinstance(widget, DataTable):
            _relabel_columns(widget)
        elif isinstance(widget, Select):
            _relabel_select(widget)


def set_heads(table: DataTable, *keys: str) -> None:
    """Column heads of ``table`` from string keys, in column order (a screen's hook, for heads
    whose text alone is ambiguous, e.g. "ชื่อ-สกุล")."""
    for column, key in zip(table.ordered_columns, keys, strict=False):
        if key:
            column.label = Text(t(key), style=column.label.style)
            if column.auto_width:
                column.content_width = max(column.content_width, cell_len(column.label.plain))
    table._require_update_dimensions = True
    table.refresh(layout=True)


def _relabel_columns(table: DataTable) -> None:
    changed = False
    for column in table.columns.values():
        new = _again(column.label)
        if new is not None and new != column.label.plain:
            column.label = Text(new, style=column.label.style)
            if column.auto_width:
                column.content_width = max(column.content_width, cell_len(new))
            changed = True
    if changed:
        table._require_update_dimensions = True  # textual: recompute widths on the next render
        table.refresh(layout=True)


def _relabel_select(select: Select) -> None:
    options = getattr(select, "_options", None)  # textual 8: the (prompt, value) pairs as given
    if not options:
        return
    new_options = []
    changed = False
    for prompt, value in options:
        new = _again(prompt)
        if new is not None and new != str(prompt):
            changed = True
            prompt = new
        new_options.append((prompt, value))
    if not changed:
        return
    if new_options and new_options[0][1] is Select.NULL:
        new_options = new_options[1:]  # set_options adds the blank again
    value = select.value
    with select.prevent(Select.Changed):  # the same choice, in the other language
        select.set_options(new_options)
        if value is not Select.NULL and any(v == value for _, v in new_options):
            select.value = value
        select._watch_value(select.value)  # textual 8: the shown choice, even when the value is the same


async def relabel(screen: Screen) -> None:
    """Redraw ``screen`` in the current language: its labels, its footer, then its own hook."""
    from abc_tui.ui.app import AbcFooter

    relabel_widgets(screen)
    hook = getattr(screen, "language_changed", None)
    if hook is not None:
        result = hook()
        if inspect.isawaitable(result):
            await result
    for table in screen.query(DataTable):  # heads set by the hook: drop the rendered ones
        if hasattr(table, "_clear_caches"):
            table._clear_caches()  # textual 8
        table.refresh(layout=True)
    for footer in screen.query(AbcFooter):
        footer.relabel()
