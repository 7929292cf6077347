"""Start-up time to the main screen and peak memory, against a bare Textual App.

Runs each program headless in a fresh interpreter as it is started by hand (abc-tui through
``python -m abc_tui --db``, its start-up checks included), N times, under one probe
(``bench/firstpaint.py``) that notes the CPU time at the first screen drawn and exits there;
prints the median wall and CPU times and the peak RSS.

    .venv/bin/python bench/startup.py [--runs 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = str(HERE / "firstpaint.py")

#: The bare app: one Static on its default screen (as the tmux figure of ``python -m bench``).
BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("BARE-READY")
Bare().run()
"""


def measure(args: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall time (process start to exit just after the first screen), median CPU time up to
    the first screen, peak RSS: each run is the program as started by hand, under the probe
    (``firstpaint.py --exit``: headless, 80×24, ends right after its first screen is drawn)."""
    times, cpu, rss = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, PROBE, "--exit", str(out), *args], check=True, capture_output=True
            )
            times.append(time.perf_counter() - start)
            got = json.loads(out.read_text(encoding="utf-8"))
            cpu.append(got["cpu"])
            rss.append(got["peak_rss_mb"])
    return statistics.median(times), statistics.median(cpu), max(rss)


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
    with tempfile.TemporaryDirectory() as tmp:
        bare_file = Path(tmp) / "bare.py"
        bare_file.write_text(BARE, encoding="utf-8")
        bare_t, bare_cpu, bare_rss = measure([str(bare_file)], args.runs)
        abc_t, abc_cpu, abc_rss = measure(["-m", "abc_tui", "--db", db], args.runs)
    print(f"bare Textual App : {bare_t:.3f} s wall, {bare_cpu:.3f} s CPU  peak RSS {bare_rss:.0f} MB")
    print(f"abc-tui main menu: {abc_t:.3f} s wall, {abc_cpu:.3f} s CPU  peak RSS {abc_rss:.0f} MB")
    print(f"ratio            : {abc_t / bare_t:.2f}x wall, {abc_cpu / bare_cpu:.2f}x CPU")


if __name__ == "__main__":
    main()
