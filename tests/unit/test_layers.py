"""Domain, store and reports never import textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys


def test_lower_layers_do_not_import_textual():
    code = (
        "import sys, pkgutil, importlib, abc_tui\n"
        "for pkg in ('abc_tui.domain', 'abc_tui.store', 'abc_tui.reports'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
