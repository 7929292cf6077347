"""Moving a forum to another village from the forum form (issue 8): the facilitator is asked
with the count first; No keeps everything, Yes removes (audited) and moves the plan items."""

from __future__ import annotations

import json

from textual.widgets import Static

from abc_tui.store import forums, plan
from abc_tui.store.models import Audit, Forum, ForumAttendance, PlanItem
from abc_tui.ui.app import ConfirmScreen, create_app
from abc_tui.ui.screens.forum_detail import ForumScreen
from abc_tui.ui.screens.forum_form import ForumFormScreen
from tests.unit.test_forums import village1, village_forum  # noqa: F401

SIZE = (80, 24)


async def _move_to_village_2(pilot) -> None:
    """F6 on the forum: the form opens on the level; Tab to the area, pick the next village, save."""
    await pilot.press("f6")
    assert isinstance(pilot.app.screen, ForumFormScreen)
    await pilot.press("tab", "down", "down", "enter")  # ↓ opens the list, ↓ the next village, Enter chooses
    await pilot.pause()
    await pilot.press("f10")
    await pilot.pause()


async def test_moving_a_forum_asks_with_the_count_no_keeps_yes_removes(village1, tmp_path) -> None:  # noqa: F811
    office, _, _ = village1
    v1, v2 = office.villages
    f = forums.create_forum(village_forum(office), who="แก้ว")
    for c in forums.candidates(f.id):
        forums.set_present(f.id, c.member_id, True, who="แก้ว")
    plan.propose(f.id, plan.PlanForm(title="ลดรายจ่ายหวย", actor="group", fiscal_year="2568"))
    app = create_app(lang="en", user="สมปอง")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")  # the forum list; open the forum
        await pilot.pause()
        assert isinstance(app.screen, ForumScreen) and app.screen.forum_id == f.id

        # -- No: nothing is removed, the form stays open with what was chosen
        await _move_to_village_2(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(Static).render())
        assert "5 attendees not from the new area will be removed" in question
        assert "1 plan items move to the new area" in question and "Continue?" in question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ForumFormScreen)
        assert "Not saved" in str(app.screen.query_one("#form-error", Static).render())
        assert Forum.get_by_id(f.id).area_code == v1
        assert ForumAttendance.select().count() == 5 and PlanItem.get().area_code == v1
        assert not Audit.select().where(Audit.who == "สมปอง").exists()

        # -- Yes: removed, each removal audited with who, the plan item moved
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ForumScreen)
        assert app.is_running
    assert Forum.get_by_id(f.id).area_code == v2
    assert ForumAttendance.select().count() == 0
    removed = Audit.select().where((Audit.table == "forum_attendance") & (Audit.action == "delete"))
    assert removed.count() == 5 and {a.who for a in removed} == {"สมปอง"}
    assert all(json.loads(a.before)["to_area"] == v2 for a in removed)
    assert PlanItem.get().area_code == v2
    assert Audit.select().where((Audit.table == "plan_item") & (Audit.who == "สมปอง")).count() == 1


async def test_f12_on_the_open_move_question_switches_its_language(village1, tmp_path) -> None:  # noqa: F811
    """The question joined from three texts is written again in the other language by F12."""
    office, _, _ = village1
    f = forums.create_forum(village_forum(office), who="แก้ว")
    for c in forums.candidates(f.id):
        forums.set_present(f.id, c.member_id, True, who="แก้ว")
    app = create_app(lang="en", user="สมปอง")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        await _move_to_village_2(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.pause()
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Continue?" not in question and "attendees" not in question, question
        assert "5" in question
        footer = [str(k.description) for k in app.screen.query("FooterKey")]
        assert "Yes" not in footer, footer
