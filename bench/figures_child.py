"""The timed parts of ``python -m bench`` that run in a fresh process of their own (so imports,
peak RSS and the old-machine limits are theirs). Each prints one JSON object on its last line.

    python bench/figures_child.py reports DB REPEAT     # every report, a month and a year; peak RSS
    python bench/figures_child.py ui DB REPEAT          # household list, data card (Textual Pilot)
    python bench/figures_child.py screens DB REPEAT     # opening each list screen (Textual Pilot)
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from peakmem import peak_rss_mb  # noqa: E402

TAMBON = "540101"
UNTIL = (2025, 3)


LAST_CPU: list[float] = [0.0]  # median CPU seconds of the last _median_time


def _median_time(fn, repeat: int) -> tuple[float, object]:
    times, cpu, result = [], [], None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    LAST_CPU[0] = statistics.median(cpu)
    return statistics.median(times), result


def reports(db: str, repeat: int) -> dict:
    from abc_tui.domain.thai import Month
    from abc_tui.reports import queries
    from abc_tui.reports.period import Period
    from abc_tui.store.database import open_database

    open_database(db, create=False)
    last = Month(*UNTIL)
    periods = {"month": Period(last, last), "year": Period(last.prev(11), last)}
    out: dict = {"reports": {}}
    for name in queries.REPORT_FUNCTIONS:
        for label, period in periods.items():
            if name == "ledger":
                # What the reports screen does for the ledger: where every row is (from the monthly
                # summary) and its first screenful; then Ctrl+End, the last screenful.
                def first_rows(p=period):
                    window = queries.LedgerWindow(p, TAMBON)
                    rows = window.rows(0, 30)
                    first_rows.total = window.total
                    first_rows.window = window
                    return rows

                secs, rows = _median_time(first_rows, repeat)
                cpu = LAST_CPU[0]
                w = first_rows.window
                end_s, _ = _median_time(lambda w=w: w.rows(max(0, w.total - 30), 30), repeat)
                out["reports"][f"{name} {label}"] = {
                    "s": secs,
                    "cpu": cpu,
                    "rows": first_rows.total,
                    "end_s": end_s,
                }
                continue
            else:
                secs, rows = _median_time(lambda n=name, p=period: queries.run(n, p, TAMBON), repeat)
            out["reports"][f"{name} {label}"] = {"s": secs, "cpu": LAST_CPU[0], "rows": len(rows)}
    out["lines"] = (
        open_database(db, create=False).execute_sql('SELECT count(*) FROM "ledger_line"').fetchone()[0]
    )
    out["peak_rss_mb"] = peak_rss_mb() or 0.0
    return out


# ---------------------------------------------------------------- the UI, as a clerk drives it


def _working(app) -> bool:
    # The start-up backup (a worker copying the whole file) is not the screen's work: not waited for.
    return any(w.is_running and w.group != "auto-backup" for w in app.workers)


def _busy(app) -> bool:
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return any(not n._message_queue.empty() for n in nodes) or _working(app)


async def _started(app) -> None:
    """The app at its main menu with the start-up backup done (it would compete for the CPU)."""
    await _settle(app)
    await asyncio.sleep(0.2)
    await app.workers.wait_for_complete()
    await _settle(app)


async def _settle(app) -> None:
    quiet = 0
    while quiet < 3:
        if _working(app):  # a worker thread: wait without spinning (the spin took its CPU and the GIL)
            quiet = 0
            await asyncio.sleep(0.001)
            continue
        await asyncio.sleep(0)
        quiet = 0 if _busy(app) else quiet + 1


async def _key(app, key: str, character: str | None = None) -> float:
    """Post one key as the terminal would; seconds until every message it caused is handled."""
    from textual import events

    t0, c0 = time.perf_counter(), time.process_time()
    event = events.Key(key, character)
    event.set_sender(app)
    app.post_message(event)
    await _settle(app)
    CPU.append(time.process_time() - c0)
    return time.perf_counter() - t0


#: CPU seconds of each key posted by :func:`_key` (the process's own work: no waiting for the other
#: programs of a shared machine). Read right after the call.
CPU: list[float] = []


class UiClock:
    """Longest stretch the UI thread spent in one handler of a screen class (blocking the keys)."""

    def __init__(self) -> None:
        self.longest = 0.0

    def install(self, cls) -> None:
        import functools

        handlers = cls.__dict__.get("_decorated_handlers", {})
        clock = self

        def wrap(fn):
            if asyncio.iscoroutinefunction(fn):

                @functools.wraps(fn)
                async def awrapped(*a, **k):
                    t = time.perf_counter()
                    try:
                        return await fn(*a, **k)
                    finally:
                        clock.longest = max(clock.longest, time.perf_counter() - t)

                return awrapped

            @functools.wraps(fn)
            def wrapped(*a, **k):
                t = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    clock.longest = max(clock.longest, time.perf_counter() - t)

            return wrapped

        for message_type, entries in handlers.items():
            handlers[message_type] = [(wrap(fn), sel) for fn, sel in entries]
        for name, fn in list(cls.__dict__.items()):
            if callable(fn) and (name.startswith(("action_", "on_", "_on_")) or name in ("refresh_card",)):
                setattr(cls, name, wrap(fn))


async def _ui(db: str, repeat: int) -> dict:
    from abc_tui.domain.thai import Month
    from abc_tui.reports import datacard as card_store
    from abc_tui.store.database import open_database
    from abc_tui.ui.app import create_app
    from abc_tui.ui.screens import datacard as card_screen
    from abc_tui.ui.screens.households import ALL

    open_database(db, create=False)
    out: dict = {}
    opens, ends, pages, searches = [], [], [], []
    app = create_app(lang="th", user="bench")
    async with app.run_test(size=(80, 24)):
        await _started(app)
        cpu_open, cpu_pages, cpu_search = [], [], []
        for _ in range(repeat):
            opens.append(await _key(app, "2"))
            cpu_open.append(CPU[-1])
            screen = app.screen
            assert type(screen).__name__ == "HouseholdsScreen", screen
            screen.query_one("#village").value = ALL
            await _settle(app)
            screen.query_one("#households").focus()
            await _settle(app)
            n_pages = -(-screen.total // 100)
            out["households_total"] = screen.total
            t_all = time.perf_counter()
            for _ in range(n_pages - 1):
                pages.append(await _key(app, "f8"))
                cpu_pages.append(CPU[-1])
            pages.append(await _key(app, "end"))
            ends.append(time.perf_counter() - t_all)
            assert screen.page == n_pages - 1, (screen.page, n_pages)
            await _key(app, "f5")
            for ch in "สมศรี":
                searches.append(await _key(app, ch, ch))
                cpu_search.append(CPU[-1])
            assert screen.total > 0
            await _key(app, "escape")
            await _settle(app)
        out["households_open_cpu_s"] = statistics.median(cpu_open)
        out["households_page_cpu_s"] = statistics.median(cpu_pages) if cpu_pages else 0.0
        out["households_search_cpu_s"] = statistics.median(cpu_search)
        out["households_open_s"] = statistics.median(opens)
        out["households_page_s"] = statistics.median(pages)
        out["households_page_max_s"] = max(pages)
        out["households_to_end_s"] = statistics.median(ends)
        out["households_pages"] = n_pages
        out["households_search_key_s"] = statistics.median(searches)
        out["households_search_key_max_s"] = max(searches)

    # The data card, 24 months of one village: its figures (what the worker computes), and how long
    # the UI thread is held when the card is opened and moved (F7).
    village = f"{TAMBON}01"
    last = Month(*UNTIL)
    first = last.prev(23)
    cpu = []

    def one_card():
        c0 = time.process_time()
        got = card_store.data_card(village, first, last)
        cpu.append(time.process_time() - c0)
        return got

    secs, card = _median_time(one_card, repeat)
    out["datacard_s"] = secs
    out["datacard_cpu_s"] = statistics.median(cpu)
    out["datacard_months"] = len(card.months)
    clock = UiClock()
    clock.install(card_screen.DataCardScreen)
    app = create_app(lang="th", user="bench")
    async with app.run_test(size=(80, 24)):
        await _started(app)
        t0 = time.perf_counter()
        await app.push_screen(card_screen.DataCardScreen(village, last))
        await _settle(app)
        out["datacard_open_s"] = time.perf_counter() - t0
        screen = app.screen
        screen.query_one("#card-from").value = first.be_label()
        screen.query_one("#card-to").value = last.be_label()
        clock.longest = 0.0
        shown = []
        for _ in range(repeat):
            shown.append(await _key(app, "f7"))
            shown.append(await _key(app, "f8"))
        out["datacard_shift_s"] = statistics.median(shown)
        out["datacard_ui_thread_s"] = clock.longest
        body = str(screen.query_one("#card-body").render())
        out["datacard_shown"] = bool(body.strip())
    out["peak_rss_mb"] = peak_rss_mb() or 0.0
    return out


class LoopClock:
    """The longest single step the event loop ran (a message handler, a compose, a layout and
    draw): how long the UI thread held the keys. Workers' threads are not in it."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.longest_cpu = 0.0  # the same step's CPU time (thread_time): what the load cannot inflate
        self._run = None

    def __enter__(self) -> LoopClock:
        from asyncio import events

        run = self._run = events.Handle._run
        clock = self

        def timed(handle):
            t, c = time.perf_counter(), time.thread_time()
            try:
                return run(handle)
            finally:
                clock.longest = max(clock.longest, time.perf_counter() - t)
                clock.longest_cpu = max(clock.longest_cpu, time.thread_time() - c)

        events.Handle._run = timed  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc) -> None:
        from asyncio import events

        events.Handle._run = self._run  # type: ignore[method-assign]


