"""The benchmarks run on Windows too (offices measure their own PCs): no POSIX-only module at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Benchmarks that are POSIX by nature (they drive the app through a pseudo-terminal and SIGKILL it).
POSIX_ONLY = {"kill.py"}

#: Run in a fresh interpreter where the POSIX-only modules do not exist, as on Windows.
CODE = """
import importlib.util, sys
for name in ("resource", "fcntl", "termios", "pwd", "grp"):
    sys.modules[name] = None  # import fails, as on Windows
for path in sys.argv[1:]:
    spec = importlib.util.spec_from_file_location("bench_" + path.rsplit("/", 1)[-1][:-3], path)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
sys.path.insert(0, sys.argv[1].rsplit("/", 1)[0])
from peakmem import peak_rss_mb
print(peak_rss_mb())
"""


def test_benchmarks_import_without_posix_modules():
    scripts = sorted(str(p) for p in (ROOT / "bench").glob("*.py") if p.name not in POSIX_ONLY)
    assert len(scripts) >= 4
    result = subprocess.run(
        [sys.executable, "-c", CODE, *scripts], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.strip().splitlines()[-1]) > 1  # a peak memory figure without `resource`
    for script in scripts:
        text = Path(script).read_text(encoding="utf-8")
        assert "SIGKILL" not in text or "getattr(signal" in text, script
