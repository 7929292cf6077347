"""The Textual application: shell, main menu, F1 help, command palette, language switch.

Screens are registered in :data:`MENU` by module path and imported only when
opened, so start-up stays close to a bare Textual app and a feature that is
not built yet says "coming" instead of crashing.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.align import Align
from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerFailed, WorkerState

from abc_tui.domain.errors import AbcError
from abc_tui.store import areas, settings, users
from abc_tui.ui import guard
from abc_tui.ui.strings import get_lang, has, set_lang, t
from abc_tui.ui.typeahead import FooterKey, TypeAheadApp, character_to_key, footer_ready


@dataclass(frozen=True)
class MenuEntry:
    """One item of the main menu: id, key shown, string key, ``module:Class`` of its screen."""

    id: str
    key: str
    label: str
    target: str


MENU: list[MenuEntry] = [
    MenuEntry("ledger", "1", "menu.ledger", "abc_tui.ui.screens.ledger:LedgerScreen"),
    MenuEntry("households", "2", "menu.households", "abc_tui.ui.screens.households:HouseholdsScreen"),
    MenuEntry("forums", "3", "menu.forums", "abc_tui.ui.screens.forums:ForumsScreen"),
    MenuEntry("reports", "4", "menu.reports", "abc_tui.ui.screens.reports:ReportsScreen"),
    MenuEntry("settings", "5", "menu.settings", "abc_tui.ui.screens.setup:SetupScreen"),
    MenuEntry("audit", "6", "menu.audit", "abc_tui.ui.screens.audit:AuditScreen"),
    MenuEntry("users", "7", "menu.users", "abc_tui.ui.screens.users:UsersScreen"),
    MenuEntry("backup", "b", "menu.backup", "abc_tui.ui.screens.backup:BackupScreen"),
]

#: Who may open a menu entry (``users.can`` action; unlisted = everyone). Screens that change data
#: open only for the roles that change it; reports and the audit trail are for everyone to view.
ENTRY_PERMISSIONS: dict[str, str] = {
    "ledger": "ledger.edit",
    "households": "households.edit",
    "forums": "forums.edit",
    "settings": "areas.manage",
    "users": "users.manage",
    "backup": "backup",
}

#: Keys inside a screen that need more than opening it: (screen class name, action) -> permission.
#: Checked in :meth:`AbcApp.run_action`, so a screen needs no code of its own for it.
ACTION_PERMISSIONS: dict[tuple[str, str], str] = {
    ("ReportsScreen", "export"): "export",
    ("ReportsScreen", "statements"): "export",
    ("ReportsScreen", "submit_period"): "period.close",
    ("ReportsScreen", "reopen_period"): "period.close",
    ("IndicatorsScreen", "close_round"): "period.close",
}


@dataclass(frozen=True)
class PaletteEntry:
    """A command of the palette (Ctrl+P): open a menu entry's screen, then run one of its actions."""

    label: str  # string key: found by its Thai or its English words
    entry: str  # MENU id of the screen the action belongs to
    action: str = ""  # an action of that screen, e.g. ``export('csv')``; empty: just open it


#: Every screen and main action, reachable from the palette by a Thai or an English word. The
#: permission of a screen or an action is checked as when its key is pressed.
PALETTE: list[PaletteEntry] = [
    *(PaletteEntry(e.label, e.id) for e in MENU),
    PaletteEntry("palette.new_household", "households", "new"),
    PaletteEntry("palette.import_households", "households", "import_list"),
    PaletteEntry("palette.grid", "ledger", "grid"),
    PaletteEntry("palette.rekey", "ledger", "rekey"),
    PaletteEntry("palette.new_forum", "forums", "new"),
    PaletteEntry("palette.attendance", "forums", "attendance"),
    PaletteEntry("palette.plan_board", "forums", "plan"),
    PaletteEntry("palette.data_card", "forums", "card"),
    PaletteEntry("palette.indicators", "reports", "indicators"),
    PaletteEntry("palette.export_csv", "reports", "export('csv')"),
    PaletteEntry("palette.export_xlsx", "reports", "export('xlsx')"),
    PaletteEntry("palette.export_ods", "reports", "export('ods')"),
    PaletteEntry("palette.statements", "reports", "statements"),
    PaletteEntry("palette.statements_pdf", "reports", "statements_pdf"),
    PaletteEntry("palette.sent", "reports", "sent"),
    PaletteEntry("palette.import", "reports", "import_packages"),
    PaletteEntry("palette.submit", "reports", "submit_period"),
    PaletteEntry("palette.reopen", "reports", "reopen_period"),
]