#: The list screens timed by ``screens``: name, and how it is opened (a main-menu key, or a screen
#: made from the demo's data as the screen under it makes it).
SCREENS = (
    "forum list",
    "forum (proposals)",
    "plan board",
    "attendance",
    "data card",
    "reports",
    "indicators",
    "users",
    "setup",
    "audit",
)


def _screen_openers(db) -> dict:
    from abc_tui.domain.thai import Month
    from abc_tui.reports.period import Period
    from abc_tui.ui.screens.datacard import DataCardScreen
    from abc_tui.ui.screens.forum_attendance import AttendanceScreen
    from abc_tui.ui.screens.forum_detail import ForumScreen
    from abc_tui.ui.screens.plan_board import PlanBoardScreen
    from abc_tui.ui.screens.reports_indicators import IndicatorsScreen

    # The forum with the most people ticked present, and the one with the most proposals.
    attended = db.execute_sql(
        "SELECT forum_id FROM forum_attendance GROUP BY forum_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    proposed = db.execute_sql(
        "SELECT forum_id FROM plan_item GROUP BY forum_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    last = Month(*UNTIL)
    return {
        "forum list": "3",
        "forum (proposals)": lambda: ForumScreen(proposed),
        "plan board": lambda: PlanBoardScreen(),
        "attendance": lambda: AttendanceScreen(attended),
        "data card": lambda: DataCardScreen(f"{TAMBON}01", last),
        "reports": "4",
        "indicators": lambda: IndicatorsScreen(Period(last.prev(11), last), TAMBON),
        "users": "7",
        "setup": "5",
        "audit": "6",
    }


async def _screens(db_path: str, repeat: int) -> dict:
    """Each list screen opened from the main menu (or pushed as its parent screen pushes it):
    wall and CPU until every message it caused is handled and its workers are done, and the
    longest stretch the UI thread was held."""
    from abc_tui.store.database import open_database
    from abc_tui.ui.app import MainScreen, create_app

    db = open_database(db_path, create=False)
    openers = _screen_openers(db)
    out: dict = {}
    app = create_app(lang="th", user="bench")
    async with app.run_test(size=(80, 24)):
        await _started(app)
        for name in SCREENS:
            how = openers[name]
            walls, cpus, ui_cpus, held, held_cpu = [], [], [], [], []
            kind = ""
            for _ in range(repeat):
                with LoopClock() as clock:
                    t0, c0, u0 = time.perf_counter(), time.process_time(), time.thread_time()
                    if isinstance(how, str):
                        event = __import__("textual").events.Key(how, how)
                        event.set_sender(app)
                        app.post_message(event)
                    else:
                        app.push_screen(how())
                    await _settle(app)
                    walls.append(time.perf_counter() - t0)
                    cpus.append(time.process_time() - c0)
                    ui_cpus.append(time.thread_time() - u0)
                held.append(clock.longest)
                held_cpu.append(clock.longest_cpu)
                kind = type(app.screen).__name__
                app.pop_screen()
                await _settle(app)
                assert isinstance(app.screen, MainScreen), app.screen
            out[name] = {
                "screen": kind,
                "s": statistics.median(walls),
                "cpu": statistics.median(cpus),
                "ui_cpu": statistics.median(ui_cpus),
                "ui_thread_s": statistics.median(held),
                "ui_thread_cpu_s": statistics.median(held_cpu),
                "ui_thread_max_s": max(held),
            }
    return out


def main() -> None:
    what, db, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if what == "reports":
        result = reports(db, repeat)
    elif what == "screens":
        result = asyncio.run(_screens(db, repeat))
    else:
        result = asyncio.run(_ui(db, repeat))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
