"""Esc never drops typed, unsaved text without asking (as forms do: y discards; Enter, n, Esc go back):
area setup, the attendance counts, the officials box."""

from __future__ import annotations

from textual.widgets import Input, Static

from abc_tui.store import areas
from abc_tui.store import forums as forum_store
from abc_tui.store.models import Forum
from abc_tui.ui.app import CarefulConfirmScreen, create_app
from abc_tui.ui.screens.forum_attendance import AttendanceScreen, OfficialsScreen
from abc_tui.ui.screens.setup import SetupScreen
from tests.ui.keys import type_text
from tests.ui.wait import settle

SIZE = (80, 24)


async def test_setup_esc_asks_before_dropping_typed_area_text(office):
    before = areas.get_office().name
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await pilot.press("escape")  # nothing typed: leaves at once
        await settle(pilot)
        assert not isinstance(app.screen, SetupScreen | CarefulConfirmScreen)
        await pilot.press("5")
        await settle(pilot)
        setup = app.screen
        await pilot.press("end")
        await type_text(pilot, " ใหม่")  # the office name, not saved with F10
        for back in ("enter", "n", "escape"):  # each goes back to the screen, the text kept
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, CarefulConfirmScreen), back
            assert "ทิ้ง" in str(app.screen.query_one(Static).render())
            await pilot.press(back)
            await pilot.pause()
            assert app.screen is setup, back
            assert setup.query_one("#a-office_name", Input).value == before + " ใหม่"
        await pilot.press("escape", "y")  # y discards
        await settle(pilot)
        assert not isinstance(app.screen, SetupScreen | CarefulConfirmScreen)
        assert areas.get_office().name == before


async def test_setup_esc_after_saving_leaves_and_asks_for_a_village_typed(office):
    app = create_app(lang="en", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        setup = app.screen
        await pilot.press("end")
        await type_text(pilot, " ใหม่")
        await pilot.press("f10")  # saved: nothing to ask about
        await pilot.pause()
        await pilot.press("f2")
        await type_text(pilot, "9\tบ้านใหม่")  # a village typed, not added with Enter
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CarefulConfirmScreen)
        assert "Discard" in str(app.screen.query_one(Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is setup and setup.query_one("#v-name", Input).value == "บ้านใหม่"
        await pilot.press("enter")  # added
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SetupScreen | CarefulConfirmScreen)
        assert areas.get_office().name.endswith(" ใหม่")
        assert any(v.name == "บ้านใหม่" for v in areas.villages())


async def test_attendance_esc_with_a_bad_count_asks_instead_of_trapping(office):
    f = forum_store.create_forum(forum_store.ForumForm("village", "54010101", "20/3/2567", "อ่านบัญชี", "", ""))
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(AttendanceScreen(f.id))
        await settle(pilot)
        screen = app.screen
        await pilot.press("f6")
        await type_text(pilot, "5\t-1")  # women 5, men -1: cannot be saved
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CarefulConfirmScreen)
        await pilot.press("enter")  # back, the counts as typed
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#w-women", Input).value == "5"
        await pilot.press("escape", "y")  # discard
        await settle(pilot)
        assert not isinstance(app.screen, AttendanceScreen | CarefulConfirmScreen)
        assert Forum.get_by_id(f.id).walkin_women == 0
        app.push_screen(AttendanceScreen(f.id))
        await settle(pilot)
        await pilot.press("f6")
        await type_text(pilot, "4")
        await pilot.press("escape")  # good counts are saved on leaving, as before
        await settle(pilot)
        assert not isinstance(app.screen, AttendanceScreen | CarefulConfirmScreen)
        assert Forum.get_by_id(f.id).walkin_women == 4


async def test_officials_esc_asks_before_dropping_an_agency_typed(office):
    f = forum_store.create_forum(forum_store.ForumForm("village", "54010101", "20/3/2567", "อ่านบัญชี", "", ""))
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(AttendanceScreen(f.id))
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        box = app.screen
        assert isinstance(box, OfficialsScreen)
        await type_text(pilot, "รพ.สต.\n2")  # the number typed, Enter not pressed
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CarefulConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is box
        await pilot.press("enter")  # entered
        await pilot.pause()
        await pilot.press("escape")  # the boxes are empty again: closes at once
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        assert [(o.agency, o.count) for o in forum_store.officials(f.id)] == [("รพ.สต.", 2)]
