"""Run a Textual program as it is run by hand and note the CPU time it spent up to its first screen.

    python bench/firstpaint.py OUT.json SCRIPT.py [ARGS…]
    python bench/firstpaint.py OUT.json -m MODULE [ARGS…]

The same probe wraps the bare Textual app and abc-tui (bench "start-up"), so both are measured at
the same moment: Textual's ``Ready`` event (the first screen laid out and drawn), then one more
refresh (its frame written to the terminal). It writes ``{"cpu": user+system seconds of the
process, "screen": class of the screen on top, "modules": sorted top-level packages imported}``
to OUT.json and lets the program go on (the bench closes its tmux window).

``--exit`` ends the process right after writing (a headless run: ``TEXTUAL_HEADLESS``-like use from
the tests, with ``App.run(headless=True)`` forced by :data:`HEADLESS`).
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import os
import runpy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peakmem import peak_rss_mb  # noqa: E402


def _probe(out: str, exit_after: bool) -> None:
    """Patch Textual's App when the program imports it (not before: its import is the program's)."""

    class Hook(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "textual.app":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            assert spec is not None and spec.loader is not None
            exec_module = spec.loader.exec_module

            def exec_and_patch(module) -> None:
                exec_module(module)
                _patch(module.App, out, exit_after)

            spec.loader.exec_module = exec_and_patch  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Hook())


def _patch(App, out: str, exit_after: bool) -> None:
    def on_ready(self, _event) -> None:
        def record() -> None:
            data = {
                "cpu": time.process_time(),  # user + system, every thread of the process
                "peak_rss_mb": peak_rss_mb() or 0.0,
                "screen": type(self.screen).__name__,
                "modules": sorted({m.partition(".")[0] for m in sys.modules}),
                "abc_modules": sorted(m for m in sys.modules if m.startswith("abc_tui")),
            }
            with open(out, "w", encoding="utf-8") as f:
                json.dump(data, f)
            if exit_after:
                os._exit(0)

        self.call_after_refresh(record)

    App._on_ready = on_ready  # type: ignore[attr-defined]  # Textual dispatches Ready to it
    if exit_after:
        run = App.run

        def headless_run(self, *args, **kwargs):
            kwargs["headless"] = True
            kwargs.setdefault("size", (80, 24))
            return run(self, *args, **kwargs)

        App.run = headless_run  # type: ignore[method-assign]


def main() -> None:
    args = sys.argv[1:]
    exit_after = args[0] == "--exit"
    if exit_after:
        args = args[1:]
    out, target, rest = args[0], args[1], args[2:]
    _probe(out, exit_after)
    if target == "-m":
        sys.argv = [rest[0], *rest[1:]]
        runpy.run_module(rest[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = [target, *rest]
        runpy.run_path(target, run_name="__main__")


if __name__ == "__main__":
    main()
