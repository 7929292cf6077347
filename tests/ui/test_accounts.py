"""Pilot tests of accounts: logging in, role gates, user management, the audit viewer."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, Input, Static

from abc_tui.store import households as hh
from abc_tui.store import users
from abc_tui.store.models import Audit, Household
from abc_tui.ui.app import MainScreen, create_app
from abc_tui.ui.screens.audit import AuditDetailScreen, AuditScreen
from abc_tui.ui.screens.households import HouseholdsScreen
from abc_tui.ui.screens.login import LoginScreen, wait_after
from abc_tui.ui.screens.reports import ReportsScreen
from abc_tui.ui.screens.users import UsersScreen
from abc_tui.ui.strings import set_lang
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.keys import type_text
from tests.ui.wait import settle


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def rendered(widget: Static) -> str:
    return str(widget.render())


def accounts() -> None:
    users.add_user("สมศรี", "admin", "secret1", who="setup")
    users.add_user("malee", "clerk", "clerk99", who="setup")


async def log_in(pilot, name: str, password: str) -> None:
    await type_text(pilot, f"{name}\n{password}\n")
    await pilot.pause()


async def test_no_login_while_no_admin_has_a_password(office):
    users.add_user("malee", "clerk", "clerk99")
    app = create_app(lang="th", user="malee")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.role == "admin"  # a one-person office may do everything


async def test_login_with_the_right_password(office):
    accounts()
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        await log_in(pilot, "สมศรี", "secret1")
        assert isinstance(app.screen, MainScreen)
        assert (app.user, app.role) == ("สมศรี", "admin")
        assert "สมศรี" in app.sub_title
    assert users.get_user("สมศรี").last_login_at


async def test_wrong_password_is_refused_in_place_and_never_shown(office):
    accounts()
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_entry("ledger")  # as the command palette would: nothing opens before a login
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen) and "Please log in first" in notes(app)
        await log_in(pilot, "สมศรี", "wrong-one")
        screen = app.screen
        assert isinstance(screen, LoginScreen)
        assert "Wrong user name or password" in rendered(screen.query_one("#login-error", Static))
        password = screen.query_one("#login-password", Input)
        assert password.password and password.value == ""  # dots while typed, cleared after
        assert screen.query_one("#login-name", Input).value == "สมศรี"  # the name stays
        await type_text(pilot, "secret1\n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.user == "สมศรี"
    set_lang("th")


async def test_repeated_failures_slow_down_but_never_lock_out(office):
    assert [wait_after(n) for n in range(1, 9)] == [0, 0, 2, 4, 8, 16, 30, 30]
    accounts()
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await log_in(pilot, "malee", "bad1")
        await type_text(pilot, "bad2\n")
        await type_text(pilot, "bad3\n")
        screen = app.screen
        assert screen.failures == 3
        assert "wait 2 s" in rendered(screen.query_one("#login-error", Static))
        assert screen.query_one("#login-password", Input).disabled
        screen._wait_over()  # the timer's end (no timed assertions)
        await pilot.pause()
        await type_text(pilot, "clerk99\n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.role == "clerk"
    set_lang("th")


async def test_clerk_is_refused_settings_and_export(office, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    accounts()
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await log_in(pilot, "malee", "clerk99")
        await pilot.press("5")  # area setup: admins only
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("only administrator may" in n for n in notes(app))
        await pilot.press("7")  # users: admins only
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("4")  # reports: everyone may view
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        await pilot.press("f9")
        await settle(pilot)
        assert any(
            "Not allowed to export data: only reporting officer / administrator" in n for n in notes(app)
        )
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert not (tmp_path / "exports").exists()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2")  # households: a clerk's work
        await pilot.pause()
        assert isinstance(app.screen, HouseholdsScreen)
    set_lang("th")


async def test_every_change_is_stamped_with_the_logged_in_user(office):
    accounts()
    app = create_app(lang="th", user="someone-else")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await log_in(pilot, "malee", "clerk99")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, "99\nนางน้ำฝน ใจงาม\n2\n")
        await pilot.press("enter")  # occupation as shown
        await type_text(pilot, "0\n1/11/67\n")
        await pilot.pause()
        saved = Household.get(Household.code == "54010101-99")
    row = Audit.get((Audit.table == "household") & (Audit.row_uuid == saved.uuid))
    assert row.who == "malee"


async def test_admin_adds_a_user(office):
    accounts()
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await log_in(pilot, "สมศรี", "secret1")
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, UsersScreen)
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await type_text(pilot, "วันเพ็ญ\n")
        await pilot.press(
            "down", "down", "down", "enter", "enter"
        )  # role: clerk, facilitator, officer; move on
        await pilot.pause()
        await type_text(pilot, "pass123\npass124\n")  # the two differ: refused in place
        await pilot.pause()
        assert app.screen is form
        assert "ไม่ตรงกัน" in rendered(form.query_one("#form-error", Static))
        assert form.query_one("#f-password", Input).password
        assert app.focused is form.query_one("#f-password2", Input)  # the cursor is on the field in error
        await pilot.press("ctrl+u")
        await type_text(pilot, "pass123\n")
        await pilot.pause()
        assert isinstance(app.screen, UsersScreen)
        table = app.screen.query_one("#users", DataTable)
        assert "วันเพ็ญ" in [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
    info = users.get_user("วันเพ็ญ")
    assert info.has_password and info.role == "officer"
    assert users.authenticate("วันเพ็ญ", "pass123").name == "วันเพ็ญ"
    row = Audit.select().where((Audit.table == "user") & (Audit.row_uuid == "วันเพ็ญ")).get()
    assert row.who == "สมศรี" and "pass123" not in (row.after or "")


def table_rows(screen) -> list[list[str]]:
    table = screen.query_one("#audit", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_audit_viewer_filters_and_shows_before_and_after(office):
    h1, h2 = office.households[0], office.households[3]
    form = hh.HouseholdForm(
        house_no="1",
        head_name="นายสมชาย [/] ใจดี",
        members_count="5",
        occupation="rice",
        debt_at_joining="50,000",
        joined_on="1/10/2566",
    )
    hh.update_household(h1.id, form, who="malee")
    hh.add_member(h2.id, "เด็กหญิงฝน", who="สมศรี")
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        assert len(table_rows(screen)) == 7  # five households added, one edit, one member
        await pilot.press("f5")  # filters: user
        await type_text(pilot, "malee\n")
        await pilot.pause()
        rows = table_rows(screen)
        assert len(rows) == 1 and rows[0][1:4] == ["malee", "household", "changed"]
        await pilot.press("enter")  # before/after of that change
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, AuditDetailScreen)
        fields = detail.query_one("#audit-fields", DataTable)
        by_name = {
            str(fields.get_row_at(i)[0]).strip(" *"): fields.get_row_at(i) for i in range(fields.row_count)
        }
        before, after = by_name["head_name"][1], by_name["head_name"][2]
        assert isinstance(after, Text) and str(after) == "นายสมชาย [/] ใจดี"  # text, never markup
        assert str(before) == "นายสมชาย ใจดี" and "bold" in str(after.style)
        assert str(by_name["members_count"][0]).startswith("*")
        assert not str(by_name["occupation"][0]).startswith("*")  # unchanged: not marked
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        screen.query_one("#audit-who", Input).value = ""
        await pilot.press("f5", "tab", "tab", "tab")  # to the household box
        await type_text(pilot, f"{h2.code}\n")
        await pilot.pause()
        assert [r[2:4] for r in table_rows(screen)] == [["member", "added"], ["household", "added"]]
    set_lang("th")


async def test_accounts_screens_switch_language(office):
    accounts()
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f12")  # on the login screen
        await pilot.pause()
        await pilot.pause()
        assert "Password" in str(app.screen.query_one("#login-password-label").render())
        await log_in(pilot, "สมศรี", "secret1")
        for key, screen_type, table_id, first_label in (
            ("6", AuditScreen, "#audit", "When"),
            ("7", UsersScreen, "#users", "User"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            await pilot.press("f12", "f12")  # Thai, then English again
            await pilot.pause()
            await pilot.pause()
            table = app.screen.query_one(table_id, DataTable)
            assert str(list(table.columns.values())[0].label) == first_label
            await pilot.press("escape")
            await pilot.pause()
    set_lang("th")