def screen_class(target: str) -> type[Screen] | None:
    """The screen class at ``module:Class``, or None when that module is not built yet.

    Only a missing module means "coming"; an error inside an existing module propagates.
    """
    module_name, _, cls_name = target.partition(":")
    if importlib.util.find_spec(module_name) is None:
        return None
    return getattr(importlib.import_module(module_name), cls_name)


def _with_thai_layout(key: str) -> str:
    """``"1"`` -> ``"1,<key of ๅ>"``: the key a clerk presses with the Thai Kedmanee layout on."""
    thai = _KEDMANEE.get(key)
    if thai is None:
        return key
    return f"{key},{character_to_key(thai)}"


#: Kedmanee characters on the keys the menu and yes/no questions use.
_KEDMANEE = {
    "1": "ๅ",
    "2": "/",
    "3": "-",
    "4": "ภ",
    "5": "ถ",
    "6": "ุ",
    "7": "ึ",
    "y": "ั",
    "n": "ื",
    "q": "ๆ",
    "b": "ิ",
}


class AbcFooter(Footer):
    """Footer whose key descriptions are string keys translated at compose time.

    Textual's ``Footer`` recomposes on every focus change (~15 ms of widget building each);
    forms and the ledger row move the focus several times per line while the keys shown stay
    the same, so this one recomposes only when the visible keys change. After F12 the app
    relabels every open screen (``abc_tui.ui.relabel``), footers included.
    """

    _shown: tuple | None = None

    def __init__(self, *args, **kwargs) -> None:
        # Compact, and no "^p Commands" on the right: 80 columns hold a screen's keys and F1/F12
        # (Ctrl+P and Ctrl+Q are in the F1 help).
        kwargs.setdefault("compact", True)
        kwargs.setdefault("show_command_palette", False)
        super().__init__(*args, **kwargs)

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey):  # "<key>.short": fewer words in the footer than in F1
                short = f"{widget.description}.short"
                widget.description = t(short if has(short) else widget.description)
        yield from self._fit(widgets)

    def _fit(self, widgets: list) -> list:
        """The keys that fit one line: when a screen has more than the width holds, its last keys
        are left out (they stay in the F1 help); F1 and F12 are always shown."""
        width = (
            self.size.width
            or (self.parent.size.width if self.parent is not None else 0)
            or self.app.size.width
        )
        app_keys = {b.key for b in AbcApp.BINDINGS if isinstance(b, Binding)}

        def cells(w) -> int:
            if isinstance(w, FooterKey):
                return cell_len(w.key_display) + (1 + cell_len(w.description) if w.description else 0) + 1
            return 0

        keys = [w for w in widgets if isinstance(w, FooterKey)]
        if len(keys) != len(widgets) or sum(map(cells, keys)) <= width:
            return widgets  # grouped keys: as Textual lays them out
        kept = list(keys)
        for w in reversed(keys):
            if sum(map(cells, kept)) <= width:
                break
            if w.key not in app_keys:
                kept.remove(w)
        # A step back without its step on (F7 without F8) goes too.
        actions = {w.action for w in kept}
        return [w for w in kept if not w.action.endswith("(-1)") or w.action[:-4] + "(1)" in actions]

    @staticmethod
    def _signature(screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.description, enabled)
            for (_node, binding, enabled, _tip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            signature = self._signature(screen)
            if footer_ready(self) and signature == self._shown:
                return
            self._shown = signature
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        if not self.is_attached:
            return  # its screen was closed meanwhile
        await super().recompose()

    def relabel(self) -> None:
        """F12: the keys again in the new language (from the footer's own message loop: its keys
        bind to its reactives)."""
        self._shown = None
        self.call_later(self.recompose)


def freeze_start_up_objects() -> None:
    """Once per process, after the first screen is drawn: the objects of the start-up (modules,
    the main screen; ~70k) move out of the collector's generations, so a full collection no longer
    walks them all — 50 ms on the UI thread every few keys in a list (issue 14)."""
    import gc

    if not gc.get_freeze_count():
        gc.freeze()


class HelpScreen(ModalScreen[None]):
    """F1: what the screen underneath is for and what its figures mean (``help.about.<class>``),
    then every key of that screen and of the app, generated from the bindings, in two columns
    when one would not fit 80×24."""

    BINDINGS = [
        Binding("escape", "dismiss", "key.back"),
        Binding("f1", "dismiss", "key.back", show=False),
    ]

    #: Text width inside the help box (76 wide, a border and one column of padding each side).
    WIDTH = 72

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(t("help.title"), classes="title")
            about = f"help.about.{type(self.under).__name__}"
            if has(about):
                yield Static(t(about), id="help-about", markup=False)
            yield Static(self._help_text(), id="help-text", markup=False)
            yield Static(t("help.close"), classes="hint")

    def language_changed(self) -> None:
        about = f"help.about.{type(self.under).__name__}"
        if has(about):
            self.query_one("#help-about", Static).update(t(about))
        self.query_one("#help-text", Static).update(self._help_text())

    def _groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        seen: set[tuple[str, str]] = set()
        nodes = [self.under, *self.under.walk_children()]
        groups = [
            (t("help.screen"), [b for node in nodes for b in own_bindings(node)]),
            (t("help.app"), own_bindings(self.app)),
        ]
        out = []
        for title, bindings in groups:
            rows = []
            for b in bindings:
                # A class's BINDINGS hold "1,ๅ" (the key and its Thai-layout twin): show the first.
                first = dataclasses.replace(b, key=b.key.split(",")[0].strip())
                key = self.app.get_key_display(first)
                label = t(b.description) if b.description else b.action
                if (key, label) not in seen:
                    seen.add((key, label))
                    rows.append((key, label))
            if title == t("help.app"):
                rows.append(("Tab", t("help.tab")))
            if rows:
                out.append((title, rows))
        return out

    def _help_text(self) -> str:
        groups = self._groups()
        n_rows = sum(1 + len(rows) for _title, rows in groups)
        two = n_rows > 12  # the explanation, title and hint take the rest of 24 lines
        half = self.WIDTH // 2
        lines: list[str] = []
        for title, rows in groups:
            lines.append(title)
            cells = [_key_cell(key, label, half - 1 if two else self.WIDTH) for key, label in rows]
            if not two:
                lines.extend(cells)
                continue
            depth = -(-len(cells) // 2)
            for i in range(depth):
                left = cells[i]
                right = cells[i + depth] if i + depth < len(cells) else ""
                lines.append(left + " " * (half - cell_len(left)) + right if right else left)
        return "\n".join(lines)


def _key_cell(key: str, label: str, width: int) -> str:
    """``  ^t   Household statements``, cut with … to ``width`` cells."""
    text = f" {key:<7} {label}"
    if cell_len(text) <= width:
        return text
    while cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…"


def own_bindings(node: object) -> list[Binding]:
    """Bindings declared by abc-tui's own classes of ``node`` (not Textual's built-in ones)."""
    out: list[Binding] = []
    for cls in type(node).__mro__:
        if cls.__module__.startswith("abc_tui") and "BINDINGS" in cls.__dict__:
            out.extend(b for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding))
    return out


class ConfirmScreen(ModalScreen[bool]):
    """Yes/no question: Enter or y = yes, Esc or n = no."""

    BINDINGS = [
        Binding(f"enter,{_with_thai_layout('y')}", "answer(True)", "confirm.yes"),
        Binding(f"escape,{_with_thai_layout('n')}", "answer(False)", "confirm.no"),
    ]

    def __init__(self, question: str | Callable[[], str]) -> None:
        """``question``: a ``t()`` text (F12 relabels it), or a function that writes it in the
        current language (a question joined from several texts or a message: F12 calls it again)."""
        super().__init__()
        self._write = question if callable(question) else None
        self.question = question() if callable(question) else question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, markup=False, id="confirm-question")  # quotes names and items
            yield AbcFooter()

    def language_changed(self) -> None:
        if self._write is not None:
            self.question = self._write()
            self.query_one("#confirm-question", Static).update(self.question)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class CarefulConfirmScreen(ConfirmScreen, inherit_bindings=False):
    """A question whose yes drops or discloses something: only y says yes; Enter, n, Esc say no."""

    BINDINGS = [
        Binding(_with_thai_layout("y"), "answer(True)", "confirm.yes"),
        Binding(f"enter,escape,{_with_thai_layout('n')}", "answer(False)", "confirm.no"),
    ]


