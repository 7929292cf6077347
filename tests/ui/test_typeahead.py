"""Type-ahead: keys typed faster than the screen reacts still land in the right field.

A clerk skips both paper totals with Enter, Enter and starts the day at once. The keys
arrive in a burst (a fast typist on a slow office PC); none may be lost or land in the
field the focus just left.
"""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from abc_tui.store.models import LedgerLine
from abc_tui.ui.app import create_app
from tests.ui.keys import burst, key_events, type_text


async def test_enter_enter_then_day_in_a_burst(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")  # ledger entry
        await pilot.pause()
        await type_text(pilot, "1\n1\n")  # moo 1, house 1 → the month field
        await burst(pilot, "\n\n\n5")  # month as shown, no income total, no expense total, day 5
        screen = app.screen
        assert screen.query_one("#lg-cinc", Input).value == ""
        assert screen.query_one("#lg-cexp", Input).value == ""
        assert screen.query_one("#lg-day", Input).value == "5"


async def test_a_whole_page_typed_in_one_burst(office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        # moo 1, house 2, month 3/67, paper totals, then three lines: a complete code moves on
        # by itself, a blank day carries the one above, a blank item stays blank.
        await burst(pilot, "1\n2\n3/67\n5,000\n1,455\n4\n13ค่าแรง\n5,000\n\n31ไข่ไก่\n๑๒๐+๓๕\n9\n21\n1,300\n")
    lines = list(LedgerLine.select().order_by(LedgerLine.id))
    assert [(str(x.date), x.category_code, x.item, x.amount_satang) for x in lines] == [
        ("2024-03-04", "13", "ค่าแรง", 500_000),
        ("2024-03-04", "31", "ไข่ไก่", 15_500),
        ("2024-03-09", "21", "", 130_000),
    ]


# ---------------------------------------------------------------- every screen (issue 10, bug 1)
# Each burst starts on the main menu: the key that opens a screen and everything typed for it
# arrive before the screen exists; all of it must land in the new screen's focused widget.


async def test_households_search_typed_with_the_menu_key(office):
    from abc_tui.ui.screens.households import HouseholdsScreen

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "2สมชาย")
        assert isinstance(app.screen, HouseholdsScreen)
        assert app.screen.query_one("#search", Input).value == "สมชาย"
        assert app.screen.row_ids == [office.households[0].id]


async def test_household_form_two_households_in_one_burst(office):
    """The issue's keys: the second form must not open empty."""
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "2<f2>26\nนายทองใบ แสนคำ<f10><f2>172\nนายทดสอบ ลบ<f10>")
    from abc_tui.store.models import Household

    assert Household.get(Household.code == "54010101-26").head_name == "นายทองใบ แสนคำ"
    assert Household.get(Household.code == "54010101-172").head_name == "นายทดสอบ ลบ"


async def test_household_form_after_choosing_a_village(office):
    """F6, choose moo 2 in the list, then ``F2 40 Enter name``: nothing lost, nothing turned into 0."""
    from abc_tui.store.models import Household

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "2<f6><down><down><enter><f2>40\nนายสี่สิบ ทดสอบ<f10>")
    assert Household.get(Household.code == "54010102-40").head_name == "นายสี่สิบ ทดสอบ"


def _forum(office, topic: str = "อ่านบัญชีครัวเรือน"):
    from abc_tui.store import forums

    return forums.create_forum(
        forums.ForumForm(
            level="village",
            area_code=office.villages[0],
            date="15/3/2567",
            topic=topic,
            facilitators="นางสาวแก้ว",
            notes="",
        )
    )


async def test_forums_list_then_attendance(office):
    from abc_tui.ui.screens.forum_attendance import AttendanceScreen

    forum = _forum(office)
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "3<f4>บุญมี")  # the forum list, attendance of the forum under the cursor, a name
        assert isinstance(app.screen, AttendanceScreen) and app.screen.forum_id == forum.id
        assert app.screen.query_one("#att-search", Input).value == "บุญมี"


