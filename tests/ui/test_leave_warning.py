"""A leave date earlier than months already typed for the household warns (both languages) and asks."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Static

from abc_tui.store import households as hh
from abc_tui.store.models import Household
from abc_tui.ui.app import CarefulConfirmScreen, create_app
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.test_ledger import sample_office, type_text  # noqa: F401
from tests.unit.test_reports_fixture import add_line


@pytest.fixture
def typed_office(sample_office):  # noqa: F811
    h = Household.get(Household.code == "54010107-60")
    for date in ("2024-03-20", "2024-05-02", "2024-06-11"):
        add_line(h, date, "11", "ขายข้าว", 10000)
    return h


def test_months_typed_after_the_leave_date(typed_office):
    left, months = hh.months_typed_after(typed_office.id, "15/3/67")
    assert left == dt.date(2024, 3, 15) and [m.iso() for m in months] == ["2024-05", "2024-06"]
    assert hh.months_typed_after(typed_office.id, "30/6/67")[1] == []


async def _leave(pilot, date: str) -> None:
    app = pilot.app
    await pilot.press("f4")
    await pilot.pause()
    app.screen.query_one("#f-left_on").value = ""
    await type_text(pilot, f"{date}\nย้ายไปต่างจังหวัด\n")
    await pilot.pause()


@pytest.mark.parametrize("lang, words", [("th", "คำเตือน"), ("en", "Warning")])
async def test_leave_before_typed_months_asks_n_fixes_y_keeps(typed_office, lang, words):
    app = create_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # households
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.pause()
        await _leave(pilot, "15/3/67")
        assert isinstance(app.screen, CarefulConfirmScreen)
        question = str(app.screen.query_one(Static).render())
        assert words in question and "54010107-60" in question and "2567" in question
        assert ("พ.ค. 2567" in question) if lang == "th" else ("05/2567" in question)
        assert Household.get_by_id(typed_office.id).active  # nothing saved while it asks
        await pilot.press("enter")  # Enter is not yes on a warning
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # n / Enter: the form again, as typed
        assert app.screen.query_one("#f-left_on").value == "15/3/67"
        assert app.screen.query_one("#f-left_reason").value == "ย้ายไปต่างจังหวัด"
        assert Household.get_by_id(typed_office.id).active
        await pilot.press("f10")  # save again: asked again; y keeps the date
        await pilot.pause()
        assert isinstance(app.screen, CarefulConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    h = Household.get_by_id(typed_office.id)
    assert not h.active and h.left_on == dt.date(2024, 3, 15)


async def test_leave_after_the_typed_months_saves_at_once(typed_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.pause()
        await _leave(pilot, "30/6/67")
        assert not isinstance(app.screen, (CarefulConfirmScreen, FormScreen))
    assert Household.get_by_id(typed_office.id).left_on == dt.date(2024, 6, 30)