def confirm_then(
    screen: Screen,
    question: str | Callable[[], str],
    action: Callable[[], object],
    after: Callable[[], None] | None = None,
) -> None:
    """Ask ``question``; on yes run ``action`` (a service call), then ``after``.

    An error from the action (e.g. the row was removed meanwhile, the database is locked) is shown,
    never raised.
    """

    def answer(yes: bool | None) -> None:
        if not yes:
            return
        try:
            guard.call(action)
        except AbcError as err:
            screen.notify(err.message(get_lang()), severity="error")
            return
        if after is not None:
            after()

    screen.app.push_screen(ConfirmScreen(question), answer)


class MainScreen(guard.Guarded, Screen[None]):
    """Office name, area, the menu."""

    BINDINGS = [Binding(_with_thai_layout(e.key), f"open('{e.id}')", e.label, show=False) for e in MENU]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._where(), id="office", markup=False)  # the office name is data
        from abc_tui.ui.screens.backup import status_text

        yield Static(status_text(self.app), id="backup-status", classes="hint")  # last backup, network share
        yield Static(
            data_file_text(), id="db-path", classes="hint", markup=False
        )  # which file: the same from any folder
        yield Static(t("menu.heading"), classes="title")
        yield OptionList(
            *[Option(f"{e.key}  {t(e.label)}", id=e.id) for e in MENU],
            Option(f"q  {t('menu.quit')}", id="quit"),
            id="menu",
        )
        yield AbcFooter()

    @staticmethod
    def _where() -> str:
        office = areas.get_office()
        if office is None:
            return t("setup.need_office")
        demo = f"  [{t('app.demo')}]" if settings.is_demo() else ""
        return (
            f"{office.name}{demo}\n"
            + t(
                "app.where",
                tambon=office.tambon.name,
                district=office.district.name,
                province=office.province.name,
            )
            + f"  ({office.tambon.code})"
        )

    def language_changed(self) -> None:
        """F12: the office line (with the demo badge) and the menu in the new language."""
        self.query_one("#office", Static).update(self._where())
        menu = self.query_one("#menu", OptionList)
        for e in MENU:
            menu.replace_option_prompt(e.id, f"{e.key}  {t(e.label)}")
        menu.replace_option_prompt("quit", f"q  {t('menu.quit')}")
        self.query_one("#db-path", Static).update(data_file_text())
        from abc_tui.ui.screens.backup import refresh_status

        refresh_status(self.app)

    def on_screen_resume(self) -> None:
        # The office may have been set up or renamed on the screen that just closed.
        self.query_one("#office", Static).update(self._where())
        from abc_tui.ui.screens.backup import refresh_status

        refresh_status(self.app)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "quit":
            self.app.exit()
        else:
            self.app.open_entry(str(event.option.id))

    def action_open(self, entry_id: str) -> None:
        self.app.open_entry(entry_id)


