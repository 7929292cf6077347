"""The keyboard forms (issue 10, bug 3): every form behaves the same way, typed as a clerk types.

* Enter leaves a choice list like a text field; choosing in the list does not move on.
* Enter checks the field it leaves; a refused save puts the cursor on the field in error.
* A message clears once what it is about is changed.
* Esc on a form with typed text asks before dropping it (y = discard; Enter, n, Esc = back).
"""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from abc_tui.domain.forums import STATUS_LABELS, STATUS_SHORT
from abc_tui.store.models import Forum, Household
from abc_tui.ui.app import CarefulConfirmScreen, create_app
from abc_tui.ui.screens.forum_form import ForumFormScreen
from abc_tui.ui.screens.households import HouseholdsScreen
from abc_tui.ui.strings import set_lang, t
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.keys import type_text


def error_text(screen) -> str:
    return str(screen.query_one("#form-error", Static).render())


async def open_household_form(pilot) -> FormScreen:
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HouseholdsScreen)
    await pilot.press("f2")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def test_choosing_an_occupation_stays_then_enter_moves_on(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_household_form(pilot)
        await type_text(pilot, "50\nนายห้าสิบ ทดสอบ\n3\n")
        assert app.focused is form.query_one("#f-occupation")
        await pilot.press("down", "down", "enter")  # open the list, the next one, choose it
        await pilot.pause()
        assert app.focused is form.query_one("#f-occupation")  # choosing does not move on
        chosen = form.query_one("#f-occupation", Select).value
        assert chosen != "other"
        await type_text(pilot, "\n12,000\n")  # Enter leaves the list; the debt goes in the debt field
        assert form.query_one("#f-debt_at_joining", Input).value == "12,000"  # typed over the "0" shown
        assert form.query_one("#f-joined_on", Input).value == ""
        await type_text(pilot, "1/11/67\n")
        assert isinstance(app.screen, HouseholdsScreen)
    saved = Household.get(Household.code == "54010101-50")
    assert saved.occupation == chosen
    assert saved.debt_at_joining_satang == 1_200_000


async def test_enter_on_a_list_keeps_the_choice_shown(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_household_form(pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "51\nนางห้าสิบเอ็ด ทดสอบ\n\n\n")  # members as shown, occupation as shown
        await pilot.press("ctrl+u")
        await type_text(pilot, "5,000\n1/11/67\n")
    saved = Household.get(Household.code == "54010101-51")
    assert (saved.occupation, saved.members_count, saved.debt_at_joining_satang) == ("other", 1, 500_000)


async def test_enter_checks_the_field_it_leaves_and_the_message_clears(office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_household_form(pilot)
        await type_text(pilot, "52\nMr Test\n")
        await pilot.press("ctrl+u")
        await type_text(pilot, "0\n")  # no members: said at once, the cursor stays
        members = form.query_one("#f-members_count", Input)
        assert app.focused is members
        assert error_text(form) != ""
        await pilot.press("ctrl+u")
        await type_text(pilot, "4")
        assert error_text(form) == ""  # changed: the old message is gone
        await type_text(pilot, "\n\n")
        await pilot.press("ctrl+u")
        await type_text(pilot, "12,000\n31/2/68\n")  # February has no 31st: refused there
        assert isinstance(app.screen, FormScreen)
        assert app.focused is form.query_one("#f-joined_on")
        assert "31/2/68" in error_text(form) or "date" in error_text(form).lower()
        await pilot.press("ctrl+u")
        await type_text(pilot, "28/2/68\n")
        assert isinstance(app.screen, HouseholdsScreen)
    set_lang("th")
    saved = Household.get(Household.code == "54010101-52")
    assert (saved.members_count, saved.debt_at_joining_satang, str(saved.joined_on)) == (
        4,
        1_200_000,
        "2025-02-28",
    )


async def test_a_date_in_the_middle_of_a_form_is_checked_at_once(office):
    """The forum date is the third field: ``31/2/68`` + Enter is refused before the topic."""
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ForumFormScreen)
        await pilot.press("tab", "enter", "down", "enter", "enter")  # village forum in moo 1
        assert app.focused is form.query_one("#f-date")
        await pilot.press("ctrl+u")
        await type_text(pilot, "31/2/68\n")
        assert app.focused is form.query_one("#f-date")  # not on to the topic
        assert "31/2/68" in error_text(form)
        await pilot.press("ctrl+u")
        await type_text(pilot, "28/2/67\nเวทีทดสอบ\n")
        assert error_text(form) == ""
        assert form.query_one("#f-topic", Input).value == "เวทีทดสอบ"
        assert Forum.select().count() == 0


async def test_a_refused_save_puts_the_cursor_on_the_field_in_error(office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_household_form(pilot)
        await type_text(pilot, "2\nMr Twice\n")  # house 2 of moo 1 exists
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen is form
        assert "already exists" in error_text(form)
        assert app.focused is form.query_one("#f-house_no")  # where the fix goes
        await pilot.press("ctrl+u")
        await type_text(pilot, "2/1")
        assert error_text(form) == ""  # the house number changed: the message is stale
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
    set_lang("th")
    assert Household.get(Household.code == "54010101-2/1").head_name == "Mr Twice"


async def test_esc_asks_before_dropping_typed_text(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_household_form(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        await type_text(pilot, "77\nนายเจ็ดเจ็ด")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CarefulConfirmScreen)
        assert "ทิ้ง" in str(app.screen.query_one(Static).render())
        await pilot.press("escape")  # Esc again: no, back to the form with everything typed
        await pilot.pause()
        assert app.screen is form
        assert form.values()["head_name"] == "นายเจ็ดเจ็ด"
        await pilot.press("escape", "enter")  # Enter is no too
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape", "y")  # y discards
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
    assert not Household.select().where(Household.house_no == "77").exists()


async def test_the_discard_question_in_english(office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_household_form(pilot)
        await type_text(pilot, "78")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CarefulConfirmScreen)
        assert "Discard what you typed" in str(app.screen.query_one(Static).render())
    set_lang("th")


def test_cancel_and_drop_are_different_words():
    set_lang("th")
    cancel = t("key.cancel")
    assert cancel not in t("plan.key.drop")
    assert cancel not in STATUS_LABELS["dropped"][0] and cancel not in STATUS_SHORT["dropped"][0]
    assert cancel not in t("plan.active")
