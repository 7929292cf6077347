"""The Windows console traps, set once when the program starts and undone when it ends.

On the classic console host (``conhost``; Windows Terminal sets ``WT_SESSION``):

* Thai vowel and tone marks take a column each, so tables shift: warn in Thai and English
  and point to Windows Terminal;
* QuickEdit is on: one stray click selects text and *pauses the program*, and the keys
  typed meanwhile are lost. It is switched off (``SetConsoleMode``) for the program's life
  and the clerk's setting is put back at exit;
* Consolas lacks ``⏎ ✓ ● ○`` and the partial blocks: the screens draw ASCII marks
  (:mod:`abc_tui.ui.marks`). ``ABC_TUI_ASCII=1`` or ``0`` forces either way anywhere.

Every platform fact (``sys.platform``, the environment, the ``kernel32`` functions) is a
parameter, so the decisions are tested on Linux.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from abc_tui.ui import marks

STD_INPUT_HANDLE = -10
ENABLE_QUICK_EDIT_MODE = 0x0040
ENABLE_EXTENDED_FLAGS = 0x0080  # without it SetConsoleMode leaves QuickEdit as it was
#: Terminals that are not the classic console (they set one of these).
MODERN_ENV = ("WT_SESSION", "TERM_PROGRAM", "ConEmuANSI")


@dataclass
class Console:
    """What start-up found and did."""

    legacy: bool = False  # the classic Windows console host
    ascii: bool = False  # ASCII marks in use
    quick_edit_cleared: bool = False
    _restore: list[Callable[[], Any]] = field(default_factory=list)

    def restore(self) -> None:
        """Put the console back as it was (QuickEdit); safe to call twice."""
        while self._restore:
            try:
                self._restore.pop()()
            except OSError:
                pass


#: What the running program set up (read by the app to show the warning).
current = Console()


def is_legacy_console(platform: str, environ: Mapping[str, str]) -> bool:
    return platform == "win32" and not any(environ.get(name) for name in MODERN_ENV)


def setup_console(
    platform: str | None = None, environ: Mapping[str, str] | None = None, kernel32: Any = None
) -> Console:
    """Look at the console and set it up as above; call ``restore()`` on the result at exit."""
    global current
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    console = Console(legacy=is_legacy_console(platform, environ))
    forced = environ.get("ABC_TUI_ASCII", "")
    console.ascii = forced == "1" if forced in ("0", "1") else console.legacy
    marks.use_ascii(console.ascii)
    if console.legacy:
        if kernel32 is None:
            kernel32 = _kernel32()
        undo = clear_quick_edit(kernel32)
        if undo is not None:
            console.quick_edit_cleared = True
            console._restore.append(undo)
    current = console
    return console


def _kernel32() -> Any:  # pragma: no cover - Windows only
    """kernel32 with the console functions' types declared (64-bit handles are not C ints);
    a private instance, so Textual's own use of ``ctypes.windll.kernel32`` is not changed."""
    import ctypes
    from ctypes import wintypes

    k32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    k32.GetStdHandle.restype = wintypes.HANDLE
    k32.GetConsoleMode.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    k32.SetConsoleMode.argtypes = [wintypes.HANDLE, wintypes.DWORD]
    return k32


def clear_quick_edit(kernel32: Any) -> Callable[[], Any] | None:
    """Switch QuickEdit off on the console's input; the function that puts it back, or None
    when it was off already or there is no console (output redirected, a service)."""
    import ctypes
    from ctypes import wintypes

    handle = kernel32.GetStdHandle(STD_INPUT_HANDLE)
    mode = wintypes.DWORD()
    if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
        return None
    original = mode.value
    if not original & ENABLE_QUICK_EDIT_MODE:
        return None
    if not kernel32.SetConsoleMode(handle, (original | ENABLE_EXTENDED_FLAGS) & ~ENABLE_QUICK_EDIT_MODE):
        return None
    return lambda: kernel32.SetConsoleMode(handle, original | ENABLE_EXTENDED_FLAGS)


def warn_if_legacy(app: Any) -> None:
    """On the classic console: a Thai/English warning on the first screen (called from app start)."""
    if current.legacy:
        from abc_tui.ui.strings import t

        app.notify(t("console.legacy"), severity="warning", timeout=30)
