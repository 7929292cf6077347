"""Every private Textual API abc-tui relies on, touched once (issue 9 §3).

They are all reached through ``abc_tui/ui/typeahead.py``; ``textual`` is pinned ``~=8.2``. A
Textual upgrade that renames or reshapes one of them fails here, by name, instead of silently
losing typed-ahead keys or footer labels on the clerk's screen.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import tomllib
from textual.app import App, ComposeResult
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input

from abc_tui.ui import typeahead
from abc_tui.ui.widgets.thai_input import ThaiInput

ROOT = Path(__file__).resolve().parents[2]


def test_textual_is_pinned_to_the_minor_version_these_internals_were_checked_on():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (spec,) = [d for d in project["dependencies"] if d.replace(" ", "").startswith("textual")]
    assert "~=8.2" in spec.replace(" ", "")


def test_character_to_key_names_keys_as_the_terminal_parser_does():
    from textual import _xterm_parser  # the parser that names the keys a terminal sends

    assert typeahead.character_to_key("/") == "slash"
    assert typeahead.character_to_key("\u0e48") == "thai_character_mai_ek"  # a tone mark
    assert typeahead.character_to_key("a") == "a"
    assert "_character_to_key" in inspect.getsource(_xterm_parser)


def test_footer_key_is_the_widget_footers_compose():
    from textual.widgets._footer import FooterKey

    assert typeahead.FooterKey is FooterKey
    assert "description" in inspect.signature(FooterKey.__init__).parameters


def test_cell_offset_to_index_is_what_input_calls_for_a_click():
    source = inspect.getsource(Input)
    assert "def _cell_offset_to_index(self, offset: int) -> int" in source
    assert "self._cell_offset_to_index(" in source  # still called on a click
    assert ThaiInput._cell_offset_to_index is not Input._cell_offset_to_index


class _Ping(Message):
    pass


class _Probe(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(suggester=SuggestFromList(["ข้าวสาร"]), id="probe")
        yield Footer()


async def test_message_queues_footer_readiness_and_suggestions():
    app = _Probe()
    async with app.run_test() as pilot:
        await pilot.pause()
        probe = app.query_one("#probe", Input)
        # message queues: a posted message is pending until handled; call_next is too
        assert not typeahead.has_pending_messages(probe)
        probe.post_message(_Ping())
        assert typeahead.has_pending_messages(probe)
        await pilot.pause()
        assert not typeahead.has_pending_messages(probe)
        probe.call_next(lambda: None)
        assert typeahead.has_pending_messages(probe)
        await pilot.pause()
        assert isinstance(typeahead.app_queue(app), tuple)
        app.call_later(lambda: None)
        assert any(type(m).__name__ == "Callback" for m in typeahead.app_queue(app))
        await pilot.pause()
        # the footer composes its keys once
        assert typeahead.footer_ready(app.query_one(Footer)) is True
        # the grey suggestion after an Input's value
        probe.focus()
        await pilot.press("ข")
        await pilot.pause()
        assert typeahead.suggestion(probe) == "ข้าวสาร"
        typeahead.clear_suggestion(probe)
        assert typeahead.suggestion(probe) == ""


def test_data_table_measures_new_rows_in_update_dimensions_which_paged_table_narrows():
    """``PagedTable._update_dimensions`` leaves out the rows ``show`` cut to width (issue 14)."""
    from textual.widgets import DataTable

    from abc_tui.ui.widgets.paged_table import PagedTable

    assert "self._update_dimensions(new_rows)" in inspect.getsource(DataTable._on_idle)
    assert list(inspect.signature(DataTable._update_dimensions).parameters) == ["self", "new_rows"]
    assert PagedTable._update_dimensions is not DataTable._update_dimensions
