"""Item completion for ledger entry: the items written under each category, most used first.

:class:`ItemCompleter` loads a category's items once with one aggregate query and is kept
current as lines are saved, edited and removed (the page session tells it).
"""

from __future__ import annotations

from peewee import fn

from abc_tui.store.models import LedgerLine

__all__ = ["ItemCompleter"]


#: A list of counts: a category office-wide (``"31"``), or one household's under it (``(7, "31")``).
Key = str | tuple[int, str]


class ItemCompleter:
    """Items written under each category, most used first: the household's own first, then the office's.

    ``complete(code, prefix, household_id)`` returns the first item of the household's own
    ranking under ``code`` that starts with ``prefix`` (case-insensitively), else the first of
    the office-wide ranking; None when none does, or when that best match is exactly what was
    typed. A household writes the same few things month after month ("ข้าวสาร", its own
    shop), which the office's most used item under the category often is not.
    """

    def __init__(self) -> None:
        self._counts: dict[Key, dict[str, int]] = {}
        self._ranked: dict[Key, list[tuple[str, str]]] = {}

    def _load(self, key: Key) -> dict[str, int]:
        counts = self._counts.get(key)
        if counts is None:
            where = LedgerLine.item != ""
            if isinstance(key, tuple):
                where &= (LedgerLine.household == key[0]) & (LedgerLine.category == key[1])
            else:
                where &= LedgerLine.category == key
            rows = (
                LedgerLine.select(LedgerLine.item, fn.COUNT(LedgerLine.id))
                .where(where)
                .group_by(LedgerLine.item)
                .tuples()
            )
            counts = {item: n for item, n in rows}
            self._counts[key] = counts
        return counts

    def ranked(self, code: str, household_id: int | None = None) -> list[str]:
        """Every item used under ``code`` (by the household, when given), most used first (ties alphabetical)."""
        return [item for item, _ in self._ranking(code if household_id is None else (household_id, code))]

    def _ranking(self, key: Key) -> list[tuple[str, str]]:
        ranking = self._ranked.get(key)
        if ranking is None:
            counts = self._load(key)
            ranking = [(item, item.casefold()) for item in sorted(counts, key=lambda i: (-counts[i], i))]
            self._ranked[key] = ranking
        return ranking

    def complete(self, code: str | None, prefix: str, household_id: int | None = None) -> str | None:
        if not code or not prefix.strip():
            return None
        want = prefix.casefold()
        keys: tuple[Key, ...] = (code,) if household_id is None else ((household_id, code), code)
        for key in keys:
            for item, folded in self._ranking(key):
                if folded.startswith(want):
                    return None if len(item) == len(prefix) else item
        return None

    def used(self, code: str, item: str, delta: int = 1, household_id: int | None = None) -> None:
        """Record that a line with ``item`` under ``code`` was saved (+1) or removed (-1)."""
        if not item:
            return
        for key in (code,) if household_id is None else (code, (household_id, code)):
            counts = self._counts.get(key)
            if counts is None:
                continue  # not loaded yet: the next load reads the database
            n = counts.get(item, 0) + delta
            if n > 0:
                counts[item] = n
            else:
                counts.pop(item, None)
            self._ranked.pop(key, None)
