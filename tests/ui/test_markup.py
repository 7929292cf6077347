"""Names, topics and items that look like Rich markup are shown literally on every screen,
never parsed (``[/]`` used to crash the app with a MarkupError; ``[bold red]`` used to style)."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from abc_tui.domain.thai import Month
from abc_tui.store import areas
from abc_tui.store import forums as forum_store
from abc_tui.store import households as hh
from abc_tui.store import ledger as ledger_store
from abc_tui.store import plan as plan_store
from abc_tui.ui.app import MainScreen, create_app
from abc_tui.ui.screens.datacard import DataCardScreen
from abc_tui.ui.widgets.form import FormScreen
from abc_tui.ui.widgets.forum_choice import ChoiceScreen
from tests.ui.test_ledger import settle, type_text

HEAD = "นายสมชาย [/] ใจดี"
MEMBER = "[bold red]x[/bold red]"
VILLAGE = "บ้าน [/] ดง"
TOPIC = "ประชุม [/]"
PROBLEM = "[/]หนี้นอกระบบ"
TITLE = "[bold]ถนน[/]"
AGENCY = "[/]อบจ."
ITEM = "[/]ข้าว"


def store_markup_data(office) -> None:
    v1 = office.villages[0]
    areas.add_village("540101", "3", VILLAGE)
    h = hh.add_household(
        v1,
        hh.HouseholdForm(
            house_no="9",
            head_name=HEAD,
            members_count="2",
            occupation="rice",
            debt_at_joining="0",
            joined_on="1/10/2566",
        ),
    )
    hh.add_member(h.id, name=MEMBER, sex="f", birth_year_be="2530")
    f = forum_store.create_forum(
        forum_store.ForumForm(
            level="village",
            area_code=v1,
            date="15/1/2567",
            topic=TOPIC,
            facilitators="[b]ครู[/b]",
        )
    )
    head = next(m for m in hh.members(h.id) if m.is_head)
    forum_store.set_present(f.id, head.id, True)
    forum_store.set_official(f.id, AGENCY, "2")
    forum_store.add_finding(f.id, problem=PROBLEM, cause="[red]เหล้า")
    plan_store.propose(
        f.id,
        plan_store.PlanForm(
            title=TITLE,
            actor="agency",
            agency=AGENCY,
            fiscal_year="2568",
            budget_requested="1000",
        ),
    )
    page = ledger_store.LedgerDesk().open(h.id, Month(2024, 1))
    page.save_line("5", "31", ITEM, "100")


def cells(app, table_id: str) -> list[str]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [str(c) for i in range(table.row_count) for c in table.get_row_at(i)]


def text(app, wid: str) -> str:
    return str(app.screen.query_one(f"#{wid}", Static).render())


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def home(pilot) -> None:
    while not isinstance(pilot.app.screen, MainScreen):
        await press(pilot, "escape")


async def test_markup_in_names_topics_and_items_is_shown_literally(office):
    store_markup_data(office)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        # 2: households, then the members of house 9
        await press(pilot, "2")
        assert HEAD in cells(app, "households")
        await type_text(pilot, "9\n")
        await press(pilot, "f3")
        assert MEMBER in cells(app, "members") and HEAD in cells(app, "members")
        await home(pilot)
        # 3: forums, a forum, its attendance, the plan board, the data card
        await press(pilot, "3")
        assert TOPIC in cells(app, "forums")
        await press(pilot, "f3")  # the forum's form: the area choices hold the village names
        assert isinstance(app.screen, FormScreen) and TOPIC in app.screen.query_one("#f-topic", Input).value
        await press(pilot, "escape", "enter")
        assert TOPIC in text(app, "forum-head")
        assert PROBLEM in cells(app, "findings") and TITLE in cells(app, "proposals")
        await press(pilot, "f4")
        assert HEAD in cells(app, "attendees") and AGENCY in text(app, "att-officials")
        await press(pilot, "escape", "f9")
        assert TITLE in cells(app, "plan-items") and AGENCY in cells(app, "plan-items")
        await press(pilot, "f9")  # the item's history: a list titled with the item
        assert isinstance(app.screen, ChoiceScreen) and TITLE in str(
            app.screen.query_one(".title", Static).render()
        )
        await press(pilot, "escape", "escape", "f10")
        assert isinstance(app.screen, DataCardScreen)
        await press(pilot, "f5")
        await type_text(pilot, "[/]\n\n")  # a typed value quoted in the error message
        assert "[/]" in text(app, "card-error")
        await home(pilot)
        # 1: the ledger page of house 9 with its saved line; the grid; the re-key check
        await press(pilot, "1", "f2")
        await type_text(pilot, "1\n9\n01/2567\n")
        assert ITEM in cells(app, "lg-lines") and HEAD in text(app, "lg-who")
        await press(pilot, "f8")
        assert app.is_running
        await press(pilot, "escape", "f9")
        assert app.is_running
        await home(pilot)
        # 4: reports (area names in the chooser); 5: setup's village list
        await press(pilot, "4", "f3")
        await type_text(pilot, "[/]\n")  # a bad period: the notice quotes it
        assert app.is_running
        options = [str(prompt) for prompt, _ in app.screen.query_one("#rep-area", Select)._options]
        assert any(VILLAGE in o for o in options)
        await home(pilot)
        await press(pilot, "5")
        assert VILLAGE in cells(app, "villages")
        await home(pilot)
        await press(pilot, "f12", "2")  # English too
        assert HEAD in cells(app, "households")
        assert app.is_running
