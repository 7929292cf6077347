"""One key prints: the forum's sign-in sheet, the data card, the plan's demand–supply and the
village's statements; the screen says where the file went, and the PDF reads back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from abc_tui.store import forums, plan
from abc_tui.ui.app import create_app
from abc_tui.ui.screens.datacard import DataCardScreen
from abc_tui.ui.screens.forum_detail import ForumScreen
from abc_tui.ui.screens.plan_board import PlanBoardScreen
from abc_tui.ui.screens.reports import ReportsScreen
from abc_tui.ui.strings import set_lang
from tests.pdfcheck import squash, texts
from tests.ui.test_forums_screens import small_ledger

SIZE = (80, 24)


async def _print(pilot, status: str | None = None) -> Path:
    """Press the print key, wait for the job, return the file the screen names."""
    app = pilot.app
    await pilot.press("ctrl+o")
    await app.workers.wait_for_complete()
    await pilot.pause()
    said = [n.message for n in app._notifications]
    assert said, "the screen says nothing"
    message = said[-1]
    if status:
        assert str(app.screen.query_one(status, Static).render()) == message
    marker = "PDF written: " if "written" in message else "เขียน PDF แล้ว: "
    assert message.startswith(marker), message
    path = Path(message[len(marker) :])
    assert path.is_file() and path.suffix == ".pdf"
    return path


async def test_forum_screen_prints_its_signin_sheet(office, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    set_lang("th")
    f = forums.create_forum(forums.ForumForm("village", office.villages[1], "20/3/2567", "อ่านบัญชี", "", ""))
    app = create_app(lang="th")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ForumScreen(f.id))
        await pilot.pause()
        path = await _print(pilot)
        assert path.parent == tmp_path / "exports" and path.name.endswith("-named.pdf")
    text = squash(texts(path)[0])
    assert "ใบลงชื่อเข้าร่วมเวทีเรียนรู้" in text and "20/03/2567" in text
    assert text.index("นางสมศรีคำแสน") < text.index("นายทองดีอินต๊ะ")  # house 7 before 8
    assert "นายสมชายใจดี" not in text


async def test_data_card_key_prints_the_card_shown(office, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    set_lang("en")
    small_ledger(office)
    app = create_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        from abc_tui.domain.thai import Month

        app.push_screen(DataCardScreen(village=office.villages[0], last=Month(2024, 3)))
        await pilot.pause()
        await app.workers.wait_for_complete()  # the card loads in a worker
        await pilot.pause()
        path = await _print(pilot)
    text = texts(path)[0]
    assert "Village household-account data card" in text and "March 2567 B.E." in text
    assert "10,000.00" in text  # the income of the period
    set_lang("th")


async def test_plan_board_key_prints_demand_and_supply(office, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    set_lang("th")
    v1 = office.villages[0]
    plan.add_item(v1, plan.PlanForm(title="ถนน", actor="lao", fiscal_year="2568", budget_requested="100,000"))
    app = create_app(lang="th")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PlanBoardScreen(area=v1))
        await pilot.pause()
        path = await _print(pilot, "#status")
    text = squash(texts(path)[0])
    assert "อปท." in text and "100,000.00" in text and "ตามหน่วยงาน" in text


async def test_reports_screen_prints_statements_without_names(office, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    set_lang("th")
    small_ledger(office)
    from abc_tui.domain.thai import Month
    from abc_tui.reports.period import Period

    app = create_app(lang="th")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReportsScreen(period=Period(Month(2024, 1), Month(2024, 3)), area=office.villages[0]))
        await pilot.pause()
        path = await _print(pilot, "#rep-status")
    pages = texts(path)
    assert len(pages) == 3 and office.households[0].code in pages[0]
    assert "นายสมชาย" not in squash("".join(pages))
