"""pyproject's dependencies are exactly what abc_tui imports (issue 9 §4): a package imported but
not declared breaks a fresh install; one declared and never used is weight to carry."""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Declared but not imported by abc_tui itself, and why.
USED_INDIRECTLY = {"uharfbuzz": "fpdf2 imports it for set_text_shaping (Thai marks on their consonants)"}


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=~!; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def declared() -> set[str]:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    # A feature extra (postgres) is declared too; the test extra is not what abc_tui may import.
    extras = [r for name, reqs in optional.items() if name != "test" for r in reqs]
    return {_name(r) for r in project["dependencies"] + extras}


def imported() -> dict[str, set[str]]:
    """Distribution -> the abc_tui files importing it (any depth: lazy imports count)."""
    dists = md.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in (ROOT / "abc_tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                tops = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top == "abc_tui" or top in sys.stdlib_module_names:
                    continue
                for dist in dists.get(top, [top]):
                    found.setdefault(dist.lower().replace("_", "-"), set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_import_is_declared():
    missing = {d: sorted(files) for d, files in imported().items() if d not in declared()}
    assert not missing, f"imported but not in pyproject dependencies: {missing}"


def test_every_declared_dependency_is_used():
    unused = declared() - set(imported()) - set(USED_INDIRECTLY)
    assert not unused, f"declared but never imported by abc_tui: {sorted(unused)}"
    for dist in USED_INDIRECTLY:
        assert dist in declared()
