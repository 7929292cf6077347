"""Pilot tests of the shell and the household registry, typed as a clerk types."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from abc_tui.store import areas
from abc_tui.store import households as hh
from abc_tui.store.models import Household
from abc_tui.ui.app import MainScreen, create_app, screen_class
from abc_tui.ui.screens.households import HouseholdsScreen
from abc_tui.ui.screens.setup import SetupScreen
from abc_tui.ui.strings import set_lang
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.keys import type_text


def table_codes(screen) -> list[str]:
    table = screen.query_one("#households", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_main_screen_shows_office_and_menu(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        office_text = str(app.screen.query_one("#office", Static).render())
        assert "อบต.ทดสอบ" in office_text and "540101" in office_text
        await pilot.press("f1")
        await pilot.pause()
        help_text = str(app.screen.query_one("#help-text", Static).render())
        assert "f12" in help_text and "ช่วยเหลือ" in help_text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_language_switch(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        assert "Households" in str(menu.get_option_at_index(1).prompt)
        await pilot.press("f12")
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        assert "ทะเบียนครัวเรือน" in str(menu.get_option_at_index(1).prompt)
    set_lang("th")


async def test_language_switch_on_an_inner_screen(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
        labels = [str(k.description) for k in app.screen.query("FooterKey")]
        assert "Members" in labels
        table = app.screen.query_one("#households", DataTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["Code", "Head of household"]
        assert "of 3 households" in str(app.screen.query_one("#status", Static).render())
    set_lang("th")


async def test_menu_and_questions_work_with_the_thai_keyboard_layout(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")  # the "2" key with Kedmanee on
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
        app.screen.query_one("#households").focus()
        await pilot.press("f3")  # members of the first household
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, "ด.ญ.ฝน ใจดี\n\n\n")
        await pilot.pause()
        table = app.screen.query_one("#members", DataTable)
        table.focus()
        await pilot.press("down", "delete")
        await pilot.pause()
        await type_text(pilot, "ั")  # the "y" key with Kedmanee on: yes
        await pilot.pause()
    assert [m.name for m in hh.members(office.households[0].id)] == ["นายสมชาย ใจดี"]


async def test_settings_opened_from_an_inner_screen_returns_there(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        app.open_entry("settings")  # as from the command palette
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
        assert app.screen.query_one("#households", DataTable).row_count == 3


def test_unbuilt_screens_are_coming_not_crashing():
    assert screen_class("abc_tui.ui.screens.no_such_screen:Nothing") is None
    assert screen_class("abc_tui.ui.screens.households:HouseholdsScreen") is HouseholdsScreen


async def test_add_household_search_and_see_it(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # main menu: households
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HouseholdsScreen)
        assert table_codes(screen) == ["54010101-1", "54010101-2", "54010101-3/1"]

        await pilot.press("f2")  # new household
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "๑๕/๒\n")  # house number in Thai digits
        await type_text(pilot, "นางน้ำฝน ใจงาม\n")
        await type_text(pilot, "4\n")
        await pilot.press(
            "up", "up", "enter", "enter"
        )  # occupation: open the list, the one above "other", move on
        await pilot.pause()
        await type_text(pilot, "12,000\n")
        await type_text(pilot, "1/11/67\n")  # last field: Enter saves
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)

        saved = Household.get(Household.code == "54010101-15/2")
        assert saved.head_name == "นางน้ำฝน ใจงาม"
        assert saved.members_count == 4
        assert saved.debt_at_joining_satang == 1_200_000
        assert saved.occupation == "business_farm"
        assert str(saved.joined_on) == "2024-11-01"

        table = screen.query_one("#households", DataTable)
        assert table_codes(screen)[table.cursor_row] == "54010101-15/2"  # the cursor is on it

        await pilot.press("f5")  # search box
        await type_text(pilot, "น้ำฝน")
        await pilot.pause()
        assert table_codes(screen) == ["54010101-15/2"]
        status = str(screen.query_one("#status", Static).render())
        assert "1 จาก 1" in status


async def test_duplicate_household_is_refused_in_place(office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, "2\nนายซ้ำ ซ้อน\n")
        await pilot.press("f10")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)  # still open, nothing typed lost
        error = str(form.query_one("#form-error", Static).render())
        assert "already exists" in error
        assert form.values()["head_name"] == "นายซ้ำ ซ้อน"
        await pilot.press("escape")
        await pilot.pause()
    assert Household.select().count() == 5
    set_lang("th")


async def test_edit_deactivate_and_members(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#households").focus()
        await pilot.press("down", "enter")  # second household: edit
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab")  # to the head's name
        await type_text(pilot, "นางมาลี สุขใจ")
        await pilot.press("f10")
        await pilot.pause()
        assert hh.get(office.households[1].id).head_name == "นางมาลี สุขใจ"

        await pilot.press("f4")  # deactivate: asks the date it left (today shown) and why
        await pilot.pause()
        await pilot.press("enter", "enter")  # today, no reason
        await pilot.pause()
        assert not hh.get(office.households[1].id).active

        await pilot.press("f3")  # members
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, "ด.ช.ต้น สุขใจ\nช\n2558\n")
        await pilot.pause()
        names = [m.name for m in hh.members(office.households[1].id)]
        assert names == ["นางมาลี สุขใจ", "ด.ช.ต้น สุขใจ"]
        table = app.screen.query_one("#members", DataTable)
        table.focus()
        await pilot.press("down", "delete")
        await pilot.pause()
        await pilot.press("enter")  # confirm
        await pilot.pause()
        assert [m.name for m in hh.members(office.households[1].id)] == ["นางมาลี สุขใจ"]


async def test_first_run_asks_for_the_area(db_path):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await type_text(pilot, "อบต.ร้องกวาง\n54\nแพร่\n5402\nร้องกวาง\n540299\nร้องกวาง\n")
        await pilot.pause()
        error = str(app.screen.query_one("#area-error", Static).render())
        assert error == ""
        assert areas.get_office().tambon.code == "540299"
        await type_text(pilot, "1\nบ้านร้อง\n")
        await type_text(pilot, "๒\nบ้านกวาง\n")
        await type_text(pilot, "2\nซ้ำ\n")  # duplicate moo refused in place
        await pilot.pause()
        assert "2" in str(app.screen.query_one("#village-error", Static).render())
        assert [v.code for v in areas.villages()] == ["54029901", "54029902"]
        await pilot.press("escape", "y")  # the refused village is still typed: Esc asks, y drops it
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "อบต.ร้องกวาง" in str(app.screen.query_one("#office", Static).render())


async def test_bad_area_codes_are_refused(db_path):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "x\n5\nแพร่\n5402\nร้องกวาง\n540201\nร้องกวาง\n")
        await pilot.pause()
        assert "2 digits" in str(app.screen.query_one("#area-error", Static).render())
        assert areas.get_office() is None
    set_lang("th")


async def test_registry_pages_through_thousands(office):
    for i in range(10, 400):
        hh.add_household(office.villages[1], hh.HouseholdForm(house_no=str(i), head_name=f"คน {i}"))
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.press("enter", "down", "enter")  # from village 1 to village 2
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#households", DataTable).row_count == 100
        await pilot.press("f8")
        await pilot.pause()
        assert table_codes(screen)[0] == "54010102-108"
        assert "หน้า 2/4" in str(screen.query_one("#status", Static).render())


async def test_edit_form_shows_debt_in_satang_exactly(office):
    """The debt at joining is offered as ``#,##0.00`` from integer satang (no float on the way),
    and saving the form unchanged keeps every satang."""
    target = office.households[2]  # 120,000 baht
    Household.update(debt_at_joining_satang=123_456_789_01).where(Household.id == target.id).execute()
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one("#households").focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-debt_at_joining").value == "123,456,789.01"
        await pilot.press("f10")
        await pilot.pause()
    assert hh.get(target.id).debt_at_joining_satang == 123_456_789_01
