"""Typing helpers for Textual Pilot tests.

``pilot.press("น", "้", "ำ")`` gives "นำ": Pilot turns each non-alphanumeric
character into a key *name* ("thai_character_mai_tho") and then fails to map
that name back to a character, so the key event arrives with
``character=None`` and Input ignores it.  This drops every Thai tone mark and
above/below vowel, and also "฿", "๏", "๚", "๛" and "€" (ASCII punctuation
survives).  ``type_text`` instead posts the key events a real terminal would
produce (same key names as Textual's xterm parser) with the character kept.

Usage::

    from tests.ui.keys import type_text

    await type_text(pilot, "ค่าไฟ 1,234.50")
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.pilot import Pilot

from abc_tui.ui.typeahead import character_to_key as _character_to_key  # Textual's own key names

__all__ = ["burst", "key_event_for", "key_events", "type_text"]

# Control characters a terminal sends as named keys.
_SPECIAL: dict[str, tuple[str, str]] = {
    "\n": ("enter", "\r"),
    "\r": ("enter", "\r"),
    "\t": ("tab", "\t"),
}


def key_event_for(character: str) -> events.Key:
    """The ``events.Key`` a terminal would deliver for ``character``."""
    if len(character) != 1:
        raise ValueError(f"expected a single character, got {character!r}")
    key, char = _SPECIAL.get(character, (_character_to_key(character), character))
    return events.Key(key, char)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` one character at a time as real key events.

    Combining marks (Thai tone marks, above/below vowels) are kept, as are
    Thai digits and punctuation such as "+ , . /".  "\\n" presses Enter and
    "\\t" presses Tab.  Each key is processed before the next is sent (so
    focus changes and bindings behave as with real typing), and the screen
    is settled with ``pilot.pause()`` at the end.
    """
    app = pilot.app
    for character in text:
        event = key_event_for(character)
        event.set_sender(app)
        app.post_message(event)
        await pilot.pause()
    await pilot.pause()


_NAMED_CHARS = {"enter": "\r", "escape": "\x1b", "space": " ", "tab": "\t", "backspace": "\x7f"}


def key_events(text: str) -> list[events.Key]:
    """Key events for ``text``, where ``<f2>``, ``<enter>``, ``<down>`` … name a key."""
    out: list[events.Key] = []
    i = 0
    while i < len(text):
        if text[i] == "<" and ">" in text[i:]:
            end = text.index(">", i)
            name = text[i + 1 : end]
            out.append(events.Key(name, _NAMED_CHARS.get(name)))
            i = end + 1
        else:
            out.append(key_event_for(text[i]))
            i += 1
    return out


async def burst(pilot: Pilot[Any], text: str, timeout: float = 20.0) -> None:
    """Post every key of ``text`` (see :func:`key_events`) at once, as a fast typist's burst
    reaches a slow PC, without waiting for any to be handled; then let them all settle."""
    import asyncio

    app = pilot.app
    for event in key_events(text):
        event.set_sender(app)
        app.post_message(event)
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        await asyncio.sleep(0.01)
        if app.typing_settled() and not any(w.is_running for w in app.workers):
            await pilot.pause()
            if app.typing_settled():
                break
    await pilot.pause()