class AbcCommands(Provider):
    """The palette's commands: every screen and main action, then the app's own (help, language,
    theme, screenshot, quit). A query matches the Thai or the English words of a command; the
    command is shown in the current language with the other language beside it."""

    def _commands(self) -> list[tuple[str, Callable[[], object]]]:
        app = self.app
        assert isinstance(app, AbcApp)
        out: list[tuple[str, Callable[[], object]]] = [
            (p.label, partial(app.run_palette_entry, p)) for p in PALETTE
        ]
        out += [
            ("palette.help", app.action_help),
            ("palette.keys", app.action_help),
            ("palette.lang", app.action_toggle_lang),
            ("palette.theme", app.search_themes),
            ("palette.screenshot", lambda: app.set_timer(0.1, app.deliver_screenshot)),
            ("palette.quit", app.exit),
        ]
        return out

    @staticmethod
    def _both(key: str) -> tuple[str, str]:
        lang = get_lang()
        set_lang("th")
        th = t(key)
        set_lang("en")
        en = t(key)
        set_lang(lang)
        return th, en

    async def discover(self) -> Hits:
        for key, run in self._commands():
            th, en = self._both(key)
            yield DiscoveryHit(t(key), run, help=en if get_lang() == "th" else th)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key, run in self._commands():
            th, en = self._both(key)
            shown, other = (th, en) if get_lang() == "th" else (en, th)
            score = max(matcher.match(shown), matcher.match(other))
            if score > 0:
                yield Hit(
                    score, matcher.highlight(shown) if matcher.match(shown) else Text(shown), run, help=other
                )


