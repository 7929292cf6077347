"""Every user-facing string of the UI, in Thai and English.

One package holds them all; each feature keeps its table in its own module
(``core``, ``ledger``, ``forums``, ``reports`` …) listed in ``_MODULES`` so
that features are added without editing each other's tables. ``t(key)``
returns the text in the current language; an unknown key is returned as it is
(so a literal Thai string also works as a binding description).
"""

from __future__ import annotations

import importlib
import pkgutil

from abc_tui.ui.marks import plain

_LANG = "th"
_TABLE: dict[str, tuple[str, str]] = {}


def _load() -> None:
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in _TABLE and _TABLE[key] != pair:
                raise RuntimeError(f"UI string {key!r} defined twice with different texts")
            _TABLE[key] = pair


def set_lang(lang: str) -> None:
    global _LANG
    _LANG = "en" if lang == "en" else "th"


def get_lang() -> str:
    return _LANG


def t(key: str, **fmt: object) -> str:
    """The text for ``key`` in the current language, formatted with ``fmt``."""
    pair = _TABLE.get(key)
    text = key if pair is None else pair[1 if _LANG == "en" else 0]
    return plain(text.format(**fmt) if fmt else text)  # ASCII marks on the classic Windows console


def has(key: str) -> bool:
    return key in _TABLE


_load()
