"""What a walk over every screen at 80×24 found (issue 10 leftovers), each typed as a clerk would."""

from __future__ import annotations

import pytest

from abc_tui.ui.app import create_app
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.wait import settle

SIZE = (80, 24)


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_form_key_hint_is_one_line_at_80_columns(office, lang):
    """It wrapped as "… F10 = บันทึก  Esc =" / "ยกเลิก": the key and its meaning on two lines."""
    app = create_app(lang=lang, user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f2")  # a new household: the form
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        hint = app.screen.query_one(".form-box > .hint")
        assert hint.content_region.height == 1, str(hint.render())
        assert "Esc" in str(hint.render())


async def test_reports_help_names_the_three_exports_in_full(office):
    """The footer says "f10 XLSX ^d ODS" after "f9 Export CSV"; F1 says what each key does."""
    from abc_tui.ui.app import HelpScreen

    app = create_app(lang="en", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "Export XLSX" in text and "Export ODS" in text and "Import package" in text, text
        assert "CSV/XLSX/ODS" in str(app.screen.query_one("#help-about").render())


def test_package_example_name_is_one_the_program_writes():
    """Package files are named in B.E. (issue 10); the import box's example said 2025."""
    import re

    from abc_tui.ui.strings import keys

    for text in keys()["pkg.placeholder"]:
        year = int(re.search(r"package-(\d{4})-\d\d-\d\d\.zip", text).group(1))
        assert year > 2500, text


async def test_export_status_keeps_the_row_count_with_its_word(office, tmp_path, monkeypatch):
    """The status line wrapped "… .csv  (144" / "แถว)" at 80 columns: the count now comes first."""
    monkeypatch.chdir(tmp_path)
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        lines = str(app.screen.query_one("#rep-status").render()).split("\n")
        assert lines[0].startswith("บันทึกไฟล์แล้ว ") and " แถว: " in lines[0], lines


async def test_audit_user_filter_finds_a_user_by_part_of_the_name(office):
    """Typing "พรทิพย์" (the name a clerk says) found nothing: only the whole stored name matched."""
    from textual.widgets import DataTable

    from abc_tui.store import forums as forum_store
    from tests.ui.keys import type_text

    for who in ("นางสาวพรทิพย์ วงศ์ใหญ่", "นายสมศักดิ์ คำแสน"):
        forum_store.create_forum(
            forum_store.ForumForm("village", "54010101", "20/3/2567", "อ่านบัญชี", "", ""), who=who
        )
    app = create_app(lang="th", user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("f5")
        await type_text(pilot, "พรทิพย์\n")
        await settle(pilot)
        table = app.screen.query_one("#audit", DataTable)
        who = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert who == {"นางสาวพรทิพย์ วงศ์ใหญ่"}, who
        await pilot.press("f5")
        await pilot.press("ctrl+u")
        await type_text(pilot, "นา\n")  # both names: said so, in Thai
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "หลายคน" in status and "นายสมศักดิ์ คำแสน" in status, status


@pytest.mark.parametrize(("lang", "second"), [("th", "หญิง "), ("en", "women ")])
async def test_forum_totals_keep_each_number_with_its_word(office, lang, second):
    """At 80 columns the totals wrapped as "… เยาวชน" / "3"."""
    from abc_tui.store import forums as forum_store
    from abc_tui.ui.screens.forum_detail import ForumScreen

    f = forum_store.create_forum(
        forum_store.ForumForm("village", "54010101", "20/3/2567", "อ่านบัญชี", "", ""), who="แก้ว"
    )
    forum_store.set_walkins(f.id, "16", "6", "3", who="แก้ว")
    app = create_app(lang=lang, user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ForumScreen(f.id))
        await settle(pilot)
        box = app.screen.query_one("#forum-totals")
        lines = [strip.text.strip() for strip in box.render_lines(box.region.reset_offset)]
        lines = [line for line in lines if line]
        assert len(lines) == 2 and lines[1].startswith(second) and lines[1].endswith(" 3"), lines
