"""Checkpoints from the program: the main database file holds every save once idle.

Explorer (or a clerk copying the file to a USB stick) copies ``abc.sqlite3`` without its
``-wal`` file, where recent saves sit. :func:`abc_tui.store.database.checkpoint` folds
them in; the program calls it when a ledger page is closed, when nothing has been saved
for :data:`IDLE_SECONDS`, and on exit (``run_tui``).
"""

from __future__ import annotations

from textual.app import App

from abc_tui.store.database import checkpoint, wal_bytes

#: Seconds between looks at the log; a log that has not grown since the last look is folded in.
IDLE_SECONDS = 20


class IdleCheckpoint:
    def __init__(self) -> None:
        self._last = -1

    def tick(self) -> None:
        size = wal_bytes()
        if size and size == self._last:  # nothing saved since the last look: idle
            checkpoint()
            size = wal_bytes()
        self._last = size


def start_idle_checkpoint(app: App) -> IdleCheckpoint:
    idle = IdleCheckpoint()
    app.set_interval(IDLE_SECONDS, idle.tick)
    return idle


def page_closed() -> None:
    """A ledger page was left (another page, another screen): fold its lines into the file."""
    checkpoint()
