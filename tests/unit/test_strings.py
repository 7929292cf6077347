"""Every UI string exists in Thai and in English, with the same placeholders (issue 9 §5)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from abc_tui.ui.strings import has, keys

ROOT = Path(__file__).resolve().parents[2] / "abc_tui"


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def used_keys() -> dict[str, str]:
    """String keys the code passes to ``t()`` or gives as a ``Binding`` description, a menu or
    palette entry or a form field's label -> where."""
    found: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            position = {"t": 0, "PaletteEntry": 0, "Field": 1, "Binding": 2, "MenuEntry": 2}.get(name)
            arg = node.args[position] if position is not None and len(node.args) > position else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                found.setdefault(arg.value, f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return found


def test_every_key_used_is_defined():
    missing = {k: where for k, where in used_keys().items() if not has(k)}
    assert not missing, f"t() keys without a Thai/English pair: {missing}"


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, (th, en) in keys().items():
        assert bool(th.strip()) == bool(en.strip()), f"{key}: empty in one language only"
        assert _placeholders(th) == _placeholders(en), f"{key}: placeholders differ: {th!r} / {en!r}"


def test_the_check_sees_the_code():
    used = used_keys()
    assert {"menu.ledger", "key.help", "hh.title", "palette.grid"} <= set(used)  # each kind of call
    assert len(used) > 300
