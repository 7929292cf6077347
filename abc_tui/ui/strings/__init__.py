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


class Tr(str):
    """A text from :func:`t` that remembers its key and arguments.

    It is an ordinary ``str`` everywhere; a widget that keeps it (a ``Static``'s content, an
    ``Input``'s placeholder, a screen title, a ``Select`` prompt) can be redrawn in the other
    language by :func:`retranslate` after F12 (see ``abc_tui.ui.relabel``).
    """

    __slots__ = ("key", "fmt")
    key: str
    fmt: dict[str, object]


class Each(str):
    """A data text known in both languages (a month's name), shown in the current one: as an
    argument of :func:`t` it follows F12 like the text around it."""

    __slots__ = ("th", "en")
    th: str
    en: str


def each(th: str, en: str) -> Each:
    """``th`` or ``en`` by the current language, remembering both (see :class:`Each`)."""
    out = Each(en if _LANG == "en" else th)
    out.th, out.en = th, en
    return out


def t(key: str, **fmt: object) -> str:
    """The text for ``key`` in the current language, formatted with ``fmt``."""
    pair = _TABLE.get(key)
    text = key if pair is None else pair[1 if _LANG == "en" else 0]
    out = Tr(plain(text.format(**fmt) if fmt else text))  # ASCII marks on the classic Windows console
    out.key, out.fmt = key, fmt
    return out


def retranslate(text: object) -> str | None:
    """``text`` in the current language, or None when it is not a UI string.

    A :class:`Tr` is made again from its key; a plain string that is exactly one UI string of
    either language (a column head, an option) is looked up; anything else (names, figures) is data.
    """
    if isinstance(text, Each):
        return each(text.th, text.en)
    if isinstance(text, Tr):
        fmt = {k: retranslate(v) if isinstance(v, (Tr, Each)) else v for k, v in text.fmt.items()}
        return t(text.key, **fmt)
    if isinstance(text, str):
        key = _reverse().get(text)
        return None if key is None else t(key)
    return None


_REVERSE: dict[str, str] | None = None


def _reverse() -> dict[str, str]:
    """Text of either language -> its key, for the texts without arguments that mean one thing."""
    global _REVERSE
    if _REVERSE is None:
        found: dict[str, set[tuple[str, str]]] = {}
        for th, en in _TABLE.values():
            if "{" in th or "{" in en:
                continue
            for text in (plain(th), plain(en)):
                found.setdefault(text, set()).add((plain(th), plain(en)))
        _REVERSE = {}
        for key, (th, en) in sorted(_TABLE.items()):
            for text in (plain(th), plain(en)):
                # one meaning (pairs that differ only in capitals, "Village"/"village", count as one)
                meanings = {(a.casefold(), b.casefold()) for a, b in found.get(text, ())}
                if len(meanings) == 1 and text not in _REVERSE:
                    _REVERSE[text] = key
    return _REVERSE


def keys() -> dict[str, tuple[str, str]]:
    """Every UI string: key -> (Thai, English)."""
    return dict(_TABLE)


def has(key: str) -> bool:
    return key in _TABLE


_load()
