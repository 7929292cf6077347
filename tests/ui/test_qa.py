"""Things found by using the program in a real 80x24 terminal (the QA walk-through), typed as a user types."""

from __future__ import annotations

from textual.widgets import DataTable

from abc_tui.domain.thai import Month
from abc_tui.reports import submission
from abc_tui.ui.app import create_app
from abc_tui.ui.screens.audit import AuditScreen
from abc_tui.ui.strings import set_lang


async def test_audit_viewer_names_submit_reopen_and_rounds_in_the_language_shown(office):
    village = office.villages[0]
    submission.submit(village, Month(2024, 6), "officer")
    submission.reopen(village, Month(2024, 6), "officer", "ลืมหน้าหนึ่ง")
    for lang, raw in (("th", ("period_state", "reopen")), ("en", ("period_state", "reopen"))):
        app = create_app(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("6")
            await pilot.pause()
            assert isinstance(app.screen, AuditScreen)
            table = app.screen.query_one("#audit", DataTable)
            cells = [str(c) for i in range(2) for c in table.get_row_at(i)]
            assert not set(raw) & set(cells), cells  # no table or action names from the database
    set_lang("th")
