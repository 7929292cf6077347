"""User management (admins): add a user, set the role, reset the password, deactivate, login on/off.

Users are never deleted: audit rows name them. Every change goes through
:mod:`abc_tui.store.users`, which writes it to the audit table with the admin's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from abc_tui.domain.errors import AbcError
from abc_tui.store import users
from abc_tui.ui.app import AbcFooter, confirm_then
from abc_tui.ui.screens.audit import format_at
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.form import Field, FormScreen


class SecretFormScreen(FormScreen[users.UserInfo]):
    """A :class:`FormScreen` whose password fields show dots, never the typed text."""

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict[str, str]], Any]) -> None:
        super().__init__(title, fields, submit)
        self.secret = [f.name for f in fields if f.name.startswith("password")]

    def on_mount(self) -> None:
        for name in self.secret:
            self.query_one(f"#f-{name}", Input).password = True
        super().on_mount()


def _role_options() -> list[tuple[str, str]]:
    return [(users.role_name(r, get_lang()), r) for r in users.ROLES]


def _same_passwords(values: dict[str, str]) -> str:
    if values["password"] != values["password2"]:
        raise AbcError("รหัสผ่านสองช่องไม่ตรงกัน", "The two passwords differ", field="password2")
    return values["password"]


class UsersScreen(Screen[None]):
    """The office's users and the login switch."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("f2", "add", "users.key.add", priority=True),
        Binding("f3", "role", "users.key.role", priority=True),
        Binding("f4", "passwd", "users.key.passwd", priority=True),
        Binding("f5", "toggle_active", "users.key.active", priority=True),
        Binding("f6", "toggle_login", "users.key.login", priority=True),
    ]

    COLUMNS = (
        ("name", "users.col.name"),
        ("role", "users.col.role"),
        ("active", "users.col.active"),
        ("password", "users.col.password"),
        ("last", "users.col.last"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("users.title"), classes="title", id="users-title")
        yield Static("", id="users-login", classes="hint", markup=False)
        yield DataTable(id="users", cursor_type="row", zebra_stripes=True)
        yield AbcFooter()

    def on_mount(self) -> None:
        table = self.query_one("#users", DataTable)
        for key, label in self.COLUMNS:
            table.add_column(t(label), key=key)
        self.refresh_list()
        table.focus()

    def language_changed(self) -> None:
        table = self.query_one("#users", DataTable)
        for key, label in self.COLUMNS:
            table.columns[key].label = Text(t(label))
        self.query_one("#users-title", Static).update(t("users.title"))
        self.refresh_list(self.selected())

    def refresh_list(self, keep: str | None = None) -> None:
        table = self.query_one("#users", DataTable)
        table.clear()
        rows = users.list_users()
        self.names = [u.name for u in rows]
        lang = get_lang()
        for u in rows:
            table.add_row(
                Text(u.name),
                Text(users.role_name(u.role, lang)),
                Text(t("users.active") if u.active else t("users.inactive")),
                Text(t("users.has_password") if u.has_password else t("users.no_password")),
                Text(format_at(u.last_login_at) if u.last_login_at else ""),
                key=u.name,
            )
        if keep in self.names:
            table.move_cursor(row=self.names.index(keep))
        self.query_one("#users-login", Static).update(
            t("users.login_on") if users.login_enabled() else t("users.login_off")
        )

    def selected(self) -> str | None:
        table = self.query_one("#users", DataTable)
        if not self.names or table.cursor_row < 0:
            return None
        return self.names[min(table.cursor_row, len(self.names) - 1)]

    def _form(self, title: str, fields: list[Field], submit: Callable[[dict[str, str]], Any]) -> None:
        def done(result: users.UserInfo | None) -> None:
            if result is not None:
                self.notify(t("app.saved"))
                self.refresh_list(result.name)

        self.app.push_screen(SecretFormScreen(title, fields, submit), done)

    def action_add(self) -> None:
        fields = [
            Field("name", "users.f.name"),
            Field("role", "users.f.role", "clerk", options=_role_options()),
            Field("password", "users.f.password"),
            Field("password2", "users.f.password2"),
        ]
        self._form(
            t("users.form.add"),
            fields,
            lambda v: users.add_user(v["name"], v["role"], _same_passwords(v), who=self.app.user),
        )

    def action_role(self) -> None:
        name = self.selected()
        if name is None:
            return
        current = users.get_user(name)
        fields = [
            Field("role", "users.f.role", current.role if current else "clerk", options=_role_options())
        ]
        self._form(
            t("users.form.role", name=name),
            fields,
            lambda v: users.set_role(name, v["role"], who=self.app.user),
        )

    def action_passwd(self) -> None:
        name = self.selected()
        if name is None:
            return
        fields = [Field("password", "users.f.password"), Field("password2", "users.f.password2")]
        self._form(
            t("users.form.passwd", name=name),
            fields,
            lambda v: users.set_password(name, _same_passwords(v), who=self.app.user),
        )

    def action_toggle_active(self) -> None:
        name = self.selected()
        info = users.get_user(name) if name else None
        if info is None:
            return
        if not info.active:
            self._try(lambda: users.set_active(name, True, who=self.app.user), name)
            return
        confirm_then(
            self,
            t("users.ask_deactivate", name=name),
            lambda: users.set_active(name, False, who=self.app.user),
            lambda: self.refresh_list(name),
        )

    def action_toggle_login(self) -> None:
        if users.login_enabled():
            confirm_then(
                self,
                t("users.ask_login_off"),
                lambda: users.set_login(False, who=self.app.user),
                lambda: (self.notify(t("users.login_now_off")), self.refresh_list(self.selected())),
            )
        elif self._try(lambda: users.set_login(True, who=self.app.user), self.selected()):
            self.notify(t("users.login_now_on"))

    def _try(self, action: Callable[[], object], keep: str | None) -> bool:
        try:
            action()
        except AbcError as err:
            self.app.bell()
            self.notify(err.message(get_lang()), severity="error", markup=False)
            return False
        self.refresh_list(keep)
        return True

    def action_back(self) -> None:
        self.dismiss()
