"""Fuzzing every screen with random keys (issue 8, item 7).

Each screen of the app is opened on a small demo office and given a bounded, seeded random
sequence of keys as a terminal delivers them: Thai and ASCII printable characters, F1–F12,
Enter, Esc, Tab, Backspace, Delete, arrows, Home/End, PgUp/PgDn and a few Ctrl keys (never
Ctrl+Q or Ctrl+C). When a key opens another screen (help, a form, a sub-screen) the fuzzer goes
back to the screen under test after a few keys there; when Esc closes it, it is opened again. Afterwards the app must still
be running without an exception, and the file must be consistent: ``check_database().ok`` and the
report summaries equal to the ledger lines (``verify_in_sql()``). ``ABC_FUZZ_SEED=7`` (any text)
types other sequences, ``ABC_FUZZ_KEYS=1000`` longer ones.
"""

from __future__ import annotations

import asyncio
import os
import random
import string
import time
from collections.abc import Callable

import pytest
from textual import events

from abc_tui.domain.thai import Month
from abc_tui.reports.period import bimonth
from abc_tui.reports.summary import verify_in_sql
from abc_tui.store import forums as forum_store
from abc_tui.store.database import check_database, close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.models import Household
from abc_tui.ui.app import create_app
from abc_tui.ui.typeahead import has_pending_messages
from tests.ui.keys import key_event_for

KEYS_PER_SCREEN = int(os.environ.get("ABC_FUZZ_KEYS", "150"))  # more to explore
THAI = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋็์ๅ๐๑๒๓๔๕๖๗๘๙฿ๆฯ"
PRINTABLE = string.ascii_letters + string.digits + string.punctuation + " " + THAI + "²٣０"  # odd digits too
NAMED = [f"f{i}" for i in range(1, 13)] + [
    "enter",
    "enter",
    "enter",
    "escape",
    "tab",
    "shift+tab",
    "backspace",
    "delete",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "space",
]
CTRL = ["ctrl+z", "ctrl+t", "ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+s", "ctrl+r"]
#: Whole things a user types, so the keys also get past the first field (a page opened, a form filled).
TOKENS = [
    "1",
    "2",
    "54010101-1",
    "3/67",
    "15/3/67",
    "1,250",
    "120+35",
    "๑๒๕",
    "31",
    "ข้าวสาร",
    "นายสมชาย ใจดี",
    "99999999999999999999",
    "-5",
    "[/]",
    "[bold]x[/bold]",
]
CHARS = {"enter": "\r", "tab": "\t", "space": " ", "backspace": "\x7f", "escape": "\x1b"}
UNTIL = Month(2024, 3)
AWAY = 6  # keys typed on another screen (a form, help, a sub-screen) before going back


def random_keys(rng: random.Random, n: int) -> list[str]:
    """``n`` keys: a character (as typed) or a key name prefixed by ``@``; now and then a whole
    value from :data:`TOKENS` and Enter."""
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.08:
            out.extend(rng.choice(TOKENS))
            out.append("@enter")
        elif r < 0.6:
            out.append(rng.choice(PRINTABLE))
        elif r < 0.95:
            out.append("@" + rng.choice(NAMED))
        else:
            out.append("@" + rng.choice(CTRL))
    return out[:n]


def event_for(key: str) -> events.Key:
    if key.startswith("@"):
        name = key[1:]
        return events.Key(name, CHARS.get(name))
    return key_event_for(key)


# ---------------------------------------------------------------- how to reach each screen


def _first_forum() -> int:
    return forum_store.list_forums(None, offset=0, limit=1)[0].id


def _household() -> int:
    return Household.select().order_by(Household.id).first().id


