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

    def _load_household(self, household_id: int) -> None:
        """Every category's counts of one household in one query (a page uses several categories:
        one query each cost ~0.1 ms apiece, most of a line's completion time)."""
        rows = (
            LedgerLine.select(LedgerLine.category, LedgerLine.item, fn.COUNT(LedgerLine.id))
            .where((LedgerLine.item != "") & (LedgerLine.household == household_id))
            .group_by(LedgerLine.category, LedgerLine.item)
            .tuples()
        )
        loaded: dict[Key, dict[str, int]] = {}
        for code, item, n in rows:
            loaded.setdefault((household_id, code), {})[item] = n
        for key, counts in loaded.items():
            self._counts.setdefault(key, counts)  # one kept current meanwhile stays
        self._counts.setdefault((household_id, ""), {})  # the household is loaded (no code is "")

    def _load(self, key: Key) -> dict[str, int]:
        counts = self._counts.get(key)
        if counts is None and isinstance(key, tuple):
            if (key[0], "") not in self._counts:
                self._load_household(key[0])
            counts = self._counts.setdefault(key, {})  # loaded: a category it never used has none
        if counts is None:  # office-wide, one category
            rows = (
                LedgerLine.select(LedgerLine.item, fn.COUNT(LedgerLine.id))
                .where((LedgerLine.item != "") & (LedgerLine.category == key))
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
            if counts is None and isinstance(key, tuple) and (key[0], "") in self._counts:
                counts = self._counts[key] = {}  # the household is loaded: its first line under code
            if counts is None:
                continue  # not loaded yet: the next load reads the database
            n = counts.get(item, 0) + delta
            if n > 0:
                counts[item] = n
            else:
                counts.pop(item, None)
            self._ranked.pop(key, None)
