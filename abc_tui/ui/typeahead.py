"""Type-ahead on every screen, and every private Textual API abc-tui leans on.

Why this module exists
----------------------
Clerks type from paper without looking at the screen: ``F2 26 Enter name F10 F2 172 Enter …``
arrives in one burst on a slow office PC. Textual routes each key to the widget focused *when
the key is routed*; a key that opens a screen (F2 → a form) only *starts* mounting it, so the
keys behind it would go to a screen with nothing focused yet (lost), to the screen underneath,
or to the field that is just being left. :class:`TypeAheadApp` holds keys back while the app is
not ready for them and then routes them in order, each to the focused widget of the screen
that is on top by then. "Not ready" means one of:

* an earlier key (or what it set off: a binding's action, a focus change) is still queued
  between its widget and the app;
* the screen on top changed since the last key and has not finished mounting (compose, on_mount,
  its first focus) — a screen or modal opening, or the one beneath resuming after a close;
* a worker of the screen on top is still running (a report loading, a file being read);
* the data file's start-up check is still running (``startup_checking`` of the app: the first
  screen is drawn before it ends, and nothing opens until it has passed).

At typing speed none of these hold and each key is routed at once, as Textual does.

Textual internals
-----------------
Type-ahead needs to see message queues, and a few widgets need more than Textual's public API.
Every private Textual name abc-tui uses is reached from here, behind a small function:

* ``MessagePump._message_queue`` / ``_next_callbacks`` — is a key still on its way
  (:func:`has_pending_messages`, :func:`app_queue`);
* ``textual.keys._character_to_key`` — the key name a terminal gives a Thai character, for
  bindings that also work with the Kedmanee layout on (:data:`character_to_key`);
* ``textual.widgets._footer.FooterKey`` and ``Footer._bindings_ready`` — the footer that
  translates its keys and recomposes only when they change (:func:`footer_ready`);
* ``Input._suggestion`` — the grey completion (:func:`suggestion`, :func:`clear_suggestion`);
* ``Input._cell_offset_to_index`` — overridden by ``ThaiInput`` so a click lands on a whole
  Thai character.

``textual`` is pinned ``~=8.2`` and ``tests/ui/test_textual_internals.py`` touches each one, so
an upgrade that moves one fails in CI instead of silently losing keys on a clerk's screen.
"""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events, messages
from textual.keys import _character_to_key
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey
from textual.worker import WorkerState

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import Screen

__all__ = [
    "FooterKey",
    "TypeAheadApp",
    "character_to_key",
    "clear_suggestion",
    "footer_ready",
    "has_pending_messages",
    "suggestion",
]

# ------------------------------------------------------------------ Textual internals

#: The name Textual's terminal parser gives the key of one character ("/" -> "slash").
character_to_key = _character_to_key


def has_pending_messages(node: MessagePump) -> bool:
    """Has ``node`` messages waiting in its queue, or callbacks queued by ``call_next``?"""
    return not node._message_queue.empty() or bool(node._next_callbacks)


def app_queue(app: App[Any]) -> tuple[Any, ...]:
    """The messages waiting in the app's own queue (``textual._queue.Queue`` keeps a deque)."""
    return tuple(app._message_queue.values)  # type: ignore[attr-defined]


def footer_ready(footer: Footer) -> bool:
    """Has ``footer`` composed its keys at least once?"""
    return bool(footer._bindings_ready)


def suggestion(widget: Input) -> str:
    """The grey completion an ``Input`` shows after its value ("" when none)."""
    return widget._suggestion


def clear_suggestion(widget: Input) -> None:
    widget._suggestion = ""


# ThaiInput overrides ``Input._cell_offset_to_index(offset)`` (a mouse click → a text index);
# the internals test checks that Textual still calls it by that name.

# ------------------------------------------------------------------ type-ahead


