"""Item completion for ledger entry: the items written under each category, most used first.

:class:`ItemCompleter` loads a category's items once with one aggregate query and is kept
current as lines are saved, edited and removed (the page session tells it).
"""

from __future__ import annotations

from peewee import fn

from abc_tui.store.models import LedgerLine

__all__ = ["ItemCompleter"]


class ItemCompleter:
    """Items this office has written under each category, most used first.

    ``complete(code, prefix)`` returns the first ranked item that starts with
    ``prefix`` (case-insensitively) and is longer than it, or None when none
    does or when the best match is exactly what was typed.
    """

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {}
        self._ranked: dict[str, list[tuple[str, str]]] = {}

    def _load(self, code: str) -> dict[str, int]:
        counts = self._counts.get(code)
        if counts is None:
            rows = (
                LedgerLine.select(LedgerLine.item, fn.COUNT(LedgerLine.id))
                .where((LedgerLine.category == code) & (LedgerLine.item != ""))
                .group_by(LedgerLine.item)
                .tuples()
            )
            counts = {item: n for item, n in rows}
            self._counts[code] = counts
        return counts

    def ranked(self, code: str) -> list[str]:
        """Every item used under ``code``, most used first (ties alphabetical)."""
        return [item for item, _ in self._ranking(code)]

    def _ranking(self, code: str) -> list[tuple[str, str]]:
        ranking = self._ranked.get(code)
        if ranking is None:
            counts = self._load(code)
            ranking = [(item, item.casefold()) for item in sorted(counts, key=lambda i: (-counts[i], i))]
            self._ranked[code] = ranking
        return ranking

    def complete(self, code: str | None, prefix: str) -> str | None:
        if not code or not prefix.strip():
            return None
        want = prefix.casefold()
        for item, folded in self._ranking(code):
            if folded.startswith(want):
                return None if len(item) == len(prefix) else item
        return None

    def used(self, code: str, item: str, delta: int = 1) -> None:
        """Record that a line with ``item`` under ``code`` was saved (+1) or removed (-1)."""
        if not item or code not in self._counts:
            return  # not loaded yet: the next load reads the database
        counts = self._counts[code]
        n = counts.get(item, 0) + delta
        if n > 0:
            counts[item] = n
        else:
            counts.pop(item, None)
        self._ranked.pop(code, None)
