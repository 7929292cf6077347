"""The one guard between the screens and the services: a data, database or file error
becomes a Thai/English message shown where the clerk is looking; the app never exits on one.

* :func:`call` runs a service call. "database is locked" is retried for a few seconds, but
  only when the failed attempt wrote nothing and left no transaction open (it rolled back),
  so a retry never applies a write twice. Any :data:`GUARDED` error then comes out as an
  :class:`~abc_tui.domain.errors.AbcError` that the caller already knows how to show.
* :func:`explain` turns such an error into that ``AbcError`` (what failed, what to do).
* :class:`Guarded` is a mixin for screens and widgets: an error of that kind in any of their
  message handlers is shown (:func:`show`) instead of ending the app; key actions are covered
  by ``AbcApp.run_action``, screen-result callbacks by ``AbcApp._handle_exception`` and failed
  workers by ``AbcApp.on_worker_state_changed``.

Programming errors (anything else) are not hidden here.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
import time
from collections.abc import Callable
from typing import Any, TypeVar

import peewee
from textual import events
from textual.worker import Worker

from abc_tui.domain.errors import AbcError
from abc_tui.store.models import db
from abc_tui.ui.strings import get_lang
from abc_tui.ui.strings.guard import STRINGS

T = TypeVar("T")

#: The errors the guard turns into a message.
GUARDED: tuple[type[BaseException], ...] = (AbcError, peewee.DatabaseError, sqlite3.Error, OSError)

#: How long after its first attempt a "database is locked" call is still retried (an attempt
#: may itself have waited the connection's busy_timeout), and the pause between attempts.
LOCK_RETRY_SECONDS = 3.0
LOCK_RETRY_PAUSE = 0.2


class GuardError(AbcError):
    """A database or file error explained for the clerk; ``cause`` is the original error and
    ``why`` the explanation without the "Not done:" in front (for a caller that says what failed)."""

    def __init__(self, th: str, en: str, cause: BaseException, why: tuple[str, str]) -> None:
        super().__init__(th, en)
        self.cause = cause
        self.why = why


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_GONE = {errno.EIO, errno.ENOENT, errno.ENODEV, errno.ENXIO, getattr(errno, "ESTALE", errno.EIO)}


def _reason(err: BaseException) -> str:
    """The key of the explanation for a database or OS error."""
    if isinstance(err, OSError):
        for key, codes in (("guard.full", _FULL), ("guard.denied", _DENIED), ("guard.gone", _GONE)):
            if err.errno in codes:
                return key
        return "guard.os"
    text = str(err).lower()
    if isinstance(err, (peewee.IntegrityError, sqlite3.IntegrityError)):
        return "guard.conflict"
    if "locked" in text or "busy" in text:
        return "guard.locked"
    if "full" in text:
        return "guard.full"
    if "readonly" in text or "read-only" in text or "permission" in text:
        return "guard.denied"
    if "disk i/o" in text or "unable to open" in text or "no such file" in text:
        return "guard.gone"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "guard.damaged"
    return "guard.db"


def explain(err: BaseException) -> AbcError:
    """``err`` as an :class:`AbcError`: itself when it is one, else what failed and what to do."""
    if isinstance(err, AbcError):
        return err
    key = _reason(err) if isinstance(err, GUARDED) else "guard.bug"
    th, en = STRINGS[key]
    what_th, what_en = STRINGS["guard.what"]
    if key in ("guard.db", "guard.os", "guard.bug"):  # no plain words for it: quote the error
        detail = f" ({err})" if str(err) else f" ({type(err).__name__})"
    else:  # the explanation says it all; which file, when known, is worth saying too
        detail = f" ({err.filename})" if isinstance(err, OSError) and err.filename else ""
    why = (f"{th}{detail}", f"{en}{detail}")
    return GuardError(f"{what_th}: {why[0]}", f"{what_en}: {why[1]}", err, why)


def reason(err: BaseException, lang: str) -> str:
    """What went wrong and what to do, for a message that already says what failed."""
    abc = explain(err)
    if isinstance(abc, GuardError):
        return abc.why[1] if lang == "en" else abc.why[0]
    return abc.message(lang)


def is_locked(err: BaseException) -> bool:
    return (
        isinstance(err, (peewee.OperationalError, sqlite3.OperationalError))
        and _reason(err) == "guard.locked"
    )


def _changes() -> int | None:
    """Rows this thread's connection has changed so far, or None when it cannot be told."""
    try:
        if db.is_closed():
            return 0  # a failed call on a closed connection wrote nothing through it
        return db.connection().total_changes
    except Exception:  # an uninitialised or broken connection: do not retry
        return None


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``; a :data:`GUARDED` error comes out as an :class:`AbcError`.

    "database is locked" is retried for :data:`LOCK_RETRY_SECONDS` when the failed attempt
    changed no row and left no transaction open, i.e. it rolled back as a whole.
    """
    # Measured from the first attempt: an attempt that already waited the connection's
    # busy_timeout is not repeated; a lock reported at once (a stale snapshot) is.
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    while True:
        before = _changes()
        try:
            return fn(*args, **kwargs)
        except AbcError:
            raise
        except GUARDED as err:
            rolled_back = before is not None and _changes() == before and not db.in_transaction()
            if is_locked(err) and rolled_back and time.monotonic() < deadline:
                time.sleep(LOCK_RETRY_PAUSE)
                continue
            raise explain(err) from err


def show(node: Any, err: BaseException) -> None:
    """Show ``err`` in place: the screen's ``show_error(AbcError)`` when it has one, else a
    notification (plain text: the message may quote data)."""
    abc = explain(err)
    try:
        screen = node.screen
    except Exception:  # the app itself, or a node already removed
        screen = None
    hook = None if getattr(screen, "_guard_broken", False) else getattr(screen, "show_error", None)
    if hook is not None:
        try:
            hook(abc)
            return
        except Exception:  # the screen is not fully built: say it as a notice
            pass
    node.app.bell()
    node.app.notify(abc.message(get_lang()), severity="error", timeout=10, markup=False)


class Guarded:
    """Mixin for a Screen or Widget: a :data:`GUARDED` error raised by any of its message
    handlers (mount, ``@on`` handlers, resume) is shown, and the screen keeps working; without
    it Textual would stop the node's message loop and end the app. A screen whose ``compose``
    fails (its data could not be read) is not shown half-built: the message is, and the screen
    closes again."""

    _guard_broken = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        compose = cls.__dict__.get("compose")
        if compose is not None:

            @functools.wraps(compose)
            def guarded_compose(self: Any) -> Any:
                try:
                    yield from compose(self)
                except GUARDED as err:
                    self._guard_broken = True
                    show(self.app, err)
                    self.app.call_later(self._guard_close)

            cls.compose = guarded_compose  # type: ignore[attr-defined]

    def _guard_close(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        if app.screen is self and len(app.screen_stack) > 1:
            app.pop_screen()

    async def _dispatch_message(self, message: Any) -> None:
        if self._guard_broken and isinstance(message, events.Mount):
            return  # its widgets were never made
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except GUARDED as err:
            show(self, err)
        if isinstance(message, Worker.StateChanged) and message.worker.node is self:
            # Worker state messages do not bubble: hand them to the app-level handler.
            handler = getattr(self.app, "on_worker_state_changed", None)  # type: ignore[attr-defined]
            if handler is not None:
                handler(message)