async def test_forum_form_typed_in_one_burst(office):
    from abc_tui.store.models import Forum

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # the list, F2 new forum: level as shown, area moo 1, a date, topic, facilitator, no notes
        await burst(pilot, "3<f2><tab><enter><down><enter><enter>15/3/67\nเวทีด่วน\nนางสาวแก้ว\n\n")
    forum = Forum.get()
    assert (forum.topic, forum.facilitators, str(forum.date)) == ("เวทีด่วน", "นางสาวแก้ว", "2024-03-15")


async def test_plan_board_keys_before_it_opens(office):
    from abc_tui.store import plan
    from abc_tui.store.models import PlanItem

    forum = _forum(office)
    item = plan.propose(forum.id, plan.PlanForm(title="กลุ่มออมทรัพย์", actor="group", fiscal_year="2568"))
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "3<f9><f2>")  # the list, the plan board, advance the item
    assert PlanItem.get_by_id(item.id).status == "in_plan"


async def test_reports_period_typed_while_the_report_loads(office):
    from abc_tui.domain.thai import Month
    from abc_tui.ui.screens.reports import ReportsScreen

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "4<f3>1/67<tab>3/67\n")
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        assert (screen.period.first, screen.period.last) == (Month(2024, 1), Month(2024, 3))


async def test_setup_village_typed_with_the_menu_key(office):
    from abc_tui.store import areas

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "5<f2>3\nบ้านดอนใหม่\n")
    assert [v.name for v in areas.villages()][-1] == "บ้านดอนใหม่"


async def test_users_form_typed_with_the_menu_key(office):
    from abc_tui.store import users

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "7<f2>บุญเรือน\n\npass123\npass123\n")  # name, role as shown, password twice
    info = users.get_user("บุญเรือน")
    assert info is not None and info.role == "clerk" and info.has_password


async def test_backup_dialog_folder_typed_with_the_menu_key(office, tmp_path):
    import asyncio

    target = tmp_path / "stick"
    target.mkdir()
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, f"b<ctrl+u>{target}\n")
        for _ in range(500):
            if any(target.iterdir()) and not any(
                w.is_running for w in app.workers if w.group == "usb-backup"
            ):
                break
            await asyncio.sleep(0.02)
    assert any(target.iterdir())


async def test_login_typed_before_the_login_screen_is_up(office):
    from abc_tui.store import users
    from abc_tui.ui.screens.households import HouseholdsScreen

    users.add_user("สมศรี", "admin", "secret1", who="setup")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "สมศรี\nsecret1\n2สม")  # name, password, then households and a search
        assert app.user == "สมศรี" and app.role == "admin"
        assert isinstance(app.screen, HouseholdsScreen)
        assert app.screen.query_one("#search", Input).value == "สม"


# ---------------------------------------------------------------- workers


def _worker_app(seconds: float):
    import time

    from textual.app import App, ComposeResult

    from abc_tui.ui.typeahead import TypeAheadApp

    class WorkerApp(TypeAheadApp, App[None]):
        WORK_SETTLE_SECONDS = 0.5

        def __init__(self) -> None:
            super().__init__()
            self._init_typeahead()

        def compose(self) -> ComposeResult:
            yield Input(id="first")
            yield Input(id="second")

        def on_mount(self) -> None:
            self.query_one("#first").focus()

        def load(self) -> None:
            """A report loading: when it is done, the cursor goes to the second field."""

            def work() -> None:
                time.sleep(seconds)
                self.call_from_thread(self.query_one("#second").focus)

            self.screen.run_worker(work, thread=True)

    return WorkerApp()


async def test_keys_typed_while_a_worker_runs_go_where_the_cursor_is_after_it():
    app = _worker_app(0.3)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.load()
        await burst(pilot, "42")
        assert app.query_one("#first", Input).value == ""
        assert app.query_one("#second", Input).value == "42"


async def test_a_long_worker_holds_keys_only_so_long():
    app = _worker_app(2.5)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.load()
        loop = asyncio.get_running_loop()
        start = loop.time()
        for event in key_events("abc"):
            event.set_sender(app)
            app.post_message(event)
        while app.query_one("#first", Input).value != "abc" and loop.time() - start < 2:
            await asyncio.sleep(0.05)
        assert app.query_one("#first", Input).value == "abc"  # after half a second, not after the job
        app.workers.cancel_all()
