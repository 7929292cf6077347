"""Waiting in Pilot tests for a screen's background work (workers) to reach the screen."""

from __future__ import annotations

import asyncio


async def settle(pilot, timeout: float = 20.0) -> None:
    """Let workers finish and their results reach the screen."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                return
    raise AssertionError("workers still running")