class AbcPalette(CommandPalette):
    """Textual's command palette, its own texts in the current language."""

    def __init__(self, providers=None, placeholder: str | None = None) -> None:
        super().__init__(
            providers, placeholder=placeholder or t("palette.placeholder"), id="--command-palette"
        )

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As textual 8's, with "No matches found" in the current language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.none"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


#: Textual's own cursor and scroll actions (see AbcApp.run_action).
_NAVIGATION_ACTIONS = frozenset(
    {
        "page_down",
        "page_up",
        "first",
        "last",
        "cursor_up",
        "cursor_down",
        "scroll_home",
        "scroll_end",
        "scroll_up",
        "scroll_down",
        "scroll_page_up",
        "scroll_page_down",
        "cursor_left",
        "cursor_right",
    }
)


class AbcApp(TypeAheadApp, App[None]):
    """abc-tui."""

    CSS_PATH = "app.tcss"
    TITLE = "ABC"
    COMMANDS = {AbcCommands}
    BINDINGS = [
        Binding("f1", "help", "key.help", priority=True),
        Binding("f12", "toggle_lang", "key.lang", priority=True),
        Binding("ctrl+q", "quit", "key.quit", priority=True, show=False),  # in F1 help and the menu
        Binding("ctrl+p", "command_palette", "key.palette", show=False),
    ]

    def __init__(self, lang: str | None = None, user: str = "", check_path: Path | None = None) -> None:
        super().__init__()
        self._init_typeahead()  # keys typed ahead wait for the screen, then go in order
        #: The data file to check (``PRAGMA quick_check``) once the first screen is drawn; the CLI
        #: opens the program this way. Until the check has passed, keys wait (type-ahead) and
        #: no screen opens; :attr:`startup_problem` says what a failed check found (the CLI then
        #: shows the recovery screen).
        self.check_path = check_path
        self.startup_checking = check_path is not None
        self.startup_problem: str | None = None
        self._after_check: Callable[[], None] | None = None
        set_lang(lang or settings.get("lang", "th"))
        self.user = user or settings.get("user", "") or users.os_login_name()
        #: Role of the logged-in user; with login off whoever runs the program may do everything.
        self.role = "admin"
        self.title = t("app.title")

    def get_key_display(self, binding: Binding) -> str:
        from abc_tui.ui.marks import plain

        return plain(super().get_key_display(binding))  # ⏎ is a box in the classic console's font

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        from abc_tui.ui.checkpoint import start_idle_checkpoint
        from abc_tui.ui.console import warn_if_legacy

        start_idle_checkpoint(self)  # saves folded into the main file when idle (Explorer copies)
        warn_if_legacy(self)  # the classic Windows console shifts Thai columns: say so
        from abc_tui.store import engine
        from abc_tui.ui.screens.backup import start_auto_backup

        # (With check_path, the backups start once the whole-file check has passed: on_ready.)
        if self.check_path is None and not engine.is_postgres():  # a server: b runs pg_dump
            # One now, then every 30 minutes, in a worker thread; started after the first screen is
            # drawn (copying the file competes with start-up for the CPU: bench "start-up").
            self.call_after_refresh(start_auto_backup, self)
        self.call_after_refresh(freeze_start_up_objects)
        if users.login_enabled():
            from abc_tui.ui.screens.login import LoginScreen

            self.role = ""  # nothing is allowed until someone logs in (e.g. from the command palette)
            self.push_screen(LoginScreen(self.user if users.get_user(self.user) else ""), self._logged_in)
        else:
            self._after_login()

    def on_ready(self) -> None:
        """The first screen is drawn: the garbage collector back on if start-up turned it off
        (``run_tui``), everything made so far set aside from its passes (it stays for the whole
        run: screens, styles, modules)."""
        if not gc.isenabled():
            freeze_start_up_objects()
            gc.enable()
        if self.check_path is not None:
            # The whole-file check reads every page (a second for a few hundred MB): it runs in a
            # thread once the first screen is on the terminal; the backups start when it has passed.
            self.call_after_refresh(self._start_check)

    def _start_check(self) -> None:
        path = self.check_path

        def check() -> None:
            from abc_tui.store.dbfile import quick_check

            try:
                problem = quick_check(path)  # type: ignore[arg-type]
            except Exception as exc:  # noqa: BLE001 - a check that cannot run is a problem to show
                problem = str(exc)
            try:
                self.call_from_thread(self._checked, problem)
            except RuntimeError:
                pass  # the program was closed meanwhile

        self.run_worker(check, thread=True, group="startup-check", exit_on_error=False)

    def _checked(self, problem: str | None) -> None:
        self.startup_checking = False
        if problem is not None:
            self.startup_problem = problem  # nothing was written: the CLI opens the recovery screen
            self.exit()
            return
        from abc_tui.ui.screens.backup import start_auto_backup

        start_auto_backup(self)
        after, self._after_check = self._after_check, None
        if after is not None:
            after()

    def _logged_in(self, user: users.UserInfo | None) -> None:
        if user is None:
            return
        self.user, self.role = user.name, user.role
        self.sub_title = t("app.logged_in", user=user.name, role=users.role_name(user.role, get_lang()))
        self._after_login()

    def _after_login(self) -> None:
        if self.startup_checking:
            self._after_check = self._after_login  # set-up opens once the file is known good
            return
        if areas.get_office() is None or not areas.villages():
            self.open_entry("settings")

    def allowed(self, action: str) -> bool:
        """May the logged-in user do ``action``? If not, say who may (Thai/English) and return False."""
        if users.can(self.role, action):
            return True
        self.bell()
        message = users.refusal(action).message(get_lang()) if self.role else t("login.first")
        self.notify(message, severity="error", markup=False)
        return False

    def open_entry(self, entry_id: str):  # -> AwaitMount | None
        """Open a menu entry's screen (if the user may); None when it did not open."""
        entry = next(e for e in MENU if e.id == entry_id)
        if self.startup_checking:  # keys wait for the check; a mouse click is told to wait
            self.notify(t("app.checking"), title=t(entry.label))
            return None
        if not self.allowed(ENTRY_PERMISSIONS.get(entry_id, "view")):
            return None
        cls = screen_class(entry.target)
        if cls is None:
            self.notify(t("app.coming"), title=t(entry.label))
            return None
        return self.push_screen(cls())

    async def run_palette_entry(self, item: PaletteEntry) -> None:
        """A palette command: its screen (the current one if it is already that screen), then its action."""
        entry = next(e for e in MENU if e.id == item.entry)
        cls = screen_class(entry.target)
        if cls is None or not isinstance(self.screen, cls):
            opened = self.open_entry(item.entry)
            if opened is None:
                return
            await opened
        if item.action:
            await self.run_action(f"screen.{item.action}")

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(AbcPalette())

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(AbcPalette([ThemeProvider], placeholder=t("palette.themes")))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

    async def action_toggle_lang(self) -> None:
        set_lang("en" if get_lang() == "th" else "th")
        try:  # remembered for next time; a locked database only costs that
            guard.call(settings.put, "lang", get_lang())
        except AbcError:
            pass
        self.title = t("app.title")
        if self.sub_title and self.role:  # "— name (role)" after a login: the role in the new language
            self.sub_title = t("app.logged_in", user=self.user, role=users.role_name(self.role, get_lang()))
        self.notify(t("app.lang_switched"))
        from abc_tui.ui.relabel import relabel

        for screen in reversed(self.screen_stack):  # every open screen, the ones beneath too
            await relabel(screen)

    # ------------------------------------------------------------ the error guard (see ui/guard.py)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # type: ignore[override]
        """Every key action: first the role gate for the keys listed in ACTION_PERMISSIONS; then
        a data, database or file error is shown and the app goes on."""
        if isinstance(action, str) and ACTION_PERMISSIONS:
            target = self.screen if action.startswith("screen.") else default_namespace
            name = action.rpartition(".")[2].partition("(")[0]
            needed = ACTION_PERMISSIONS.get((type(target).__name__, name))
            if needed and not self.allowed(needed):
                return True
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except guard.GUARDED as err:
            guard.show(self.screen, err)
            return True
        except (KeyError, IndexError):
            # Textual 8's list widgets can page before their lines are laid out (PageDown in a
            # choice list just opened: KeyError in OptionList._move_page). Moving the cursor is
            # all such an action does: skip the key rather than close the program.
            name = action.rpartition(".")[2].partition("(")[0] if isinstance(action, str) else ""
            if name in _NAVIGATION_ACTIONS:
                return True
            raise

    def notify(
        self, message: str, *, title: str = "", severity="information", timeout=None, markup: bool = True
    ) -> None:  # type: ignore[override]
        """Every notification is plain text: notices quote names and items, which are not markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        # The last net (e.g. a screen's result callback): a guarded error never ends the app.
        if isinstance(error, WorkerFailed):
            error = error.error if isinstance(error.error, guard.GUARDED) else error
        if isinstance(error, guard.GUARDED):
            guard.show(self.screen, error)
            return
        super()._handle_exception(error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed: its screen's ``worker_failed(worker, AbcError)`` clears its
        "Working…" status and says why; without that hook the message is shown as a notice."""
        worker = event.worker
        if event.state != WorkerState.ERROR or worker.error is None:
            return
        err = guard.explain(worker.error)
        hook = getattr(worker.node, "worker_failed", None)
        if hook is not None:
            hook(worker, err)
        else:
            guard.show(self.screen, err)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands, in the current language (the palette uses :class:`AbcCommands`)."""
        for key, run in AbcCommands(screen)._commands():
            yield SystemCommand(t(key), t(key), run)


def data_file_text() -> str:
    """ "Data file: <absolute path>" (the main and set-up screens show which file is open; shown
    with ``markup=False``: a path is not markup). On a server: its address, never its password."""
    from abc_tui.store import engine
    from abc_tui.store.backup import current_path
    from abc_tui.store.models import db

    if engine.is_postgres():
        return t("app.dbfile", path=engine.redact(db.database))
    return t("app.dbfile", path=current_path().absolute())


def first_screen_reads() -> None:
    """Read what the main screen and the app read to open (settings, the office, its villages,
    login): the CLI does it before drawing a file whose whole-file check comes after the first
    screen, so a file damaged right there is checked first, never shown as a broken screen."""
    settings.get("lang", "th")
    settings.get("user", "")
    users.login_enabled()
    MainScreen._where()
    areas.villages()
    from abc_tui.store import backup

    settings.get(backup.LAST_SETTING)


def create_app(lang: str | None = None, user: str = "", check_path: Path | None = None) -> AbcApp:
    """The one factory the CLI and the tests use. The database must be open already.

    ``check_path``: the data file, checked in a thread once the first screen is drawn (the CLI's
    start; see :attr:`AbcApp.check_path`)."""
    return AbcApp(lang=lang, user=user, check_path=check_path)