class TypeAheadApp:
    """Mixin for the :class:`~textual.app.App`: keys typed ahead wait, then go in order."""

    #: Longest a typed-ahead key waits for the key before it to take effect.
    KEY_SETTLE_SECONDS = 0.5
    #: Longest it waits for a new screen to finish opening.
    SCREEN_SETTLE_SECONDS = 10.0
    #: Longest it waits for a worker of the screen on top (a report loading).
    WORK_SETTLE_SECONDS = 30.0
    #: Longest it waits for the start-up check of the data file (a slow disk, a big file).
    CHECK_SETTLE_SECONDS = 600.0

    _key_backlog: deque[events.Key]
    _backlog_task: asyncio.Task[None] | None
    _last_key_target: object | None
    _last_key_screen: object | None
    _keys_handling: int

    def _init_typeahead(self) -> None:
        self._key_backlog = deque()
        self._backlog_task = None
        self._last_key_target = None
        self._last_key_screen = None
        self._keys_handling = 0
        self._given_up: weakref.WeakSet[Any] = weakref.WeakSet()

    # -- what the tests and screens may ask

    def typing_settled(self) -> bool:
        """No key waiting and nothing a key set off still on its way."""
        return not self._key_backlog and self._not_ready() is None

    # -- routing

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event.is_forwarded:
            # A key come back from its widget to run the app's binding (Enter on the menu →
            # open a screen): until that action has run, the next key must wait.
            self._keys_handling += 1
            try:
                await super().on_event(event)  # type: ignore[misc]
            finally:
                self._keys_handling -= 1
            return
        if isinstance(event, events.Key):
            if self._key_backlog or self._not_ready() is not None:
                self._key_backlog.append(event)
                if self._backlog_task is None or self._backlog_task.done():
                    self._backlog_task = asyncio.create_task(self._route_backlog())
                return
            self._noted(event)
        await super().on_event(event)  # type: ignore[misc]

    def _noted(self, event: events.Key) -> None:
        app: Any = self
        self._last_key_target = app.focused
        self._last_key_screen = app.screen

    async def _route_backlog(self) -> None:
        """Route the backlog in order; runs beside the app's message loop, which must stay free
        to mount screens and run the bindings of the keys already routed."""
        from textual.app import App

        loop = asyncio.get_running_loop()
        while self._key_backlog:
            waiting_for, since = None, loop.time()
            while (reason := self._not_ready()) is not None:
                if reason != waiting_for:  # each wait has its own limit
                    waiting_for, since = reason, loop.time()
                limit = {
                    "key": self.KEY_SETTLE_SECONDS,
                    "screen": self.SCREEN_SETTLE_SECONDS,
                    "work": self.WORK_SETTLE_SECONDS,
                    "check": self.CHECK_SETTLE_SECONDS,
                }[reason]
                if loop.time() - since >= limit:
                    if reason == "work":  # a long job: typing goes on beside it from now on
                        self._given_up.update(self._screen_workers())
                    break  # never stuck: a screen that never settles still gets its keys
                await asyncio.sleep(0.001)
            event = self._key_backlog.popleft()
            self._noted(event)
            await App.on_event(self, event)  # type: ignore[arg-type]
            await asyncio.sleep(0)

    def _not_ready(self) -> str | None:
        """Why a key should wait now ("check", "key", "screen", "work"), or None."""
        app: Any = self
        if getattr(app, "startup_checking", False):
            return "check"
        try:
            screen = app.screen
        except Exception:  # no screen yet (starting) or none left (closing)
            return None
        # The longer waits first: a key still in flight on a screen that is mounting is waiting
        # for the screen.
        if screen is not self._last_key_screen and self._screen_settling(screen):
            return "screen"
        if self._screen_workers():
            return "work"
        if self._key_in_flight():
            return "key"
        return None

    def _key_in_flight(self) -> bool:
        """Is an earlier key (or what it set off) still queued between its widget and the app?"""
        app: Any = self
        if self._keys_handling:
            return True
        for start in (self._last_key_target, app.focused):
            node = start
            while node is not None and node is not self:
                if has_pending_messages(node):
                    return True
                node = node.parent
        return any(
            (isinstance(m, events.Key) and m.is_forwarded)
            or isinstance(m, (events.Callback, messages.InvokeLater))
            for m in app_queue(app)
        ) or bool(app._next_callbacks)

    def _screen_workers(self) -> list[Any]:
        """The workers of the screen on top still to finish (not those given up on)."""
        app: Any = self
        screen = app.screen
        return [
            w
            for w in app.workers
            if w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            and w not in self._given_up
            and _within(w.node, screen)
        ]

    @staticmethod
    def _screen_settling(screen: Screen[Any]) -> bool:
        """Is ``screen`` still mounting (itself, its widgets, their first focus)?"""
        if not screen.is_mounted:
            return True
        return any(has_pending_messages(node) for node in screen.walk_children(with_self=True))


def _within(node: object, screen: object) -> bool:
    """Is ``node`` ``screen`` or a widget on it?"""
    while node is not None:
        if node is screen:
            return True
        node = getattr(node, "parent", None)
    return False
