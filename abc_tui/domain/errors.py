"""The one error type users see: a message in Thai and in English.

Domain and store code raise :class:`AbcError` for anything a user typed or
asked for that cannot be done; the UI shows ``message(lang)`` in place and the
CLI prints it and exits with status 2. A traceback never reaches a clerk.
"""

from __future__ import annotations


class AbcError(ValueError):
    """A user-facing error carrying a Thai and an English message."""

    def __init__(self, th: str, en: str, *, field: str = "") -> None:
        super().__init__(en)
        self.th = th
        self.en = en
        #: The form field the error is about, when the raiser knows ("" = not known); a form
        #: puts the cursor there.
        self.field = field

    def message(self, lang: str = "th") -> str:
        """The message in ``lang`` ("th" or "en")."""
        return self.en if lang == "en" else self.th

    def __str__(self) -> str:  # both languages: logs and CLI output
        return f"{self.th} / {self.en}"
