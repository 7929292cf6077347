"""Ledger entry driven as a clerk types: real pages from the sample file, then the database is read."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal

import pytest
from textual.widgets import DataTable, Input, Static

from abc_tui.domain.thai import Month, parse_month
from abc_tui.store import areas
from abc_tui.store import households as hh
from abc_tui.store.models import Audit, Household, LedgerLine, LedgerPage
from abc_tui.ui.app import ConfirmScreen, HelpScreen, create_app
from abc_tui.ui.strings import set_lang
from abc_tui.ui.typeahead import has_pending_messages
from tests.conftest import SAMPLE_PAGES
from tests.ui.keys import key_event_for

PAGES = ("P7-0030", "P7-0048", "P7-0059")


def _busy(app) -> bool:
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return any(has_pending_messages(n) for n in nodes) or any(w.is_running for w in app.workers)


async def settle(pilot) -> None:
    """Wait until every message the last key caused has been handled.

    ``pilot.pause()`` waits for the CPU to look idle in 20 ms slices (25-75 ms
    per key); here the event loop runs until every message queue of the app and
    the screen is empty and no worker (item completion) is running.
    """
    app = pilot.app
    quiet = 0
    for _ in range(10_000):
        await asyncio.sleep(0)
        if _busy(app):
            quiet = 0
        else:
            quiet += 1
            if quiet >= 3:
                return


async def type_text(pilot, text: str) -> None:
    """Like ``tests.ui.keys.type_text`` (the same key events, Thai marks kept), settled per key."""
    app = pilot.app
    for character in text:
        event = key_event_for(character)
        event.set_sender(app)
        app.post_message(event)
        await settle(pilot)


def sample_pages() -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = defaultdict(list)
    with open(SAMPLE_PAGES, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["page_id"] in PAGES:
                pages[row["page_id"]].append(row)
    return dict(pages)


@pytest.fixture
def sample_office(db_path):
    """Tambon 540101 with the villages and households of the three sample pages, plus neighbours."""
    areas.setup_office("อบต.ทดสอบ", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    for moo in (7, 11, 12):
        areas.add_village("540101", str(moo), f"บ้านทดสอบ {moo}")
    for code, name in (
        ("54010107-60", "นางบัวผัน ตาคำ"),
        ("54010107-61", "นายอินทร์ บุญยืน"),
        ("54010111-146", "นายสมบัติ ทองคำ"),
        ("54010112-97", "นางประภา คำแสน"),
    ):
        village, house = code.split("-")
        hh.add_household(village, hh.HouseholdForm(house_no=house, head_name=name, joined_on="1/10/2566"))
    set_lang("th")
    yield db_path
    set_lang("th")


def satang(text: str) -> int:
    return int(Decimal(text) * 100)


def screen_text(app, wid: str) -> str:
    return str(app.screen.query_one(f"#{wid}", Static).render())


async def open_page(pilot, code: str, month_be: str, income: str = "", expense: str = "") -> None:
    village, house = code.split("-")
    await pilot.press("f2")
    await type_text(pilot, f"{int(village[-2:])}\n{house}\n{month_be}\n{income}\n{expense}\n")


async def type_line(pilot, day: str, code: str, item: str, amount: str) -> None:
    """One line as a clerk types it: the full item; Delete drops a longer completion if one is shown."""
    await type_text(pilot, f"{day}\n{code}{item}")
    item_input = pilot.app.screen.query_one("#lg-item")
    if item and item_input.completion:
        await pilot.press("delete")
    await type_text(pilot, f"\n{amount}\n")


async def type_page(pilot, rows: list[dict]) -> None:
    first = rows[0]
    income = "" if first["page_income"] == "0.00" else first["page_income"]
    await open_page(pilot, first["household_code"], first["month_be"], income, first["page_expense"])
    previous = None
    for r in rows:
        await type_line(
            pilot,
            "" if r["day"] == previous else r["day"],
            r["category_code"],
            r["item"],
            r["amount_written"],
        )
        previous = r["day"]


async def start(pilot) -> None:
    await pilot.press("1")  # main menu: ledger
    await pilot.pause()


def db_lines(code: str, month: Month) -> list[tuple]:
    h = Household.get(Household.code == code)
    q = (
        LedgerLine.select()
        .where((LedgerLine.household == h) & (LedgerLine.date.between(month.first_day(), month.last_day())))
        .order_by(LedgerLine.id)
    )
    return [(ln.date.day, ln.category_code, ln.item, ln.amount_satang) for ln in q]


async def test_three_real_pages_are_saved_exactly(sample_office):
    pages = sample_pages()
    app = create_app(lang="th", user="สมหญิง")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        for pid in PAGES:
            await type_page(pilot, pages[pid])
            # the paper's control totals are met: the difference shows ✓ and the page can be marked balanced
            assert "✓" in screen_text(app, "lg-totals")
            await pilot.press("f4")
            assert "✓" in screen_text(app, "lg-msg")
    for pid in PAGES:
        rows = pages[pid]
        month = parse_month(rows[0]["month_be"])
        want = [(int(r["day"]), r["category_code"], r["item"], satang(r["amount"])) for r in rows]
        assert db_lines(rows[0]["household_code"], month) == want
        page = LedgerPage.get(LedgerPage.month == month.iso())
        assert page.status == "balanced"
        assert page.control_expense_satang == satang(rows[0]["page_expense"])
    assert {ln.entered_by for ln in LedgerLine.select()} == {"สมหญิง"}


async def test_blank_day_name_category_thai_digits_sum_and_invalid_amount(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_line(pilot, "3", "31", "ข้าวสาร", "๑,๒๕๐.๕๐")  # Thai digits and comma
        # blank day = the day of the line above; category by part of its name, the name shown as confirmation
        await type_text(pilot, "\nไฟ")
        assert "ค่าน้ำ/ค่าไฟ" in screen_text(app, "lg-catname")
        await type_text(pilot, "\nค่าไฟ\n120+35\n")  # a sum, as on an adding machine
        # an invalid amount is refused in place with the reason; nothing typed is lost
        await type_text(pilot, "9\n43หวย\n12,34\n")
        assert "จำนวนเงินไม่ถูกต้อง" in screen_text(app, "lg-msg")
        screen = app.screen
        assert screen.focused.id == "lg-amount"
        assert [
            screen.query_one(f"#{w}", Input).value for w in ("lg-day", "lg-code", "lg-item", "lg-amount")
        ] == ["9", "43", "หวย", "12,34"]
        await type_text(pilot, "1234\n")  # the refused text is selected: typing replaces it
        assert screen.focused.id == "lg-day"
    assert db_lines("54010107-60", Month(2024, 6)) == [
        (3, "31", "ข้าวสาร", 125050),
        (3, "33", "ค่าไฟ", 15500),
        (9, "43", "หวย", 123400),
    ]


async def test_invalid_day_and_code_are_refused_in_english(sample_office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "2/67")  # February 2567 (2024) has 29 days
        await type_text(pilot, "30\n")
        assert "days 1–29" in screen_text(app, "lg-msg")
        assert app.screen.focused.id == "lg-day"
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "29\n50")
        assert "No category with code 50" in screen_text(app, "lg-msg")
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "31\n10\n")
    assert db_lines("54010107-60", Month(2024, 2)) == [(29, "31", "", 1000)]


async def test_item_completion_is_shown_and_enter_accepts_it(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_line(pilot, "1", "31", "ไข่ไก่", "10")
        await type_line(pilot, "", "31", "ไข่เป็ด", "11")
        await type_line(pilot, "", "31", "ไข่เป็ด", "12")
        await type_text(pilot, "\n31ไ")
        item = app.screen.query_one("#lg-item")
        assert item.completion == "ไข่เป็ด"  # most used first
        # what the clerk sees: the completion drawn after the cursor
        assert "ไข่เป็ด" in "".join(seg.text for seg in item.render_line(0))
        await type_text(pilot, "ข่ไ")
        assert item.completion == "ไข่ไก่"
        await type_text(pilot, "\n5\n")  # Enter accepts the completion
        # Delete drops the completion: exactly what was typed is kept
        await type_text(pilot, "\n31ไข่")
        assert item.completion
        await pilot.press("delete")
        assert item.completion == ""
        await type_text(pilot, "\n6\n")
    assert [ln[2] for ln in db_lines("54010107-60", Month(2024, 6))] == [
        "ไข่ไก่",
        "ไข่เป็ด",
        "ไข่เป็ด",
        "ไข่ไก่",
        "ไข่",
    ]


async def test_edit_delete_with_confirmation_and_undo(sample_office):
    app = create_app(lang="th", user="สมหญิง")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_line(pilot, "2", "43", "หวย", "240")
        await type_line(pilot, "3", "34", "น้ำมันรถ", "495.50")
        await type_line(pilot, "", "26", "อาหารไก่", "3201")
        screen = app.screen
        table = screen.query_one("#lg-lines", DataTable)
        # edit line 2: Up into the table, Up once more, Enter loads it into the entry row
        await pilot.press("up", "up", "enter")
        assert screen.focused.id == "lg-day"
        assert screen.query_one("#lg-amount", Input).value == "495.50"
        await type_text(pilot, "\n\n\n459.50\n")
        assert db_lines("54010107-60", Month(2024, 6))[1] == (3, "34", "น้ำมันรถ", 45950)
        edit = Audit.get(Audit.action == "update")
        assert json.loads(edit.before)["amount_satang"] == 49550 and edit.who == "สมหญิง"
        # delete line 1: asked first; Esc keeps it
        await pilot.press("f6")
        table.move_cursor(row=0)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert len(db_lines("54010107-60", Month(2024, 6))) == 3
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert [ln[2] for ln in db_lines("54010107-60", Month(2024, 6))] == ["น้ำมันรถ", "อาหารไก่"]
        assert json.loads(Audit.get(Audit.action == "delete").before)["item"] == "หวย"
        # Ctrl+Z brings the deleted line back, then undoes the edit, then the last save
        await pilot.press("ctrl+z")
        assert [ln[2] for ln in db_lines("54010107-60", Month(2024, 6))] == ["หวย", "น้ำมันรถ", "อาหารไก่"]
        await pilot.press("ctrl+z")
        assert db_lines("54010107-60", Month(2024, 6))[1][3] == 49550
        await pilot.press("ctrl+z")
        assert len(db_lines("54010107-60", Month(2024, 6))) == 2
        assert table.row_count == 2
        assert "ย้อนกลับแล้ว" in screen_text(app, "lg-msg")


async def test_controls_difference_highlighted_until_zero(sample_office):
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010112-97", "6/68", "100", "50.25")
        await type_line(pilot, "1", "15", "", "60")
        assert "diff -40.00" in screen_text(app, "lg-totals")
        await pilot.press("f4")  # not balanced yet: refused with the differences
        assert "income differs by -40.00" in screen_text(app, "lg-msg")
        await type_line(pilot, "", "11", "", "40")
        await type_line(pilot, "", "31", "", "50.25")
        totals = screen_text(app, "lg-totals")
        assert totals.count("✓") == 2 and "diff" not in totals
        await pilot.press("f4")
    assert LedgerPage.get().status == "balanced"


async def test_duplicate_and_outlier_warn_but_save(sample_office):
    h = Household.get(Household.code == "54010107-60")
    from abc_tui.store.ledger import LedgerDesk

    desk = LedgerDesk()
    for m in (1, 2, 3):
        desk.open(h, Month(2024, m)).save_line("5", "33", "ค่าไฟ", "400")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "4/67")
        await type_line(pilot, "5", "33", "ค่าไฟ", "4000")
        assert "สูงกว่าปกติ" in screen_text(app, "lg-msg")
        await type_line(pilot, "6", "31", "", "50")
        await type_line(pilot, "6", "31", "", "50")
        assert "ซ้ำ" in screen_text(app, "lg-msg")
        table = app.screen.query_one("#lg-lines", DataTable)
        assert "ซ้ำ" in str(table.get_cell_at((2, 5)))
    assert len(db_lines("54010107-60", Month(2024, 4))) == 3


async def test_next_household_same_village_same_month(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_line(pilot, "1", "31", "", "10")
        await type_text(pilot, "2\n31\n\n20")  # a line typed but not yet saved: F5 saves it first
        await pilot.press("f5")
        assert app.screen.session.household.code == "54010107-61"
        assert app.screen.session.month == Month(2024, 6)
        assert app.screen.focused.id == "lg-cinc"
        await type_text(pilot, "\n\n4\n31\n\n30\n")
        await pilot.press("f5")  # the last house of the village: says so, stays
        assert "สุดท้าย" in screen_text(app, "lg-msg")
    assert len(db_lines("54010107-60", Month(2024, 6))) == 2
    assert db_lines("54010107-61", Month(2024, 6)) == [(4, "31", "", 3000)]


async def test_default_month_is_after_the_last_page(sample_office):
    h = Household.get(Household.code == "54010111-146")
    from abc_tui.store.ledger import LedgerDesk

    LedgerDesk().open(h, Month(2024, 11)).save_line("5", "31", "", "1")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await type_text(pilot, "11\n146\n")
        assert app.screen.query_one("#lg-month", Input).value == "12/2567"
        await type_text(pilot, "\n")  # Enter accepts it
        assert app.screen.session.month == Month(2024, 12)


async def test_reopen_page_shows_its_lines(sample_office):
    h = Household.get(Household.code == "54010111-146")
    from abc_tui.store.ledger import LedgerDesk

    page = LedgerDesk().open(h, Month(2025, 2))
    page.set_controls("", "8,036")
    page.save_line("4", "35", "", "167")
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010111-146", "2/68")
        screen = app.screen
        assert screen.query_one("#lg-lines", DataTable).row_count == 1
        assert screen.query_one("#lg-cexp", Input).value == "8,036"
        assert screen.query_one("#lg-day", Input).placeholder == "4"  # blank day = the line above


async def test_completeness_grid_reflects_the_page_and_opens_it(sample_office):
    pages = sample_pages()
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await type_page(pilot, pages["P7-0048"])  # 54010107-60, 06/2567
        await pilot.press("f4")
        await open_page(pilot, "54010107-61", "5/67")
        await type_line(pilot, "1", "31", "", "10")
        await open_page(pilot, "54010107-60", "6/67")
        await pilot.press("f8")
        grid = app.screen
        table = grid.query_one("#grid", DataTable)
        assert [r.house_no for r in grid.rows] == ["60", "61"]
        last = len(grid.months)  # the window ends at the working month (06/2567)
        assert str(table.get_cell_at((0, last))) == "✓"
        assert str(table.get_cell_at((1, last))) == "·"
        assert str(table.get_cell_at((1, last - 1))) == "●"
        assert "60" in str(table.get_cell_at((0, 0)))
        # Enter on a cell opens that page
        table.move_cursor(row=1, column=last - 1)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.session.household.code == "54010107-61" and screen.session.month == Month(2024, 5)
        assert screen.query_one("#lg-lines", DataTable).row_count == 1


async def test_rekey_check_reports_mismatches(sample_office):
    app = create_app(lang="en", user="หัวหน้า")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_line(pilot, "2", "43", "หวย", "240")
        await type_line(pilot, "3", "34", "", "495.50")
        await pilot.press("f9")
        rekey = app.screen
        await type_text(pilot, "\n")  # sample size 20 of village 7, 06/2567: both lines
        assert len(rekey.targets) == 2
        for target in list(rekey.targets):
            line = LedgerLine.get_by_id(target.line_id)
            # the checker re-types from paper; get the amount of the first one wrong
            amount = "249" if line.item == "หวย" else "495.50"
            await type_text(pilot, f"{line.date.day}\n{line.category_code}\n{amount}\n")
        summary = str(rekey.query_one("#rk-summary", Static).render())
        assert "1 same, 1 differ" in summary
        results = rekey.query_one("#rk-results", DataTable)
        cells = " ".join(str(results.get_cell_at((r, 2))) for r in range(results.row_count))
        assert "amount 240.00≠249" in cells
    assert Audit.select().where(Audit.action == "rekey").count() == 2


async def test_help_lists_every_ledger_key(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        for label in ("ย้อนกลับ", "บ้านถัดไป", "ตรงยอด", "ความครบถ้วน", "ตรวจพิมพ์ซ้ำ", "ลบรายการ"):
            assert label in text


async def test_escape_with_a_half_typed_line_asks_first(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_text(pilot, "2\n31ข้าว")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: back to typing, nothing lost
        assert app.screen.query_one("#lg-item", Input).value == "ข้าว"


def test_sample_pages_fixture_matches_file():
    pages = sample_pages()
    assert [len(pages[p]) for p in PAGES] == [9, 8, 10]
    assert dt.date(2024, 6, 1) == parse_month(pages["P7-0048"][0]["month_be"]).first_day()


async def test_f12_switches_the_ledger_screen_to_english(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67", "", "100")
        await type_line(pilot, "2", "31", "", "40")
        await pilot.press("f12")
        await settle(pilot)
        await pilot.pause()
        screen = app.screen
        labels = [str(lb.render()) for lb in screen.query(".lg-label")]
        assert "Moo" in labels and "Expense" in labels
        assert "Expense" in screen_text(app, "lg-totals")
        assert "Food and drink" in str(screen.query_one("#lg-lines", DataTable).get_cell_at((0, 2)))
        await type_text(pilot, "\n31\nx\n")
        assert "Not a valid amount" in screen_text(app, "lg-msg")


async def test_item_with_brackets_is_text_not_markup(sample_office):
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_page(pilot, "54010107-60", "6/67")
        await type_line(pilot, "2", "39", "[red]ของขวัญ[/red]", "99")
        table = app.screen.query_one("#lg-lines", DataTable)
        assert str(table.get_cell_at((0, 3))) == "[red]ของขวัญ[/red]"
    assert db_lines("54010107-60", Month(2024, 6)) == [(2, "39", "[red]ของขวัญ[/red]", 9900)]
