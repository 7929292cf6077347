"""Start-up time to the main screen and peak memory, against a bare Textual App.

Runs each app headless in a fresh interpreter (so imports count), N times,
and prints the median wall time from process start to the first screen being
ready (the app exits at once from on_mount's call_after_refresh) plus peak RSS.

    .venv/bin/python bench/startup.py [--runs 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEAK = f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r}); from peakmem import peak_rss_mb\n"

BARE = (
    PEAK
    + """
import sys, time
from textual.app import App
class Bare(App):
    def on_mount(self):
        self.call_after_refresh(self.exit)
import asyncio
async def main():
    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
print(peak_rss_mb() or 0)
"""
)

ABC = (
    PEAK
    + """
import sys
from abc_tui.store.database import open_database
from abc_tui.ui.app import create_app, MainScreen
open_database(sys.argv[1])
app = create_app()
import asyncio
async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), app.screen
asyncio.run(main())
print(peak_rss_mb() or 0)
"""
)


def measure(code: str, args: list[str], runs: int) -> tuple[float, float]:
    times, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
        rss.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times), max(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="database to open (default: a fresh 300-household demo)")
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "demo.sqlite3")
        subprocess.run(
            [sys.executable, "-m", "abc_tui", "demo", "--db", db, "--households", "300"],
            check=True,
            capture_output=True,
        )
    bare_t, bare_rss = measure(BARE, [], args.runs)
    abc_t, abc_rss = measure(ABC, [db], args.runs)
    print(f"bare Textual App : {bare_t:.3f} s  peak RSS {bare_rss:.0f} MB")
    print(f"abc-tui main menu: {abc_t:.3f} s  peak RSS {abc_rss:.0f} MB")
    print(f"ratio            : {abc_t / bare_t:.2f}x")


if __name__ == "__main__":
    main()
