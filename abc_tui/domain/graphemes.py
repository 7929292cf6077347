"""Grapheme-cluster helpers for Thai (and any other) text.

Thai writes tone marks and above/below vowels as separate code points that
combine with the preceding consonant: ``"น้ำ"`` is three code points (น, ้, ำ)
but one user-perceived character.  Anything that moves a cursor or deletes
"one character" must therefore work on *extended grapheme clusters*
(Unicode UAX #29, the ``regex`` package's ``\\X``), never on code points.

All positions here are code-point indices into a Python ``str``, as used by
text widgets.  A *boundary* is an index at which a cursor may rest: ``0``,
``len(text)`` and every index between two clusters.

Pure Python; this module must never import textual.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

__all__ = [
    "grapheme_boundaries",
    "grapheme_clusters",
    "is_boundary",
    "next_boundary",
    "next_word_start",
    "previous_boundary",
    "previous_word_start",
    "snap_to_boundary",
]

_CLUSTER = regex.compile(r"\X")
# ``regex``'s \w includes combining marks (unlike ``re``'s), so "้" counts
# as part of a word.
_WORD_CHAR = regex.compile(r"\w")


def grapheme_clusters(text: str) -> list[str]:
    """Split ``text`` into extended grapheme clusters."""
    return _CLUSTER.findall(text)


def grapheme_boundaries(text: str) -> list[int]:
    """Return every cursor-safe index of ``text``, ascending.

    Always starts with ``0`` and ends with ``len(text)``; ``""`` gives ``[0]``.

    >>> grapheme_boundaries("น้ำมัน")
    [0, 3, 5, 6]
    """
    boundaries = [0]
    boundaries.extend(match.end() for match in _CLUSTER.finditer(text))
    return boundaries


def _clamp(text: str, index: int) -> int:
    return max(0, min(len(text), index))


def is_boundary(text: str, index: int) -> bool:
    """True if ``index`` is a cluster boundary of ``text`` (out-of-range is False)."""
    if not 0 <= index <= len(text):
        return False
    boundaries = grapheme_boundaries(text)
    position = bisect_left(boundaries, index)
    return position < len(boundaries) and boundaries[position] == index


def previous_boundary(text: str, index: int) -> int:
    """The nearest boundary strictly before ``index`` (``0`` if there is none)."""
    boundaries = grapheme_boundaries(text)
    position = bisect_left(boundaries, _clamp(text, index))
    return boundaries[position - 1] if position > 0 else 0


def next_boundary(text: str, index: int) -> int:
    """The nearest boundary strictly after ``index`` (``len(text)`` if none)."""
    boundaries = grapheme_boundaries(text)
    position = bisect_right(boundaries, _clamp(text, index))
    return boundaries[position] if position < len(boundaries) else len(text)


def snap_to_boundary(text: str, index: int, *, forward: bool = False) -> int:
    """Clamp ``index`` into ``text`` and move it out of any cluster it splits.

    A boundary is returned unchanged.  Inside a cluster, go to the cluster's
    start, or to its end when ``forward`` is true.
    """
    index = _clamp(text, index)
    boundaries = grapheme_boundaries(text)
    position = bisect_left(boundaries, index)
    if boundaries[position] == index:
        return index
    return boundaries[position] if forward else boundaries[position - 1]


def _word_starts(text: str) -> list[int]:
    """Boundaries where a word cluster follows a non-word cluster.

    Mirrors Textual's ``(?<=\\W)\\w`` rule, but per cluster, so index 0 is
    never a word start.  Thai has no spaces between words, so in practice a
    "word" here is a space/punctuation-delimited run.
    """
    starts: list[int] = []
    previous_is_word = True
    position = 0
    for cluster in _CLUSTER.findall(text):
        is_word = _WORD_CHAR.match(cluster) is not None
        if is_word and not previous_is_word:
            starts.append(position)
        previous_is_word = is_word
        position += len(cluster)
    return starts


def previous_word_start(text: str, index: int) -> int:
    """Start of the word before ``index`` (``0`` if there is none)."""
    index = _clamp(text, index)
    earlier = [start for start in _word_starts(text) if start < index]
    return earlier[-1] if earlier else 0


def next_word_start(text: str, index: int) -> int:
    """Start of the next word after ``index`` (``len(text)`` if there is none)."""
    index = _clamp(text, index)
    for start in _word_starts(text):
        if start > index:
            return start
    return len(text)
