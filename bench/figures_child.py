"""The timed parts of ``python -m bench`` that run in a fresh process of their own (so imports,
peak RSS and the old-machine limits are theirs). Each prints one JSON object on its last line.

    python bench/figures_child.py reports DB REPEAT     # every report, a month and a year; peak RSS
    python bench/figures_child.py ui DB REPEAT          # household list, data card (Textual Pilot)
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


def _busy(app) -> bool:
    nodes = [app, *app.screen.walk_children(with_self=True)]
    # The start-up backup (a worker copying the whole file) is not the screen's work: not waited for.
    return any(not n._message_queue.empty() for n in nodes) or any(
        w.is_running and w.group != "auto-backup" for w in app.workers
    )


async def _started(app) -> None:
    """The app at its main menu with the start-up backup done (it would compete for the CPU)."""
    await _settle(app)
    await asyncio.sleep(0.2)
    await app.workers.wait_for_complete()
    await _settle(app)


async def _settle(app) -> None:
    quiet = 0
    while quiet < 3:
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


def main() -> None:
    what, db, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
    result = reports(db, repeat) if what == "reports" else asyncio.run(_ui(db, repeat))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
