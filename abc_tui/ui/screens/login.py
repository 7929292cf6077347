"""The login screen shown at start when login is on (see :mod:`abc_tui.store.users`).

User name, Enter, password (shown as dots, cleared after a wrong try), Enter. After three wrong
tries each further one waits longer (2, 4, 8 … up to 30 seconds) — a slowdown, never a lockout,
so a one-person office is never shut out of its own data. Dismisses with the logged-in
:class:`~abc_tui.store.users.UserInfo`; Esc quits the program.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from abc_tui.domain.errors import AbcError
from abc_tui.store import users
from abc_tui.ui.app import AbcFooter
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.thai_input import ThaiInput

FREE_TRIES = 3
MAX_WAIT = 30


def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong tries in a row (0 for the first few)."""
    if failures < FREE_TRIES:
        return 0
    return min(2 ** (failures - FREE_TRIES + 1), MAX_WAIT)


class LoginScreen(Screen[users.UserInfo]):
    """User name and password; dismisses with the user."""

    BINDINGS = [Binding("escape", "app.quit", "login.key.quit")]

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.initial_name = name
        self.failures = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="login-box"):
            yield Static(t("login.title"), classes="title", id="login-title")
            yield Static(t("login.intro"), classes="hint", id="login-intro")
            with Horizontal(classes="form-row"):
                yield Label(t("login.name"), id="login-name-label")
                yield ThaiInput(self.initial_name, id="login-name", max_length=120)
            with Horizontal(classes="form-row"):
                yield Label(t("login.password"), id="login-password-label")
                yield ThaiInput(id="login-password", password=True, max_length=256)
            yield Static("", id="login-error", classes="error", markup=False)
            yield Static(t("login.hint"), classes="hint", id="login-hint")
        yield AbcFooter()

    def on_mount(self) -> None:
        self.query_one("#login-password" if self.initial_name else "#login-name").focus()

    def language_changed(self) -> None:
        for wid, key in (
            ("login-title", "login.title"),
            ("login-intro", "login.intro"),
            ("login-hint", "login.hint"),
        ):
            self.query_one(f"#{wid}", Static).update(t(key))
        self.query_one("#login-name-label", Label).update(t("login.name"))
        self.query_one("#login-password-label", Label).update(t("login.password"))

    @on(Input.Submitted, "#login-name")
    def _name_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#login-password").focus()

    @on(Input.Submitted, "#login-password")
    def _password_entered(self, event: Input.Submitted) -> None:
        event.stop()
        name_input = self.query_one("#login-name", Input)
        password_input = self.query_one("#login-password", Input)
        if not name_input.value.strip():
            name_input.focus()
            return
        try:
            user = users.authenticate(name_input.value, password_input.value)
        except AbcError as err:
            self._failed(err)
            return
        password_input.value = ""
        self.dismiss(user)

    def _failed(self, err: AbcError) -> None:
        self.failures += 1
        password_input = self.query_one("#login-password", Input)
        password_input.value = ""
        self.app.bell()
        message = err.message(get_lang())
        wait = wait_after(self.failures)
        if wait:
            message += "  " + t("login.wait", seconds=wait)
            for widget in self.query(Input):
                widget.disabled = True
            self.set_timer(wait, self._wait_over)
        self.query_one("#login-error", Static).update(message)

    def _wait_over(self) -> None:
        for widget in self.query(Input):
            widget.disabled = False
        self.query_one("#login-password").focus()