def screens() -> dict[str, Callable[[], list]]:
    """Screen name → the screens to push (bottom first) and keys that open it from there."""
    from abc_tui.ui.screens.datacard import DataCardScreen
    from abc_tui.ui.screens.forum_attendance import AttendanceScreen
    from abc_tui.ui.screens.forum_detail import ForumScreen
    from abc_tui.ui.screens.forum_form import ForumFormScreen
    from abc_tui.ui.screens.forums import ForumsScreen
    from abc_tui.ui.screens.households import HouseholdsScreen, MembersScreen
    from abc_tui.ui.screens.ledger import LedgerScreen
    from abc_tui.ui.screens.ledger_grid import CompletenessScreen
    from abc_tui.ui.screens.plan_board import PlanBoardScreen
    from abc_tui.ui.screens.reports import ReportsScreen
    from abc_tui.ui.screens.reports_indicators import IndicatorsScreen
    from abc_tui.ui.screens.setup import SetupScreen

    return {
        "main": lambda: [],
        "ledger": lambda: [LedgerScreen()],
        "ledger_page": lambda: [LedgerScreen(_household(), UNTIL)],  # a page open: keys reach the entry row
        "ledger_grid": lambda: [CompletenessScreen("54010101", UNTIL)],
        "households": lambda: [HouseholdsScreen()],
        "household_form": lambda: [HouseholdsScreen(), "@f2"],
        "members": lambda: [MembersScreen(_household())],
        "forums": lambda: [ForumsScreen()],
        "forum_form": lambda: [ForumFormScreen()],
        "forum_detail": lambda: [ForumScreen(_first_forum())],
        "attendance": lambda: [AttendanceScreen(_first_forum())],
        "plan_board": lambda: [PlanBoardScreen()],
        "data_card": lambda: [DataCardScreen()],
        "reports": lambda: [ReportsScreen()],
        "indicators": lambda: [IndicatorsScreen(bimonth(2567, 1), "540101")],
        "setup": lambda: [SetupScreen()],
    }


@pytest.fixture
def demo_office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # exports the keys may write land here
    path = tmp_path / "demo.sqlite3"
    build_demo(path, villages=2, households=10, months=3, until=UNTIL, seed=8)
    open_database(path)
    yield path
    close_database()


def busy(app) -> bool:
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return (
        bool(app._key_backlog)
        or any(has_pending_messages(n) for n in nodes)
        or any(w.is_running for w in app.workers)
    )


async def settle(app, limit: float = 3.0) -> None:
    quiet, end = 0, time.monotonic() + limit
    while quiet < 3 and time.monotonic() < end:
        await asyncio.sleep(0)
        quiet = 0 if busy(app) else quiet + 1


@pytest.mark.parametrize("name", list(screens()))
async def test_fuzz_screen(demo_office, name):
    rng = random.Random(f"fuzz-{name}{os.environ.get('ABC_FUZZ_SEED', '')}")  # other seeds: explore
    keys = random_keys(rng, KEYS_PER_SCREEN)
    opener = screens()[name]
    app = create_app(lang="th", user="fuzz")
    typed = on_target = reopened = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def open_target() -> None:
            for step in opener():
                if isinstance(step, str):
                    await press(step)
                else:
                    await app.push_screen(step)
            await pilot.pause()

        async def press(key: str) -> None:
            event = event_for(key)
            event.set_sender(app)
            app.post_message(event)
            await settle(app)

        await open_target()
        target = app.screen
        away = 0
        for key in keys:
            if name == "main" and key in ("q", "ๆ"):
                continue  # the menu's quit key ends the run (not a crash)
            on_target += app.screen is target
            await press(key)
            typed += 1
            if typed % 10 == 0:
                await pilot.pause()  # let the screen draw: a rendering error shows here
            if app._exception is not None or not app.is_running:
                break
            away = 0 if app.screen is target else away + 1
            if away > AWAY:  # a key opened another screen (or closed this one): back to the one under test
                while app.screen is not target and target in app.screen_stack:
                    await app.pop_screen()
                if target not in app.screen_stack:
                    await open_target()
                    target = app.screen
                reopened += 1
                away = 0
                await settle(app)
        await pilot.pause()
        print(f"{name}: {typed} keys, {on_target} on {type(target).__name__}, brought back {reopened} times")
        if app._exception is not None:
            print(f"{name}: crashed after {typed} keys: {keys[:typed]!r}")
            raise app._exception
    assert app.return_code in (None, 0), f"{name}: return code {app.return_code}"
    result = check_database()
    assert result.ok, result.problems
    assert verify_in_sql() == []
