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


async def test_a_clerk_is_refused_submit_and_reopen_at_the_key_not_after_the_question(office):
    from abc_tui.store import users
    from abc_tui.ui.app import ConfirmScreen
    from abc_tui.ui.screens.reports import ReportsScreen
    from abc_tui.ui.widgets.form import FormScreen
    from tests.ui.test_accounts import log_in, notes, settle

    users.add_user("สมศรี", "admin", "secret1", who="setup")
    users.add_user("malee", "clerk", "clerk99", who="setup")
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await log_in(pilot, "malee", "clerk99")
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        for key in ("ctrl+s", "ctrl+r"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, (ConfirmScreen, FormScreen)), (
                key
            )  # no question to answer in vain
            assert isinstance(app.screen, ReportsScreen)
        assert sum("Not allowed to close periods" in n for n in notes(app)) == 2
    set_lang("th")


async def test_f12_after_login_names_the_role_in_the_new_language(office):
    from abc_tui.store import users
    from tests.ui.test_accounts import log_in

    users.add_user("สมศรี", "admin", "secret1", who="setup")
    users.add_user("malee", "clerk", "clerk99", who="setup")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await log_in(pilot, "malee", "clerk99")
        assert users.role_name("clerk", "th") in app.sub_title
        await pilot.press("f12")
        await pilot.pause()
        assert "malee" in app.sub_title and users.role_name("clerk", "en") in app.sub_title
        assert users.role_name("clerk", "th") not in app.sub_title
    set_lang("th")


async def test_f12_on_an_inner_screen_also_relabels_the_screens_beneath_when_going_back(office):
    from abc_tui.ui.app import MainScreen
    from abc_tui.ui.screens.households import HouseholdsScreen

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # households
        await pilot.pause()
        await pilot.press("f3")  # members of the first household
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("escape")  # back to the households: its labels and keys in English
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
        assert "Members" in [str(k.description) for k in app.screen.query("FooterKey")]
        assert str(app.screen.query_one("#hh-title").render()) == "Household registry"
        await pilot.press("escape")  # and the main menu
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Households" in str(app.screen.query_one("#menu").get_option_at_index(1).prompt)
    set_lang("th")


async def test_f12_on_the_reports_screen_relabels_it_and_its_status_shows_buddhist_era_months(office):
    from textual.widgets import Label, Select

    from abc_tui.ui.screens.reports import ReportsScreen
    from tests.ui.test_accounts import settle

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        await pilot.press("f12")
        await settle(pilot)
        assert [str(w.render()) for w in screen.query(Label)][:4] == ["F2 Report", "F4 Area", "F3 From", "To"]
        area = screen.query_one("#rep-area", Select)
        assert area.value == screen.area and "(tambon)" in str(
            dict((v, p) for p, v in area._options)[screen.area]
        )
        status = str(screen.query_one("#rep-status").render())
        first, last = screen.period.first, screen.period.last
        assert status.startswith(f"{first.be_label()} – {last.be_label()}  ·  "), (
            status
        )  # not 2025-11 – 2026-10
        await pilot.press("f12")
        await settle(pilot)
        assert [str(w.render()) for w in screen.query(Label)][:4] == ["F2 รายงาน", "F4 พื้นที่", "F3 ตั้งแต่", "ถึง"]
    set_lang("th")


async def test_f12_on_the_sent_log_relabels_it(office):
    from textual.widgets import Static

    from abc_tui.ui.screens.sent import SentScreen

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(SentScreen())
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#sent-table", DataTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["When", "Report"]
        assert str(screen.query_one(".title", Static).render()) == "Files sent upward"
    set_lang("th")


async def test_f12_on_the_forum_list_relabels_it(office):
    from textual.widgets import Label, Static

    from abc_tui.ui.screens.forums import ForumsScreen

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ForumsScreen)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.pause()
        table = screen.query_one("#forums", DataTable)
        assert [str(c.label) for c in table.columns.values()][:3] == ["Date", "Area", "Topic"]
        assert str(screen.query_one(".title", Static).render()) == "Learning forums"
        assert str(screen.query(Label).first().render()) == "Area"
    set_lang("th")


async def test_down_from_the_household_search_goes_into_the_list(office):
    from abc_tui.ui.screens.households import HouseholdsScreen

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HouseholdsScreen) and screen.focused is screen.query_one("#search")
        await pilot.press("down")  # as in attendance: ↓ leaves the search box for the list
        await pilot.pause()
        table = screen.query_one("#households", DataTable)
        assert screen.focused is table
        await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == 1  # F4 now acts on the household the cursor shows
    set_lang("th")
